import { performance } from 'node:perf_hooks';
import { DelayLine } from '@gong/smpp-fleet/sim/delay-line';
import { afterEach, describe, expect, it } from 'vitest';

const now = () => performance.timeOrigin + performance.now();

describe('DelayLine', () => {
  let line: DelayLine | undefined;
  afterEach(async () => {
    await line?.close();
    line = undefined;
  });

  it('runs a zero or negative delay at once', () => {
    line = new DelayLine();
    const ran: number[] = [];
    line.after(0, () => ran.push(1));
    line.after(-5, () => ran.push(2));
    expect(ran).toEqual([1, 2]);
    expect(line.size).toBe(0);
  });

  it('runs each item at its due time within the tolerance, in due order, ties in the order added', async () => {
    line = new DelayLine();
    await line.ready;
    const ran: { tag: string; early: number; tolerance: number }[] = [];
    const add = (ms: number, tag: string) => {
      const due = now() + ms;
      line?.after(ms, () => ran.push({ tag, early: due - now(), tolerance: line?.toleranceMs ?? 0 }));
    };
    add(30, 'c');
    add(5.5, 'a');
    add(12.25, 'b1');
    add(12.25, 'b2');
    add(1, 'first');
    await new Promise((r) => setTimeout(r, 80));
    expect(ran.map((r) => r.tag)).toEqual(['first', 'a', 'b1', 'b2', 'c']);
    // never more than the line's tolerance ahead of time: half its wake-up time, at most 0.15 ms
    for (const r of ran) {
      expect(r.tolerance).toBeLessThanOrEqual(0.15);
      expect(r.early).toBeLessThanOrEqual(r.tolerance + 1e-6);
    }
    expect(line.size).toBe(0);
  });

  it('keeps going when a callback throws, and re-arms for items added while it was empty', async () => {
    line = new DelayLine();
    await line.ready;
    const ran: string[] = [];
    const errors: unknown[] = [];
    const onError = (err: unknown) => errors.push(err);
    process.on('uncaughtException', onError);
    try {
      line.after(2, () => {
        throw new Error('boom');
      });
      line.after(3, () => ran.push('after boom'));
      await new Promise((r) => setTimeout(r, 30));
      line.after(2, () => ran.push('later'));
      await new Promise((r) => setTimeout(r, 30));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(ran).toEqual(['after boom', 'later']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['boom']);
  });

  it('drops what is still waiting when closed', async () => {
    line = new DelayLine();
    const ran: string[] = [];
    line.after(10, () => ran.push('x'));
    expect(line.size).toBe(1);
    await line.close();
    await new Promise((r) => setTimeout(r, 30));
    expect(ran).toEqual([]);
    expect(line.size).toBe(0);
  });
});
