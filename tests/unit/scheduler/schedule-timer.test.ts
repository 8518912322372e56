import { Tenant } from '@gong/core/domain/tenant';
import { ManualClock } from '@gong/core/ports/clock';
import { ScheduleTimer } from '@gong/local/lambda/schedule-timer';
import { describe, expect, it } from 'vitest';
import { aSavedSchedule, schedulerHarness, T0, TENANT } from './scheduler-harness';

async function timerHarness(cron: string, enabled = true) {
  const s = await schedulerHarness();
  await s.repos.tenants.create(Tenant.parse({ id: TENANT, name: 'Acme', createdAt: T0 }));
  await s.repos.schedules.create(TENANT, aSavedSchedule({ cron, enabled }));
  const cronClock = new ManualClock(Date.UTC(2026, 10, 22, 1, 58));
  const timer = new ScheduleTimer({
    deps: s.deps,
    trigger: s.trigger,
    tenants: s.repos.tenants,
    clock: cronClock,
  });
  await timer.tick(cronClock.now());
  return { s, cronClock, timer };
}

describe('ScheduleTimer', () => {
  it('fires a schedule once when its minute passes, not before and not again', async () => {
    const { cronClock, timer } = await timerHarness('0 2 * * *');

    cronClock.set(Date.UTC(2026, 10, 22, 1, 59, 59));
    const before = await timer.tick(cronClock.now());
    cronClock.set(Date.UTC(2026, 10, 22, 2, 0, 5));
    const at = await timer.tick(cronClock.now());
    cronClock.set(Date.UTC(2026, 10, 22, 2, 30));
    const after = await timer.tick(cronClock.now());

    expect(before.fired).toEqual([]);
    expect(at.fired.map((f) => [f.scheduleId, f.firedAt, f.result.kind])).toEqual([
      ['sched-nightly', Date.UTC(2026, 10, 22, 2), 'started'],
    ]);
    expect(after.fired).toEqual([]);
  });

  it('leaves disabled schedules alone', async () => {
    const { cronClock, timer } = await timerHarness('* * * * *', false);
    cronClock.advance(5 * 60_000);
    expect((await timer.tick(cronClock.now())).fired).toEqual([]);
  });

  it('delivers the busy retry when the scheduler clock reaches it, and polls the started run to its outcome', async () => {
    const { s, cronClock, timer } = await timerHarness('0 2 * * *');
    const { startRun } = await import('@gong/functions/run-control/start-run');
    const { aPlan } = await import('../run-control/harness');
    const blocker = await startRun(
      s.deps.runControl,
      { tenantId: TENANT, userId: 'u', userName: 'U' },
      aPlan({ durationSec: 1 }),
    );
    cronClock.set(Date.UTC(2026, 10, 22, 2, 0, 5));
    expect((await timer.tick(cronClock.now())).fired[0]?.result.kind).toBe('skipped-busy');
    const { abortRun } = await import('@gong/functions/run-control/lifecycle');
    await abortRun(s.deps.runControl, { tenantId: TENANT, userId: 'u', userName: 'U' }, blocker.id);

    s.clock.advance(20_000);
    const retried = await timer.tick(cronClock.now());

    expect(retried.due.map((d) => [d.event.type, d.result.kind])).toEqual([['schedule.retry', 'started']]);
    await s.results((await s.repos.schedules.get(TENANT, 'sched-nightly'))?.pending?.runId ?? '', 40);
    s.clock.advance(16_000);
    expect((await timer.tick(cronClock.now())).polled[0]?.result.kind).toBe('pending');
    s.clock.advance(11_000);
    const done = await timer.tick(cronClock.now());
    expect(done.polled[0]?.result.kind).toBe('stored');
    expect((await s.repos.schedules.get(TENANT, 'sched-nightly'))?.lastOutcome?.result).toBe('pass');
  });

  it('reports a schedule with a broken cron and keeps going', async () => {
    const { s, cronClock, timer } = await timerHarness('0 2 * * *');
    await s.repos.schedules.create(TENANT, aSavedSchedule({ id: 'sched-bad', cron: '0 99 * * *' }));
    cronClock.set(Date.UTC(2026, 10, 22, 2, 0, 5));
    const report = await timer.tick(cronClock.now());
    expect(report.errors).toEqual([
      expect.stringContaining('schedule sched-bad: cron "0 99 * * *": hour 99'),
    ]);
    expect(report.fired.map((f) => f.scheduleId)).toEqual(['sched-nightly']);
  });

  it('start() ticks on the injected clock and stop() ends the loop', async () => {
    const { s, cronClock } = await timerHarness('0 2 * * *');
    const looping = new ScheduleTimer({
      deps: s.deps,
      trigger: s.trigger,
      tenants: s.repos.tenants,
      clock: cronClock,
      intervalMs: 60_000,
    });
    looping.start();

    cronClock.set(Date.UTC(2026, 10, 22, 2, 0, 30));
    for (let i = 0; i < 100 && (await s.repos.runs.list(TENANT)).items.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await looping.stop();

    const runs = (await s.repos.runs.list(TENANT)).items;
    expect(runs.map((r) => r.scheduleId)).toEqual(['sched-nightly']);
  });
});
