import { type Exchange, RecordIds } from '@gong/smpp-fleet/worker/exchange';
import { RunExecutor } from '@gong/smpp-fleet/worker/run-executor';
import { describe, expect, it } from 'vitest';
import { aPlan, aStep, FakeTarget } from './builders';

function setup(plan = aPlan()) {
  let now = plan.startAt - 10;
  const target = new FakeTarget('op1', () => now);
  const settled: Exchange[] = [];
  const exec = new RunExecutor(plan, {
    target: (op) => (op === 'op1' ? target : undefined),
    settled: (ex) => settled.push(ex),
    ids: new RecordIds('x'),
  });
  const runTo = (until: number, stepMs = 1) => {
    while (now < until) {
      now = Math.min(until, now + stepMs);
      target.correlator.sweep(now);
      exec.tick(now);
    }
  };
  return { exec, target, settled, runTo, now: () => now };
}

describe('RunExecutor', () => {
  it('spreads each second of the schedule evenly and sends nothing before startAt', () => {
    const { target, runTo } = setup();
    runTo(1_000_000 - 1);
    expect(target.sent).toHaveLength(0);
    runTo(1_003_000);
    expect(target.sent).toHaveLength(30);
    const firstSecond = target.sent.slice(0, 10).map((s) => s.ex.intendedAt - 1_000_000);
    expect(firstSecond).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    for (const s of target.sent) expect(s.at - s.ex.intendedAt).toBeLessThan(1);
  });

  it('carries fractional per-second rates over', () => {
    const { target, runTo } = setup(
      aPlan({ operators: [{ operatorId: 'op1', perSecond: [0.5, 0.5, 0.5, 0.5], numbers: ['4070001'] }] }),
    );
    runTo(1_004_000);
    expect(target.sent.map((s) => s.ex.intendedAt - 1_000_000)).toEqual([1000, 3000]);
  });

  it('keeps the per-second count exact at 1,000 msg/s with a jittery 1-3 ms tick', () => {
    const { target, runTo, now } = setup(
      aPlan({
        durationSec: 5,
        operators: [{ operatorId: 'op1', perSecond: [1000, 1000, 1000, 1000, 1000], numbers: ['4070001'] }],
      }),
    );
    let k = 0;
    while (now() < 1_005_100) runTo(now() + 1 + (k++ % 3));
    const perSecond = new Map<number, number>();
    for (const s of target.sent) {
      const sec = Math.floor(s.at / 1000);
      perSecond.set(sec, (perSecond.get(sec) ?? 0) + 1);
    }
    const counts = [...perSecond.values()];
    expect(counts).toHaveLength(5);
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThanOrEqual(3);
    for (const s of target.sent) expect(s.at - s.ex.intendedAt).toBeLessThanOrEqual(3);
  });

  it('is open-loop: keeps sending at the schedule while nothing answers, reusing busy numbers', () => {
    const { exec, target, runTo } = setup();
    runTo(1_000_950);
    expect(target.sent).toHaveLength(10);
    expect(exec.stats.numberOverflows).toBe(8);
  });

  it('records lag instead of slowing down when the window is full, keeping intended times', () => {
    const { exec, target, runTo } = setup();
    target.room = 0;
    runTo(1_000_500);
    expect(target.sent).toHaveLength(0);
    expect(exec.stats.backlog).toBe(6);
    target.room = Number.POSITIVE_INFINITY;
    runTo(1_000_501);
    expect(target.sent).toHaveLength(6);
    expect(target.sent[0]?.ex.intendedAt).toBe(1_000_000);
    expect(exec.stats.maxLagMs).toBeCloseTo(501, 0);
  });

  it('walks each number through its sequence after answers, honouring think time', () => {
    const steps = [
      aStep({ id: 'a', text: 'ECHO one', expect: { kind: 'exact', text: 'one' }, thinkMs: 300 }),
      aStep({ id: 'b', text: 'ECHO two', expect: { kind: 'exact', text: 'two' } }),
    ];
    const { target, runTo, settled } = setup(
      aPlan({
        sequences: [steps],
        operators: [{ operatorId: 'op1', perSecond: [5, 5], numbers: ['4070001', '4070002'] }],
      }),
    );
    runTo(1_000_001);
    expect(target.sent.map((s) => [s.ex.msisdn, s.ex.text])).toEqual([['4070001', 'ECHO one']]);
    target.correlator.reply('4070001', 'one', 1_000_050);
    expect(settled[0]?.verdict).toBe('valid');
    runTo(1_000_201);
    expect(target.sent.map((s) => [s.ex.msisdn, s.ex.text])).toEqual([
      ['4070001', 'ECHO one'],
      ['4070002', 'ECHO one'],
    ]);
    runTo(1_000_401);
    // number 1 is still thinking (answered at 50 + 300 ms) so the third send overflows to a busy number
    expect(target.sent[2]?.ex.msisdn).toBe('4070001');
    expect(target.sent[2]?.ex.text).toBe('ECHO two');
  });

  it('follows explicit per-number schedules (random strategy)', () => {
    const { target, runTo } = setup(
      aPlan({
        operators: [
          {
            operatorId: 'op1',
            perSecond: [],
            numbers: ['4070001', '4070002'],
            numberSchedules: [[500, 10], [20]],
          },
        ],
      }),
    );
    runTo(1_001_000);
    expect(target.sent.map((s) => [s.ex.msisdn, s.ex.intendedAt - 1_000_000])).toEqual([
      ['4070001', 10],
      ['4070002', 20],
      ['4070001', 500],
    ]);
  });

  it('finishes once the schedule is done and every exchange has a verdict', () => {
    const { exec, runTo, settled } = setup();
    runTo(1_003_000);
    expect(exec.finished).toBe(false);
    runTo(1_004_000);
    expect(exec.finished).toBe(true);
    expect(settled).toHaveLength(30);
    expect(settled.every((e) => e.verdict === 'unanswered')).toBe(true);
  });

  it('discards the unsent backlog on stop (never sent, never recorded) and reports operators it does not host', () => {
    const plan = aPlan({
      operators: [
        { operatorId: 'op1', perSecond: [10, 10, 10], numbers: ['4070001'] },
        { operatorId: 'op9', perSecond: [10], numbers: ['4070009'] },
      ],
    });
    const { exec, target, runTo, settled } = setup(plan);
    expect(exec.missingOperators).toEqual(['op9']);
    target.room = 0;
    runTo(1_000_450);
    exec.stop();
    expect(exec.stats.discarded).toBe(5);
    expect(exec.stats.dropped).toBe(0);
    expect(exec.stats.scheduled).toBe(0);
    expect(settled).toEqual([]);
    runTo(1_003_000);
    expect(exec.finished).toBe(true);
    expect(target.sent).toHaveLength(0);
  });
});
