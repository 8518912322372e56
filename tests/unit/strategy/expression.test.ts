import { isDomainError } from '@gong/core/domain/errors';
import { compileExpression } from '@gong/core/strategy/expression';
import { describe, expect, it } from 'vitest';

describe('safe expressions', () => {
  const cases: [string, number, number][] = [
    ['1 + 2 * 3', 0, 7],
    ['(1 + 2) * 3', 0, 9],
    ['2 ^ 3 ^ 2', 0, 512],
    ['-2 ^ 2', 0, -4],
    ['2 ^ -1', 0, 0.5],
    ['10 - 4 - 3', 0, 3],
    ['12 / 3 / 2', 0, 2],
    ['--3', 0, 3],
    ['t * 2 + 1', 5, 11],
    ['sin(pi / 2)', 0, 1],
    ['cos(0) + exp(0) + log(e)', 0, 3],
    ['sqrt(16) + abs(-3)', 0, 7],
    ['floor(2.7) + ceil(2.1)', 0, 5],
    ['min(t, 4, 9)', 7, 4],
    ['max(1, t)', 7, 7],
    ['1.5e2 + .5', 0, 150.5],
    ['10 + 5 * sin(t / 10)', 0, 10],
  ];
  it.each(cases)('%s at t=%d is %d', (source, t, expected) => {
    expect(compileExpression(source)(t)).toBeCloseTo(expected, 10);
  });

  const errors: [string, RegExp][] = [
    ['10 + foo * t', /unknown identifier "foo".*position 6/],
    ['rate(t)', /unknown identifier "rate".*position 1/],
    ['t(2)', /"t" is not a function at position 1/],
    ['sin t', /function "sin" needs arguments in parentheses at position 1/],
    ['sin(1, 2)', /function "sin" takes 1 argument, got 2 at position 1/],
    ['(1 + 2', /expected "\)" to close "\(" at position 1, found end of expression at position 7/],
    ['1 +', /unexpected end of expression.*position 4/],
    ['1 2', /unexpected number 2, expected an operator at position 3/],
    ['2 $ 3', /unexpected character "\$" at position 3/],
    ['', /empty expression/],
    ['max(1,', /unexpected end of expression/],
    ['constructor', /unknown identifier "constructor"/],
    ['process.exit(1)', /unknown identifier "process" .*position 1/],
  ];
  it.each(errors)('rejects %j', (source, message) => {
    let caught: unknown;
    try {
      compileExpression(source);
    } catch (e) {
      caught = e;
    }
    expect(isDomainError(caught, 'VALIDATION')).toBe(true);
    expect((caught as Error).message).toMatch(message);
  });
});
