import { seededRng } from '@gong/core/rng';
import { IntMap } from '@gong/smpp-fleet/int-map';
import { describe, expect, it } from 'vitest';

describe('IntMap', () => {
  it('agrees with a Map through a million random sets, takes and gets, growing and shrinking', () => {
    const rng = seededRng(7);
    const m = new IntMap<{ v: number }>();
    const ref = new Map<number, { v: number }>();
    let peak = 0;
    const mismatches: string[] = [];
    for (let op = 0; op < 1_000_000; op++) {
      // phases: grow to thousands, then drain to a handful, so the table resizes both ways
      const growing = Math.floor(op / 100_000) % 2 === 0;
      // keys: sequence numbers, millisecond timestamps (above 2^32) and negatives all share one table
      const kind = op % 3;
      const base = kind === 0 ? 0 : kind === 1 ? 1_780_000_000_000 : -5000;
      const key = base + Math.floor(rng.next() * 20_000);
      const r = rng.next();
      if (r < (growing ? 0.6 : 0.3)) {
        const v = { v: op };
        m.set(key, v);
        ref.set(key, v);
      } else if (r < 0.9) {
        if (m.take(key) !== ref.get(key)) mismatches.push(`take ${key} at op ${op}`);
        ref.delete(key);
      } else if (m.get(key) !== ref.get(key) || m.has(key) !== ref.has(key)) {
        mismatches.push(`get ${key} at op ${op}`);
      }
      if (m.size !== ref.size) mismatches.push(`size ${m.size} vs ${ref.size} at op ${op}`);
      peak = Math.max(peak, ref.size);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(peak).toBeGreaterThan(5000);
    expect(new Set(m.values())).toEqual(new Set(ref.values()));
    expect([...ref].filter(([k, v]) => m.get(k) !== v)).toEqual([]);
  });

  it('overwrites an existing key without growing, and clears to empty', () => {
    const m = new IntMap<string>();
    m.set(2 ** 40 + 1, 'a');
    m.set(2 ** 40 + 1, 'b');
    m.set(1, 'c');
    expect(m.size).toBe(2);
    expect(m.get(2 ** 40 + 1)).toBe('b');
    expect(m.delete(1)).toBe(true);
    expect(m.delete(1)).toBe(false);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.get(2 ** 40 + 1)).toBeUndefined();
    expect(m.values()).toEqual([]);
  });

  it('refuses undefined values, which would read as a free slot', () => {
    expect(() => new IntMap<unknown>().set(1, undefined)).toThrow(/undefined/);
  });
});
