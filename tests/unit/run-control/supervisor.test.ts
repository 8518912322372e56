import { startRun } from '@gong/functions/run-control/start-run';
import { runEventHandler, tickLiveRuns } from '@gong/functions/run-control/supervisor';
import { describe, expect, it } from 'vitest';
import { alice, aPlan, harness, T0 } from './harness';

describe('run control glue', () => {
  it('tickLiveRuns advances the live run and leaves ended ones alone', async () => {
    const h = await harness();
    const run = await startRun(h.deps, alice, aPlan({ durationSec: 10 }));
    h.clock.set(T0 + 5_000);
    expect((await tickLiveRuns(h.deps, alice.tenantId)).map((r) => [r.id, r.state])).toEqual([
      [run.id, 'running'],
    ]);
    h.clock.set(T0 + 15_000);
    expect((await tickLiveRuns(h.deps, alice.tenantId))[0]?.state).toBe('stopping');
    h.clock.set(T0 + 25_000);
    expect((await tickLiveRuns(h.deps, alice.tenantId))[0]?.state).toBe('finished');
    expect(await tickLiveRuns(h.deps, alice.tenantId)).toEqual([]);
  });

  it('runEventHandler forwards run.done and ignores other worker events', async () => {
    const h = await harness();
    const run = await startRun(h.deps, alice, aPlan({ durationSec: 10 }));
    const handle = runEventHandler(h.deps);
    await handle({
      type: 'run.started',
      v: 1,
      tenantId: alice.tenantId,
      runId: run.id,
      workerId: 'w0',
      at: T0,
    });
    const base = {
      v: 1,
      tenantId: alice.tenantId,
      runId: run.id,
      reconnects: 0,
      maxLagMs: 0,
      sent: 5,
    } as const;
    await handle({ ...base, type: 'run.done', workerId: 'w0', at: T0 + 1 });
    const stored = await h.repos.runs.get(alice.tenantId, run.id);
    expect(stored?.workerReports).toEqual([{ workerId: 'w0', at: T0 + 1, sent: 5 }]);
  });
});
