import { memoryMetricsStore } from '@gong/core/adapters/memory/metrics-store';
import { aggregateBatch } from '@gong/core/analysis/batch-aggregate';
import { syntheticRecords } from '@gong/core/analysis/synthetic-run';
import { isDomainError } from '@gong/core/domain/errors';
import type { ExchangeRecord } from '@gong/core/domain/exchange';
import { ManualClock } from '@gong/core/ports/clock';
import { numbersCsv, seriesCsv, sessionLogCsv } from '@gong/functions/results/exports';
import { runComparison, runNumbers, runSeries, runSummary } from '@gong/functions/results/run-results';
import { summarizeRun } from '@gong/functions/results/summarize-run';
import { describe, expect, it } from 'vitest';
import { aBatch, anExchange, T0 } from './exchange-builders';

const S0 = T0 / 1000;

async function seeded() {
  const deps = { metrics: memoryMetricsStore(), clock: new ManualClock(T0 + 1_000_000) };
  const runOf = async (runId: string, medianMs: number, dropRate: number, seed: number) => {
    const records = [
      ...syntheticRecords({
        tenantId: 'tenant-a',
        runId,
        startMs: T0,
        durationSec: 60,
        operators: 2,
        numbers: 40,
        records: 6000,
        seed,
        medianMs,
        dropRate,
      }),
    ] as ExchangeRecord[];
    for (let i = 0; i < records.length; i += 1000) {
      await deps.metrics.applyBatch(
        'tenant-a',
        aggregateBatch(aBatch(records.slice(i, i + 1000), { batchId: `${runId}-${i}` })),
      );
    }
  };
  await runOf('base', 100, 0.01, 1);
  await runOf('slow', 140, 0.01, 2);
  await runOf('same', 100, 0.01, 3);
  return deps;
}

describe('results functions', () => {
  it('serves the live series since a second, with t relative to the run start', async () => {
    const deps = await seeded();
    const all = await runSeries(deps, 'tenant-a', { runId: 'base' });
    expect(all.total).toHaveLength(60);
    expect(all.perOperator).toHaveLength(120);
    expect(all.total.reduce((s, p) => s + p.sent, 0)).toBe(6000);
    const tail = await runSeries(deps, 'tenant-a', { runId: 'base', since: S0 + 55 });
    expect(tail.total.map((p) => p.t)).toEqual([55, 56, 57, 58, 59]);
    expect(tail.t0).toBe(S0);
    expect(tail.lastSecond).toBe(S0 + 59);
    // the same after finalization (served from the stored summary)
    await summarizeRun(deps, 'tenant-a', 'base');
    expect(await runSeries(deps, 'tenant-a', { runId: 'base', since: S0 + 55 })).toEqual(tail);
  });

  it('pages the per-number table in the asked order', async () => {
    const deps = await seeded();
    const first = await runNumbers(deps, 'tenant-a', {
      runId: 'base',
      sort: 'unanswered',
      order: 'desc',
      limit: 15,
    });
    expect(first.total).toBe(40);
    expect(first.items).toHaveLength(15);
    const second = await runNumbers(deps, 'tenant-a', {
      runId: 'base',
      sort: 'unanswered',
      order: 'desc',
      limit: 15,
      cursor: first.cursor,
    });
    const third = await runNumbers(deps, 'tenant-a', {
      runId: 'base',
      sort: 'unanswered',
      order: 'desc',
      limit: 15,
      cursor: second.cursor,
    });
    expect(third.cursor).toBeUndefined();
    const all = [...first.items, ...second.items, ...third.items];
    expect(new Set(all.map((n) => n.msisdn)).size).toBe(40);
    for (let i = 1; i < all.length; i++)
      expect(all[i - 1]!.unanswered).toBeGreaterThanOrEqual(all[i]!.unanswered);
    expect(all.reduce((s, n) => s + n.sent, 0)).toBe(6000);
    expect(all[0]).toMatchObject({ sentPerSec: expect.any(Number), idleMs: expect.any(Number) });
    await expect(runNumbers(deps, 'tenant-a', { runId: 'base', cursor: 'garbage' })).rejects.toSatisfy((e) =>
      isDomainError(e, 'VALIDATION'),
    );
  });

  it('gives a provisional summary while running and the stored one after finalization', async () => {
    const deps = await seeded();
    const live = await runSummary(deps, 'tenant-a', { runId: 'base' });
    expect(live.final).toBe(false);
    const stored = await summarizeRun(deps, 'tenant-a', 'base', {
      reduction: { maxBins: 20, minElementsPerBin: 50 },
    });
    const final = await runSummary(deps, 'tenant-a', { runId: 'base' });
    expect(final).toEqual({ ...stored, final: true });
    expect(final.histogram.bins.length).toBeLessThanOrEqual(20);
    expect(final.totals.sent).toBe(6000);
    expect(final.perOperator.map((o) => o.operatorId)).toEqual(['op0', 'op1']);
    await expect(runSummary(deps, 'tenant-a', { runId: 'nothing' })).rejects.toSatisfy((e) =>
      isDomainError(e, 'NOT_FOUND'),
    );
    await expect(runSummary(deps, 'tenant-b', { runId: 'base' })).rejects.toSatisfy((e) =>
      isDomainError(e, 'NOT_FOUND'),
    );
  });

  it('compares runs against a baseline', async () => {
    const deps = await seeded();
    const cmp = await runComparison(deps, 'tenant-a', { ids: 'base,slow,same' });
    expect(cmp.baselineId).toBe('base');
    expect(cmp.verdicts.slow?.verdict).toBe('regressed');
    expect(cmp.verdicts.same?.verdict).toBe('no significant change');
    expect(cmp.verdicts.base).toBeUndefined();
    expect(cmp.series).toHaveLength(60);
    expect(Object.keys(cmp.series[0]?.runs ?? {})).toEqual(['base', 'slow', 'same']);
    const p95 = cmp.diff.find((d) => d.metric === 'latency p95');
    expect(p95?.deltas.slow).toBeGreaterThan(20);
    const reversed = await runComparison(deps, 'tenant-a', { ids: ['base', 'slow'], baseline: 'slow' });
    expect(reversed.verdicts.base?.verdict).toBe('improved');
    await expect(runComparison(deps, 'tenant-a', { ids: 'base' })).rejects.toThrow();
    await expect(runComparison(deps, 'tenant-a', { ids: 'base,slow', baseline: 'same' })).rejects.toSatisfy(
      (e) => isDomainError(e, 'VALIDATION'),
    );
  });

  it('exports CSV', async () => {
    const deps = await seeded();
    const numbers = (await numbersCsv(deps, 'tenant-a', { runId: 'base' })).trim().split('\r\n');
    expect(numbers[0]).toMatch(/^msisdn,operator,sent,sent_per_sec,responses/);
    expect(numbers).toHaveLength(41);
    const series = (await seriesCsv(deps, 'tenant-a', { runId: 'base' })).trim().split('\r\n');
    expect(series).toHaveLength(1 + 60 * 3);
    expect(series[1]).toMatch(/^2026-01-01T12:00:00.000Z,0,\*,/);
    await deps.metrics.applyBatch(
      'tenant-a',
      aggregateBatch(
        aBatch([anExchange({ sessionId: 'sess', text: '=HYPERLINK("x")', replyText: 'a, "b"' })]),
      ),
    );
    const log = (await sessionLogCsv(deps, 'tenant-a', { sessionId: 'sess' })).trim().split('\r\n');
    expect(log[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(log[1]).toContain('"a, ""b"""');
  });
});
