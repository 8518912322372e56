import { isDomainError } from '@gong/core/domain/errors';
import {
  abortRun,
  recordWorkerEvent,
  stopRun,
  superviseRun,
  tickRun,
} from '@gong/functions/run-control/lifecycle';
import { startRun } from '@gong/functions/run-control/start-run';
import { describe, expect, it } from 'vitest';
import { alice, aPlan, bob, harness, T0 } from './harness';

const done = (runId: string, workerId: string, at: number, sent = 100) =>
  ({
    type: 'run.done',
    v: 1,
    tenantId: alice.tenantId,
    runId,
    workerId,
    at,
    sent,
    reconnects: 0,
    maxLagMs: 0,
  }) as const;

async function started() {
  const h = await harness();
  const run = await startRun(h.deps, alice, aPlan({ durationSec: 30 }));
  await h.drain(0);
  await h.drain(1);
  return { h, run };
}

describe('run lifecycle', () => {
  it('goes starting → running → stopping → finished as time passes and workers report', async () => {
    const { h, run } = await started();
    expect((await tickRun(h.deps, alice.tenantId, run.id)).state).toBe('starting');
    h.clock.set(T0 + 5_000);
    expect((await tickRun(h.deps, alice.tenantId, run.id)).state).toBe('running');
    h.clock.set(T0 + 34_999);
    expect((await tickRun(h.deps, alice.tenantId, run.id)).state).toBe('running');
    h.clock.set(T0 + 35_000);
    const stopping = await tickRun(h.deps, alice.tenantId, run.id);
    expect(stopping.state).toBe('stopping');
    expect(stopping.stoppingSince).toBe(T0 + 35_000);

    expect((await recordWorkerEvent(h.deps, done(run.id, 'w0', T0 + 35_100)))?.state).toBe('stopping');
    // a redelivered report from the same worker does not count twice
    expect((await recordWorkerEvent(h.deps, done(run.id, 'w0', T0 + 35_100)))?.state).toBe('stopping');
    const finished = await recordWorkerEvent(h.deps, done(run.id, 'w1', T0 + 35_200));
    expect(finished?.state).toBe('finished');
    expect(finished?.endedAt).toBe(T0 + 35_000);
    expect(finished?.workerReports.map((r) => r.workerId).sort()).toEqual(['w0', 'w1']);
    expect(h.summarized).toEqual([`${alice.tenantId}/${run.id}`]);
    expect(await h.deps.leases.get(alice.tenantId, 'stress', h.clock.now())).toBeUndefined();
    expect((await startRun(h.deps, bob, aPlan())).state).toBe('starting');
  });

  it('catches up several states in one late tick', async () => {
    const { h, run } = await started();
    h.clock.set(T0 + 20_000); // ticking every 20 s keeps the 30 s lease alive
    await tickRun(h.deps, alice.tenantId, run.id);
    h.clock.set(T0 + 36_000);
    expect((await tickRun(h.deps, alice.tenantId, run.id)).state).toBe('stopping');
  });

  it('finishes at the grace deadline when a worker never reports, saying so', async () => {
    const { h, run } = await started();
    for (const t of [5_000, 20_000, 35_000]) {
      h.clock.set(T0 + t);
      await tickRun(h.deps, alice.tenantId, run.id);
    }
    await recordWorkerEvent(h.deps, done(run.id, 'w0', T0 + 35_100));
    h.clock.set(T0 + 44_999);
    expect((await tickRun(h.deps, alice.tenantId, run.id)).state).toBe('stopping');
    h.clock.set(T0 + 45_000);
    const finished = await tickRun(h.deps, alice.tenantId, run.id);
    expect(finished.state).toBe('finished');
    expect(finished.stateReason).toBe('1 of 2 worker slots did not report run.done before the deadline');
  });

  it('renews the lease while ticking, so a long run keeps the lock past the lease time', async () => {
    const h = await harness();
    const run = await startRun(h.deps, alice, aPlan({ durationSec: 120 }));
    for (let t = 10_000; t <= 100_000; t += 10_000) {
      h.clock.set(T0 + t);
      expect((await tickRun(h.deps, alice.tenantId, run.id)).state).toBe('running');
    }
    const error = await startRun(h.deps, bob, aPlan()).catch((e) => e);
    expect(isDomainError(error, 'BUSY')).toBe(true);
    expect(String(error)).toContain(`stress run ${run.id} by user Alice`);
  });

  it('fails a run whose controller stalled past its lease', async () => {
    const { h, run } = await started();
    h.clock.set(T0 + 31_000);
    const failed = await tickRun(h.deps, alice.tenantId, run.id);
    expect(failed.state).toBe('failed');
    expect(failed.stateReason).toMatch(/lease expired/);
    expect((await h.drain(0)).map((c) => c.type)).toEqual(['run.stop']);
  });

  it('stop: stopping now, run.stop (graceful) to every slot, finished when workers are done', async () => {
    const { h, run } = await started();
    h.clock.set(T0 + 10_000);
    await tickRun(h.deps, alice.tenantId, run.id);
    const stopping = await stopRun(h.deps, bob, run.id);
    expect(stopping.state).toBe('stopping');
    expect(stopping.stateReason).toBe('stopped by Bob');
    for (const slot of [0, 1]) {
      expect(await h.drain(slot)).toEqual([
        { type: 'run.stop', v: 1, tenantId: alice.tenantId, runId: run.id, abort: false },
      ]);
    }
    expect((await stopRun(h.deps, bob, run.id)).state).toBe('stopping');
    await recordWorkerEvent(h.deps, done(run.id, 'w0', T0 + 10_100));
    expect((await recordWorkerEvent(h.deps, done(run.id, 'w1', T0 + 10_200)))?.state).toBe('finished');
  });

  it('abort: aborted at once, run.stop with abort to every slot, summary written, lock released', async () => {
    const { h, run } = await started();
    const aborted = await abortRun(h.deps, bob, run.id);
    expect(aborted.state).toBe('aborted');
    expect(aborted.stateReason).toBe('aborted by Bob');
    expect((await h.drain(1)).map((c) => c.type === 'run.stop' && c.abort)).toEqual([true]);
    expect(h.summarized).toHaveLength(1);
    expect(await h.deps.leases.get(alice.tenantId, 'stress', h.clock.now())).toBeUndefined();
  });

  it('refuses transitions the state machine forbids', async () => {
    const { h, run } = await started();
    await abortRun(h.deps, alice, run.id);
    const stop = await stopRun(h.deps, alice, run.id).catch((e) => e);
    expect(isDomainError(stop, 'CONFLICT')).toBe(true);
    expect(String(stop)).toMatch(/is aborted: only a starting or running run can stop/);
    const again = await abortRun(h.deps, alice, run.id).catch((e) => e);
    expect(isDomainError(again, 'CONFLICT')).toBe(true);
    expect((await tickRun(h.deps, alice.tenantId, run.id)).state).toBe('aborted');
    const missing = await stopRun(h.deps, alice, 'no-such-run').catch((e) => e);
    expect(isDomainError(missing, 'NOT_FOUND')).toBe(true);
  });

  it('records worker errors without counting them as done, and finishes even if the summary fails', async () => {
    const { h, run } = await started();
    h.failSummaries();
    await stopRun(h.deps, alice, run.id);
    await recordWorkerEvent(h.deps, {
      type: 'run.error',
      v: 1,
      tenantId: alice.tenantId,
      runId: run.id,
      workerId: 'w0',
      at: T0 + 1,
      message: 'bind lost',
    });
    const withError = await h.repos.runs.get(alice.tenantId, run.id);
    expect(withError?.workerReports).toEqual([{ workerId: 'w0', at: T0 + 1, sent: 0, error: 'bind lost' }]);
    expect(withError?.state).toBe('stopping');
    await recordWorkerEvent(h.deps, done(run.id, 'w0', T0 + 2));
    const finished = await recordWorkerEvent(h.deps, done(run.id, 'w1', T0 + 3));
    expect(finished?.state).toBe('finished');
    expect(finished?.stateReason).toMatch(/summary failed: metrics store unavailable/);
  });

  it('ignores reports for unknown runs', async () => {
    const { h } = await started();
    expect(await recordWorkerEvent(h.deps, done('ghost', 'w0', T0))).toBeUndefined();
  });

  it('superviseRun ticks until the run ends', async () => {
    const { h, run } = await started();
    let ended = false;
    const supervised = superviseRun(h.deps, alice.tenantId, run.id, 1_000).finally(() => {
      ended = true;
    });
    for (let i = 0; i < 500 && !ended; i++) {
      await new Promise((r) => setImmediate(r));
      h.clock.advance(500);
    }
    const final = await supervised;
    expect(final.state).toBe('finished');
    expect(final.stateReason).toMatch(/2 of 2 worker slots did not report/);
  });
});
