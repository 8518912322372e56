import { type Expectation, matches } from '@gong/core/domain/expectation';
import { Step } from '@gong/core/domain/sequence';
import { canTransition, isTerminal } from '@gong/core/domain/stress-run';
import { describe, expect, it } from 'vitest';

describe('expectations', () => {
  const cases: [Expectation, string, boolean][] = [
    [{ kind: 'exact', text: 'Your balance is 42 EUR' }, 'Your balance is 42 EUR', true],
    [{ kind: 'exact', text: 'Your balance is 42 EUR' }, 'Your balance is 42 EUR ', false],
    [{ kind: 'contains', text: 'balance' }, 'Your balance is 42 EUR', true],
    [{ kind: 'contains', text: 'BALANCE' }, 'Your balance is 42 EUR', false],
    [{ kind: 'regex', pattern: '^Your balance is \\d+ EUR$', flags: '' }, 'Your balance is 42 EUR', true],
    [{ kind: 'regex', pattern: '^your', flags: 'i' }, 'Your balance', true],
    [{ kind: 'regex', pattern: '^your', flags: '' }, 'Your balance', false],
    [{ kind: 'any' }, 'whatever', true],
    [{ kind: 'none' }, 'whatever', false],
  ];
  it.each(cases)('%j against %j → %s', (expectation, reply, expected) => {
    expect(matches(expectation, reply)).toBe(expected);
  });

  it('rejects an invalid regex when a step is parsed', () => {
    const result = Step.safeParse({
      id: 's1',
      message: { text: 'BAL' },
      expect: { kind: 'regex', pattern: '(' },
    });
    expect(result.success).toBe(false);
  });
});

describe('run state machine', () => {
  it('allows the happy path and nothing out of terminal states', () => {
    expect(canTransition('planned', 'starting')).toBe(true);
    expect(canTransition('starting', 'running')).toBe(true);
    expect(canTransition('running', 'stopping')).toBe(true);
    expect(canTransition('stopping', 'finished')).toBe(true);
    expect(canTransition('finished', 'running')).toBe(false);
    expect(canTransition('planned', 'finished')).toBe(false);
    expect(isTerminal('aborted')).toBe(true);
    expect(isTerminal('running')).toBe(false);
  });
});
