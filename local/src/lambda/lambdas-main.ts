import { RESULTS_QUEUE } from '@gong/core/infra/resources';
import { analyzerDeps, createAnalyzerHandler } from '@gong/functions/analyzer/handler';
import { runControlDeps } from '@gong/functions/api/routes/runs';
import { awsConfigFrom, depsFromEnv } from '@gong/functions/api/wiring';
import { env as functionsEnv } from '@gong/functions/env';
import { lifecycleEventHandler } from '@gong/functions/lifecycle/lifecycle-events';
import { tickLiveRuns } from '@gong/functions/run-control/supervisor';
import { SqsEventSource, type SqsHandler } from './sqs-event-source';

/**
 * Child process of the local cloud: the event-driven Lambdas.
 *  - the analyzer, invoked by an SQS event source on the results queue exactly as Lambda would;
 *    workers' lifecycle events go on to run control and functional sessions;
 *  - the run-control ticker (on AWS an EventBridge rate rule) that advances live runs with time.
 */
const api = depsFromEnv(functionsEnv);
const aws = awsConfigFrom(functionsEnv);
const runControl = runControlDeps(api);
const analyzer = createAnalyzerHandler({
  ...analyzerDeps(),
  onEvent: lifecycleEventHandler({ runControl, sessions: api.repositories.sessions }),
});
const log = (line: string) => console.log(line);
const source = new SqsEventSource(api.queue, analyzer as unknown as SqsHandler, {
  queue: RESULTS_QUEUE.name,
  queueArn: `arn:aws:sqs:${aws.region}:000000000000:${aws.prefix}-${RESULTS_QUEUE.name}`,
  region: aws.region,
  batchSize: 10,
  functionName: 'gong-analyzer',
  log,
});
source.start();
console.log(`analyzer polling ${aws.prefix}-${RESULTS_QUEUE.name}`);

let ticking = false;
const ticker = setInterval(async () => {
  if (ticking) return;
  ticking = true;
  try {
    let cursor: string | undefined;
    do {
      const page = await api.repositories.tenants.list({ limit: 100, ...(cursor ? { cursor } : {}) });
      for (const tenant of page.items) await tickLiveRuns(runControl, tenant.id);
      cursor = page.cursor;
    } while (cursor);
  } catch (e) {
    log(`run-control tick failed: ${String(e)}`);
  } finally {
    ticking = false;
  }
}, 1000);

const stop = () => {
  clearInterval(ticker);
  source.stop().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
