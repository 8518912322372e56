import { evaluate, polynomialFit } from '@gong/core/stats/fit';
import { Histogram } from '@gong/core/stats/histogram';
import { reduceHistogram } from '@gong/core/stats/reduce';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('reduceHistogram (OpenLC reduction)', () => {
  it('gives at most maxBins bins of at least minElementsPerBin values, covering every value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 40 }),
        (values, maxBins, minPer) => {
          const h = new Histogram();
          for (const v of values) h.record(v);
          const bins = reduceHistogram(h, { maxBins, minElementsPerBin: minPer });
          expect(bins.length).toBeLessThanOrEqual(maxBins);
          expect(bins.reduce((s, b) => s + b.count, 0)).toBe(values.length);
          if (values.length >= minPer) expect(bins.every((b) => b.count >= minPer)).toBe(true);
          for (let i = 1; i < bins.length; i++)
            expect(bins[i]?.fromMs).toBeCloseTo(bins[i - 1]?.toMs ?? 0, 9);
          expect(bins[0]?.fromMs).toBe(h.min);
          expect(bins.at(-1)?.toMs).toBe(h.max);
        },
      ),
    );
  });

  it('splits a uniform range into equal bins (hand-computed)', () => {
    const h = new Histogram(3);
    for (let v = 1; v <= 100; v++) h.record(v);
    const bins = reduceHistogram(h, { maxBins: 4, minElementsPerBin: 10 });
    expect(bins.map((b) => [b.fromMs, b.toMs])).toEqual([
      [1, 25.75],
      [25.75, 50.5],
      [50.5, 75.25],
      [75.25, 100],
    ]);
    expect(bins.map((b) => b.count)).toEqual([25, 25, 25, 25]);
  });

  it('merges sparse tails into their neighbours', () => {
    const h = new Histogram(3);
    for (let i = 0; i < 50; i++) h.record(10);
    h.record(1000);
    const bins = reduceHistogram(h, { maxBins: 5, minElementsPerBin: 10 });
    expect(bins).toEqual([{ fromMs: 10, toMs: 1000, count: 51 }]);
  });

  it('is empty for an empty histogram', () => {
    expect(reduceHistogram(new Histogram(), { maxBins: 10, minElementsPerBin: 1 })).toEqual([]);
  });
});

describe('polynomialFit', () => {
  it('recovers a straight line exactly', () => {
    const points = [0, 10, 20, 30, 40].map((x) => ({ x, y: 5 + 2 * x }));
    const fit = polynomialFit(points, 1);
    expect(fit.coefficients[0]).toBeCloseTo(5, 9);
    expect(fit.coefficients[1]).toBeCloseTo(2, 9);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  it('recovers a quadratic (latency growing with rate)', () => {
    const points = Array.from({ length: 50 }, (_, i) => ({
      x: i * 20,
      y: 80 + 0.01 * i * 20 + 0.0002 * (i * 20) ** 2,
    }));
    const fit = polynomialFit(points, 2);
    expect(evaluate(fit.coefficients, 500)).toBeCloseTo(80 + 5 + 50, 6);
    expect(fit.r2).toBeCloseTo(1, 9);
  });

  it('lowers the degree when there are too few distinct x', () => {
    const fit = polynomialFit(
      [
        { x: 3, y: 1 },
        { x: 3, y: 3 },
      ],
      2,
    );
    expect(fit.coefficients).toEqual([2]);
    expect(polynomialFit([], 1)).toEqual({ coefficients: [0], r2: 0, n: 0 });
  });

  it('scores a noisy fit below 1', () => {
    const points = [1, 2, 3, 4, 5, 6].map((x) => ({ x, y: x + (x % 2 === 0 ? 1 : -1) }));
    const fit = polynomialFit(points, 1);
    expect(fit.r2).toBeGreaterThan(0.5);
    expect(fit.r2).toBeLessThan(1);
  });
});
