import { type Expectation, matches } from '@gong/core/domain/expectation';
import { describe, expect, it } from 'vitest';
import { libraryCheck } from '../../../web/src/lib/library-check';

const check = (expectedPatterns: Expectation[], checkOutput = true) =>
  libraryCheck({ expectedPatterns, checkOutput });

function combined(patterns: Expectation[]): Expectation {
  const c = check(patterns);
  if (!c.ok) throw new Error(c.reason);
  return c.expect;
}

describe('a library entry as one expectation', () => {
  it('is "any reply" when the output is not checked or there is no pattern', () => {
    expect(check([{ kind: 'exact', text: 'x' }], false)).toEqual({ ok: true, expect: { kind: 'any' } });
    expect(check([])).toEqual({ ok: true, expect: { kind: 'any' } });
  });

  it('sends a single pattern unchanged', () => {
    const only: Expectation = { kind: 'regex', pattern: 'balance is \\d+', flags: 'i' };
    expect(check([only])).toEqual({ ok: true, expect: only });
  });

  it('requires every pattern to match, wherever each one matches', () => {
    const e = combined([
      { kind: 'contains', text: 'balance' },
      { kind: 'regex', pattern: '\\d+ EUR$', flags: '' },
    ]);
    expect(matches(e, 'Your balance is 42 EUR')).toBe(true);
    expect(matches(e, 'Your balance is 42 USD')).toBe(false);
    expect(matches(e, 'Your credit is 42 EUR')).toBe(false);
  });

  it('keeps exact meaning the whole reply, also across lines and with the m flag', () => {
    const e = combined([
      { kind: 'exact', text: 'a.b' },
      { kind: 'contains', text: '.' },
    ]);
    expect(matches(e, 'a.b')).toBe(true);
    expect(matches(e, 'axb')).toBe(false);
    expect(matches(e, 'a.b!')).toBe(false);
    const m = combined([
      { kind: 'exact', text: 'ok' },
      { kind: 'regex', pattern: '^ok$', flags: 'm' },
    ]);
    expect(matches(m, 'ok')).toBe(true);
    expect(matches(m, 'first\nok')).toBe(false);
  });

  it('refuses combinations it cannot express faithfully', () => {
    const mixedFlags = check([
      { kind: 'regex', pattern: 'a', flags: 'i' },
      { kind: 'regex', pattern: 'b', flags: '' },
    ]);
    expect(mixedFlags.ok).toBe(false);
    const caseLeak = check([
      { kind: 'regex', pattern: 'a', flags: 'i' },
      { kind: 'exact', text: 'A' },
    ]);
    expect(caseLeak.ok).toBe(false);
    const backref = check([
      { kind: 'regex', pattern: '(a)', flags: '' },
      { kind: 'regex', pattern: '(b)\\1', flags: '' },
    ]);
    expect(backref.ok).toBe(false);
  });
});
