import { z } from 'zod';
import { EpochMs, Id } from '../domain/ids';

/** Payload EventBridge Scheduler (or the local timer) hands to the scheduler function. */
export const ScheduleEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('schedule.fire'),
    v: z.literal(1),
    tenantId: Id,
    scheduleId: Id,
    firedAt: EpochMs.optional(),
  }),
  z.object({
    type: z.literal('schedule.retry'),
    v: z.literal(1),
    tenantId: Id,
    scheduleId: Id,
    attempt: z.number().int().min(1),
    /** the fire this retries (part of the idempotency key) */
    firedAt: EpochMs.optional(),
  }),
  /** is the run a schedule started over? then store its outcome (pass/fail, verdict, webhook) */
  z.object({
    type: z.literal('schedule.check'),
    v: z.literal(1),
    tenantId: Id,
    scheduleId: Id,
    runId: Id,
    attempt: z.number().int().min(1),
  }),
]);
export type ScheduleEvent = z.infer<typeof ScheduleEvent>;
