import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import { awsConfigFromEnv, dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { DynamoWorkerStatusStore } from '@gong/core/adapters/aws/worker-status-store';
import { CONFIG_TABLE, commandQueue, RESULTS_QUEUE } from '@gong/core/infra/resources';
import { env } from '../env';
import { preferLowLatency } from '../thread-sched';
import { jsonLogger } from './logger';
import { preciseClock } from './precise-clock';
import { ThreadedResultSink } from './result-thread';
import { Worker } from './worker';

const USAGE = 'usage: gong worker --slot N   (or GONG_SLOT=N); SMPP port = GONG_FLEET_BASE_PORT + N';

/** Parses `--slot N` / `--slot=N`; falls back to GONG_SLOT. */
export function parseSlot(argv: readonly string[], fallback: number | undefined): number {
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--slot') raw = argv[i + 1];
    else if (a.startsWith('--slot=')) raw = a.slice('--slot='.length);
  }
  if (raw === undefined) {
    if (fallback === undefined) throw new Error(`no slot given. ${USAGE}`);
    return fallback;
  }
  const slot = Number(raw);
  if (!Number.isInteger(slot) || slot < 0 || slot > 999) throw new Error(`bad slot "${raw}". ${USAGE}`);
  return slot;
}

/**
 * `gong worker --slot N`: runs one fleet worker until SIGTERM/SIGINT, then drains, flushes every
 * record and exits 0. Commands from the slot's SQS queue, results to the results queue, status to
 * the config table. Also the ECS container entry (`tsx smpp-fleet/src/worker/main.ts --slot N`).
 */
export async function runWorkerCli(argv: string[]): Promise<void> {
  const slot = parseSlot(argv, env.GONG_SLOT);
  if (slot >= env.GONG_SLOT_COUNT) {
    throw new Error(
      `slot ${slot} is outside GONG_SLOT_COUNT=${env.GONG_SLOT_COUNT} (slots 0..${env.GONG_SLOT_COUNT - 1})`,
    );
  }
  const workerId = `slot${slot}-${hostname()
    .replace(/[^A-Za-z0-9-]/g, '')
    .slice(0, 20)}-${process.pid}-${Date.now().toString(36)}`;
  const log = jsonLogger({ svc: 'worker', slot });
  // this thread stamps every send and reply: it should get a CPU as soon as it wakes
  const sched = preferLowLatency();
  log.info(
    'main thread scheduling',
    sched.applied ? { slice: 'short' } : { slice: 'default', why: sched.reason },
  );
  const aws = awsConfigFromEnv(env);
  const worker = new Worker({
    slot,
    workerId,
    host: env.GONG_WORKER_HOST,
    port: env.GONG_FLEET_BASE_PORT + slot,
    queue: new SqsQueue(aws),
    commandQueue: commandQueue(slot).name,
    resultsQueue: RESULTS_QUEUE.name,
    statusStore: new DynamoWorkerStatusStore(dynamoClient(aws), tableName(aws, CONFIG_TABLE.name)),
    clock: preciseClock(),
    log,
    seed: env.GONG_SEED,
    statusIntervalMs: env.GONG_STATUS_INTERVAL_MS,
    drainTimeoutMs: env.GONG_DRAIN_TIMEOUT_MS,
    commandWaitSeconds: env.GONG_COMMAND_WAIT_SEC,
    results: new ThreadedResultSink(
      {
        queueName: RESULTS_QUEUE.name,
        workerId,
        sink: { lingerMs: env.GONG_RESULTS_LINGER_MS, maxRecords: env.GONG_RESULTS_BATCH_RECORDS },
      },
      log,
    ),
  });
  process.on('uncaughtException', (err) =>
    log.error('uncaught exception (worker keeps running)', { err: String(err.stack ?? err) }),
  );
  process.on('unhandledRejection', (err) =>
    log.error('unhandled rejection (worker keeps running)', { err: String(err) }),
  );
  // listen before the port opens: a SIGTERM that arrives while the worker starts (ECS stopping a task
  // that is still booting) must take the graceful path, not Node's default of dying on the spot
  const stopSignal = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  try {
    await worker.start();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Error(`SMPP port ${env.GONG_FLEET_BASE_PORT + slot} for slot ${slot} is already in use`, {
        cause: err,
      });
    }
    throw err;
  }
  // stdout line for supervisors and tests: the worker is accepting binds and polling commands
  process.stdout.write(`${JSON.stringify({ ready: true, slot, port: worker.port, workerId })}\n`);
  const signal = await stopSignal;
  log.info('signal received', { signal });
  await worker.shutdown().catch((err: unknown) => log.error('shutdown failed', { err: String(err) }));
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  runWorkerCli(process.argv.slice(2)).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`gong worker: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
