import { memoryMetricsStore } from '@gong/core/adapters/memory/metrics-store';
import { syntheticRecords } from '@gong/core/analysis/synthetic-run';
import type { ExchangeRecord } from '@gong/core/domain/exchange';
import { encodeBody } from '@gong/core/messages/codec';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import { ManualClock } from '@gong/core/ports/clock';
import type { MetricsStore } from '@gong/core/ports/metrics-store';
import { createAnalyzerHandler } from '@gong/functions/analyzer/handler';
import type { LifecycleEvent } from '@gong/functions/analyzer/process-sqs-event';
import type { SqsEvent } from '@gong/functions/analyzer/sqs-event';
import { summarizeRun } from '@gong/functions/results/summarize-run';
import { describe, expect, it } from 'vitest';
import { aBatch, anExchange, T0 } from './exchange-builders';

let msg = 0;
function sqsEvent(bodies: string[], receiveCount = 1): SqsEvent {
  return {
    Records: bodies.map((body) => ({
      messageId: `m${++msg}`,
      body,
      attributes: { ApproximateReceiveCount: String(receiveCount) },
    })),
  };
}

function batchesOf(records: ExchangeRecord[], size: number): WorkerEvent[] {
  const out: WorkerEvent[] = [];
  for (let i = 0; i < records.length; i += size) {
    out.push(aBatch(records.slice(i, i + size), { batchId: `batch-${i / size}` }));
  }
  return out;
}

function analyzer(store: MetricsStore = memoryMetricsStore()) {
  const logs: Record<string, unknown>[] = [];
  const events: LifecycleEvent[] = [];
  const handler = createAnalyzerHandler({
    metrics: store,
    log: (e) => logs.push(e),
    onEvent: async (e) => {
      events.push(e);
    },
  });
  return { store, handler, logs, events };
}

const clock = new ManualClock(T0 + 3_600_000);
const tenMinutes = () =>
  [
    ...syntheticRecords({
      tenantId: 'tenant-a',
      runId: 'run-1',
      startMs: T0,
      durationSec: 600,
      operators: 3,
      numbers: 300,
      records: 60_000,
      seed: 7,
    }),
  ] as ExchangeRecord[];

describe('analyzer handler', () => {
  it('a 10-minute run: totals match the records, within the write budget, redelivery and reordering change nothing', async () => {
    const records = tenMinutes();
    const bodies = batchesOf(records, 500).map(encodeBody);

    const a = analyzer();
    for (let i = 0; i < bodies.length; i += 10) {
      expect((await a.handler(sqsEvent(bodies.slice(i, i + 10)))).batchItemFailures).toEqual([]);
    }
    const writes = a.store.counters().writeRequests;
    const items = a.store.counters().itemsWritten;
    expect((writes / records.length) * 1000).toBeLessThanOrEqual(10);
    const once = await summarizeRun({ metrics: a.store, clock }, 'tenant-a', 'run-1', { store: false });

    // every batch delivered twice more, in reverse order, in mixed SQS events
    for (const round of [0, 1]) {
      const again = [...bodies].reverse();
      for (let i = round; i < again.length; i += 7) await a.handler(sqsEvent(again.slice(i, i + 7), 2));
      await a.handler(sqsEvent(again, 3));
    }
    expect(a.store.counters().itemsWritten).toBe(items);
    const twice = await summarizeRun({ metrics: a.store, clock }, 'tenant-a', 'run-1', { store: false });
    expect(twice).toEqual(once);

    // a fresh analyzer fed in shuffled order computes the same summary
    const b = analyzer();
    const shuffled = bodies
      .map((body, i) => ({ body, k: (i * 7919) % bodies.length }))
      .sort((x, y) => x.k - y.k);
    await b.handler(sqsEvent(shuffled.map((s) => s.body)));
    expect(await summarizeRun({ metrics: b.store, clock }, 'tenant-a', 'run-1', { store: false })).toEqual(
      once,
    );

    // totals against the records themselves
    const count = (v: string) => records.filter((r) => r.verdict === v).length;
    expect(once.totals.sent).toBe(60_000);
    expect(once.totals.unanswered).toBe(count('unanswered'));
    expect(once.totals.invalid).toBe(count('invalid'));
    expect(once.totals.valid).toBe(count('valid'));
    expect(once.dropPct).toBeCloseTo((count('unanswered') / 60_000) * 100, 10);
    expect(once.durationSec).toBe(600);
    expect(once.numberCount).toBe(300);
    expect(once.perOperator.map((o) => o.totals.sent)).toEqual([20_000, 20_000, 20_000]);
    const latencies = records
      .flatMap((r) => (r.replyAt === undefined ? [] : [r.replyAt - r.intendedAt]))
      .sort((x, y) => x - y);
    const exactP95 = latencies[Math.ceil(0.95 * latencies.length) - 1] ?? 0;
    expect(Math.abs(once.latency.intended.p95 - exactP95)).toBeLessThanOrEqual(exactP95 / 128 + 0.001);
    expect(once.latency.intended.max).toBe(latencies.at(-1));
    expect(once.histogram.bins.length).toBeLessThanOrEqual(100);
    expect(once.histogram.bins.every((b) => b.count >= 10)).toBe(true);
    expect(once.histogram.bins.reduce((s, b) => s + b.count, 0)).toBe(latencies.length);
    expect(once.latencyVsRate.points).toHaveLength(600);
    expect(once.mismatches).toHaveLength(5);
  }, 180_000);

  it('reports poison messages as failures and logs the reason on the first and the last receive', async () => {
    const a = analyzer();
    const good = encodeBody(aBatch([anExchange()]));
    const notJson = 'this is not json';
    const badSchema = JSON.stringify({ type: 'results.batch', v: 1, batchId: 'x' });
    const foreign = encodeBody(aBatch([anExchange({ tenantId: 'tenant-b' })]));
    const event = sqsEvent([good, notJson, badSchema, foreign]);
    const result = await a.handler(event);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      event.Records.slice(1).map((r) => r.messageId),
    );
    expect(a.logs).toHaveLength(3);
    expect(a.logs.map((l) => l.level)).toEqual(['error', 'error', 'error']);
    expect(String(a.logs[1]?.reason)).toMatch(/records/);
    expect(String(a.logs[2]?.reason)).toMatch(/tenant-b/);

    a.logs.length = 0;
    await a.handler(sqsEvent([notJson], 3));
    expect(a.logs).toEqual([]);
    await a.handler(sqsEvent([notJson], 5));
    expect(a.logs).toEqual([expect.objectContaining({ msg: expect.stringMatching(/dead-letter/) })]);
  });

  it('fails only the messages the store could not apply, and applies them on retry', async () => {
    const real = memoryMetricsStore();
    let failNext = true;
    const flaky: MetricsStore = Object.assign(Object.create(real), {
      applyBatch: async (...args: Parameters<MetricsStore['applyBatch']>) => {
        if (failNext) {
          failNext = false;
          throw new Error('ProvisionedThroughputExceeded');
        }
        return real.applyBatch(...args);
      },
    });
    const a = analyzer(flaky);
    const event = sqsEvent([
      encodeBody(aBatch([anExchange()])),
      encodeBody(aBatch([anExchange({ sentAt: T0 + 5 })])),
    ]);
    const first = await a.handler({ Records: [event.Records[0]!] });
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]?.messageId }]);
    expect(a.logs[0]).toMatchObject({ level: 'warn', reason: expect.stringMatching(/Throughput/) });
    expect((await a.handler(event)).batchItemFailures).toEqual([]);
    expect((await real.runCells('tenant-a', 'run-1'))[0]?.sent).toBe(2);
  });

  it('hands lifecycle events to the hook', async () => {
    const a = analyzer();
    const done: WorkerEvent = {
      type: 'run.done',
      v: 1,
      tenantId: 'tenant-a',
      runId: 'run-1',
      workerId: 'w',
      at: T0,
      sent: 3,
      reconnects: 0,
      maxLagMs: 0,
    };
    expect((await a.handler(sqsEvent([encodeBody(done)]))).batchItemFailures).toEqual([]);
    expect(a.events).toEqual([done]);
  });

  it('accepts gzip bodies (large batches)', async () => {
    const a = analyzer();
    const records = tenMinutes().slice(0, 3000);
    const body = encodeBody(aBatch(records));
    expect(body.startsWith('gz1:')).toBe(true);
    expect((await a.handler(sqsEvent([body]))).batchItemFailures).toEqual([]);
    expect((await a.store.runBatches('tenant-a', 'run-1')).records).toBe(3000);
  });
});
