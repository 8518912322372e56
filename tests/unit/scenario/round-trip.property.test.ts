import { parseScenarioXml } from '@gong/core/scenario/from-xml';
import { parseScenarioJson, serializeScenarioJson } from '@gong/core/scenario/json';
import { type Cmd, Scenario } from '@gong/core/scenario/model';
import { serializeScenarioXml } from '@gong/core/scenario/to-xml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// printable text including markup characters, quotes, backslashes and newlines
const text = fc.string({
  minLength: 1,
  maxLength: 30,
  unit: fc.constantFrom(...'aZ09 <>&"\'\\\n=,()é€'.split('')),
});
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,15}$/).filter((s) => s.trim() === s);
const rate = fc.integer({ min: 0, max: 1000 });

const sendCmd: fc.Arbitrary<Cmd> = fc.record({
  name,
  spy: fc.boolean(),
  call: fc.oneof(
    fc.record({ fn: fc.constant('send' as const), text }),
    fc.record({
      fn: fc.constant('send' as const),
      text,
      contains: text,
      timeoutMs: fc.integer({ min: 100, max: 60_000 }),
    }),
    fc.record({
      fn: fc.constant('send' as const),
      text,
      exact: text,
      thinkMs: fc.integer({ min: 0, max: 5000 }),
    }),
    fc.record({
      fn: fc.constant('send' as const),
      text,
      expect: fc.constantFrom('^Your', 'a|b', '\\d+ EUR$'),
    }),
    fc.record({
      fn: fc.constant('send' as const),
      text,
      noReply: fc.boolean(),
      encoding: fc.constantFrom('gsm7' as const, 'ucs2' as const),
    }),
  ),
});

const scenario = fc
  .record({
    name,
    seed: fc.integer({ min: -1000, max: 1000 }),
    clients: fc.integer({ min: 1, max: 5000 }),
    time: fc.integer({ min: 1, max: 3600 }),
    small: fc.boolean(),
    period: fc.double({ min: 0.1, max: 60, noNaN: true }),
    operators: fc.array(
      fc.record({
        ref: name,
        startDelay: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        min: rate.map((r) => r + 1),
        minRate: rate,
        expression: fc.constantFrom('10 + 5 * sin(t / 10)', 't ^ 2 / 3', 'max(1, min(t, 50))', '-(-t)'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    mode: fc.constantFrom('normal' as const, 'random' as const),
    items: fc.array(
      fc.oneof(
        sendCmd.map((cmd) => ({ kind: 'cmd' as const, cmd })),
        fc.record({
          kind: fc.constant('group' as const),
          name,
          cmds: fc.array(sendCmd, { minLength: 1, maxLength: 3 }),
        }),
        name.map((ref) => ({ kind: 'sequence' as const, ref })),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map((r) =>
    Scenario.parse({
      name: r.name,
      seed: r.seed,
      clients: { number: r.clients },
      time: { max: r.time },
      sample: { small: r.small, period: r.period },
      connection: { ref: 'jasmin' },
      operators: r.operators.map((o) => ({
        ref: o.ref,
        min: o.min,
        startDelay: o.startDelay,
        minRate: o.minRate,
        maxRate: o.minRate + 10,
        curve: { kind: 'expression', expression: o.expression },
      })),
      strategy: { kind: 'custom' },
      protocol: { name: 'Operator', mode: r.mode, items: r.items },
    }),
  );

describe('scenario round trips (property)', () => {
  it('xml → model and json → model give back the same model', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(parseScenarioXml(serializeScenarioXml(s))).toEqual(s);
        expect(parseScenarioJson(serializeScenarioJson(s))).toEqual(s);
      }),
      { numRuns: 150, seed: 5 },
    );
  });
});
