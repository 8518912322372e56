import { Histogram } from '../stats/histogram';
import {
  DEFAULT_VERDICT_OPTIONS,
  type RegressionVerdict,
  regressionVerdict,
  type VerdictOptions,
} from '../stats/regression-verdict';
import type { RunSummary } from './summary';

export interface DiffRow {
  metric: string;
  unit: string;
  better: 'lower' | 'higher';
  /** runId → value */
  values: Record<string, number>;
  /** runId → value − baseline value (absent for the baseline) */
  deltas: Record<string, number>;
}

export interface AlignedPoint {
  /** seconds since each run's first second */
  t: number;
  /** runId → that second's totals (absent when the run had no data at t) */
  runs: Record<
    string,
    { sent: number; answered: number; unanswered: number; p50: number; p95: number; meanMs: number }
  >;
}

export interface RunComparison {
  baselineId: string;
  runIds: string[];
  series: AlignedPoint[];
  diff: DiffRow[];
  /** runId → verdict against the baseline (every run but the baseline) */
  verdicts: Record<string, RegressionVerdict>;
}

const METRICS: {
  metric: string;
  unit: string;
  better: 'lower' | 'higher';
  get: (s: RunSummary) => number;
}[] = [
  { metric: 'sent', unit: 'messages', better: 'higher', get: (s) => s.totals.sent },
  { metric: 'answered', unit: 'messages', better: 'higher', get: (s) => s.totals.answered },
  { metric: 'valid', unit: 'messages', better: 'higher', get: (s) => s.totals.valid },
  { metric: 'invalid', unit: 'messages', better: 'lower', get: (s) => s.totals.invalid },
  { metric: 'unanswered', unit: 'messages', better: 'lower', get: (s) => s.totals.unanswered },
  { metric: 'drop', unit: '%', better: 'lower', get: (s) => s.dropPct },
  { metric: 'duration', unit: 's', better: 'lower', get: (s) => s.durationSec },
  {
    metric: 'sent rate',
    unit: 'msg/s',
    better: 'higher',
    get: (s) => (s.durationSec ? s.totals.sent / s.durationSec : 0),
  },
  { metric: 'latency p50', unit: 'ms', better: 'lower', get: (s) => s.latency.intended.p50 },
  { metric: 'latency p90', unit: 'ms', better: 'lower', get: (s) => s.latency.intended.p90 },
  { metric: 'latency p95', unit: 'ms', better: 'lower', get: (s) => s.latency.intended.p95 },
  { metric: 'latency p99', unit: 'ms', better: 'lower', get: (s) => s.latency.intended.p99 },
  { metric: 'latency max', unit: 'ms', better: 'lower', get: (s) => s.latency.intended.max },
  { metric: 'latency p95 (from actual send)', unit: 'ms', better: 'lower', get: (s) => s.latency.actual.p95 },
];

/** Pure: two or more run summaries side by side, with a verdict of each against the baseline. */
export function compareRuns(
  summaries: readonly RunSummary[],
  baselineId: string = summaries[0]?.runId ?? '',
  options: VerdictOptions = DEFAULT_VERDICT_OPTIONS,
): RunComparison {
  const baseline = summaries.find((s) => s.runId === baselineId);
  if (!baseline) throw new RangeError(`baseline ${baselineId} is not among the compared runs`);
  const runIds = summaries.map((s) => s.runId);

  const byT = new Map<number, AlignedPoint>();
  for (const s of summaries) {
    for (const p of s.series.total) {
      let row = byT.get(p.t);
      if (!row) {
        row = { t: p.t, runs: {} };
        byT.set(p.t, row);
      }
      row.runs[s.runId] = {
        sent: p.sent,
        answered: p.answered,
        unanswered: p.unanswered,
        p50: p.p50,
        p95: p.p95,
        meanMs: p.meanMs,
      };
    }
  }

  const diff = METRICS.map(({ metric, unit, better, get }) => {
    const values: Record<string, number> = {};
    const deltas: Record<string, number> = {};
    for (const s of summaries) {
      values[s.runId] = get(s);
      if (s.runId !== baselineId) deltas[s.runId] = get(s) - get(baseline);
    }
    return { metric, unit, better, values, deltas };
  });

  const sample = (s: RunSummary) => ({
    latency: Histogram.fromData(s.latencyData),
    sent: s.totals.sent,
    unanswered: s.totals.unanswered,
  });
  const base = sample(baseline);
  const verdicts: Record<string, RegressionVerdict> = {};
  for (const s of summaries) {
    if (s.runId !== baselineId) verdicts[s.runId] = regressionVerdict(base, sample(s), options);
  }
  return { baselineId, runIds, series: [...byT.values()].sort((a, b) => a.t - b.t), diff, verdicts };
}
