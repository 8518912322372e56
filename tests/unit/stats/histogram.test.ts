import { Histogram } from '@gong/core/stats/histogram';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? 0;
}

describe('Histogram', () => {
  it('is empty with zeros', () => {
    const h = new Histogram();
    expect([h.count, h.min, h.max, h.mean, h.quantile(0.5)]).toEqual([0, 0, 0, 0, 0]);
  });

  it('keeps count, min, max and mean exact', () => {
    const h = new Histogram();
    for (const v of [10, 20, 30, 0.25]) h.record(v);
    expect(h.count).toBe(4);
    expect(h.min).toBe(0.25);
    expect(h.max).toBe(30);
    expect(h.mean).toBeCloseTo(15.0625, 10);
  });

  it('resolves sub-millisecond values', () => {
    const h = new Histogram();
    h.record(0.1);
    h.record(0.2);
    expect(h.quantile(0.5)).toBeCloseTo(0.1, 2);
    expect(h.quantile(1)).toBe(0.2);
  });

  it('quantiles are within the precision bound of the exact values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 600_000, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.5, 0.9, 0.95, 0.99),
        (values, q) => {
          const h = new Histogram(2);
          for (const v of values) h.record(v);
          const exact = exactQuantile(values, q);
          // bucket width ≤ value/128 above 0.256 ms, and 1 µs below
          expect(Math.abs(h.quantile(q) - exact)).toBeLessThanOrEqual(exact / 128 + 0.002);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('merging equals recording everything into one histogram', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { maxLength: 200 }),
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { maxLength: 200 }),
        (a, b) => {
          const ha = new Histogram(3);
          const hb = new Histogram(3);
          const all = new Histogram(3);
          for (const v of a) {
            ha.record(v);
            all.record(v);
          }
          for (const v of b) {
            hb.record(v);
            all.record(v);
          }
          const merged = ha.merge(hb).toData();
          const expected = all.toData();
          expect(merged.counts).toEqual(expected.counts);
          expect(merged.total).toBe(expected.total);
          expect(merged.min).toBe(expected.min);
          expect(merged.max).toBe(expected.max);
          expect(merged.sum).toBeCloseTo(expected.sum, 3);
        },
      ),
    );
  });

  it('round-trips through its sparse data form', () => {
    const h = new Histogram(2);
    for (let i = 0; i < 1000; i++) h.record(i * 1.7);
    const data = h.toData();
    expect(Object.keys(data.counts).length).toBeLessThan(1000);
    const back = Histogram.fromData(JSON.parse(JSON.stringify(data)));
    expect(back.toData()).toEqual(data);
    expect(back.quantile(0.99)).toBe(h.quantile(0.99));
  });

  it('rejects data whose total disagrees with its buckets', () => {
    expect(() =>
      Histogram.fromData({ precision: 2, counts: { '5': 2 }, total: 3, min: 0, max: 1, sum: 1 }),
    ).toThrow(/does not match/);
  });

  it('buckets are contiguous and monotone', () => {
    const h = new Histogram(2);
    let prevHigh = 0;
    for (let i = 0; i < 5000; i++) {
      const { lowMs, highMs } = h.bounds(i);
      expect(lowMs).toBeCloseTo(prevHigh, 9);
      expect(highMs).toBeGreaterThan(lowMs);
      prevHigh = highMs;
    }
  });

  it('merges different precisions approximately', () => {
    const a = new Histogram(2);
    const b = new Histogram(3);
    for (let i = 1; i <= 100; i++) b.record(i);
    a.merge(b);
    expect(a.count).toBe(100);
    expect(Math.abs(a.quantile(0.5) - 50)).toBeLessThan(1);
  });
});
