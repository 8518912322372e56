import { DomainError } from '../domain/errors';
import type { CurveFunction } from '../domain/strategy';
import { compileExpression } from './expression';

/** Rate (messages/s) as a function of τ = seconds since the operator's own start. */
export type RateCurve = (tau: number) => number;

export const constantCurve =
  (rate: number): RateCurve =>
  () =>
    rate;

/**
 * Balanced growth for one operator: min at τ=0, linear up to max at τ=ramp, linear down to the
 * average (min+max)/2 at τ=2·ramp, then holds the average.
 */
export function balancedGrowthCurve(minRate: number, maxRate: number, rampSec: number): RateCurve {
  const avg = (minRate + maxRate) / 2;
  return (tau) => {
    if (tau <= 0) return minRate;
    if (tau < rampSec) return minRate + ((maxRate - minRate) * tau) / rampSec;
    if (tau < 2 * rampSec) return maxRate - ((maxRate - avg) * (tau - rampSec)) / rampSec;
    return avg;
  };
}

/**
 * Custom curve clamped to [min, max]. `linear` goes from min at τ=0 to max at τ=windowSec;
 * polynomial is c0 + c1·τ + c2·τ² …; expression is any safe expression of t (= τ).
 */
export function customCurve(
  curve: CurveFunction,
  minRate: number,
  maxRate: number,
  windowSec: number,
): RateCurve {
  if (maxRate < minRate) {
    throw new DomainError('VALIDATION', `custom strategy: maxRate ${maxRate} is below minRate ${minRate}`);
  }
  const clamp = (value: number, tau: number): number => {
    if (Number.isNaN(value)) {
      throw new DomainError('VALIDATION', `custom strategy curve is not a number at t=${tau.toFixed(3)}s`);
    }
    return Math.min(maxRate, Math.max(minRate, value));
  };
  switch (curve.kind) {
    case 'linear':
      return (tau) => clamp(windowSec > 0 ? minRate + ((maxRate - minRate) * tau) / windowSec : minRate, tau);
    case 'polynomial': {
      const coefficients = curve.coefficients;
      return (tau) => {
        let value = 0;
        for (let i = coefficients.length - 1; i >= 0; i--) value = value * tau + (coefficients[i] as number);
        return clamp(value, tau);
      };
    }
    case 'expression': {
      const fn = compileExpression(curve.expression);
      return (tau) => clamp(fn(tau), tau);
    }
  }
}

const SUBSAMPLES = 4;

/**
 * Expected messages in second `s` of the run for a curve active on [start, end): the integral of the
 * rate over the covered part of the second (midpoint rule on 4 sub-intervals; exact for linear pieces
 * whose breakpoints fall on quarter seconds).
 */
export function messagesInSecond(curve: RateCurve, s: number, start: number, end: number): number {
  const a = Math.max(s, start);
  const b = Math.min(s + 1, end);
  if (b <= a) return 0;
  const width = (b - a) / SUBSAMPLES;
  let sum = 0;
  for (let k = 0; k < SUBSAMPLES; k++) sum += curve(a + (k + 0.5) * width - start);
  return sum * width;
}
