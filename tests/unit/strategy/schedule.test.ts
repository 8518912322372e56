import { seededRng } from '@gong/core/rng';
import {
  countPerSecond,
  integerCounts,
  mergeNumberSchedules,
  operatorSendTimes,
  sendTimes,
} from '@gong/core/strategy/schedule';
import { describe, expect, it } from 'vitest';

describe('integer counts', () => {
  it('carries fractional remainders so the running total follows the curve', () => {
    expect([...integerCounts([0.4, 0.4, 0.4, 0.4, 0.4])]).toEqual([0, 0, 1, 0, 1]);
    expect([...integerCounts([2.5, 2.5, 2.5, 2.5])]).toEqual([2, 3, 2, 3]);
  });

  it('never drifts by a whole message over a long run of awkward rates', () => {
    const rng = seededRng(11);
    const rates = Array.from({ length: 10_000 }, () => rng.next() * 7);
    let target = 0;
    let sent = 0;
    let i = 0;
    for (const n of integerCounts(rates)) {
      target += rates[i++] as number;
      sent += n;
      expect(target - sent).toBeGreaterThan(-1e-6);
      expect(target - sent).toBeLessThan(1);
    }
  });

  it('counts 0.1 ten times as exactly one message', () => {
    expect([...integerCounts(new Array(10).fill(0.1))].reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe('send times', () => {
  it('spreads each second evenly and rotates the numbers', () => {
    const slots = [...sendTimes([4, 2], 3)];
    expect(slots).toEqual([
      { atMs: 0, numberIndex: 0 },
      { atMs: 250, numberIndex: 1 },
      { atMs: 500, numberIndex: 2 },
      { atMs: 750, numberIndex: 0 },
      { atMs: 1000, numberIndex: 1 },
      { atMs: 1500, numberIndex: 2 },
    ]);
  });

  it('gives each number an equal share over a run', () => {
    const perNumber = new Array(7).fill(0);
    for (const s of sendTimes(new Array(10).fill(14), 7)) perNumber[s.numberIndex]++;
    expect(perNumber).toEqual(new Array(7).fill(20));
  });

  it('is lazy: a day-long run at 1,000/s yields its first sends without building the schedule', () => {
    function* day() {
      for (let s = 0; s < 86_400; s++) yield 1000;
    }
    const it = sendTimes(day(), 500);
    const first = [it.next().value, it.next().value];
    expect(first).toEqual([
      { atMs: 0, numberIndex: 0 },
      { atMs: 1, numberIndex: 1 },
    ]);
  });

  it('counts per second match the carried integer counts', () => {
    const rates = [0.5, 3.3, 10.7, 0, 2.2];
    expect(countPerSecond(sendTimes(rates, 4), 5)).toEqual([...integerCounts(rates)]);
  });
});

describe('explicit per-number schedules', () => {
  it('merges them in time order', () => {
    const merged = [...mergeNumberSchedules([[5, 900], [], [0, 5, 2000], [1]])];
    expect(merged).toEqual([
      { atMs: 0, numberIndex: 2 },
      { atMs: 1, numberIndex: 3 },
      { atMs: 5, numberIndex: 0 },
      { atMs: 5, numberIndex: 2 },
      { atMs: 900, numberIndex: 0 },
      { atMs: 2000, numberIndex: 2 },
    ]);
  });

  it('are used instead of rates when present', () => {
    const slots = [...operatorSendTimes({ perSecond: [100], numberCount: 2, numberSchedules: [[10], [20]] })];
    expect(slots.map((s) => s.atMs)).toEqual([10, 20]);
    expect([...operatorSendTimes({ perSecond: [3], numberCount: 2 })]).toHaveLength(3);
  });
});
