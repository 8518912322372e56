import { buildSummary, type RunSummary } from '@gong/core/analysis/summary';
import type { ReductionOptions } from '@gong/core/stats/reduce';
import type { ResultsDeps } from './deps';

export const DEFAULT_REDUCTION: ReductionOptions = { maxBins: 100, minElementsPerBin: 10 };

export interface SummarizeOptions {
  /** OpenLC reduction of the latency histogram (the plan's `reduction`) */
  reduction?: ReductionOptions;
  /** store the summary and the compacted per-number table (default true) */
  store?: boolean;
}

/**
 * Builds a run's summary from everything the analyzer applied and (by default) stores it with the
 * compacted per-number table. Run control calls it on finalization; calling it again (late batches)
 * recomputes from the fragments and replaces the stored summary.
 */
export async function summarizeRun(
  deps: ResultsDeps,
  tenantId: string,
  runId: string,
  options: SummarizeOptions = {},
): Promise<RunSummary> {
  const [cells, numbers, batches] = await Promise.all([
    deps.metrics.runCells(tenantId, runId),
    deps.metrics.runNumbers(tenantId, runId, { fresh: true }),
    deps.metrics.runBatches(tenantId, runId),
  ]);
  const summary = buildSummary({
    runId,
    cells,
    numberCount: numbers.length,
    mismatches: batches.examples,
    reduction: options.reduction ?? DEFAULT_REDUCTION,
    computedAt: deps.clock.now(),
  });
  if (options.store !== false) await deps.metrics.putSummary(tenantId, summary, numbers);
  return summary;
}
