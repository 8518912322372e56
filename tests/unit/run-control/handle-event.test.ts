import { handleRunControlEvent } from '@gong/functions/run-control/handle-event';
import { startRun } from '@gong/functions/run-control/start-run';
import { describe, expect, it } from 'vitest';
import { alice, aPlan, harness, T0 } from './harness';

describe('run-control function events', () => {
  it('run.supervise ticks until the budget is spent, then asks to be invoked again', async () => {
    const h = await harness();
    const run = await startRun(h.deps, alice, aPlan({ durationSec: 30 }));
    let result: Awaited<ReturnType<typeof handleRunControlEvent>> | undefined;
    const pending = handleRunControlEvent(h.deps, {
      type: 'run.supervise',
      v: 1,
      tenantId: alice.tenantId,
      runId: run.id,
      budgetMs: 10_000,
    }).then((r) => {
      result = r;
    });
    for (let i = 0; i < 1000 && !result; i++) {
      await new Promise((r) => setImmediate(r));
      h.clock.advance(250);
    }
    await pending;
    expect(result).toEqual({ runs: [{ id: run.id, state: 'running' }], again: true });
    expect(h.clock.now()).toBeLessThan(T0 + 11_000);
  });

  it('run.supervise returns once the run has ended', async () => {
    const h = await harness();
    const run = await startRun(h.deps, alice, aPlan({ durationSec: 5 }));
    let result: Awaited<ReturnType<typeof handleRunControlEvent>> | undefined;
    const pending = handleRunControlEvent(h.deps, {
      type: 'run.supervise',
      v: 1,
      tenantId: alice.tenantId,
      runId: run.id,
    }).then((r) => {
      result = r;
    });
    for (let i = 0; i < 2000 && !result; i++) {
      await new Promise((r) => setImmediate(r));
      h.clock.advance(250);
    }
    await pending;
    expect(result).toEqual({ runs: [{ id: run.id, state: 'finished' }], again: false });
  });

  it('runs.tick ticks the tenant’s live runs once', async () => {
    const h = await harness();
    const run = await startRun(h.deps, alice, aPlan());
    h.clock.set(T0 + 6_000);
    expect(
      await handleRunControlEvent(h.deps, { type: 'runs.tick', v: 1, tenantId: alice.tenantId }),
    ).toEqual({
      runs: [{ id: run.id, state: 'running' }],
      again: true,
    });
  });

  it('rejects a malformed event', async () => {
    const h = await harness();
    await expect(handleRunControlEvent(h.deps, { type: 'run.start', v: 1 })).rejects.toThrow();
  });
});
