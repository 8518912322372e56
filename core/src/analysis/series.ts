import type { Verdict } from '../domain/exchange';
import { Histogram } from '../stats/histogram';
import { CELL_PRECISION, type CellStats } from './cell';

export const ALL_OPERATORS = '*';

/** One second of one operator (or of all, operatorId "*") as charts draw it. */
export interface SeriesPoint {
  second: number;
  /** seconds since the run's first second */
  t: number;
  operatorId: string;
  sent: number;
  answered: number;
  valid: number;
  invalid: number;
  unanswered: number;
  late: number;
  duplicate: number;
  unexpected: number;
  error: number;
  /** latency from intended send time, ms */
  p50: number;
  p95: number;
  p99: number;
  meanMs: number;
  maxMs: number;
  maxLagMs: number;
}

export interface Series {
  /** first second of the run as far as known (t = second - t0) */
  t0: number;
  lastSecond: number;
  perOperator: SeriesPoint[];
  total: SeriesPoint[];
}

function point(
  second: number,
  t0: number,
  operatorId: string,
  c: { sent: number; answered: number; verdicts: Partial<Record<Verdict, number>>; maxLagMs: number },
  h: Histogram,
): SeriesPoint {
  const v = (k: Verdict) => c.verdicts[k] ?? 0;
  return {
    second,
    t: second - t0,
    operatorId,
    sent: c.sent,
    answered: c.answered,
    valid: v('valid'),
    invalid: v('invalid'),
    unanswered: v('unanswered'),
    late: v('late'),
    duplicate: v('duplicate'),
    unexpected: v('unexpected'),
    error: v('error'),
    p50: h.quantile(0.5),
    p95: h.quantile(0.95),
    p99: h.quantile(0.99),
    meanMs: h.mean,
    maxMs: h.max,
    maxLagMs: c.maxLagMs,
  };
}

/** Chart series from merged cells (one per operator and second). `t0` defaults to the first second. */
export function seriesFromCells(cells: readonly CellStats[], t0?: number): Series {
  const first = t0 ?? cells.reduce((m, c) => Math.min(m, c.second), Number.POSITIVE_INFINITY);
  const base = Number.isFinite(first) ? first : 0;
  const perOperator: SeriesPoint[] = [];
  const totals = new Map<
    number,
    {
      sent: number;
      answered: number;
      verdicts: Partial<Record<Verdict, number>>;
      maxLagMs: number;
      h: Histogram;
    }
  >();
  let lastSecond = 0;
  for (const c of cells) {
    const h = Histogram.fromData(c.latency);
    perOperator.push(point(c.second, base, c.operatorId, c, h));
    let tot = totals.get(c.second);
    if (!tot) {
      tot = { sent: 0, answered: 0, verdicts: {}, maxLagMs: 0, h: new Histogram(CELL_PRECISION) };
      totals.set(c.second, tot);
    }
    tot.sent += c.sent;
    tot.answered += c.answered;
    for (const [k, n] of Object.entries(c.verdicts) as [Verdict, number][])
      tot.verdicts[k] = (tot.verdicts[k] ?? 0) + n;
    tot.maxLagMs = Math.max(tot.maxLagMs, c.maxLagMs);
    tot.h.merge(h);
    lastSecond = Math.max(lastSecond, c.second);
  }
  perOperator.sort((a, b) => a.second - b.second || a.operatorId.localeCompare(b.operatorId));
  const total = [...totals]
    .sort((a, b) => a[0] - b[0])
    .map(([second, tot]) => point(second, base, ALL_OPERATORS, tot, tot.h));
  return { t0: base, lastSecond, perOperator, total };
}
