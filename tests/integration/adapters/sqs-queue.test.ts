import { ensureQueueDefs, ensureQueues } from '@gong/core/adapters/aws/ensure-queues';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { isDomainError } from '@gong/core/domain/errors';
import { allQueues, RESULTS_QUEUE } from '@gong/core/infra/resources';
import { describe, expect, it } from 'vitest';
import { queueContract } from '../../contract/queue-contract';
import { testAwsConfig } from '../../support/aws-env';

const config = testAwsConfig('sqs');

queueContract('SQS on fauxqs', {
  makeQueue: async (defs) => {
    await ensureQueueDefs(config, defs);
    return new SqsQueue(config);
  },
  elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

describe('SQS adapter specifics', () => {
  it('creates every queue of resources.ts (DLQs first) idempotently, with the redrive policy', async () => {
    const own = testAwsConfig('sqs-all');

    const first = await ensureQueues(own, 2);
    const second = await ensureQueues(own, 2);
    const queue = new SqsQueue(own);
    await queue.send(RESULTS_QUEUE.name, ['{"type":"ping"}']);

    expect([...first.keys()]).toEqual(allQueues(2).map((q) => q.name));
    expect(second).toEqual(first);
    expect(await queue.depth(RESULTS_QUEUE.name)).toBe(1);
  });

  it('refuses a queue whose dead-letter queue is not listed before it', async () => {
    const own = testAwsConfig('sqs-bad');

    const error = await ensureQueueDefs(own, [
      { ...RESULTS_QUEUE, deadLetter: { name: 'nowhere', maxReceiveCount: 2 } },
    ]).catch((e: unknown) => e);

    expect(isDomainError(error, 'VALIDATION')).toBe(true);
  });

  it('fails a release of a receipt that is no longer in flight with VALIDATION', async () => {
    const own = testAwsConfig('sqs-rel');
    await ensureQueueDefs(own, [{ ...RESULTS_QUEUE, deadLetter: undefined }]);
    const queue = new SqsQueue(own);
    await queue.send(RESULTS_QUEUE.name, ['x']);
    const [message] = await queue.receive(RESULTS_QUEUE.name, { waitSeconds: 0 });
    await queue.ack(RESULTS_QUEUE.name, [message?.receipt ?? '']);

    const error = await queue.release(RESULTS_QUEUE.name, message?.receipt ?? '', 0).catch((e: unknown) => e);

    expect(isDomainError(error, 'VALIDATION')).toBe(true);
  });
});
