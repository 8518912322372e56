import type { SchedulerDeps } from './deps';
import { type HandleResult, handleScheduleEvent, parseScheduleEvent } from './handle-event';
import { schedulerDepsFromEnv } from './wiring';

let deps: SchedulerDeps | undefined;

/**
 * Lambda entry point: EventBridge Scheduler invokes it with a ScheduleEvent (the target input).
 * A malformed payload is logged and dropped (retrying cannot fix it); other failures throw so
 * Scheduler's retry policy runs the event again — every step is idempotent per fire.
 */
export const handler = async (
  payload: unknown,
): Promise<HandleResult | { kind: 'rejected'; reason: string }> => {
  let event: ReturnType<typeof parseScheduleEvent>;
  try {
    event = parseScheduleEvent(payload);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    console.error(JSON.stringify({ level: 'error', msg: 'rejected schedule payload', reason }));
    return { kind: 'rejected', reason };
  }
  deps ??= schedulerDepsFromEnv();
  return handleScheduleEvent(deps, event);
};
