import { z } from 'zod';
import { EpochMs, Id } from './ids';
import { StressPlan } from './stress-run';

/** k6-style pass/fail rule: `p95<500ms`, `p99<=2s`, `drop<1%`. */
export const Threshold = z
  .string()
  .trim()
  .regex(/^(p50|p90|p95|p99|max|mean|drop|invalid)\s*(<=|<|>=|>)\s*[0-9.]+\s*(ms|s|%)?$/, {
    message: 'a threshold looks like "p95<500ms" or "drop<1%"',
  });
export type Threshold = z.infer<typeof Threshold>;

export const Schedule = z.object({
  id: Id,
  tenantId: Id,
  name: z.string().min(1).max(120),
  /** cron in EventBridge style: minute hour day-of-month month day-of-week (5 fields) */
  cron: z.string().min(9).max(120),
  plan: StressPlan,
  thresholds: z.array(Threshold).default([]),
  baselineRunId: Id.optional(),
  webhookUrl: z.string().url().optional(),
  enabled: z.boolean().default(true),
  createdBy: Id,
  lastOutcome: z
    .object({
      at: EpochMs,
      runId: Id.optional(),
      result: z.enum(['pass', 'fail', 'skipped-busy', 'error']),
      detail: z.string().max(2000).default(''),
      /** one entry per threshold (scheduler) */
      checks: z
        .array(
          z.object({
            threshold: z.string(),
            actual: z.number(),
            unit: z.enum(['ms', '%']),
            pass: z.boolean(),
          }),
        )
        .optional(),
      /** regression verdict against the baseline run, when one is set */
      verdict: z.enum(['regressed', 'improved', 'no-change', 'none']).optional(),
    })
    .optional(),
  /** the run a fire started and whose outcome is not stored yet (scheduler) */
  pending: z.object({ runId: Id, firedAt: EpochMs, startedAt: EpochMs }).optional(),
  /** idempotency key of the last fire handled (`<fire time>` or `<fire time>/retry<n>`) */
  lastFireKey: z.string().max(100).optional(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Schedule = z.infer<typeof Schedule>;
