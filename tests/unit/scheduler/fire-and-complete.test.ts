import { startRun } from '@gong/functions/run-control/start-run';
import { completeScheduledRun } from '@gong/functions/scheduler/complete-run';
import { fireSchedule } from '@gong/functions/scheduler/fire-schedule';
import { handleScheduleEvent, parseScheduleEvent } from '@gong/functions/scheduler/handle-event';
import { describe, expect, it } from 'vitest';
import { aPlan } from '../run-control/harness';
import { aSavedSchedule, schedulerHarness, T0, TENANT, webhookReceiver } from './scheduler-harness';

const fire = (firedAt = T0) => ({
  type: 'schedule.fire' as const,
  v: 1 as const,
  tenantId: TENANT,
  scheduleId: 'sched-nightly',
  firedAt,
});

describe('fireSchedule', () => {
  it('starts the saved plan as the schedule creator, tags the run and books an outcome check at its end', async () => {
    const s = await schedulerHarness();
    await s.repos.schedules.create(TENANT, aSavedSchedule());

    const result = await fireSchedule(s.deps, fire());

    expect(result.kind).toBe('started');
    const run = result.kind === 'started' ? result.run : undefined;
    expect(run?.startedBy).toBe('user-carol');
    expect(run?.scheduleId).toBe('sched-nightly');
    expect((await s.repos.runs.get(TENANT, run?.id ?? ''))?.scheduleId).toBe('sched-nightly');
    expect((await s.repos.schedules.get(TENANT, 'sched-nightly'))?.pending?.runId).toBe(run?.id);
    expect(s.trigger.waiting()).toEqual([
      {
        at: T0 + 5_000 + 10_000 + 1_000,
        event: {
          type: 'schedule.check',
          v: 1,
          tenantId: TENANT,
          scheduleId: 'sched-nightly',
          runId: run?.id,
          attempt: 1,
        },
      },
    ]);
    expect(await s.drain(0)).not.toEqual([]);
  });

  it('is idempotent per fire time: the same fire twice starts one run', async () => {
    const s = await schedulerHarness();
    await s.repos.schedules.create(TENANT, aSavedSchedule());

    const [a, b] = [await fireSchedule(s.deps, fire()), await fireSchedule(s.deps, fire())];

    expect(a.kind).toBe('started');
    expect(b).toEqual({ kind: 'duplicate', key: String(T0) });
    expect((await s.repos.runs.list(TENANT)).items).toHaveLength(1);
  });

  it('skips when another stress run holds the lock, retries once later, then gives up until the next fire', async () => {
    const s = await schedulerHarness();
    await s.repos.schedules.create(TENANT, aSavedSchedule());
    const manual = await startRun(
      s.deps.runControl,
      { tenantId: TENANT, userId: 'u-dan', userName: 'Dan' },
      aPlan(),
    );

    const first = await fireSchedule(s.deps, fire());

    expect(first).toEqual({ kind: 'skipped-busy', key: String(T0), retryAt: T0 + 20_000 });
    const skipped = await s.repos.schedules.get(TENANT, 'sched-nightly');
    expect(skipped?.lastOutcome?.result).toBe('skipped-busy');
    expect(skipped?.lastOutcome?.detail).toContain(`stress run ${manual.id} by user Dan`);
    s.clock.advance(20_000);
    const due = s.trigger.takeDue(s.clock.now());
    expect(due).toEqual([
      {
        type: 'schedule.retry',
        v: 1,
        tenantId: TENANT,
        scheduleId: 'sched-nightly',
        attempt: 1,
        firedAt: T0,
      },
    ]);

    const retry = await handleScheduleEvent(s.deps, due[0] as (typeof due)[number]);

    expect(retry).toEqual({ kind: 'skipped-busy', key: `${T0}/retry1` });
    expect((await s.repos.schedules.get(TENANT, 'sched-nightly'))?.lastOutcome?.detail).toContain(
      'still busy on retry 1',
    );
    expect(s.trigger.waiting()).toEqual([]);
  });

  it('a retry after the lock is free starts the run', async () => {
    const s = await schedulerHarness();
    await s.repos.schedules.create(TENANT, aSavedSchedule());
    const ctx = { tenantId: TENANT, userId: 'u-dan', userName: 'Dan' };
    const manual = await startRun(s.deps.runControl, ctx, aPlan({ durationSec: 5 }));
    await fireSchedule(s.deps, fire());
    const { abortRun } = await import('@gong/functions/run-control/lifecycle');
    await abortRun(s.deps.runControl, ctx, manual.id);
    s.clock.advance(20_000);

    const [retry] = s.trigger.takeDue(s.clock.now());
    const result = await handleScheduleEvent(s.deps, retry as NonNullable<typeof retry>);

    expect(result.kind).toBe('started');
  });

  it('records an error outcome when the saved plan cannot start any more', async () => {
    const s = await schedulerHarness();
    await s.repos.schedules.create(TENANT, aSavedSchedule({ plan: aPlan({ sequenceIds: ['seq-gone'] }) }));

    const result = await fireSchedule(s.deps, fire());

    expect(result.kind).toBe('error');
    const outcome = (await s.repos.schedules.get(TENANT, 'sched-nightly'))?.lastOutcome;
    expect(outcome?.result).toBe('error');
    expect(outcome?.detail).toContain('sequence seq-gone not found');
  });

  it('ignores disabled and unknown schedules', async () => {
    const s = await schedulerHarness();
    await s.repos.schedules.create(TENANT, aSavedSchedule({ enabled: false }));
    expect((await fireSchedule(s.deps, fire())).kind).toBe('ignored');
    expect((await fireSchedule(s.deps, { ...fire(), scheduleId: 'nope' })).kind).toBe('ignored');
    expect((await s.repos.runs.list(TENANT)).items).toEqual([]);
  });
});

describe('completeScheduledRun', () => {
  async function startedRun(over: Parameters<typeof aSavedSchedule>[0] = {}) {
    const s = await schedulerHarness();
    await s.repos.schedules.create(TENANT, aSavedSchedule(over));
    const result = await fireSchedule(s.deps, fire());
    if (result.kind !== 'started') throw new Error(`not started: ${result.kind}`);
    return { s, runId: result.run.id };
  }

  async function finish(s: Awaited<ReturnType<typeof schedulerHarness>>, runId: string) {
    s.clock.advance(16_000);
    const pending = await completeScheduledRun(s.deps, {
      tenantId: TENANT,
      scheduleId: 'sched-nightly',
      runId,
      attempt: 1,
    });
    expect(pending.kind).toBe('pending');
    s.clock.advance(11_000);
  }

  it('while the run is live it ticks it and books the next check', async () => {
    const { s, runId } = await startedRun();
    s.clock.advance(16_000);
    s.trigger.takeDue(s.clock.now());

    const result = await completeScheduledRun(s.deps, {
      tenantId: TENANT,
      scheduleId: 'sched-nightly',
      runId,
      attempt: 1,
    });

    expect(result).toEqual({ kind: 'pending', state: 'stopping', nextCheckAt: T0 + 21_000 });
    expect(s.trigger.waiting().map((w) => w.event)).toEqual([
      { type: 'schedule.check', v: 1, tenantId: TENANT, scheduleId: 'sched-nightly', runId, attempt: 2 },
    ]);
  });

  it('passes when every threshold holds, stores one detail per threshold and calls the webhook once', async () => {
    const hook = await webhookReceiver();
    try {
      const { s, runId } = await startedRun({ webhookUrl: hook.url });
      await s.results(runId, 40);
      await finish(s, runId);

      const result = await completeScheduledRun(s.deps, {
        tenantId: TENANT,
        scheduleId: 'sched-nightly',
        runId,
        attempt: 2,
      });
      const again = await completeScheduledRun(s.deps, {
        tenantId: TENANT,
        scheduleId: 'sched-nightly',
        runId,
        attempt: 3,
      });

      expect(result.kind).toBe('stored');
      const schedule = await s.repos.schedules.get(TENANT, 'sched-nightly');
      expect(schedule?.lastOutcome?.result).toBe('pass');
      expect(schedule?.lastOutcome?.checks?.map((c) => [c.threshold, c.pass])).toEqual([
        ['p95<500ms', true],
        ['drop<1%', true],
      ]);
      expect(schedule?.lastOutcome?.detail).toMatch(
        /^p95<500ms: pass \(actual \d+(\.\d+)? ms\)\ndrop<1%: pass/,
      );
      expect(schedule?.pending).toBeUndefined();
      expect(again.kind).toBe('already');
      expect(hook.bodies).toHaveLength(1);
      expect(hook.bodies[0]).toMatchObject({
        type: 'gong.schedule.outcome',
        scheduleId: 'sched-nightly',
        runId,
        result: 'pass',
      });
    } finally {
      await hook.close();
    }
  });

  it('fails on a broken threshold and a regression against the baseline, and stores the verdict on the run', async () => {
    const { s, runId: baselineId } = await startedRun();
    await s.results(baselineId, 40);
    await finish(s, baselineId);
    await completeScheduledRun(s.deps, {
      tenantId: TENANT,
      scheduleId: 'sched-nightly',
      runId: baselineId,
      attempt: 2,
    });
    await s.repos.schedules.update(TENANT, 'sched-nightly', (x) => ({ ...x, baselineRunId: baselineId }));
    const second = await fireSchedule(s.deps, fire(T0 + 86_400_000));
    const runId = second.kind === 'started' ? second.run.id : '';
    await s.results(runId, 900);
    await finish(s, runId);

    await completeScheduledRun(s.deps, { tenantId: TENANT, scheduleId: 'sched-nightly', runId, attempt: 2 });

    const outcome = (await s.repos.schedules.get(TENANT, 'sched-nightly'))?.lastOutcome;
    expect(outcome?.result).toBe('fail');
    expect(outcome?.checks?.find((c) => c.threshold === 'p95<500ms')?.pass).toBe(false);
    expect(outcome?.verdict).toBe('regressed');
    expect(outcome?.detail).toContain(`verdict vs ${baselineId}: regressed`);
    expect((await s.repos.runs.get(TENANT, runId))?.verdict).toBe('regressed');
  });

  it('a webhook that fails or hangs is logged, the outcome stays stored', async () => {
    const hook = await webhookReceiver({ delayMs: 2_000 });
    try {
      const { s, runId } = await startedRun({ webhookUrl: hook.url });
      s.deps.options = { ...s.deps.options, webhookTimeoutMs: 200 };
      await s.results(runId, 40);
      await finish(s, runId);

      const result = await completeScheduledRun(s.deps, {
        tenantId: TENANT,
        scheduleId: 'sched-nightly',
        runId,
        attempt: 2,
      });

      expect(result).toMatchObject({ kind: 'stored', webhook: false });
      expect((await s.repos.schedules.get(TENANT, 'sched-nightly'))?.lastOutcome?.result).toBe('pass');
      expect(s.logs.some((l) => l.msg === 'webhook call failed')).toBe(true);
    } finally {
      await hook.close();
    }
  });

  it('a run that sent nothing fails even with no threshold broken', async () => {
    const { s, runId } = await startedRun();
    await finish(s, runId);

    await completeScheduledRun(s.deps, { tenantId: TENANT, scheduleId: 'sched-nightly', runId, attempt: 2 });

    expect((await s.repos.runs.get(TENANT, runId))?.state).toBe('finished');
    const outcome = (await s.repos.schedules.get(TENANT, 'sched-nightly'))?.lastOutcome;
    expect(outcome?.result).toBe('fail');
    expect(outcome?.detail).toContain('the run sent no message');
  });

  it('an aborted run is an error outcome', async () => {
    const { s, runId } = await startedRun();
    const { abortRun } = await import('@gong/functions/run-control/lifecycle');
    await abortRun(s.deps.runControl, { tenantId: TENANT, userId: 'u-dan', userName: 'Dan' }, runId);

    await completeScheduledRun(s.deps, { tenantId: TENANT, scheduleId: 'sched-nightly', runId, attempt: 1 });

    const outcome = (await s.repos.schedules.get(TENANT, 'sched-nightly'))?.lastOutcome;
    expect(outcome).toMatchObject({ runId, result: 'error' });
    expect(outcome?.detail).toContain('run aborted: aborted by Dan');
  });
});

describe('parseScheduleEvent', () => {
  it('turns the EventBridge scheduled-time string into epoch ms', () => {
    const event = parseScheduleEvent(
      JSON.stringify({
        type: 'schedule.fire',
        v: 1,
        tenantId: TENANT,
        scheduleId: 's1',
        firedAt: '2026-11-22T02:00:00Z',
      }),
    );
    expect(event).toEqual({
      type: 'schedule.fire',
      v: 1,
      tenantId: TENANT,
      scheduleId: 's1',
      firedAt: Date.UTC(2026, 10, 22, 2),
    });
  });

  it('rejects a malformed payload with a clear message', () => {
    expect(() => parseScheduleEvent({ type: 'schedule.fire', v: 1 })).toThrow(
      /not a schedule event: tenantId/,
    );
    expect(() => parseScheduleEvent('{oops')).toThrow(/must be JSON/);
  });
});
