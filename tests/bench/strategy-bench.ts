/**
 * `npm run bench:strategy` — does the load Gong sends follow the strategy's preview curve?
 *
 * A 60-s balanced-growth run over 2 operators × 500 numbers (200 → 600 → 400 msg/s per operator,
 * operators 10 s apart, 20-s ramps). Three measurements against the preview curve (expected messages
 * per second, fractional), each as the worst |actual − expected| / expected over every operator-second:
 *
 *  1. schedule: per-second counts of the intended send times from `sendTimes` (core/src/strategy)
 *  2. worker:   the real path — run control (startRun) → command queue → fleet Worker → SMPP over TCP
 *               → a gateway stand-in bound to each operator; per-second counts of the worker's own
 *               recorded actual send times (results.batch records)
 *  3. gateway:  the same run, counted by deliver_sm arrival time at the gateway stand-in
 *
 * RESULT {"maxErrPct": <3, the end-to-end figure>, "scheduleMaxErrPct", "workerMaxErrPct", ...}
 */
import { performance } from 'node:perf_hooks';
import { MemoryQueue } from '@gong/core/adapters/memory/memory-queue';
import { MemoryWorkerStatusStore } from '@gong/core/adapters/memory/worker-status-store';
import { memoryRepositories } from '@gong/core/app/repositories';
import { Operator } from '@gong/core/domain/operator';
import { Sequence } from '@gong/core/domain/sequence';
import { StrategySpec } from '@gong/core/domain/strategy';
import { allQueues, commandQueue, RESULTS_QUEUE } from '@gong/core/infra/resources';
import { decodeBody } from '@gong/core/messages/codec';
import type { HostedOperator } from '@gong/core/messages/fleet-command';
import { WorkerEvent } from '@gong/core/messages/worker-event';
import { seededRng } from '@gong/core/rng';
import { compileStrategy, previewStrategy } from '@gong/core/strategy/compile';
import { countPerSecond, sendTimes } from '@gong/core/strategy/schedule';
import type { RunControlDeps } from '@gong/functions/run-control/deps';
import { recordWorkerEvent, tickRun } from '@gong/functions/run-control/lifecycle';
import { startRun } from '@gong/functions/run-control/start-run';
import { connectAndBind } from '@gong/smpp-fleet/smpp/client';
import type { SmppSession } from '@gong/smpp-fleet/smpp/session';
import { memoryLogger } from '@gong/smpp-fleet/worker/logger';
import { preciseClock } from '@gong/smpp-fleet/worker/precise-clock';
import { Worker } from '@gong/smpp-fleet/worker/worker';

const DURATION_SEC = 60;
const NUMBERS = 500;
const TENANT = 'bench-tenant';
const T = Date.now();
const spec = StrategySpec.parse({
  kind: 'balanced-growth',
  minRate: 200,
  maxRate: 600,
  staggerSec: 10,
  rampSec: 20,
});

function operator(id: string, slotPrefix: string): Operator {
  return Operator.parse({
    id,
    tenantId: TENANT,
    connectionId: 'conn-bench',
    name: id,
    slot: 0,
    bindSystemId: id,
    bindPassword: 'pw',
    numberRanges: [{ prefix: slotPrefix, from: 0, to: 999, width: 6 }],
    createdAt: T,
    updatedAt: T,
  });
}
const operators = [operator('op-a', '40721'), operator('op-b', '40722')];

interface Err {
  maxErrPct: number;
  at: string;
}

/** Worst relative error of per-second counts against the curve; a send where none is expected counts 100%. */
function compare(label: string, curve: number[][], actual: number[][]): Err {
  let worst: Err = { maxErrPct: 0, at: '' };
  curve.forEach((expectedRow, op) => {
    expectedRow.forEach((expected, s) => {
      const got = actual[op]?.[s] ?? 0;
      const err = expected > 0 ? (Math.abs(got - expected) / expected) * 100 : got > 0 ? 100 : 0;
      if (err > worst.maxErrPct) {
        worst = {
          maxErrPct: err,
          at: `${label} operator ${op} second ${s}: ${got} vs ${expected.toFixed(2)}`,
        };
      }
    });
  });
  return worst;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

// 1. the schedule alone
const compiled = compileStrategy({
  spec,
  durationSec: DURATION_SEC,
  operators: operators.map((o) => ({ operatorId: o.id, numberCount: NUMBERS })),
});
const preview = previewStrategy(compiled);
const curve = preview.operators.map((o) => o.perSecond);
const scheduled = compiled.operators.map((o) =>
  countPerSecond(sendTimes(o.perSecond, o.numberCount), DURATION_SEC),
);
const schedule = compare('schedule', curve, scheduled);
console.log(
  `preview: ${preview.totalMessages} messages, peak ${preview.peakPerSecond}/s; schedule max error ${round(schedule.maxErrPct)}% (${schedule.at})`,
);

// 2 + 3. the real path
const clock = preciseClock();
const repos = memoryRepositories();
for (const o of operators) await repos.operators.create(TENANT, o);
await repos.sequences.create(
  TENANT,
  Sequence.parse({
    id: 'seq-bal',
    tenantId: TENANT,
    name: 'balance',
    // no reply expected: each exchange settles 200 ms after it is sent, so records flow steadily
    steps: [{ id: 'st-1', message: { text: 'BAL' }, expect: { kind: 'none' }, timeoutMs: 200 }],
    createdAt: T,
    updatedAt: T,
  }),
);
const queue = new MemoryQueue(allQueues(1), clock);
const log = memoryLogger();
const worker = new Worker({
  slot: 0,
  workerId: 'bench-worker-0',
  host: '127.0.0.1',
  port: 0,
  queue,
  commandQueue: commandQueue(0).name,
  resultsQueue: RESULTS_QUEUE.name,
  statusStore: new MemoryWorkerStatusStore(),
  clock,
  log,
  commandWaitSeconds: 1,
});
const port = await worker.start();
const hosted: HostedOperator[] = operators.map((o) => ({
  tenantId: TENANT,
  operatorId: o.id,
  connectionId: o.connectionId,
  name: o.name,
  bindSystemId: o.bindSystemId,
  bindPassword: o.bindPassword,
  shortCode: '1234',
  numberRanges: o.numberRanges,
  receipts: { delayMs: 0, statusMix: { DELIVRD: 1 } },
}));
worker.apply({ type: 'operators.sync', v: 1, operators: hosted });

// the gateway stand-in: binds to each operator like a Jasmin SMPP client connector, acks every MO
const arrivals: number[][] = operators.map(() => new Array<number>(DURATION_SEC + 5).fill(0));
let startAt = 0;
const gateways: SmppSession<string>[] = [];
for (const [i, o] of operators.entries()) {
  const session = await connectAndBind({
    host: '127.0.0.1',
    port,
    windowSize: 1000,
    bind: { mode: 'transceiver', systemId: o.bindSystemId, password: o.bindPassword },
  });
  session.on('pdu', (pdu) => {
    if (pdu.command !== 'deliver_sm') return;
    const at = clock.now();
    session.respond(pdu, { messageId: '' });
    const s = Math.floor((at - startAt) / 1000);
    const row = arrivals[i] as number[];
    if (startAt > 0 && s >= 0 && s < row.length) row[s] = (row[s] as number) + 1;
  });
  gateways.push(session);
}

const summaries: string[] = [];
const deps: RunControlDeps = {
  runs: repos.runs,
  leases: repos.leases,
  operators: repos.operators,
  sequences: repos.sequences,
  queue,
  clock,
  rng: seededRng(1),
  summarize: async (_tenant, runId) => {
    summaries.push(runId);
  },
  options: { leadTimeMs: 3_000, leaseMs: 60_000, finishGraceMs: 15_000 },
};
const run = await startRun(
  deps,
  { tenantId: TENANT, userId: 'bench', userName: 'bench' },
  {
    name: 'strategy bench',
    connectionId: 'conn-bench',
    operators: operators.map((o) => ({ operatorId: o.id, minNumbers: NUMBERS, maxNumbers: NUMBERS })),
    durationSec: DURATION_SEC,
    strategy: spec,
    sequenceIds: ['seq-bal'],
    seed: 1,
  },
);
startAt = run.startAt ?? 0;
console.log(`run ${run.id} dispatched; starts at +${Math.round(startAt - clock.now())} ms on port ${port}`);

// the results consumer (what the analyzer does): worker send times per second, run.done → run control
const workerSent: number[][] = operators.map(() => new Array<number>(DURATION_SEC + 5).fill(0));
const opIndex = new Map(operators.map((o, i) => [o.id, i]));
let records = 0;
let workerMaxLagMs = 0;
async function consumeResults(): Promise<void> {
  for (;;) {
    const batch = await queue.receive(RESULTS_QUEUE.name, { max: 10, waitSeconds: 0 });
    if (batch.length === 0) return;
    for (const m of batch) {
      const event = decodeBody(WorkerEvent, m.body);
      if (event.type === 'results.batch') {
        for (const r of event.records) {
          if (r.scope.kind !== 'run' || r.scope.runId !== run.id) continue;
          records++;
          const s = Math.floor((r.sentAt - startAt) / 1000);
          const row = workerSent[opIndex.get(r.operatorId) ?? -1];
          if (row && s >= 0 && s < row.length) row[s] = (row[s] as number) + 1;
        }
      } else if (event.type === 'run.done' || event.type === 'run.error') {
        if (event.type === 'run.done') workerMaxLagMs = Math.max(workerMaxLagMs, event.maxLagMs);
        await recordWorkerEvent(deps, event);
      }
    }
    await queue.ack(
      RESULTS_QUEUE.name,
      batch.map((m) => m.receipt),
    );
  }
}

let state = run.state;
const began = performance.now();
while (state !== 'finished' && state !== 'failed' && state !== 'aborted') {
  await new Promise((r) => setTimeout(r, 500));
  // results are read once the sending is over, so decoding them does not stall the worker's event loop
  if (clock.now() > startAt + DURATION_SEC * 1000 + 500) await consumeResults();
  state = (await tickRun(deps, TENANT, run.id)).state;
  if (performance.now() - began > (DURATION_SEC + 60) * 1000)
    throw new Error(`run did not finish (state ${state})`);
}
await consumeResults();
const final = await repos.runs.get(TENANT, run.id);

for (const g of gateways) g.close();
await worker.shutdown();
for (const l of log.lines.filter((line) => line.level !== 'info'))
  console.log(`worker ${l.level}: ${l.msg}`, l.data ?? '');

const cut = (rows: number[][]) => rows.map((r) => r.slice(0, DURATION_SEC));
/** share of operator-seconds within ±1%, and the 95th percentile of the per-second error */
function spread(rows: number[][]): { within1PctShare: number; p95ErrPct: number } {
  const errs = rows
    .flatMap((r, op) => r.slice(0, DURATION_SEC).map((got, s) => [got, curve[op]?.[s] ?? 0] as const))
    .filter(([, exp]) => exp > 0)
    .map(([got, exp]) => (Math.abs(got - exp) / exp) * 100)
    .sort((a, b) => a - b);
  return {
    within1PctShare: round(errs.filter((e) => e <= 1).length / errs.length),
    p95ErrPct: round(errs[Math.ceil(errs.length * 0.95) - 1] ?? 0),
  };
}
const worstSeconds = (rows: number[][]) =>
  rows
    .flatMap((r, op) => r.slice(0, DURATION_SEC).map((got, s) => ({ op, s, got, exp: curve[op]?.[s] ?? 0 })))
    .filter((x) => x.exp > 0)
    .map((x) => ({ ...x, err: (Math.abs(x.got - x.exp) / x.exp) * 100 }))
    .sort((a, b) => b.err - a.err)
    .slice(0, 5)
    .map((x) => `op${x.op}@${x.s}s ${x.got}/${x.exp.toFixed(1)} (${x.err.toFixed(2)}%)`)
    .join(', ');
console.log(`worst worker seconds: ${worstSeconds(workerSent)}`);
const workerErr = compare('worker', curve, cut(workerSent));
const gatewayErr = compare('gateway', curve, cut(arrivals));
const total = (rows: number[][]) => rows.reduce((a, r) => a + r.reduce((x, y) => x + y, 0), 0);
console.log(`run state ${final?.state}${final?.stateReason ? ` (${final.stateReason})` : ''}`);
console.log(
  `worker: ${total(workerSent)} sent (records ${records}), max error ${round(workerErr.maxErrPct)}% (${workerErr.at})`,
);
console.log(
  `gateway: ${total(arrivals)} received, max error ${round(gatewayErr.maxErrPct)}% (${gatewayErr.at})`,
);
console.log(
  `RESULT ${JSON.stringify({
    maxErrPct: round(gatewayErr.maxErrPct),
    measured:
      'deliver_sm arrivals at a TCP gateway stand-in, run started through run control and executed by the fleet Worker',
    gateway: spread(arrivals),
    workerMaxErrPct: round(workerErr.maxErrPct),
    workerMaxLagMs: round(workerMaxLagMs),
    scheduleMaxErrPct: round(schedule.maxErrPct),
    expectedMessages: round(curve.flat().reduce((a, b) => a + b, 0)),
    sentByWorker: total(workerSent),
    receivedByGateway: total(arrivals),
    runState: final?.state,
  })}`,
);
process.exit(0);
