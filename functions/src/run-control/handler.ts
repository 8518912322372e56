import { randomInt } from 'node:crypto';
import { dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { fleetScalerFrom } from '@gong/core/adapters/aws/ecs-fleet-scaler';
import { dynamoMetricsStore } from '@gong/core/adapters/aws/metrics-store';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { dynamoRepositories } from '@gong/core/app/repositories';
import { METRICS_TABLE } from '@gong/core/infra/resources';
import type { HousekeepingTask } from '@gong/core/messages/run-control-event';
import { systemClock } from '@gong/core/ports/clock';
import { seededRng } from '@gong/core/rng';
import type { ApiDeps } from '../api/deps';
import { syncAllSlots } from '../api/fleet-sync';
import { awsConfigFrom, depsFromEnv } from '../api/wiring';
import { env } from '../env';
import { refreshAllHealth } from '../health/refresh';
import { summarizeRun } from '../results/summarize-run';
import type { RunControlDeps } from './deps';
import { runControlEnv } from './env';
import { handleRunControlEvent, type RunControlHost, type RunControlResult } from './handle-event';

let deps: RunControlDeps | undefined;
let host: RunControlHost | undefined;

/**
 * Run control's dependencies on DynamoDB, SQS and (when GONG_ECS_CLUSTER / GONG_FLEET_SERVICES are
 * set) the ECS fleet, from env (wired once per process).
 */
export function runControlDepsFromEnv(): RunControlDeps {
  const aws = awsConfigFrom(env);
  const repositories = dynamoRepositories(aws);
  const metrics = dynamoMetricsStore(dynamoClient(aws), tableName(aws, METRICS_TABLE.name));
  const ecsEndpoint = runControlEnv.AWS_ENDPOINT_URL_ECS ?? env.AWS_ENDPOINT_URL;
  return {
    runs: repositories.runs,
    leases: repositories.leases,
    operators: repositories.operators,
    sequences: repositories.sequences,
    queue: new SqsQueue(aws),
    clock: systemClock,
    rng: seededRng(randomInt(0, 2 ** 31 - 1)),
    summarize: (tenantId, runId) => summarizeRun({ metrics, clock: systemClock }, tenantId, runId),
    fleet: fleetScalerFrom({
      region: env.AWS_REGION,
      baseline: runControlEnv.GONG_FLEET_BASELINE,
      ...(runControlEnv.GONG_ECS_CLUSTER ? { cluster: runControlEnv.GONG_ECS_CLUSTER } : {}),
      ...(runControlEnv.GONG_FLEET_SERVICES ? { services: runControlEnv.GONG_FLEET_SERVICES } : {}),
      ...(ecsEndpoint ? { endpoint: ecsEndpoint } : {}),
    }),
  };
}

/** The timers' side: every tenant, the slot count, and the housekeeping the local cloud runs on timers. */
export function runControlHostFromEnv(): RunControlHost {
  let api: ApiDeps | undefined;
  const apiDeps = () => {
    api ??= depsFromEnv(env);
    return api;
  };
  const tasks: Record<HousekeepingTask, () => Promise<unknown>> = {
    'operators.sync': async () => ({ slots: await syncAllSlots(apiDeps()) }),
    'health.refresh': async () => ({ connections: (await refreshAllHealth(apiDeps())).length }),
  };
  return {
    tenants: dynamoRepositories(awsConfigFrom(env)).tenants,
    slotCount: env.GONG_SLOT_COUNT,
    housekeeping: (task) => tasks[task](),
  };
}

/**
 * Lambda entry point: a RunControlEvent (core/src/messages/run-control-event.ts) — run.supervise and
 * runs.tick from the API and schedules, runs.tick-all and housekeeping from EventBridge rate rules.
 */
export async function handler(event: unknown): Promise<RunControlResult> {
  deps ??= runControlDepsFromEnv();
  host ??= runControlHostFromEnv();
  return handleRunControlEvent(deps, event, host);
}
