import { RESULTS_QUEUE } from '@gong/core/infra/resources';
import { analyzerDeps, createAnalyzerHandler } from '@gong/functions/analyzer/handler';
import { syncAllSlots } from '@gong/functions/api/fleet-sync';
import { runControlDeps } from '@gong/functions/api/routes/runs';
import { awsConfigFrom, depsFromEnv } from '@gong/functions/api/wiring';
import { env as functionsEnv } from '@gong/functions/env';
import { refreshAllHealth } from '@gong/functions/health/refresh';
import { lifecycleEventHandler } from '@gong/functions/lifecycle/lifecycle-events';
import { tickLiveRuns } from '@gong/functions/run-control/supervisor';
import { exitWithSupervisor } from '../stack/parent-watch';
import { localScheduleTimer } from './schedule-timer';
import { SqsEventSource, type SqsHandler } from './sqs-event-source';

/**
 * Child process of the local cloud: the event-driven Lambdas.
 *  - the analyzer, invoked by an SQS event source on the results queue exactly as Lambda would;
 *    workers' lifecycle events go on to run control and functional sessions;
 *  - the run-control ticker (on AWS an EventBridge rate rule) that advances live runs with time;
 *  - the schedule timer (on AWS EventBridge Scheduler) that fires saved regression schedules;
 *  - housekeeping timers: connection health checks, and a periodic operators.sync to every slot so
 *    a worker the supervisor restarted learns its operators again.
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

/** Runs `job` now and every `ms`, never two at once; failures are logged, the timer goes on. */
function every(ms: number, name: string, job: () => Promise<unknown>): NodeJS.Timeout {
  let busy = false;
  const run = async () => {
    if (busy) return;
    busy = true;
    try {
      await job();
    } catch (e) {
      log(`${name} failed: ${String(e)}`);
    } finally {
      busy = false;
    }
  };
  void run();
  return setInterval(run, ms);
}
async function tickAllRuns(): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await api.repositories.tenants.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const tenant of page.items) await tickLiveRuns(runControl, tenant.id);
    cursor = page.cursor;
  } while (cursor);
}

const timers = [
  every(1000, 'run-control tick', tickAllRuns),
  every(15_000, 'operators.sync', () => syncAllSlots(api)),
  every(30_000, 'health checks', () => refreshAllHealth(api)),
];

const schedules = localScheduleTimer(aws, { log: (entry) => log(JSON.stringify(entry)) });
schedules.start();

const stop = () => {
  for (const timer of timers) clearInterval(timer);
  Promise.all([source.stop(), schedules.stop()]).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
exitWithSupervisor();
