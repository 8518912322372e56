import type { Histogram } from './histogram';
import { mannWhitney, normalCdf } from './mann-whitney';

export type Verdict = 'regressed' | 'improved' | 'no significant change';

export interface RunSample {
  /** latency from intended send time */
  latency: Histogram;
  sent: number;
  unanswered: number;
}

export interface VerdictOptions {
  /** significance level of both tests */
  alpha: number;
  /** smallest relative change of p50 or p95 latency that counts (0.1 = 10 %) */
  minLatencyChange: number;
  /** smallest change of the drop rate that counts, in percentage points */
  minDropChangePts: number;
}

export const DEFAULT_VERDICT_OPTIONS: VerdictOptions = {
  alpha: 0.01,
  minLatencyChange: 0.1,
  minDropChangePts: 1,
};

export interface RegressionVerdict {
  verdict: Verdict;
  latency: {
    verdict: Verdict;
    test: 'mann-whitney-u';
    p: number;
    z: number;
    /** P(candidate latency > baseline latency) */
    superiority: number;
    baselineP50: number;
    candidateP50: number;
    baselineP95: number;
    candidateP95: number;
    /** relative change of p95, e.g. 0.25 = 25 % slower */
    p95Change: number;
    p50Change: number;
  };
  drop: {
    verdict: Verdict;
    baselinePct: number;
    candidatePct: number;
    deltaPts: number;
    /** two-proportion z-test */
    p: number;
  };
  reasons: string[];
}

const rel = (from: number, to: number) => (from === 0 ? (to === 0 ? 0 : 1) : (to - from) / from);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * Regression verdict of a candidate run against a baseline: latency by a Mann-Whitney U test plus a
 * minimum practical change of p50/p95 (millions of samples make any tiny shift "significant"), and
 * the drop rate (unanswered / sent) by a minimum change in points plus a two-proportion z-test.
 * Regressed if either regressed; improved if one improved and none regressed.
 */
export function regressionVerdict(
  baseline: RunSample,
  candidate: RunSample,
  options: VerdictOptions = DEFAULT_VERDICT_OPTIONS,
): RegressionVerdict {
  const reasons: string[] = [];
  const mw = mannWhitney(candidate.latency, baseline.latency);
  const b50 = baseline.latency.quantile(0.5);
  const c50 = candidate.latency.quantile(0.5);
  const b95 = baseline.latency.quantile(0.95);
  const c95 = candidate.latency.quantile(0.95);
  const p50Change = rel(b50, c50);
  const p95Change = rel(b95, c95);
  let latencyVerdict: Verdict = 'no significant change';
  if (mw.p < options.alpha) {
    const th = options.minLatencyChange;
    if (mw.superiority > 0.5 && (p50Change >= th || p95Change >= th)) latencyVerdict = 'regressed';
    if (mw.superiority < 0.5 && (p50Change <= -th || p95Change <= -th)) latencyVerdict = 'improved';
  }
  reasons.push(
    `latency ${latencyVerdict}: p50 ${b50.toFixed(1)} → ${c50.toFixed(1)} ms (${pct(p50Change)}), ` +
      `p95 ${b95.toFixed(1)} → ${c95.toFixed(1)} ms (${pct(p95Change)}), Mann-Whitney p=${mw.p.toExponential(2)}`,
  );

  const bDrop = baseline.sent === 0 ? 0 : baseline.unanswered / baseline.sent;
  const cDrop = candidate.sent === 0 ? 0 : candidate.unanswered / candidate.sent;
  const deltaPts = (cDrop - bDrop) * 100;
  const dropP = twoProportionP(baseline.unanswered, baseline.sent, candidate.unanswered, candidate.sent);
  let dropVerdict: Verdict = 'no significant change';
  if (dropP < options.alpha && Math.abs(deltaPts) >= options.minDropChangePts) {
    dropVerdict = deltaPts > 0 ? 'regressed' : 'improved';
  }
  reasons.push(
    `drop ${dropVerdict}: ${pct(bDrop)} → ${pct(cDrop)} (${deltaPts >= 0 ? '+' : ''}${deltaPts.toFixed(2)} pts, p=${dropP.toExponential(2)})`,
  );

  const verdicts = [latencyVerdict, dropVerdict];
  const verdict: Verdict = verdicts.includes('regressed')
    ? 'regressed'
    : verdicts.includes('improved')
      ? 'improved'
      : 'no significant change';
  return {
    verdict,
    latency: {
      verdict: latencyVerdict,
      test: 'mann-whitney-u',
      p: mw.p,
      z: mw.z,
      superiority: mw.superiority,
      baselineP50: b50,
      candidateP50: c50,
      baselineP95: b95,
      candidateP95: c95,
      p95Change,
      p50Change,
    },
    drop: { verdict: dropVerdict, baselinePct: bDrop * 100, candidatePct: cDrop * 100, deltaPts, p: dropP },
    reasons,
  };
}

/** Two-sided p-value of a pooled two-proportion z-test; 1 when undefined. */
export function twoProportionP(x1: number, n1: number, x2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 1;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  const z = (x2 / n2 - x1 / n1) / se;
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
}
