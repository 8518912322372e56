import { ensureQueueDefs } from '@gong/core/adapters/aws/ensure-queues';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import type { QueueDef } from '@gong/core/infra/resources';
import { decodeBody } from '@gong/core/messages/codec';
import { WorkerEvent } from '@gong/core/messages/worker-event';
import { Exchange } from '@gong/smpp-fleet/worker/exchange';
import { memoryLogger } from '@gong/smpp-fleet/worker/logger';
import { compileExpectation } from '@gong/smpp-fleet/worker/matcher';
import { ThreadedResultSink } from '@gong/smpp-fleet/worker/result-thread';
import { afterAll, describe, expect, it } from 'vitest';
import { testAwsConfig } from '../../support/aws-env';

const QUEUE: QueueDef = {
  name: 'results',
  fifo: false,
  visibilityTimeoutSec: 30,
  receiveWaitSec: 1,
  retentionSec: 3600,
};
const config = testAwsConfig('resthread');
const queue = new SqsQueue(config);
// the thread builds its SQS client from the environment, like the worker process does
Object.assign(process.env, {
  AWS_REGION: config.region,
  AWS_ENDPOINT_URL_SQS: config.sqsEndpoint,
  GONG_PREFIX: config.prefix,
});

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const scope = { kind: 'run' as const, runId: 'run-1' };
const expectation = { kind: 'exact' as const, text: 'pong' };

function settled(i: number): Exchange {
  const ex = new Exchange(
    'x',
    i,
    'tenant-a',
    scope,
    'op-a',
    `4072${String(i % 500).padStart(7, '0')}`,
    0,
    'ECHO pong',
    'auto',
    expectation,
    compileExpectation(expectation),
    10_000,
    T0 + i * 0.25,
    () => {},
  );
  ex.sentAt = ex.intendedAt + 0.4;
  ex.respAt = ex.sentAt + 1.3;
  ex.respStatus = 0;
  if (i % 10 === 0) {
    ex.verdict = 'unanswered';
  } else {
    ex.replyAt = ex.sentAt + 49.6;
    ex.replyText = 'pong';
    ex.verdict = 'valid';
  }
  return ex;
}

async function drain(): Promise<WorkerEvent[]> {
  const out: WorkerEvent[] = [];
  for (let idle = 0; idle < 3; ) {
    const got = await queue.receive(QUEUE.name, { max: 10, waitSeconds: 1 });
    if (got.length === 0) {
      idle++;
      continue;
    }
    idle = 0;
    for (const m of got) out.push(decodeBody(WorkerEvent, m.body));
    await queue.ack(
      QUEUE.name,
      got.map((m) => m.receipt),
    );
  }
  return out;
}

describe('results thread', () => {
  const sink = new ThreadedResultSink(
    { queueName: QUEUE.name, workerId: 'w1', sink: { maxRecords: 2000, lingerMs: 200 } },
    memoryLogger(),
  );
  afterAll(() => sink.close());

  it('ships every record, with exact-time buckets, and an event after the records before it', async () => {
    await ensureQueueDefs(config, [QUEUE]);
    const n = 5000;
    for (let i = 0; i < n; i++) sink.addExchange(settled(i));
    const stray = settled(n).toRecord('-L1');
    sink.addStray({ ...stray, verdict: 'late' });
    sink.event({
      type: 'run.done',
      v: 1,
      tenantId: 'tenant-a',
      runId: 'run-1',
      workerId: 'w1',
      at: T0,
      sent: n,
      maxLagMs: 0,
      reconnects: 0,
    });
    await sink.flush();
    expect(sink.stats.records).toBe(n + 1);
    expect(sink.stats.batches).toBeGreaterThanOrEqual(3);

    const events = await drain();
    const doneAt = events.findIndex((e) => e.type === 'run.done');
    expect(doneAt).toBe(events.length - 1);
    const records = events.flatMap((e) => (e.type === 'results.batch' ? e.records : []));
    expect(records).toHaveLength(n + 1);
    expect(new Set(records.map((r) => r.id)).size).toBe(n + 1);
    expect(records.filter((r) => r.verdict === 'late')).toHaveLength(1);
    expect(records.filter((r) => r.verdict === 'unanswered')).toHaveLength(n / 10);
    const x7 = records.find((r) => r.id === 'x7');
    expect(x7).toMatchObject({ intendedAt: T0 + 2, sentAt: T0 + 2, replyAt: T0 + 52, replyText: 'pong' });

    let sent = 0;
    let answered = 0;
    let latencySum = 0;
    for (const e of events) {
      if (e.type !== 'results.batch') continue;
      for (const b of e.buckets) {
        sent += b.sent;
        answered += b.verdicts.valid ?? 0;
        latencySum += b.latencyActual?.sum ?? 0;
      }
    }
    expect(sent).toBe(n);
    expect(answered).toBe(n - n / 10);
    // exact (sub-ms) reply − send times reach the histograms, not the rounded record times
    expect(latencySum / answered).toBeCloseTo(49.6, 1);
  }, 60_000);
});
