import { parentPort, workerData } from 'node:worker_threads';
import { awsConfigFromEnv } from '@gong/core/adapters/aws/clients';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import type { ExchangeRecord } from '@gong/core/domain/exchange';
import { unpackRecords } from '@gong/core/messages/packed-records';
import { env } from '../env';
import { runInBackground } from '../thread-sched';
import { isStrayVerdict } from './exchange';
import { jsonLogger } from './logger';
import { ResultSink } from './result-sink';
import type { FromResultThread, ResultThreadConfig, ToResultThread } from './result-thread';

/**
 * The results thread (see ThreadedResultSink): rebuilds records from the main thread's chunks and
 * feeds a ResultSink over SQS. Stray verdicts go in as strays (they do not count as sends).
 */
/** nice of the results thread: about a tenth of a contended CPU's share, and it yields at once */
const RESULTS_THREAD_NICE = 10;
const port = parentPort;
if (port === null) throw new Error('result-thread-main runs as a worker thread');
const config = workerData as ResultThreadConfig;
const log = jsonLogger({ svc: 'worker', thread: 'results', workerId: config.workerId });
// batching, JSON, gzip and SDK calls come in bursts of milliseconds: they must not hold a CPU the SMPP
// thread (or the gateway beside it) has just woken up for. Sends lag by a few ms at most.
const sched = runInBackground(RESULTS_THREAD_NICE);
if (!sched.applied) log.info('results thread keeps default scheduling', { why: sched.reason });
const sink = new ResultSink(
  new SqsQueue(awsConfigFromEnv(env)),
  config.queueName,
  config.workerId,
  log,
  Date.now,
  config.sink,
);
const reply = (m: FromResultThread) => port.postMessage(m);

port.on('message', (m: ToResultThread) => {
  switch (m.kind) {
    case 'chunk': {
      const records = unpackRecords(m.packed) as ExchangeRecord[];
      for (const r of records) {
        r.tenantId = m.tenantId;
        if (isStrayVerdict(r.verdict)) sink.addStray(r, m.urgent);
        else sink.addExchange(r, m.urgent);
      }
      return;
    }
    case 'event':
      sink.event(m.event);
      return;
    case 'flush':
      sink.flush().then(
        () => reply({ kind: 'flushed', id: m.id, stats: { ...sink.stats } }),
        (err: unknown) => log.error('results flush failed', { err: String(err) }),
      );
      return;
  }
});
setInterval(() => reply({ kind: 'stats', stats: { ...sink.stats } }), 1000).unref();
