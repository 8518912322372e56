import { compareRuns, type RunComparison } from '@gong/core/analysis/comparison';
import { type NumberStats, numberStats } from '@gong/core/analysis/number-stats';
import { type Series, seriesFromCells } from '@gong/core/analysis/series';
import { buildSummary, type RunSummary } from '@gong/core/analysis/summary';
import { DomainError } from '@gong/core/domain/errors';
import { Id } from '@gong/core/domain/ids';
import { z } from 'zod';
import type { ResultsDeps } from './deps';
import { DEFAULT_REDUCTION } from './summarize-run';

export const SeriesParams = z.object({
  runId: Id,
  /** epoch second, inclusive: pass back the `lastSecond` of the previous answer (it may have grown) */
  since: z.coerce.number().int().min(0).optional(),
});
export type SeriesParams = z.input<typeof SeriesParams>;

/** Live per-second series (per operator and total) since a second, for polling. */
export async function runSeries(deps: ResultsDeps, tenantId: string, params: SeriesParams): Promise<Series> {
  const p = SeriesParams.parse(params);
  const stored = await deps.metrics.getSummary(tenantId, p.runId);
  if (stored) {
    const since = p.since ?? 0;
    return {
      ...stored.series,
      perOperator: stored.series.perOperator.filter((x) => x.second >= since),
      total: stored.series.total.filter((x) => x.second >= since),
    };
  }
  const [t0, cells] = await Promise.all([
    deps.metrics.firstSecond(tenantId, p.runId),
    deps.metrics.runCells(tenantId, p.runId, { sinceSecond: p.since ?? 0 }),
  ]);
  return seriesFromCells(cells, t0);
}

export const NUMBER_SORT_KEYS = [
  'msisdn',
  'operatorId',
  'sent',
  'sentPerSec',
  'responses',
  'responsesPerSec',
  'valid',
  'invalid',
  'unanswered',
  'idleMs',
  'meanLatencyMs',
  'firstAt',
  'lastAt',
] as const;

export const NumbersParams = z.object({
  runId: Id,
  sort: z.enum(NUMBER_SORT_KEYS).default('msisdn'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(200).optional(),
});
export type NumbersParams = z.input<typeof NumbersParams>;

export interface NumbersPage {
  items: NumberStats[];
  cursor?: string;
  total: number;
}

const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o: unknown };
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION', 'cursor is not one this API handed out');
}

/** Per-number table of a run, sorted and paged. */
export async function runNumbers(
  deps: ResultsDeps,
  tenantId: string,
  params: NumbersParams,
): Promise<NumbersPage> {
  const p = NumbersParams.parse(params);
  const rows = (await deps.metrics.runNumbers(tenantId, p.runId)).map(numberStats);
  const dir = p.order === 'asc' ? 1 : -1;
  const key = p.sort;
  rows.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return c === 0 ? a.msisdn.localeCompare(b.msisdn) : c * dir;
  });
  const offset = decodeCursor(p.cursor);
  const items = rows.slice(offset, offset + p.limit);
  const next = offset + p.limit;
  return { items, total: rows.length, ...(next < rows.length ? { cursor: encodeCursor(next) } : {}) };
}

export const SummaryParams = z.object({ runId: Id });
export type SummaryParams = z.input<typeof SummaryParams>;

export type SummaryView = RunSummary & { final: boolean };

/** The stored summary (final) or, while the run is going, one computed from what arrived so far. */
export async function runSummary(
  deps: ResultsDeps,
  tenantId: string,
  params: SummaryParams,
): Promise<SummaryView> {
  const { runId } = SummaryParams.parse(params);
  const stored = await deps.metrics.getSummary(tenantId, runId);
  if (stored) return { ...stored, final: true };
  const [cells, batches] = await Promise.all([
    deps.metrics.runCells(tenantId, runId),
    deps.metrics.runBatches(tenantId, runId),
  ]);
  if (batches.batches === 0) throw new DomainError('NOT_FOUND', `no results for run ${runId} yet`);
  const numbers = await deps.metrics.runNumbers(tenantId, runId, { fresh: true });
  const live = buildSummary({
    runId,
    cells,
    numberCount: numbers.length,
    mismatches: batches.examples,
    reduction: DEFAULT_REDUCTION,
    computedAt: deps.clock.now(),
  });
  return { ...live, final: false };
}

export const CompareParams = z.object({
  /** "a,b,c" or an array; two to ten runs */
  ids: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(Id).min(2, 'compare needs at least two runs').max(10),
  ),
  baseline: Id.optional(),
});
export type CompareParams = z.input<typeof CompareParams>;

/** Two or more runs side by side with a regression verdict of each against the baseline (default: the first). */
export async function runComparison(
  deps: ResultsDeps,
  tenantId: string,
  params: CompareParams,
): Promise<RunComparison> {
  const p = CompareParams.parse(params);
  const ids = [...new Set(p.ids)];
  const baseline = p.baseline ?? ids[0] ?? '';
  if (!ids.includes(baseline))
    throw new DomainError('VALIDATION', `baseline ${baseline} is not one of the compared runs`);
  const summaries = await Promise.all(ids.map((runId) => runSummary(deps, tenantId, { runId })));
  return compareRuns(summaries, baseline);
}
