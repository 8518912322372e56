import { Histogram } from './histogram';

export interface MannWhitneyResult {
  n1: number;
  n2: number;
  /** U statistic of the first sample */
  u: number;
  /** standardized U (normal approximation with tie correction); > 0 means sample 1 tends larger */
  z: number;
  /** two-sided p-value */
  p: number;
  /** probability that a value of sample 1 exceeds one of sample 2 (ties count half): the effect size */
  superiority: number;
}

/**
 * Mann-Whitney U test on two histograms of the same bucket scheme: each bucket is a group of ties,
 * so the test runs in O(buckets) on millions of values. Bucket resolution (< 1 % at precision 2)
 * only turns near-equal values into ties, which the tie correction accounts for.
 */
export function mannWhitney(a: Histogram, b: Histogram): MannWhitneyResult {
  const n1 = a.count;
  const n2 = b.count;
  if (n1 === 0 || n2 === 0) return { n1, n2, u: 0, z: 0, p: 1, superiority: 0.5 };
  const bb = b.precision === a.precision ? b : new Histogram(a.precision).merge(b);
  const groups = new Map<number, [number, number]>();
  for (const x of a.buckets()) groups.set(x.index, [x.count, 0]);
  for (const x of bb.buckets()) {
    const g = groups.get(x.index);
    if (g) g[1] += x.count;
    else groups.set(x.index, [0, x.count]);
  }
  const indices = [...groups.keys()].sort((x, y) => x - y);
  let rankBase = 0;
  let r1 = 0;
  let tieTerm = 0;
  for (const i of indices) {
    const [c1, c2] = groups.get(i) as [number, number];
    const t = c1 + c2;
    const avgRank = rankBase + (t + 1) / 2;
    r1 += c1 * avgRank;
    tieTerm += t * t * t - t;
    rankBase += t;
  }
  const n = n1 + n2;
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const z = variance > 0 ? (u - mean) / Math.sqrt(variance) : 0;
  const p = variance > 0 ? Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) : 1;
  return { n1, n2, u, z, p, superiority: u / (n1 * n2) };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
