import { RESULTS_QUEUE } from '@gong/core/infra/resources';
import type { RunControlEventInput } from '@gong/core/messages/run-control-event';
import { analyzerDeps, createAnalyzerHandler } from '@gong/functions/analyzer/handler';
import { runControlDeps } from '@gong/functions/api/routes/runs';
import { awsConfigFrom, depsFromEnv } from '@gong/functions/api/wiring';
import { env as functionsEnv } from '@gong/functions/env';
import { lifecycleEventHandler } from '@gong/functions/lifecycle/lifecycle-events';
import { handler as runControlHandler } from '@gong/functions/run-control/handler';
import { exitWithSupervisor } from '../stack/parent-watch';
import { localScheduleTimer } from './schedule-timer';
import { SqsEventSource, type SqsHandler } from './sqs-event-source';

/**
 * Child process of the local cloud: the event-driven Lambdas.
 *  - the analyzer, invoked by an SQS event source on the results queue exactly as Lambda would;
 *    workers' lifecycle events go on to run control and functional sessions;
 *  - the run-control Lambda, invoked on timers with the events AWS's EventBridge rate rules send:
 *    runs.tick-all every second (advances live runs with time) and housekeeping (operators.sync to
 *    every slot, so a worker the supervisor restarted learns its operators again; health checks);
 *  - the schedule timer (on AWS EventBridge Scheduler) that fires saved regression schedules.
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
const invoke = (event: RunControlEventInput) => () => runControlHandler(event);
const timers = [
  every(1000, 'runs.tick-all', invoke({ type: 'runs.tick-all', v: 1, budgetMs: 0 })),
  every(15_000, 'operators.sync', invoke({ type: 'housekeeping', v: 1, tasks: ['operators.sync'] })),
  // every 10 s here (5 min on AWS): the first check runs while the simulator and workers still start
  every(10_000, 'health checks', invoke({ type: 'housekeeping', v: 1, tasks: ['health.refresh'] })),
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
