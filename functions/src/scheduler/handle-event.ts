import { DomainError } from '@gong/core/domain/errors';
import { ScheduleEvent } from '@gong/core/messages/schedule-event';
import { type CheckResult, completeScheduledRun } from './complete-run';
import type { SchedulerDeps } from './deps';
import { type FireResult, fireSchedule } from './fire-schedule';

/**
 * Parses what EventBridge Scheduler (or the local timer) delivered. The recurring entries carry
 * `firedAt` as EventBridge's `<aws.scheduler.scheduled-time>` (an ISO string): it becomes epoch ms.
 */
export function parseScheduleEvent(raw: unknown): ScheduleEvent {
  let input = typeof raw === 'string' ? safeJson(raw) : raw;
  if (input && typeof input === 'object' && 'firedAt' in input && typeof input.firedAt === 'string') {
    const ms = Date.parse(input.firedAt);
    input = { ...input, firedAt: Number.isNaN(ms) ? input.firedAt : ms };
  }
  const parsed = ScheduleEvent.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`);
    throw new DomainError('VALIDATION', `not a schedule event: ${issues.join('; ')}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DomainError('VALIDATION', 'a schedule event must be JSON', { cause: e });
  }
}

export type HandleResult = FireResult | CheckResult;

/** One schedule event: fire/retry start the run, check stores its outcome once it has ended. */
export function handleScheduleEvent(deps: SchedulerDeps, event: ScheduleEvent): Promise<HandleResult> {
  switch (event.type) {
    case 'schedule.fire':
    case 'schedule.retry':
      return fireSchedule(deps, event);
    case 'schedule.check':
      return completeScheduledRun(deps, event);
  }
}
