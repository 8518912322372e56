import type { Verdict } from '../domain/exchange';
import { VERDICTS } from '../domain/exchange';
import type { HistogramData } from '../messages/worker-event';
import { type PolynomialFit, polynomialFit } from '../stats/fit';
import { Histogram } from '../stats/histogram';
import { type ReducedBin, type ReductionOptions, reduceHistogram } from '../stats/reduce';
import type { MismatchExample } from './batch-aggregate';
import { addCounts, CELL_PRECISION, type CellStats } from './cell';
import { type Series, seriesFromCells } from './series';

export interface LatencyQuantiles {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Totals extends Record<Verdict, number> {
  sent: number;
  answered: number;
  errorsByStatus: Record<string, number>;
}

export interface OperatorSummary {
  operatorId: string;
  totals: Totals;
  dropPct: number;
  latency: { intended: LatencyQuantiles; actual: LatencyQuantiles };
}

export interface RatePoint {
  second: number;
  t: number;
  /** messages sent that second */
  sent: number;
  /** mean latency (intended) of the answers to that second's sends, ms */
  meanLatencyMs: number;
}

export interface RunSummary {
  runId: string;
  computedAt: number;
  firstSecond: number;
  lastSecond: number;
  durationSec: number;
  totals: Totals;
  /** unanswered / sent × 100 */
  dropPct: number;
  latency: { intended: LatencyQuantiles; actual: LatencyQuantiles };
  histogram: { reduction: ReductionOptions; bins: ReducedBin[] };
  latencyVsRate: { points: RatePoint[]; linear: PolynomialFit; curve: PolynomialFit };
  perOperator: OperatorSummary[];
  mismatches: MismatchExample[];
  numberCount: number;
  series: Series;
  /** the full (unreduced) histograms, for comparisons and regression tests */
  latencyData: HistogramData;
  latencyActualData: HistogramData;
}

export function quantiles(h: Histogram): LatencyQuantiles {
  return {
    count: h.count,
    min: h.min,
    mean: h.mean,
    p50: h.quantile(0.5),
    p90: h.quantile(0.9),
    p95: h.quantile(0.95),
    p99: h.quantile(0.99),
    max: h.max,
  };
}

export function emptyTotals(): Totals {
  const t = { sent: 0, answered: 0, errorsByStatus: {} } as Totals;
  for (const v of VERDICTS) t[v] = 0;
  return t;
}

function addCell(t: Totals, c: CellStats): void {
  t.sent += c.sent;
  t.answered += c.answered;
  for (const v of VERDICTS) t[v] += c.verdicts[v] ?? 0;
  addCounts(t.errorsByStatus, c.errorsByStatus);
}

export const dropPct = (t: Totals) => (t.sent === 0 ? 0 : (t.unanswered / t.sent) * 100);

export interface SummaryInput {
  runId: string;
  /** merged cells (one per operator and second) */
  cells: readonly CellStats[];
  numberCount: number;
  mismatches: readonly MismatchExample[];
  reduction: ReductionOptions;
  computedAt: number;
}

/** Pure: the run summary from its merged cells. */
export function buildSummary(input: SummaryInput): RunSummary {
  const totals = emptyTotals();
  const intended = new Histogram(CELL_PRECISION);
  const actual = new Histogram(CELL_PRECISION);
  const ops = new Map<string, { totals: Totals; intended: Histogram; actual: Histogram }>();
  for (const c of input.cells) {
    addCell(totals, c);
    const hi = Histogram.fromData(c.latency);
    const ha = Histogram.fromData(c.latencyActual);
    intended.merge(hi);
    actual.merge(ha);
    let op = ops.get(c.operatorId);
    if (!op) {
      op = {
        totals: emptyTotals(),
        intended: new Histogram(CELL_PRECISION),
        actual: new Histogram(CELL_PRECISION),
      };
      ops.set(c.operatorId, op);
    }
    addCell(op.totals, c);
    op.intended.merge(hi);
    op.actual.merge(ha);
  }
  const series = seriesFromCells(input.cells);
  const points: RatePoint[] = series.total
    .filter((p) => p.answered > 0)
    .map((p) => ({ second: p.second, t: p.t, sent: p.sent, meanLatencyMs: p.meanMs }));
  const xy = points.map((p) => ({ x: p.sent, y: p.meanLatencyMs }));
  const firstSecond = series.total[0]?.second ?? 0;
  const lastSecond = series.lastSecond;
  return {
    runId: input.runId,
    computedAt: input.computedAt,
    firstSecond,
    lastSecond,
    durationSec: series.total.length === 0 ? 0 : lastSecond - firstSecond + 1,
    totals,
    dropPct: dropPct(totals),
    latency: { intended: quantiles(intended), actual: quantiles(actual) },
    histogram: { reduction: input.reduction, bins: reduceHistogram(intended, input.reduction) },
    latencyVsRate: { points, linear: polynomialFit(xy, 1), curve: polynomialFit(xy, 2) },
    perOperator: [...ops]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([operatorId, op]) => ({
        operatorId,
        totals: op.totals,
        dropPct: dropPct(op.totals),
        latency: { intended: quantiles(op.intended), actual: quantiles(op.actual) },
      })),
    mismatches: [...input.mismatches],
    numberCount: input.numberCount,
    series,
    latencyData: intended.toData(),
    latencyActualData: actual.toData(),
  };
}
