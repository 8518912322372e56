import { dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { dynamoMetricsStore } from '@gong/core/adapters/aws/metrics-store';
import { dynamoRepositories } from '@gong/core/app/repositories';
import { METRICS_TABLE } from '@gong/core/infra/resources';
import { awsConfigFrom } from '../api/wiring';
import { type Env, env } from '../env';
import { runControlDepsFromEnv } from '../run-control/handler';
import type { SchedulerDeps } from './deps';
import { type SchedulerEnv, schedulerEnv } from './env';
import { triggerFromEnv } from './trigger-from-env';

/**
 * The scheduler Lambda's dependencies: run control exactly as the run-control function wires it
 * (DynamoDB, SQS, and the ECS fleet scaler when GONG_ECS_CLUSTER / GONG_FLEET_SERVICES are set), the
 * metrics table and EventBridge Scheduler.
 */
export function schedulerDepsFromEnv(e: Env = env, s: SchedulerEnv = schedulerEnv): SchedulerDeps {
  const aws = awsConfigFrom(e);
  const trigger = triggerFromEnv(s, e.AWS_REGION);
  if (!trigger) {
    throw new Error(
      'the scheduler Lambda needs GONG_SCHEDULE_GROUP, GONG_SCHEDULE_ROLE_ARN and GONG_SCHEDULE_TARGET_ARN (its busy retries and outcome checks are one-time schedules)',
    );
  }
  return {
    schedules: dynamoRepositories(aws).schedules,
    metrics: dynamoMetricsStore(dynamoClient(aws), tableName(aws, METRICS_TABLE.name)),
    trigger,
    runControl: runControlDepsFromEnv(),
    log: (entry) => (entry.level === 'error' ? console.error : console.log)(JSON.stringify(entry)),
    options: { retryDelayMs: s.GONG_SCHEDULE_RETRY_DELAY_SEC * 1000 },
  };
}
