import { isDomainError } from '@gong/core/domain/errors';
import { StressPlan } from '@gong/core/domain/stress-run';
import type { FleetCommand } from '@gong/core/messages/fleet-command';
import { compileStrategy } from '@gong/core/strategy/compile';
import { abortRun } from '@gong/functions/run-control/lifecycle';
import { startRun } from '@gong/functions/run-control/start-run';
import { describe, expect, it } from 'vitest';
import { alice, aPlan, bob, harness, T0 } from './harness';

type Prepare = Extract<FleetCommand, { type: 'run.prepare' }>;
const prepares = (cmds: FleetCommand[]) => cmds.filter((c): c is Prepare => c.type === 'run.prepare');

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('startRun', () => {
  it('records a starting run and sends run.prepare to each slot hosting its operators, one startAt', async () => {
    const h = await harness();
    const run = await startRun(h.deps, alice, aPlan());
    expect(run.state).toBe('starting');
    expect(run.startAt).toBe(T0 + 5_000);
    expect(run.slots).toEqual([0, 1]);
    expect(run.startedBy).toBe('user-alice');
    expect((await h.repos.runs.get(alice.tenantId, run.id))?.state).toBe('starting');

    const slot0 = prepares(await h.drain(0));
    const slot1 = prepares(await h.drain(1));
    expect(slot0).toHaveLength(1);
    expect(slot1).toHaveLength(1);
    expect(slot0[0]?.operators.map((o) => o.operatorId)).toEqual(['op-orange']);
    expect(slot1[0]?.operators.map((o) => o.operatorId)).toEqual(['op-vodafone', 'op-telekom']);
    for (const p of [...slot0, ...slot1]) {
      expect(p.runId).toBe(run.id);
      expect(p.tenantId).toBe(alice.tenantId);
      expect(p.startAt).toBe(T0 + 5_000);
      expect(p.durationSec).toBe(30);
      expect(p.mode).toBe('operator');
      expect(p.sequenceIds).toEqual(['seq-topup']);
      expect(p.sequences[0]?.map((s) => s.message.text)).toEqual(['TOPUP 5', 'BAL']);
    }

    const loads = [...(slot0[0]?.operators ?? []), ...(slot1[0]?.operators ?? [])];
    const bounds: Record<string, [number, number]> = {
      'op-orange': [5, 10],
      'op-vodafone': [3, 3],
      'op-telekom': [2, 4],
    };
    for (const load of loads) {
      const [min, max] = bounds[load.operatorId] as [number, number];
      expect(load.numbers.length).toBeGreaterThanOrEqual(min);
      expect(load.numbers.length).toBeLessThanOrEqual(max);
      expect(new Set(load.numbers).size).toBe(load.numbers.length);
      expect(load.sequenceOfNumber).toEqual(load.numbers.map(() => 0));
    }
    // Orange is slot 0 → prefix 40720, six digits
    for (const n of loads[0]?.numbers ?? []) expect(n).toMatch(/^40720\d{6}$/);

    // per-second targets are the strategy compiled for the picked counts (operators staggered in plan order)
    const plan = StressPlan.parse(aPlan());
    const compiled = compileStrategy({
      spec: plan.strategy,
      durationSec: 30,
      operators: loads.map((l) => ({ operatorId: l.operatorId, numberCount: l.numbers.length })),
    });
    expect(loads.map((l) => l.perSecond)).toEqual(compiled.operators.map((o) => o.perSecond));
    // Vodafone starts 2 s after Orange at minRate 2, ramping +8/5 per second: first second's midpoint 2.8
    expect(loads[1]?.perSecond[1]).toBe(0);
    expect(loads[1]?.perSecond[2]).toBeCloseTo(2.8, 9);
  });

  it('stores whole milliseconds when the clock has sub-millisecond precision', async () => {
    const h = await harness();
    h.clock.advance(0.75);
    const run = await startRun(h.deps, alice, aPlan());
    expect(run.createdAt).toBe(T0);
    expect(run.startAt).toBe(T0 + 5_000);
    expect(run.id).toMatch(/^[a-z0-9]+$/);
  });

  it('draws each number’s sequence at random when asked, reproducibly from the plan seed', async () => {
    const plan = aPlan({
      operators: [{ operatorId: 'op-orange', minNumbers: 40, maxNumbers: 60 }],
      sequenceIds: ['seq-topup', 'seq-echo'],
      randomSequences: true,
    });
    const first = await harness();
    await startRun(first.deps, alice, plan);
    const a = prepares(await first.drain(0))[0]?.operators[0];
    const second = await harness();
    await startRun(second.deps, alice, plan);
    const b = prepares(await second.drain(0))[0]?.operators[0];

    expect(new Set(a?.sequenceOfNumber)).toEqual(new Set([0, 1]));
    expect(b?.numbers).toEqual(a?.numbers);
    expect(b?.sequenceOfNumber).toEqual(a?.sequenceOfNumber);

    const third = await harness();
    await startRun(third.deps, alice, { ...plan, seed: 8 });
    const c = prepares(await third.drain(0))[0]?.operators[0];
    expect(c?.numbers).not.toEqual(a?.numbers);
  });

  it('draws from the tenant library when the plan names no sequence', async () => {
    const h = await harness();
    await startRun(
      h.deps,
      alice,
      aPlan({ sequenceIds: [], operators: [{ operatorId: 'op-orange', minNumbers: 30, maxNumbers: 30 }] }),
    );
    const p = prepares(await h.drain(0))[0];
    expect([...(p?.sequenceIds ?? [])].sort()).toEqual(['seq-echo', 'seq-topup']);
    expect(new Set(p?.operators[0]?.sequenceOfNumber)).toEqual(new Set([0, 1]));
  });

  it('sends inline (scenario) sequences with their steps', async () => {
    const h = await harness();
    const steps = [
      { id: 'i1', message: { text: 'BAL' }, expect: { kind: 'regex' as const, pattern: '^Your' } },
    ];
    await startRun(h.deps, alice, aPlan({ sequenceIds: [], inlineSequences: [{ name: 'bal', steps }] }));
    const p = prepares(await h.drain(0))[0];
    expect(p?.sequenceIds).toEqual(['inline-0']);
    expect(p?.sequences[0]?.[0]?.expect).toEqual({ kind: 'regex', pattern: '^Your', flags: '' });
  });

  it('lets exactly one of two concurrent starters win; the other gets BUSY naming the run and user', async () => {
    const h = await harness();
    const results = await Promise.allSettled([
      startRun(h.deps, alice, aPlan()),
      startRun(h.deps, bob, aPlan({ name: 'bob’s run' })),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof startRun>>>).value;
    const error = lost[0]?.reason;
    expect(isDomainError(error, 'BUSY')).toBe(true);
    expect(String(error)).toContain(
      `stress run ${winner.id} by user ${winner.startedByName} in progress since ${new Date(T0).toISOString()}`,
    );
    expect((await h.repos.runs.list(alice.tenantId)).items).toHaveLength(1);
    expect(prepares(await h.drain(0))).toHaveLength(1);
  });

  it('lets a new run start once a crashed controller’s lease expires, failing the orphan', async () => {
    const h = await harness();
    const orphan = await startRun(h.deps, alice, aPlan({ durationSec: 600 }));
    await h.drain(0);
    await h.drain(1);
    h.clock.advance(29_000);
    expect(isDomainError(await rejection(startRun(h.deps, bob, aPlan())), 'BUSY')).toBe(true);
    h.clock.advance(1_000); // 30 s without a renewal: the lease is gone
    const next = await startRun(h.deps, bob, aPlan());
    expect(next.state).toBe('starting');
    const old = await h.repos.runs.get(alice.tenantId, orphan.id);
    expect(old?.state).toBe('failed');
    expect(old?.stateReason).toMatch(/lease expired/);
    const stops = (await h.drain(0)).filter((c) => c.type === 'run.stop');
    expect(stops).toEqual([
      { type: 'run.stop', v: 1, tenantId: alice.tenantId, runId: orphan.id, abort: true },
    ]);
    expect((await h.deps.leases.get(alice.tenantId, 'stress', h.clock.now()))?.ownerId).toBe(next.id);
  });

  it('frees the lock after an abort so the next run can start', async () => {
    const h = await harness();
    const run = await startRun(h.deps, alice, aPlan());
    await abortRun(h.deps, alice, run.id);
    expect((await startRun(h.deps, bob, aPlan())).state).toBe('starting');
  });

  const invalid: [string, Parameters<typeof aPlan>[0], string, RegExp][] = [
    [
      'an unknown operator',
      { operators: [{ operatorId: 'op-ghost', minNumbers: 1, maxNumbers: 1 }] },
      'NOT_FOUND',
      /operator op-ghost not found/,
    ],
    [
      'an operator of another connection',
      { operators: [{ operatorId: 'op-other', minNumbers: 1, maxNumbers: 1 }] },
      'VALIDATION',
      /belongs to connection conn-kannel/,
    ],
    [
      'more numbers than the operator has',
      { operators: [{ operatorId: 'op-orange', minNumbers: 5000, maxNumbers: 6000 }] },
      'VALIDATION',
      /has 1000 numbers, the run asks for at least 5000/,
    ],
    ['an unknown sequence', { sequenceIds: ['seq-ghost'] }, 'NOT_FOUND', /sequence seq-ghost not found/],
    [
      'max below min numbers',
      { operators: [{ operatorId: 'op-orange', minNumbers: 5, maxNumbers: 2 }] },
      'VALIDATION',
      /maxNumbers must be >= minNumbers/,
    ],
    ['a Local plan', { mode: 'local' }, 'VALIDATION', /Local \(calibration\) plans/],
    [
      'a bad expression',
      {
        strategy: {
          kind: 'custom',
          operators: [
            {
              operatorId: 'op-orange',
              minRate: 0,
              maxRate: 5,
              curve: { kind: 'expression', expression: 'x+1' },
            },
          ],
        },
      },
      'VALIDATION',
      /unknown identifier "x"/,
    ],
  ];
  it.each(invalid)('rejects %s and keeps the lock free', async (_title, over, code, message) => {
    const h = await harness();
    const error = await rejection(startRun(h.deps, alice, aPlan(over)));
    expect(isDomainError(error, code as 'VALIDATION')).toBe(true);
    expect(error.message).toMatch(message);
    expect(await h.deps.leases.get(alice.tenantId, 'stress', h.clock.now())).toBeUndefined();
    expect((await h.repos.runs.list(alice.tenantId)).items).toHaveLength(0);
  });
});
