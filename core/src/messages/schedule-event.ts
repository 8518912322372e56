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
  }),
]);
export type ScheduleEvent = z.infer<typeof ScheduleEvent>;
