import { isDomainError } from '@gong/core/domain/errors';
import { StrategySpec } from '@gong/core/domain/strategy';
import { compileStrategy, previewStrategy } from '@gong/core/strategy/compile';
import { describe, expect, it } from 'vitest';

const two = [
  { operatorId: 'a', numberCount: 10 },
  { operatorId: 'b', numberCount: 20 },
];

function close(actual: number[], expected: number[]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => {
    expect(v, `second ${i}`).toBeCloseTo(expected[i] as number, 9);
  });
}

describe('full force', () => {
  it('sends rate × numbers every second from the start for the whole run', () => {
    const spec = StrategySpec.parse({ kind: 'full-force', ratePerNumber: 0.5 });
    const out = compileStrategy({ spec, durationSec: 4, operators: two });
    close(out.operators[0]?.perSecond ?? [], [5, 5, 5, 5]);
    close(out.operators[1]?.perSecond ?? [], [10, 10, 10, 10]);
  });

  it('honours per-operator start delay and running time', () => {
    const spec = StrategySpec.parse({
      kind: 'full-force',
      ratePerNumber: 1,
      operators: [{ operatorId: 'b', startDelaySec: 1, runningTimeSec: 2 }],
    });
    const out = compileStrategy({ spec, durationSec: 5, operators: two });
    close(out.operators[1]?.perSecond ?? [], [0, 20, 20, 0, 0]);
    expect(out.operators[1]?.startSec).toBe(1);
    expect(out.operators[1]?.endSec).toBe(3);
  });

  it('covers half a second when the delay is fractional', () => {
    const spec = StrategySpec.parse({
      kind: 'full-force',
      ratePerNumber: 1,
      operators: [{ operatorId: 'a', startDelaySec: 0.5 }],
    });
    const out = compileStrategy({ spec, durationSec: 3, operators: [two[0] as (typeof two)[0]] });
    close(out.operators[0]?.perSecond ?? [], [5, 10, 10]);
  });
});

describe('balanced growth', () => {
  // min 10, max 50, ramp 4 s, average 30; midpoints of each second of the operator's own time
  const ramp = [15, 25, 35, 45, 47.5, 42.5, 37.5, 32.5, 30, 30];
  const spec = StrategySpec.parse({
    kind: 'balanced-growth',
    minRate: 10,
    maxRate: 50,
    staggerSec: 3,
    rampSec: 4,
  });

  it('grows from min to max, comes back to the average and holds', () => {
    const out = compileStrategy({ spec, durationSec: 10, operators: [two[0] as (typeof two)[0]] });
    close(out.operators[0]?.perSecond ?? [], ramp);
  });

  it('starts each operator staggerSec after the previous one', () => {
    const out = compileStrategy({ spec, durationSec: 10, operators: two });
    close(out.operators[1]?.perSecond ?? [], [0, 0, 0, ...ramp.slice(0, 7)]);
    expect(out.operators[1]?.startSec).toBe(3);
  });

  it('adds a per-operator start delay to the stagger', () => {
    const delayed = StrategySpec.parse({ ...spec, operators: [{ operatorId: 'b', startDelaySec: 2 }] });
    const out = compileStrategy({ spec: delayed, durationSec: 10, operators: two });
    close(out.operators[1]?.perSecond ?? [], [0, 0, 0, 0, 0, ...ramp.slice(0, 5)]);
  });

  it('warns when an operator starts after the run ends', () => {
    const out = compileStrategy({ spec, durationSec: 3, operators: two });
    expect(out.warnings.join()).toMatch(/operator b starts at 3s, after the run ends/);
    expect(out.operators[1]?.perSecond).toEqual([0, 0, 0]);
  });

  it('rejects max below min', () => {
    const bad = StrategySpec.parse({ kind: 'balanced-growth', minRate: 10, maxRate: 5 });
    expect(() => compileStrategy({ spec: bad, durationSec: 10, operators: two })).toThrow(
      /maxRate 5 is below minRate 10/,
    );
  });
});

describe('custom', () => {
  const op = [{ operatorId: 'a', numberCount: 1 }];

  it('is linear from min to max over the window when no curve is given', () => {
    const spec = StrategySpec.parse({
      kind: 'custom',
      operators: [{ operatorId: 'a', minRate: 0, maxRate: 40 }],
    });
    const out = compileStrategy({ spec, durationSec: 4, operators: op });
    close(out.operators[0]?.perSecond ?? [], [5, 15, 25, 35]);
  });

  it('evaluates a polynomial c0 + c1·t + c2·t² clamped to [min, max]', () => {
    const spec = StrategySpec.parse({
      kind: 'custom',
      operators: [
        { operatorId: 'a', minRate: 2, maxRate: 20, curve: { kind: 'polynomial', coefficients: [1, 0, 2] } },
      ],
    });
    const out = compileStrategy({ spec, durationSec: 5, operators: op });
    // 1 + 2τ² sampled on quarter-second midpoints, clamped at 2 below and 20 above
    const f = (t: number) => Math.min(20, Math.max(2, 1 + 2 * t * t));
    const expected = [0, 1, 2, 3, 4].map((s) =>
      [0.125, 0.375, 0.625, 0.875].reduce((a, d) => a + f(s + d) / 4, 0),
    );
    close(out.operators[0]?.perSecond ?? [], expected);
    expect(out.operators[0]?.perSecond[4]).toBe(20);
  });

  it('evaluates an expression of t clamped to [min, max]', () => {
    const spec = StrategySpec.parse({
      kind: 'custom',
      operators: [
        {
          operatorId: 'a',
          minRate: 0,
          maxRate: 100,
          curve: { kind: 'expression', expression: '10 + 20 * t' },
        },
      ],
    });
    const out = compileStrategy({ spec, durationSec: 6, operators: op });
    close(out.operators[0]?.perSecond ?? [], [20, 40, 60, 80, 97.5, 100]);
  });

  it('rejects unknown names in the expression with the identifier and position', () => {
    const spec = StrategySpec.parse({
      kind: 'custom',
      operators: [
        { operatorId: 'a', minRate: 0, maxRate: 9, curve: { kind: 'expression', expression: 't * speed' } },
      ],
    });
    expect(() => compileStrategy({ spec, durationSec: 3, operators: op })).toThrow(
      /unknown identifier "speed".*position 5/,
    );
  });

  it('needs a curve for every operator of the run', () => {
    const spec = StrategySpec.parse({
      kind: 'custom',
      operators: [{ operatorId: 'a', minRate: 0, maxRate: 9 }],
    });
    let caught: unknown;
    try {
      compileStrategy({ spec, durationSec: 3, operators: two });
    } catch (e) {
      caught = e;
    }
    expect(isDomainError(caught, 'VALIDATION')).toBe(true);
    expect(String(caught)).toMatch(/no curve for operator b/);
  });
});

describe('random', () => {
  const spec = StrategySpec.parse({ kind: 'random', minPerNumber: 2, maxPerNumber: 6 });

  it('gives every number a count in [min, max] at times inside its window', () => {
    const out = compileStrategy({ spec, durationSec: 30, operators: two, seed: 7 });
    for (const op of out.operators) {
      expect(op.numberSchedules?.length).toBe(op.numberCount);
      for (const times of op.numberSchedules ?? []) {
        expect(times.length).toBeGreaterThanOrEqual(2);
        expect(times.length).toBeLessThanOrEqual(6);
        expect([...times].sort((x, y) => x - y)).toEqual(times);
        for (const t of times) expect(t >= 0 && t < 30_000).toBe(true);
      }
      const sent = (op.numberSchedules ?? []).reduce((a, t) => a + t.length, 0);
      expect(op.perSecond.reduce((a, b) => a + b, 0)).toBe(sent);
    }
    const counts = new Set(out.operators.flatMap((o) => (o.numberSchedules ?? []).map((t) => t.length)));
    expect(counts.size).toBeGreaterThan(2);
  });

  it('is reproducible from its seed and changes with it', () => {
    const a = compileStrategy({ spec, durationSec: 30, operators: two, seed: 7 });
    const b = compileStrategy({ spec, durationSec: 30, operators: two, seed: 7 });
    const c = compileStrategy({ spec, durationSec: 30, operators: two, seed: 8 });
    expect(b).toEqual(a);
    expect(c.operators[0]?.numberSchedules).not.toEqual(a.operators[0]?.numberSchedules);
  });

  it('keeps numbers inside a delayed, shortened window', () => {
    const windowed = StrategySpec.parse({
      ...spec,
      operators: [{ operatorId: 'a', startDelaySec: 10, runningTimeSec: 5 }],
    });
    const out = compileStrategy({ spec: windowed, durationSec: 30, operators: two, seed: 3 });
    for (const times of out.operators[0]?.numberSchedules ?? []) {
      for (const t of times) expect(t >= 10_000 && t < 15_000).toBe(true);
    }
  });
});

describe('preview', () => {
  it('gives whole messages per second with the remainder carried, per operator and in total', () => {
    const spec = StrategySpec.parse({ kind: 'full-force', ratePerNumber: 0.25 });
    const p = previewStrategy({
      spec,
      durationSec: 4,
      operators: [
        { operatorId: 'a', numberCount: 3 },
        { operatorId: 'b', numberCount: 4 },
      ],
    });
    expect(p.operators[0]?.counts).toEqual([0, 1, 1, 1]); // 0.75/s: 0.75, 1.5, 2.25, 3.0
    expect(p.operators[1]?.counts).toEqual([1, 1, 1, 1]);
    expect(p.total).toEqual([1, 2, 2, 2]);
    expect(p.totalMessages).toBe(7);
    expect(p.peakPerSecond).toBe(2);
  });

  it('rejects strategy operators that are not in the run', () => {
    const spec = StrategySpec.parse({
      kind: 'full-force',
      ratePerNumber: 1,
      operators: [{ operatorId: 'zz' }],
    });
    expect(() => previewStrategy({ spec, durationSec: 4, operators: two })).toThrow(
      /operator zz, which is not in the run/,
    );
  });
});
