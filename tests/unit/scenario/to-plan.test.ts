import { readFileSync } from 'node:fs';
import { isDomainError } from '@gong/core/domain/errors';
import { parseScenario } from '@gong/core/scenario/scenario-file';
import { scenarioToPlan } from '@gong/core/scenario/to-plan';
import { compileStrategy } from '@gong/core/strategy/compile';
import { describe, expect, it } from 'vitest';
import { tenantConfig } from './tenant-fixture';

const fixture = (name: string) =>
  parseScenario(readFileSync(new URL(`../../fixtures/scenarios/${name}`, import.meta.url), 'utf8'), name);

describe('scenario → stress plan', () => {
  it('resolves names to ids and maps every setting', () => {
    const plan = scenarioToPlan(fixture('every-element.xml'), tenantConfig());
    expect(plan.connectionId).toBe('conn-jasmin');
    expect(plan.mode).toBe('operator');
    expect(plan.durationSec).toBe(60);
    expect(plan.seed).toBe(42);
    expect(plan.iterationsMax).toBe(1000);
    expect(plan.sample).toEqual({ small: false, periodSec: 2 });
    expect(plan.reduction).toEqual({ minElementsPerBin: 10, maxBins: 100 });
    expect(plan.retValues.map((r) => `${r.name}:${r.sta}`)).toContain('timeSpent:vds');
    // clients.number = 50 fills in what an operator leaves out
    expect(plan.operators).toEqual([
      { operatorId: 'op-orange', minNumbers: 10, maxNumbers: 40 },
      { operatorId: 'op-vodafone', minNumbers: 50, maxNumbers: 50 },
      { operatorId: 'op-telekom', minNumbers: 5, maxNumbers: 50 },
    ]);
    expect(plan.strategy).toEqual({
      kind: 'custom',
      operators: [
        {
          operatorId: 'op-orange',
          startDelaySec: 2,
          runningTimeSec: 50,
          minRate: 5,
          maxRate: 80,
          curve: { kind: 'expression', expression: '20 + 10 * sin(t / 10 * pi)' },
        },
        {
          operatorId: 'op-vodafone',
          startDelaySec: 0,
          minRate: 1,
          maxRate: 30,
          curve: { kind: 'polynomial', coefficients: [1, 0.5, 0.01] },
        },
        { operatorId: 'op-telekom', startDelaySec: 0, minRate: 0, maxRate: 10, curve: { kind: 'linear' } },
      ],
    });
    // the plan's strategy compiles
    const compiled = compileStrategy({
      spec: plan.strategy,
      durationSec: plan.durationSec,
      operators: plan.operators.map((o) => ({ operatorId: o.operatorId, numberCount: o.maxNumbers })),
    });
    expect(compiled.operators[0]?.perSecond[0]).toBe(0); // Orange starts after 2 s
  });

  it('random mode: each group, lone command and library sequence is a separate candidate', () => {
    const plan = scenarioToPlan(fixture('every-element.xml'), tenantConfig());
    expect(plan.randomSequences).toBe(true);
    expect(plan.sequenceIds).toEqual(['seq-topup']);
    expect(plan.inlineSequences.map((s) => [s.name, s.steps.map((st) => st.message.text)])).toEqual([
      ['balance', ['BAL', 'BAL']],
      ['echo', ['ECHO "quoted" & more']],
      ['fire-and-forget', ['STOP']],
    ]);
    const [bal, again] = plan.inlineSequences[0]?.steps ?? [];
    expect(bal?.expect).toEqual({ kind: 'regex', pattern: '^Your balance', flags: '' });
    expect(again?.expect).toEqual({ kind: 'contains', text: 'EUR' });
    expect(again?.timeoutMs).toBe(5000);
    expect(again?.thinkMs).toBe(250);
    expect(plan.inlineSequences[1]?.steps[0]?.message.encoding).toBe('gsm7');
    expect(plan.inlineSequences[2]?.steps[0]?.expect).toEqual({ kind: 'none' });
  });

  it('normal mode: everything walked in file order as one sequence, library steps inlined', () => {
    const s = fixture('every-element.xml');
    s.protocol.mode = 'normal';
    const plan = scenarioToPlan(s, tenantConfig());
    expect(plan.randomSequences).toBe(false);
    expect(plan.sequenceIds).toEqual([]);
    expect(plan.inlineSequences).toHaveLength(1);
    expect(plan.inlineSequences[0]?.steps.map((st) => st.message.text)).toEqual([
      'BAL',
      'BAL',
      'ECHO "quoted" & more',
      'STOP',
      'TOPUP 5',
      'BAL',
    ]);
  });

  it('maps the balanced-growth JSON scenario with its stagger, ramp and start delay', () => {
    const plan = scenarioToPlan(fixture('balanced-growth.json'), tenantConfig());
    expect(plan.strategy).toEqual({
      kind: 'balanced-growth',
      minRate: 50,
      maxRate: 400,
      staggerSec: 10,
      rampSec: 20,
      operators: [{ operatorId: 'op-vodafone', startDelaySec: 1 }],
    });
  });

  it('a Local scenario needs no connection and gets one synthetic operator', () => {
    const plan = scenarioToPlan(fixture('local-calibration.xml'), tenantConfig());
    expect(plan.mode).toBe('local');
    expect(plan.connectionId).toBe('local');
    expect(plan.operators).toEqual([{ operatorId: 'local', minNumbers: 5, maxNumbers: 5 }]);
    expect(plan.inlineSequences[0]?.steps.map((st) => st.message.text)).toEqual([
      'constant(range=0.01)',
      'random(range=0.01)',
      'linear(range=0.01)',
    ]);
  });

  it('accepts ids as well as names, case-insensitively for names', () => {
    const s = fixture('balanced-growth.json');
    s.connection = { ref: 'conn-jasmin' };
    s.operators = [{ ref: 'orange' }, { ref: 'op-telekom' }];
    expect(scenarioToPlan(s, tenantConfig()).operators.map((o) => o.operatorId)).toEqual([
      'op-orange',
      'op-telekom',
    ]);
  });

  const rejected: [string, (s: ReturnType<typeof fixture>) => void, RegExp][] = [
    [
      'unknown connection',
      (s) => (s.connection = { ref: 'nope' }),
      /unknown connection "nope" \(known: "jasmin-local", "kannel"\)/,
    ],
    ['unknown operator', (s) => (s.operators = [{ ref: 'Orangeade' }]), /unknown operator "Orangeade"/],
    [
      'unknown sequence',
      (s) => s.protocol.items.push({ kind: 'sequence', ref: 'Missing flow' }),
      /unknown sequence "Missing flow"/,
    ],
    [
      'operator of another connection',
      (s) => (s.operators = [{ ref: 'Other' }]),
      /operator "Other" belongs to another connection/,
    ],
    ['operator twice', (s) => (s.operators = [{ ref: 'Orange' }, { ref: 'op-orange' }]), /listed twice/],
  ];
  it.each(rejected)('rejects %s', (_t, change, message) => {
    const s = fixture('balanced-growth.json');
    change(s);
    let caught: unknown;
    try {
      scenarioToPlan(s, tenantConfig());
    } catch (e) {
      caught = e;
    }
    expect(isDomainError(caught, 'VALIDATION')).toBe(true);
    expect(String(caught)).toMatch(message);
  });

  it('rejects an ambiguous name', () => {
    const config = tenantConfig();
    config.connections = [
      ...config.connections,
      { ...(config.connections[0] as (typeof config.connections)[0]), id: 'conn-2' },
    ];
    expect(() => scenarioToPlan(fixture('balanced-growth.json'), config)).toThrow(
      /connection "jasmin-local" is ambiguous/,
    );
  });
});
