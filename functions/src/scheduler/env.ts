import { z } from 'zod';

/**
 * Scheduler settings, parsed once (shared ones come from functions/src/env.ts). The three EventBridge
 * names are set by the CDK app on the scheduler and the API (infra/src/runtime-env.ts); locally they
 * are unset and the local timer stands in for EventBridge Scheduler.
 */
const SchedulerEnv = z.object({
  GONG_SCHEDULE_GROUP: z.string().min(1).optional(),
  GONG_SCHEDULE_ROLE_ARN: z.string().startsWith('arn:').optional(),
  GONG_SCHEDULE_TARGET_ARN: z.string().startsWith('arn:').optional(),
  /** EventBridge Scheduler endpoint (LocalStack); unset on AWS */
  AWS_ENDPOINT_URL_SCHEDULER: z.string().url().optional(),
  /** how long after a busy skip the one retry comes */
  GONG_SCHEDULE_RETRY_DELAY_SEC: z.coerce.number().int().min(1).max(86_400).default(600),
});
export type SchedulerEnv = z.infer<typeof SchedulerEnv>;

function parse(): SchedulerEnv {
  const result = SchedulerEnv.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`invalid environment for the Gong scheduler:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const schedulerEnv = parse();
