import { randomInt } from 'node:crypto';
import { dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { dynamoMetricsStore } from '@gong/core/adapters/aws/metrics-store';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { dynamoRepositories } from '@gong/core/app/repositories';
import { METRICS_TABLE } from '@gong/core/infra/resources';
import { systemClock } from '@gong/core/ports/clock';
import { seededRng } from '@gong/core/rng';
import { awsConfigFrom } from '../api/wiring';
import { type Env, env } from '../env';
import { summarizeRun } from '../results/summarize-run';
import type { SchedulerDeps } from './deps';
import { type SchedulerEnv, schedulerEnv } from './env';
import { triggerFromEnv } from './trigger-from-env';

/** The scheduler Lambda's dependencies: DynamoDB + SQS (run control in-process) + EventBridge Scheduler. */
export function schedulerDepsFromEnv(e: Env = env, s: SchedulerEnv = schedulerEnv): SchedulerDeps {
  const aws = awsConfigFrom(e);
  const trigger = triggerFromEnv(s, e.AWS_REGION);
  if (!trigger) {
    throw new Error(
      'the scheduler Lambda needs GONG_SCHEDULE_GROUP, GONG_SCHEDULE_ROLE_ARN and GONG_SCHEDULE_TARGET_ARN (its busy retries and outcome checks are one-time schedules)',
    );
  }
  const repos = dynamoRepositories(aws);
  const metrics = dynamoMetricsStore(dynamoClient(aws), tableName(aws, METRICS_TABLE.name));
  return {
    schedules: repos.schedules,
    metrics,
    trigger,
    runControl: {
      runs: repos.runs,
      leases: repos.leases,
      operators: repos.operators,
      sequences: repos.sequences,
      queue: new SqsQueue(aws),
      clock: systemClock,
      rng: seededRng(randomInt(0, 2 ** 31 - 1)),
      summarize: (tenantId, runId) => summarizeRun({ metrics, clock: systemClock }, tenantId, runId),
    },
    log: (entry) => (entry.level === 'error' ? console.error : console.log)(JSON.stringify(entry)),
    options: { retryDelayMs: s.GONG_SCHEDULE_RETRY_DELAY_SEC * 1000 },
  };
}
