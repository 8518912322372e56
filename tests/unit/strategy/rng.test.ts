import { mixSeed, seededRng } from '@gong/core/rng';
import { describe, expect, it } from 'vitest';

describe('seeded rng', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = Array.from({ length: 5 }, seededRng(42).next);
    const r = seededRng(42);
    expect(Array.from({ length: 5 }, () => r.next())).toEqual(a);
    const other = seededRng(43);
    expect(Array.from({ length: 5 }, () => other.next())).not.toEqual(a);
  });

  it('draws integers uniformly inside [min, max]', () => {
    const r = seededRng(1);
    const seen = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) seen[r.int(0, 5)]++;
    for (const c of seen) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    expect(() => r.int(3, 2)).toThrow(/min <= max/);
  });

  it('shuffles into a permutation and forks stable independent streams', () => {
    const r = seededRng(9);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect([...r.shuffle(items)].sort()).toEqual(items);
    expect(r.fork('x').next()).toBe(seededRng(9).fork('x').next());
    expect(r.fork('x').next()).not.toBe(r.fork('y').next());
    expect(mixSeed(1, 'a', 2)).not.toBe(mixSeed(1, 'a', 3));
  });
});
