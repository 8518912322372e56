import { dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { dynamoMetricsStore } from '@gong/core/adapters/aws/metrics-store';
import { dynamoRepositories } from '@gong/core/app/repositories';
import { METRICS_TABLE } from '@gong/core/infra/resources';
import { awsConfigFrom } from '../api/wiring';
import { env } from '../env';
import { lifecycleEventHandler } from '../lifecycle/lifecycle-events';
import { runControlDepsFromEnv } from '../run-control/handler';
import { analyzerEnv } from './env';
import { type AnalyzerDeps, processSqsEvent } from './process-sqs-event';
import type { SqsBatchResponse, SqsEvent } from './sqs-event';

/** Production wiring: the metrics table in DynamoDB (AWS, LocalStack or DynamoDB Local by endpoint). */
export function analyzerDeps(): AnalyzerDeps {
  const config = awsConfigFrom(env);
  return {
    metrics: dynamoMetricsStore(dynamoClient(config), tableName(config, METRICS_TABLE.name), {
      retentionDays: analyzerEnv.GONG_METRICS_RETENTION_DAYS,
    }),
    concurrency: analyzerEnv.GONG_ANALYZER_CONCURRENCY,
    log: (entry) => (entry.level === 'error' ? console.error : console.log)(JSON.stringify(entry)),
  };
}

let deps: AnalyzerDeps | undefined;

/**
 * The dependencies the Lambda handler runs with (created on first use); the benchmark reads their
 * counters. Workers' lifecycle events (run.done/error, session.event) go on to run control and the
 * functional sessions, as in the local cloud.
 */
export function handlerDeps(): AnalyzerDeps {
  deps ??= {
    ...analyzerDeps(),
    onEvent: lifecycleEventHandler({
      runControl: runControlDepsFromEnv(),
      sessions: dynamoRepositories(awsConfigFrom(env)).sessions,
    }),
  };
  return deps;
}

/** Lambda entry point (SQS event source with ReportBatchItemFailures). */
export const handler = (event: SqsEvent): Promise<SqsBatchResponse> => {
  return processSqsEvent(handlerDeps(), event);
};

/** The same handler over other dependencies (the local cloud adds lifecycle hooks, tests use twins). */
export function createAnalyzerHandler(custom: AnalyzerDeps) {
  return (event: SqsEvent): Promise<SqsBatchResponse> => processSqsEvent(custom, event);
}
