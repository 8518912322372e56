import { isDomainError } from '@gong/core/domain/errors';
import type { QueueDef } from '@gong/core/infra/resources';
import type { QueuePort, ReceivedMessage } from '@gong/core/ports/queue';
import { describe, expect, it } from 'vitest';
import { uniqueId } from '../support/builders';

export interface QueueContractSetup {
  /** A QueuePort on which the given queues exist (and are empty). */
  makeQueue(defs: QueueDef[]): Promise<QueuePort>;
  /** Lets `ms` pass for the queue: a real sleep for SQS, `advance` for a manual clock. */
  elapse(ms: number): Promise<void>;
}

function defs(maxReceiveCount = 2): { main: QueueDef; dlq: QueueDef; all: QueueDef[] } {
  const name = uniqueId('q');
  const dlq: QueueDef = {
    name: `${name}-dlq`,
    fifo: false,
    visibilityTimeoutSec: 30,
    receiveWaitSec: 0,
    retentionSec: 3600,
  };
  const main: QueueDef = {
    name,
    fifo: false,
    visibilityTimeoutSec: 30,
    receiveWaitSec: 0,
    retentionSec: 3600,
    deadLetter: { name: dlq.name, maxReceiveCount },
  };
  return { main, dlq, all: [dlq, main] };
}

/** Receives until `count` messages arrived or `attempts` receives came back empty-handed. */
async function drain(
  queue: QueuePort,
  name: string,
  count: number,
  attempts = 5,
): Promise<ReceivedMessage[]> {
  const got: ReceivedMessage[] = [];
  for (let misses = 0; got.length < count && misses < attempts; ) {
    const batch = await queue.receive(name, { max: 10, waitSeconds: 0 });
    if (batch.length === 0) misses += 1;
    got.push(...batch);
  }
  return got;
}

/** What every QueuePort must do: at-least-once delivery with visibility timeouts and a DLQ. */
export function queueContract(name: string, setup: QueueContractSetup) {
  describe(`QueuePort contract: ${name}`, () => {
    it('delivers what was sent, once per receive, and forgets acked messages', async () => {
      const { main, all } = defs();
      const queue = await setup.makeQueue(all);
      const before = Date.now();

      const ids = await queue.send(main.name, ['a', 'b', 'c']);
      const got = await drain(queue, main.name, 3);
      const again = await queue.receive(main.name, { waitSeconds: 0 });
      await queue.ack(
        main.name,
        got.map((m) => m.receipt),
      );

      expect(new Set(ids).size).toBe(3);
      expect(got.map((m) => m.body).sort()).toEqual(['a', 'b', 'c']);
      expect(got.map((m) => m.id).sort()).toEqual([...ids].sort());
      expect(got.every((m) => m.receiveCount === 1)).toBe(true);
      expect(got.every((m) => m.sentAt >= before - 5_000 && m.sentAt <= Date.now() + 5_000)).toBe(true);
      expect(again).toEqual([]);
      expect(await queue.depth(main.name)).toBe(0);
    });

    it('sends more than 10 bodies in one call (batched) and delivers them all', async () => {
      const { main, all } = defs();
      const queue = await setup.makeQueue(all);
      const bodies = Array.from({ length: 25 }, (_, i) => `body-${i}`);

      const ids = await queue.send(main.name, bodies);
      const depth = await queue.depth(main.name);
      const got = await drain(queue, main.name, 25);

      expect(ids).toHaveLength(25);
      expect(depth).toBe(25);
      expect(got.map((m) => m.body).sort()).toEqual([...bodies].sort());
    });

    it('redelivers an unacked message after its visibility timeout, with a higher receiveCount', async () => {
      const { main, all } = defs(5);
      const queue = await setup.makeQueue(all);
      const [id] = await queue.send(main.name, ['hello']);

      const first = await queue.receive(main.name, { visibilityTimeoutSec: 1, waitSeconds: 0 });
      const hidden = await queue.receive(main.name, { waitSeconds: 0 });
      await setup.elapse(1_500);
      const second = await drain(queue, main.name, 1);

      expect(first.map((m) => [m.id, m.receiveCount])).toEqual([[id, 1]]);
      expect(hidden).toEqual([]);
      expect(second.map((m) => [m.id, m.body, m.receiveCount])).toEqual([[id, 'hello', 2]]);
      expect(second[0]?.receipt).not.toBe(first[0]?.receipt);
    });

    it('ignores an ack with a stale receipt: the redelivered message stays until its own receipt is acked', async () => {
      const { main, all } = defs(5);
      const queue = await setup.makeQueue(all);
      await queue.send(main.name, ['slow consumer']);
      const [first] = await queue.receive(main.name, { visibilityTimeoutSec: 1, waitSeconds: 0 });
      await setup.elapse(1_500);
      const [second] = await drain(queue, main.name, 1);

      await queue.ack(main.name, [first?.receipt ?? '']);
      await queue.release(main.name, second?.receipt ?? '', 0);
      const third = await drain(queue, main.name, 1);
      await queue.ack(main.name, [third[0]?.receipt ?? '']);

      expect(third.map((m) => [m.body, m.receiveCount])).toEqual([['slow consumer', 3]]);
      expect(await queue.receive(main.name, { waitSeconds: 0 })).toEqual([]);
    });

    it('moves a message to the dead-letter queue after maxReceiveCount deliveries', async () => {
      const { main, dlq, all } = defs(2);
      const queue = await setup.makeQueue(all);
      await queue.send(main.name, ['poison']);

      const first = await queue.receive(main.name, { visibilityTimeoutSec: 1, waitSeconds: 0 });
      await setup.elapse(1_500);
      const second = await queue.receive(main.name, { visibilityTimeoutSec: 1, waitSeconds: 0 });
      await setup.elapse(1_500);
      const third = await queue.receive(main.name, { visibilityTimeoutSec: 1, waitSeconds: 0 });
      const dead = await drain(queue, dlq.name, 1);

      expect(first.map((m) => m.receiveCount)).toEqual([1]);
      expect(second.map((m) => m.receiveCount)).toEqual([2]);
      expect(third).toEqual([]);
      expect(dead.map((m) => m.body)).toEqual(['poison']);
    });

    it('returns from a long poll as soon as a message arrives', async () => {
      const { main, all } = defs();
      const queue = await setup.makeQueue(all);
      const started = Date.now();

      const polling = queue.receive(main.name, { waitSeconds: 10 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await queue.send(main.name, ['wake up']);
      const got = await polling;

      expect(got.map((m) => m.body)).toEqual(['wake up']);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('returns an empty list when a long poll times out', async () => {
      const { main, all } = defs();
      const queue = await setup.makeQueue(all);

      const polling = queue.receive(main.name, { waitSeconds: 1 });
      await setup.elapse(1_000);
      const got = await polling;

      expect(got).toEqual([]);
    });

    it('makes a released message visible again at once', async () => {
      const { main, all } = defs(5);
      const queue = await setup.makeQueue(all);
      await queue.send(main.name, ['retry me']);

      const [first] = await queue.receive(main.name, { visibilityTimeoutSec: 60, waitSeconds: 0 });
      await queue.release(main.name, first?.receipt ?? '', 0);
      const again = await drain(queue, main.name, 1);

      expect(again.map((m) => [m.body, m.receiveCount])).toEqual([['retry me', 2]]);
    });

    it('holds back a delayed message until its delay has passed', async () => {
      const { main, all } = defs();
      const queue = await setup.makeQueue(all);

      await queue.send(main.name, ['later'], { delaySeconds: 1 });
      const early = await queue.receive(main.name, { waitSeconds: 0 });
      await setup.elapse(1_500);
      const late = await drain(queue, main.name, 1);

      expect(early).toEqual([]);
      expect(late.map((m) => m.body)).toEqual(['later']);
    });

    it('purges a queue', async () => {
      const { main, all } = defs();
      const queue = await setup.makeQueue(all);
      await queue.send(main.name, ['x', 'y']);

      await queue.purge(main.name);

      expect(await queue.receive(main.name, { waitSeconds: 0 })).toEqual([]);
    });

    it('fails clearly on an unknown queue and on a body that is too large', async () => {
      const { main, all } = defs();
      const queue = await setup.makeQueue(all);

      const unknown = await queue.send('no-such-queue', ['x']).catch((e: unknown) => e);
      const tooLarge = await queue.send(main.name, ['x'.repeat(300 * 1024)]).catch((e: unknown) => e);

      expect(isDomainError(unknown, 'NOT_FOUND')).toBe(true);
      expect(isDomainError(tooLarge, 'VALIDATION')).toBe(true);
    });
  });
}
