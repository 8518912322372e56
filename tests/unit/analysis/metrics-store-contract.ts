import { aggregateBatch } from '@gong/core/analysis/batch-aggregate';
import { mergeNumberDeltas } from '@gong/core/analysis/number-stats';
import { buildSummary } from '@gong/core/analysis/summary';
import type { MetricsStore } from '@gong/core/ports/metrics-store';
import { beforeEach, describe, expect, it } from 'vitest';
import { aBatch, anExchange, T0, unanswered } from './exchange-builders';

const S0 = T0 / 1000;

function threeBatches(runId: string) {
  return [
    aBatch([anExchange({ runId, sentAt: T0 + 10 }), unanswered({ runId, sentAt: T0 + 20 })]),
    aBatch([anExchange({ runId, sentAt: T0 + 30, replyAt: T0 + 330, verdict: 'invalid' })]),
    aBatch([
      anExchange({ runId, sentAt: T0 + 1500, msisdn: '491510000002' }),
      anExchange({ runId, sentAt: T0 + 2500, operatorId: 'op-b' }),
    ]),
  ].map(aggregateBatch);
}

async function snapshot(store: MetricsStore, tenantId: string, runId: string) {
  const numbers = await store.runNumbers(tenantId, runId, { fresh: true });
  return {
    cells: await store.runCells(tenantId, runId),
    numbers: numbers.sort((a, b) => a.msisdn.localeCompare(b.msisdn)),
    batches: await store.runBatches(tenantId, runId),
  };
}

/** One behaviour, two implementations: the in-memory twin and DynamoDB (against DynamoDB Local). */
export function metricsStoreContract(name: string, makeStore: () => Promise<MetricsStore>) {
  describe(`MetricsStore contract: ${name}`, () => {
    let store: MetricsStore;
    beforeEach(async () => {
      store = await makeStore();
    });

    it('applies a batch and reads it back merged', async () => {
      for (const b of threeBatches('run-1')) await store.applyBatch('tenant-a', b);
      const snap = await snapshot(store, 'tenant-a', 'run-1');
      expect(snap.cells.map((c) => [c.operatorId, c.second - S0, c.sent, c.answered])).toEqual([
        ['op-a', 0, 3, 2],
        ['op-a', 1, 1, 1],
        ['op-b', 2, 1, 1],
      ]);
      expect(snap.cells[0]?.verdicts).toEqual({ valid: 1, unanswered: 1, invalid: 1 });
      expect(snap.numbers.map((n) => [n.msisdn, n.sent, n.responses])).toEqual([
        ['491510000001', 4, 3],
        ['491510000002', 1, 1],
      ]);
      expect(snap.batches).toMatchObject({ batches: 3, records: 5 });
      expect(snap.batches.examples.map((e) => e.verdict)).toEqual(['invalid']);
    });

    it('changes nothing when the same batch comes again', async () => {
      const batches = threeBatches('run-1');
      for (const b of batches) await store.applyBatch('tenant-a', b);
      const before = await snapshot(store, 'tenant-a', 'run-1');
      for (const b of batches) {
        const items = store.counters().itemsWritten;
        const again = await store.applyBatch('tenant-a', b);
        expect(again).toMatchObject({ applied: false, items: 0 });
        expect(again.writeRequests).toBeLessThanOrEqual(1); // at most one transaction, rejected by its marker
        expect(store.counters().itemsWritten).toBe(items);
      }
      expect(await snapshot(store, 'tenant-a', 'run-1')).toEqual(before);
    });

    it('gives the same numbers whatever the arrival order', async () => {
      const batches = threeBatches('run-1');
      for (const b of batches) await store.applyBatch('tenant-a', b);
      const inOrder = await snapshot(store, 'tenant-a', 'run-1');
      const other = await makeStore();
      for (const b of [...batches].reverse()) await other.applyBatch('tenant-a', b);
      expect(await snapshot(other, 'tenant-a', 'run-1')).toEqual(inOrder);
    });

    it('reads cells since a second', async () => {
      for (const b of threeBatches('run-1')) await store.applyBatch('tenant-a', b);
      const cells = await store.runCells('tenant-a', 'run-1', { sinceSecond: S0 + 1 });
      expect(cells.map((c) => c.second - S0)).toEqual([1, 2]);
    });

    it('keeps tenants and runs apart', async () => {
      for (const b of threeBatches('run-1')) await store.applyBatch('tenant-a', b);
      expect(await store.runCells('tenant-b', 'run-1')).toEqual([]);
      expect(await store.runNumbers('tenant-b', 'run-1')).toEqual([]);
      expect(await store.runCells('tenant-a', 'run-2')).toEqual([]);
      expect((await store.runBatches('tenant-b', 'run-1')).batches).toBe(0);
    });

    it('stores session logs in send order and reads them since a time', async () => {
      const b1 = aggregateBatch(
        aBatch([
          anExchange({ sessionId: 's1', sentAt: T0 + 2000, text: 'second' }),
          anExchange({ sessionId: 's1', sentAt: T0, text: 'first' }),
        ]),
      );
      const b2 = aggregateBatch(aBatch([anExchange({ sessionId: 's1', sentAt: T0 + 1000, text: 'middle' })]));
      await store.applyBatch('tenant-a', b1);
      await store.applyBatch('tenant-a', b2);
      await store.applyBatch('tenant-a', b1);
      expect((await store.sessionLog('tenant-a', 's1')).map((e) => e.text)).toEqual([
        'first',
        'middle',
        'second',
      ]);
      expect((await store.sessionLog('tenant-a', 's1', { sinceMs: T0 })).map((e) => e.text)).toEqual([
        'middle',
        'second',
      ]);
      expect(await store.sessionLog('tenant-b', 's1')).toEqual([]);
    });

    it('round-trips a summary and a compacted per-number table, even when large', async () => {
      for (const b of threeBatches('run-1')) await store.applyBatch('tenant-a', b);
      expect(await store.getSummary('tenant-a', 'run-1')).toBeUndefined();
      const cells = await store.runCells('tenant-a', 'run-1');
      const summary = buildSummary({
        runId: 'run-1',
        cells,
        numberCount: 2,
        mismatches: [],
        reduction: { maxBins: 10, minElementsPerBin: 1 },
        computedAt: T0 + 10_000,
      });
      // 30,000 numbers with noisy fields make the compacted table span several parts
      const many = mergeNumberDeltas(
        Array.from({ length: 30_000 }, (_, i) => ({
          msisdn: String(4_915_200_000_000 + i * 7919),
          operatorId: `op-${(i * 31) % 97}`,
          sent: (i * 7) % 101,
          responses: (i * 13) % 97,
          valid: i % 5,
          invalid: i % 3,
          unanswered: i % 2,
          busyMs: (i * 7_654_321) % 1_000_003,
          latencySumMs: (i * 1_234_567) % 999_983,
          firstAt: T0 + ((i * 48_271) % 600_000),
          lastAt: T0 + 600_000 + ((i * 16_807) % 600_000),
        })),
      );
      await store.putSummary('tenant-a', summary, many);
      expect(await store.getSummary('tenant-a', 'run-1')).toEqual(summary);
      expect(await store.runNumbers('tenant-a', 'run-1')).toEqual(many);
      expect(await store.runNumbers('tenant-a', 'run-1', { fresh: true })).toHaveLength(2);
    });

    it('applies a batch too big for one transaction exactly once', async () => {
      // 1,500 s of records: 150 ten-second windows, more than one transaction's 100 items
      const records = Array.from({ length: 300 }, (_, i) =>
        anExchange({ runId: 'run-big', sentAt: T0 + i * 5000 }),
      );
      const batch = aggregateBatch(aBatch(records));
      const first = await store.applyBatch('tenant-a', batch);
      expect(first.applied).toBe(true);
      expect(first.writeRequests).toBeGreaterThan(1);
      const items = store.counters().itemsWritten;
      expect((await store.applyBatch('tenant-a', batch)).applied).toBe(false);
      expect(store.counters().itemsWritten).toBe(items);
      const cells = await store.runCells('tenant-a', 'run-big');
      expect(cells.reduce((s, c) => s + c.sent, 0)).toBe(300);
      expect(await store.firstSecond('tenant-a', 'run-big')).toBe(S0);
    });

    it('counts its write requests', async () => {
      const before = store.counters().writeRequests;
      const [first] = threeBatches('run-9');
      if (!first) throw new Error('no batch');
      const result = await store.applyBatch('tenant-a', first);
      expect(result.applied).toBe(true);
      expect(result.writeRequests).toBe(1);
      expect(store.counters().writeRequests - before).toBe(1);
    });
  });
}
