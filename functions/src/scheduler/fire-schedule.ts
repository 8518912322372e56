import { isDomainError } from '@gong/core/domain/errors';
import type { Schedule } from '@gong/core/domain/schedule';
import type { StressRun } from '@gong/core/domain/stress-run';
import type { ScheduleEvent } from '@gong/core/messages/schedule-event';
import { startRun } from '../run-control/start-run';
import { nowOf, type SchedulerDeps, schedulerOptions } from './deps';

export type FireEvent = Extract<ScheduleEvent, { type: 'schedule.fire' | 'schedule.retry' }>;

export type FireResult =
  | { kind: 'started'; run: StressRun; key: string }
  | { kind: 'duplicate'; key: string }
  | { kind: 'skipped-busy'; key: string; retryAt?: number }
  | { kind: 'ignored'; reason: string }
  | { kind: 'error'; key: string; message: string };

/** Fire times are whole minutes (cron); a fire without one is keyed by the minute it arrived in. */
export function fireTimeOf(event: FireEvent, now: number): number {
  return event.firedAt ?? Math.floor(now / 60_000) * 60_000;
}

/** Idempotency key of a fire (scheduleId is the record it is stored on). */
export function fireKey(event: FireEvent, firedAt: number): string {
  return event.type === 'schedule.retry' ? `${firedAt}/retry${event.attempt}` : `${firedAt}`;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Handles `schedule.fire` and `schedule.retry`: claims the fire on the schedule (the same fire handled
 * twice starts one run), then starts the saved plan through run control as the schedule's creator.
 * Another stress run in progress (BUSY) → lastOutcome `skipped-busy` and, for a first fire, one retry
 * later through the trigger. A started run carries `scheduleId` and an outcome check is booked for its
 * end. A plan that can no longer start (deleted operator, …) → lastOutcome `error`.
 */
export async function fireSchedule(deps: SchedulerDeps, event: FireEvent): Promise<FireResult> {
  const opts = schedulerOptions(deps);
  const { tenantId, scheduleId } = event;
  const now = nowOf(deps);
  const found = await deps.schedules.get(tenantId, scheduleId);
  if (!found) return { kind: 'ignored', reason: `schedule ${scheduleId} not found` };
  if (!found.enabled) return { kind: 'ignored', reason: `schedule ${scheduleId} is disabled` };

  const firedAt = fireTimeOf(event, now);
  const key = fireKey(event, firedAt);
  let duplicate = false;
  let previousKey: string | undefined;
  const schedule = await deps.schedules.update(tenantId, scheduleId, (s) => {
    duplicate = s.lastFireKey === key;
    previousKey = s.lastFireKey;
    return duplicate ? s : { ...s, lastFireKey: key };
  });
  if (duplicate) {
    deps.log({ level: 'info', msg: 'fire already handled', tenantId, scheduleId, key });
    return { kind: 'duplicate', key };
  }

  let run: StressRun;
  try {
    run = await startRun(
      deps.runControl,
      { tenantId, userId: schedule.createdBy, userName: `schedule ${schedule.name}` },
      schedule.plan,
    );
  } catch (e) {
    if (isDomainError(e, 'BUSY')) return skipBusy(deps, schedule, event, firedAt, key, message(e));
    if (isDomainError(e)) {
      await setOutcome(deps, schedule, { at: now, result: 'error', detail: `could not start: ${e.message}` });
      deps.log({
        level: 'warn',
        msg: 'scheduled run could not start',
        tenantId,
        scheduleId,
        error: e.message,
      });
      return { kind: 'error', key, message: e.message };
    }
    // infrastructure trouble: give the claim back so the platform's retry of this event can start it
    await deps.schedules
      .update(tenantId, scheduleId, (s) => (s.lastFireKey === key ? withKey(s, previousKey) : s))
      .catch(() => undefined);
    throw e;
  }

  const tagged = await deps.runControl.runs.update(tenantId, run.id, (r) => ({ ...r, scheduleId }));
  await deps.schedules.update(tenantId, scheduleId, (s) => ({
    ...s,
    pending: { runId: run.id, firedAt, startedAt: now },
  }));
  const endAt = (run.startAt ?? now) + run.plan.durationSec * 1000;
  await deps.trigger.once(
    { type: 'schedule.check', v: 1, tenantId, scheduleId, runId: run.id, attempt: 1 },
    endAt + opts.checkAfterEndMs,
  );
  deps.log({ level: 'info', msg: 'scheduled run started', tenantId, scheduleId, runId: run.id, key });
  return { kind: 'started', run: tagged, key };
}

async function skipBusy(
  deps: SchedulerDeps,
  schedule: Schedule,
  event: FireEvent,
  firedAt: number,
  key: string,
  why: string,
): Promise<FireResult> {
  const now = nowOf(deps);
  const { tenantId, id: scheduleId } = schedule;
  if (event.type === 'schedule.fire') {
    const retryAt = now + schedulerOptions(deps).retryDelayMs;
    await setOutcome(deps, schedule, {
      at: now,
      result: 'skipped-busy',
      detail: `skipped: busy (${why}); retrying once at ${new Date(retryAt).toISOString()}`,
    });
    await deps.trigger.once(
      { type: 'schedule.retry', v: 1, tenantId, scheduleId, attempt: 1, firedAt },
      retryAt,
    );
    deps.log({
      level: 'info',
      msg: 'scheduled run skipped: busy, retry booked',
      tenantId,
      scheduleId,
      retryAt,
    });
    return { kind: 'skipped-busy', key, retryAt };
  }
  await setOutcome(deps, schedule, {
    at: now,
    result: 'skipped-busy',
    detail: `skipped: still busy on retry ${event.attempt} (${why}); waiting for the next fire`,
  });
  deps.log({ level: 'info', msg: 'scheduled run skipped: still busy on retry', tenantId, scheduleId });
  return { kind: 'skipped-busy', key };
}

function withKey(s: Schedule, key: string | undefined): Schedule {
  const { lastFireKey: _drop, ...rest } = s;
  return key === undefined ? rest : { ...rest, lastFireKey: key };
}

async function setOutcome(
  deps: SchedulerDeps,
  schedule: Schedule,
  outcome: NonNullable<Schedule['lastOutcome']>,
): Promise<void> {
  await deps.schedules.update(schedule.tenantId, schedule.id, (s) => ({
    ...s,
    lastOutcome: { ...outcome, detail: outcome.detail.slice(0, 2000) },
  }));
}
