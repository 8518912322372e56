import { seededRng } from '@gong/core/rng';
import { Histogram } from '@gong/core/stats/histogram';
import { mannWhitney, normalCdf } from '@gong/core/stats/mann-whitney';
import { regressionVerdict, twoProportionP } from '@gong/core/stats/regression-verdict';
import { describe, expect, it } from 'vitest';

function hist(values: number[]): Histogram {
  const h = new Histogram(3);
  for (const v of values) h.record(v);
  return h;
}

function lognormal(seed: number, n: number, median: number): number[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, () => {
    const g = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    return median * Math.exp(0.4 * g);
  });
}

describe('mannWhitney', () => {
  it('matches a hand-computed U with ties', () => {
    // a = [1, 2, 3], b = [2, 4]: ranks 1,2.5,2.5,4,5 → R_a = 1 + 2.5 + 4 = 7.5 → U = 7.5 - 6 = 1.5
    const r = mannWhitney(hist([1, 2, 3]), hist([2, 4]));
    expect(r.u).toBe(1.5);
    expect(r.superiority).toBe(0.25);
    expect(r.n1).toBe(3);
    expect(r.n2).toBe(2);
  });

  it('finds no difference between samples of one distribution', () => {
    const r = mannWhitney(hist(lognormal(1, 2000, 100)), hist(lognormal(2, 2000, 100)));
    expect(r.p).toBeGreaterThan(0.01);
  });

  it('finds a 20 % shift significant', () => {
    const r = mannWhitney(hist(lognormal(3, 2000, 120)), hist(lognormal(4, 2000, 100)));
    expect(r.p).toBeLessThan(1e-6);
    expect(r.z).toBeGreaterThan(0);
    expect(r.superiority).toBeGreaterThan(0.6);
  });

  it('normalCdf is accurate', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.575829)).toBeCloseTo(0.005, 6);
  });
});

describe('regressionVerdict', () => {
  const base = { latency: hist(lognormal(5, 3000, 100)), sent: 3000, unanswered: 30 };

  it('says "regressed" when latency grows by 30 %, with numbers', () => {
    const v = regressionVerdict(base, { latency: hist(lognormal(6, 3000, 130)), sent: 3000, unanswered: 30 });
    expect(v.verdict).toBe('regressed');
    expect(v.latency.verdict).toBe('regressed');
    expect(v.latency.p95Change).toBeGreaterThan(0.2);
    expect(v.drop.verdict).toBe('no significant change');
    expect(v.reasons[0]).toMatch(/p95 .* ms/);
  });

  it('says "improved" when latency drops and drop rate is unchanged', () => {
    const v = regressionVerdict(base, { latency: hist(lognormal(7, 3000, 70)), sent: 3000, unanswered: 28 });
    expect(v.verdict).toBe('improved');
  });

  it('says "no significant change" for a rerun of the same thing', () => {
    const v = regressionVerdict(base, { latency: hist(lognormal(8, 3000, 100)), sent: 3000, unanswered: 33 });
    expect(v.verdict).toBe('no significant change');
  });

  it('says "regressed" when the drop rate grows by 5 points even if latency improves', () => {
    const v = regressionVerdict(base, { latency: hist(lognormal(9, 3000, 70)), sent: 3000, unanswered: 180 });
    expect(v.drop.verdict).toBe('regressed');
    expect(v.drop.deltaPts).toBeCloseTo(5, 9);
    expect(v.verdict).toBe('regressed');
  });

  it('two-proportion test', () => {
    expect(twoProportionP(10, 1000, 10, 1000)).toBeCloseTo(1, 6);
    expect(twoProportionP(10, 1000, 60, 1000)).toBeLessThan(1e-6);
    expect(twoProportionP(0, 0, 1, 1)).toBe(1);
  });
});
