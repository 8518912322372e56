import { z } from 'zod';
import { Id } from '../domain/ids';

/** Timer-side chores of the deployment (the local cloud runs them on its own timers). */
export const HOUSEKEEPING_TASKS = ['operators.sync', 'health.refresh'] as const;
export type HousekeepingTask = (typeof HOUSEKEEPING_TASKS)[number];

/**
 * What the run-control function is invoked with. One union for the producers (API, schedules,
 * EventBridge rules in infra) and the consumer (functions/src/run-control), so a wrong payload fails
 * to compile:
 *  - run.supervise: tick one run every `intervalMs` until it ends or `budgetMs` has passed (a Lambda
 *    has 2 minutes; the result says whether the caller should invoke again);
 *  - runs.tick: one tick of every live run of a tenant;
 *  - runs.tick-all: tick the live runs of every tenant every `intervalMs` for up to `budgetMs`
 *    (0 = once), then bring the fleet in line with them (slots of live runs up, the others released);
 *  - housekeeping: operators.sync to every slot (a restarted worker learns its operators again) and
 *    connection health checks for the dashboard.
 */
export const RunControlEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run.supervise'),
    v: z.literal(1),
    tenantId: Id,
    runId: Id,
    intervalMs: z.number().int().min(100).max(60_000).default(1000),
    budgetMs: z
      .number()
      .int()
      .min(0)
      .max(15 * 60_000)
      .default(100_000),
  }),
  z.object({ type: z.literal('runs.tick'), v: z.literal(1), tenantId: Id }),
  z.object({
    type: z.literal('runs.tick-all'),
    v: z.literal(1),
    intervalMs: z.number().int().min(100).max(60_000).default(5000),
    budgetMs: z
      .number()
      .int()
      .min(0)
      .max(15 * 60_000)
      .default(0),
  }),
  z.object({
    type: z.literal('housekeeping'),
    v: z.literal(1),
    tasks: z.array(z.enum(HOUSEKEEPING_TASKS)).min(1),
  }),
]);
export type RunControlEvent = z.infer<typeof RunControlEvent>;
/** What a producer writes (defaults may be left out). */
export type RunControlEventInput = z.input<typeof RunControlEvent>;
