import { randomInt } from 'node:crypto';
import { dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { dynamoMetricsStore } from '@gong/core/adapters/aws/metrics-store';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { dynamoRepositories } from '@gong/core/app/repositories';
import { METRICS_TABLE } from '@gong/core/infra/resources';
import { systemClock } from '@gong/core/ports/clock';
import { seededRng } from '@gong/core/rng';
import { awsConfigFrom } from '../api/wiring';
import { env } from '../env';
import { summarizeRun } from '../results/summarize-run';
import type { RunControlDeps } from './deps';
import { handleRunControlEvent, type RunControlResult } from './handle-event';

let deps: RunControlDeps | undefined;

/** Run control's dependencies on DynamoDB and SQS, from env (wired once per process). */
export function runControlDepsFromEnv(): RunControlDeps {
  const aws = awsConfigFrom(env);
  const repositories = dynamoRepositories(aws);
  const metrics = dynamoMetricsStore(dynamoClient(aws), tableName(aws, METRICS_TABLE.name));
  return {
    runs: repositories.runs,
    leases: repositories.leases,
    operators: repositories.operators,
    sequences: repositories.sequences,
    queue: new SqsQueue(aws),
    clock: systemClock,
    rng: seededRng(randomInt(0, 2 ** 31 - 1)),
    summarize: (tenantId, runId) => summarizeRun({ metrics, clock: systemClock }, tenantId, runId),
  };
}

/** Lambda entry point: `{ type: 'run.supervise' | 'runs.tick', v: 1, … }` (see handle-event.ts). */
export async function handler(event: unknown): Promise<RunControlResult> {
  deps ??= runControlDepsFromEnv();
  return handleRunControlEvent(deps, event);
}
