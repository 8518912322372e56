import { MemoryFleetScaler } from '@gong/core/adapters/memory/fleet-scaler';
import { isDomainError } from '@gong/core/domain/errors';
import type { FleetScaler } from '@gong/core/ports/fleet-scaler';
import { handleRunControlEvent, type RunControlHost } from '@gong/functions/run-control/handle-event';
import { recordWorkerEvent } from '@gong/functions/run-control/lifecycle';
import { startRun } from '@gong/functions/run-control/start-run';
import { describe, expect, it } from 'vitest';
import { alice, aPlan, harness, T0 } from '../run-control/harness';
import { tenantConfig } from '../scenario/tenant-fixture';

const OTHER = 'tenant-other';

/** Run control with a fleet twin, two tenants with the same operators, and the timers' host. */
async function fleetHarness(baseline: number) {
  const h = await harness();
  const fleet = new MemoryFleetScaler(2, baseline);
  h.deps.fleet = fleet;
  const config = tenantConfig();
  for (const op of config.operators) await h.repos.operators.create(OTHER, { ...op, tenantId: OTHER });
  for (const seq of config.sequences) await h.repos.sequences.create(OTHER, { ...seq, tenantId: OTHER });
  for (const id of [alice.tenantId, OTHER]) await h.repos.tenants.create({ id, name: id, createdAt: T0 });
  const housekeepingCalls: string[] = [];
  const host: RunControlHost = {
    tenants: h.repos.tenants,
    slotCount: 2,
    housekeeping: async (task) => {
      housekeepingCalls.push(task);
      if (task === 'health.refresh' && failHealth) throw new Error('jCli unreachable');
      return { ok: task };
    },
  };
  let failHealth = false;
  const tickAll = () => handleRunControlEvent(h.deps, { type: 'runs.tick-all', v: 1 }, host);
  /** every slot of the run reports run.done */
  const finish = async (tenantId: string, runId: string, slots: number[]) => {
    for (const slot of slots) {
      await recordWorkerEvent(h.deps, {
        type: 'run.done',
        v: 1,
        tenantId,
        runId,
        workerId: `slot-${slot}`,
        at: h.clock.now(),
        sent: 1,
        reconnects: 0,
        maxLagMs: 0,
      });
    }
  };
  return {
    ...h,
    fleet,
    host,
    tickAll,
    finish,
    housekeepingCalls,
    failHealth: () => {
      failHealth = true;
    },
  };
}

const slotsOf = (fleet: MemoryFleetScaler) => [0, 1].map((s) => fleet.desiredCount(s));

describe('run control scales the fleet', () => {
  it('a run’s slots are scaled up before run.prepare is sent', async () => {
    const h = await fleetHarness(0);
    const depthWhenScaled: number[] = [];
    const probe: FleetScaler = {
      ensureRunning: async (slots) => {
        for (const slot of slots) depthWhenScaled.push((await h.drain(slot)).length);
        await h.fleet.ensureRunning(slots);
      },
      release: (slots) => h.fleet.release(slots),
    };
    h.deps.fleet = probe;

    const run = await startRun(h.deps, alice, aPlan());

    expect(run.state).toBe('starting');
    expect(depthWhenScaled).toEqual(run.slots.map(() => 0));
    for (const slot of run.slots) expect(h.fleet.desiredCount(slot)).toBe(1);
    for (const slot of run.slots) expect((await h.drain(slot)).map((c) => c.type)).toEqual(['run.prepare']);
  });

  it('a start whose scaling fails sends no run.prepare, fails the run and frees the stress lock', async () => {
    const h = await fleetHarness(0);
    h.deps.fleet = {
      ensureRunning: async () => {
        throw new Error('ECS: Rate exceeded');
      },
      release: async () => {},
    };

    await expect(startRun(h.deps, alice, aPlan())).rejects.toThrow(/Rate exceeded/);

    const runs = (await h.repos.runs.list(alice.tenantId)).items;
    expect(runs.map((r) => r.state)).toEqual(['failed']);
    const sent = [...(await h.drain(0)), ...(await h.drain(1))].map((c) => c.type);
    expect(sent.every((t) => t === 'run.stop')).toBe(true);
    expect(await h.repos.leases.get(alice.tenantId, 'stress', h.clock.now())).toBeUndefined();
  });

  it('runs.tick-all releases the slots of an ended run down to a baseline of 0', async () => {
    const h = await fleetHarness(0);
    const run = await startRun(h.deps, alice, aPlan({ durationSec: 10 }));
    expect(slotsOf(h.fleet)).toEqual([1, 1]);

    h.clock.advance(5_000 + 10_000);
    const live = await h.tickAll();
    expect(live.runs).toEqual([{ id: run.id, state: 'stopping' }]);
    expect(live.fleet).toEqual({ running: [0, 1], released: [] });

    await h.finish(alice.tenantId, run.id, run.slots);
    const ended = await h.tickAll();
    expect(ended).toMatchObject({ again: false, fleet: { running: [], released: [0, 1] } });
    expect(slotsOf(h.fleet)).toEqual([0, 0]);
  });

  it('never releases a slot another tenant’s live run still uses', async () => {
    const h = await fleetHarness(0);
    const mine = await startRun(h.deps, alice, aPlan({ durationSec: 10 }));
    const theirs = await startRun(
      h.deps,
      { tenantId: OTHER, userId: 'user-carol', userName: 'Carol' },
      aPlan({ durationSec: 600, operators: [{ operatorId: 'op-orange', minNumbers: 1, maxNumbers: 1 }] }),
    );
    expect(theirs.slots.length).toBe(1);

    h.clock.advance(5_000 + 10_000);
    await h.tickAll();
    await h.finish(alice.tenantId, mine.id, mine.slots);
    const result = await h.tickAll();

    expect((await h.repos.runs.get(alice.tenantId, mine.id))?.state).toBe('finished');
    expect(result.fleet?.running).toEqual(theirs.slots);
    for (const slot of theirs.slots) expect(h.fleet.desiredCount(slot)).toBe(1);
    const idle = [0, 1].filter((s) => !theirs.slots.includes(s));
    for (const slot of idle) expect(h.fleet.desiredCount(slot)).toBe(0);
  });

  it('with the default baseline of 1 an ended run leaves its workers up (functional sessions keep working)', async () => {
    const h = await fleetHarness(1);
    const run = await startRun(h.deps, alice, aPlan({ durationSec: 10 }));
    h.clock.advance(15_000);
    await h.tickAll();
    await h.finish(alice.tenantId, run.id, run.slots);
    await h.tickAll();
    expect(slotsOf(h.fleet)).toEqual([1, 1]);
    expect(h.fleet.changes).toEqual([]);
  });

  it('runs.tick-all keeps ticking within its budget and stops early once nothing is live', async () => {
    const h = await fleetHarness(0);
    const run = await startRun(h.deps, alice, aPlan({ durationSec: 10 }));
    let result: Awaited<ReturnType<typeof h.tickAll>> | undefined;
    const pending = handleRunControlEvent(
      h.deps,
      { type: 'runs.tick-all', v: 1, intervalMs: 1000, budgetMs: 50_000 },
      h.host,
    ).then((r) => {
      result = r;
    });
    for (let i = 0; i < 200 && !result; i++) {
      await new Promise((r) => setImmediate(r));
      h.clock.advance(500);
      if (h.clock.now() === T0 + 16_000) await h.finish(alice.tenantId, run.id, run.slots);
    }
    await pending;

    expect(result).toMatchObject({ runs: [], again: false, fleet: { running: [], released: [0, 1] } });
    expect((await h.repos.runs.get(alice.tenantId, run.id))?.state).toBe('finished');
    expect(h.clock.now()).toBeLessThan(T0 + 30_000);
  });

  it('runs.tick-all and housekeeping need the deployment host: a clear error without it', async () => {
    const h = await fleetHarness(1);
    const error = await handleRunControlEvent(h.deps, { type: 'runs.tick-all', v: 1 }).catch(
      (e: unknown) => e,
    );
    expect(isDomainError(error, 'VALIDATION')).toBe(true);
    await expect(handleRunControlEvent(h.deps, { type: 'runs.tick-all', v: 2 }, h.host)).rejects.toThrow();
  });
});

describe('housekeeping event', () => {
  it('runs each task once and reports what it did', async () => {
    const h = await fleetHarness(1);
    const result = await handleRunControlEvent(
      h.deps,
      { type: 'housekeeping', v: 1, tasks: ['operators.sync', 'health.refresh', 'operators.sync'] },
      h.host,
    );
    expect(h.housekeepingCalls).toEqual(['operators.sync', 'health.refresh']);
    expect(result.housekeeping).toEqual({
      'operators.sync': { ok: 'operators.sync' },
      'health.refresh': { ok: 'health.refresh' },
    });
  });

  it('a failing task does not stop the others, but the invocation fails (so it is retried)', async () => {
    const h = await fleetHarness(1);
    h.failHealth();
    await expect(
      handleRunControlEvent(
        h.deps,
        { type: 'housekeeping', v: 1, tasks: ['health.refresh', 'operators.sync'] },
        h.host,
      ),
    ).rejects.toThrow(/health.refresh: jCli unreachable/);
    expect(h.housekeepingCalls).toEqual(['health.refresh', 'operators.sync']);
  });

  it('an unknown task is rejected by the schema', async () => {
    const h = await fleetHarness(1);
    await expect(
      handleRunControlEvent(h.deps, { type: 'housekeeping', v: 1, tasks: ['reboot'] }, h.host),
    ).rejects.toThrow();
    expect(h.housekeepingCalls).toEqual([]);
  });
});
