import { Driver } from '@gong/smpp-fleet/worker/driver';
import { TimerWheel } from '@gong/smpp-fleet/worker/timer-wheel';
import { describe, expect, it } from 'vitest';

describe('TimerWheel', () => {
  it('fires items in due order, grouping each millisecond, and only once', () => {
    const w = new TimerWheel<string>();
    w.add(30.2, 'c');
    w.add(10, 'a');
    w.add(10.7, 'b');
    w.add(5000, 'z');
    expect(w.nextAt()).toBe(10);
    const fired: string[] = [];
    w.due(31, (x) => fired.push(x));
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(w.size).toBe(1);
    w.due(31, (x) => fired.push(x));
    expect(fired).toHaveLength(3);
    expect(w.nextAt()).toBe(5000);
  });

  it('takes a finer resolution: buckets that wide, rounded up so nothing fires early', () => {
    const w = new TimerWheel<string>(0.05);
    w.add(10.01, 'a');
    w.add(10.04, 'b');
    w.add(10.06, 'c');
    expect(w.nextAt()).toBeCloseTo(10.05, 9);
    const fired: [string, number][] = [];
    w.due(10.049, (x, at) => fired.push([x, at]));
    expect(fired).toEqual([]);
    w.due(10.05, (x, at) => fired.push([x, at]));
    expect(fired.map(([x]) => x)).toEqual(['a', 'b']);
    expect(fired[0]?.[1]).toBeCloseTo(10.05, 9);
    expect(w.remove(10.06, 'c')).toBe(true);
    expect(w.size).toBe(0);
  });

  it('lets an item go before it is due, and then neither fires nor counts it', () => {
    const w = new TimerWheel<object>();
    const [a, b, c] = [{}, {}, {}];
    w.add(10.2, a);
    w.add(10.9, b);
    w.add(20, c);
    expect(w.remove(30, b)).toBe(false); // not in that millisecond
    expect(w.remove(10.9, b)).toBe(true);
    expect(w.remove(10.9, b)).toBe(false);
    expect(w.remove(20, c)).toBe(true);
    expect(w.size).toBe(1);
    expect(w.nextAt()).toBe(11);
    expect(w.remove(10.2, a)).toBe(true);
    expect(w.nextAt()).toBeUndefined(); // nothing left: no wake-up for emptied milliseconds
    w.add(10.2, a);
    const fired: object[] = [];
    w.due(100, (x) => fired.push(x));
    expect(fired).toEqual([a]);
    expect(w.size).toBe(0);
    w.add(20, c); // the emptied millisecond can be used again
    w.due(100, (x) => fired.push(x));
    expect(fired).toEqual([a, c]);
  });

  it('keeps order across many random keys (heap property)', () => {
    const w = new TimerWheel<number>();
    let x = 12345;
    const values: number[] = [];
    for (let i = 0; i < 5000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const at = x % 100_000;
      values.push(at);
      w.add(at, at);
    }
    const out: number[] = [];
    w.due(100_000, (v) => out.push(v));
    expect(out).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('Driver', () => {
  it('ticks items when they are due and sleeps in between', async () => {
    const start = Date.now();
    const ticks: number[] = [];
    let due: number | undefined = start + 30;
    const d = new Driver(() => Date.now());
    d.add({
      tick: (now) => {
        if (due !== undefined && now >= due) {
          ticks.push(now - start);
          due = ticks.length < 3 ? now + 20 : undefined;
        }
      },
      nextAt: () => due,
    });
    d.start();
    await new Promise((r) => setTimeout(r, 200));
    d.stop();
    expect(ticks).toHaveLength(3);
    expect(ticks[0]).toBeGreaterThanOrEqual(30);
    expect((ticks[2] ?? 0) - (ticks[0] ?? 0)).toBeGreaterThanOrEqual(40);
  });
});
