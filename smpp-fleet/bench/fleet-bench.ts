/**
 * `npm run bench:fleet` — the fleet worker in operator mode against a gateway on loopback, results to
 * the local SQS emulator (fauxqs), status to DynamoDB Local. Worker, gateway and the npm-smpp loop run
 * as separate processes; this process only orchestrates and, after each phase, reads the results.
 *
 *  (a) sustained exchanges/s (MO out, MT back, matched, recorded), offered above capacity, 30 s
 *  (b) rate precision at 1,000 msg/s for 30 s: max per-second error % (by actual send time)
 *  (c) latency fidelity: gateway answers after a fixed 50 ms, 5,000 msg/s: p50/p99 vs 50 ms, after a
 *      3-s warm-up run (BENCH_WARMUP_SEC); beside it a host check counts the stalls of an idle
 *      process's 1-ms timer and the CPU time the hypervisor stole, to tell the VM's own stalls from
 *      the worker's; then the host floor (host-floor.ts): a minimal Node echo pair at the same rate and
 *      delay, no SMPP, so (c)'s p99 minus the floor's is what Gong adds to what the machine allows
 *  (d) the same echo loop on the npm `smpp` package (SMSC and gateway processes), same duration; run
 *      first, on a machine that holds nothing else of this run
 *  (e) interactive sessions: 20 single messages; how soon after each answer its record can be read
 *      off the results queue (target ≤ 250 ms)
 *
 * The gateway is the simulator (smpp-fleet/src/sim, ECHO rule) in its own process; BENCH_GATEWAY=gateway
 * swaps in a minimal echo client instead (to tell worker limits from simulator limits).
 * Env knobs: BENCH_SECONDS (30), BENCH_RATE_C (5000), BENCH_NUMBERS (5000), BENCH_WINDOW (2000),
 * BENCH_PHASES (abcde), BENCH_GATEWAY (sim), BENCH_RATE_A (120000: (a)'s first offer, raised by half
 * while the worker sends all of it; what it cannot send in time is dropped and recorded as not sent).
 * BENCH_PROFILE_DIR writes CPU profiles of the child roles in BENCH_PROFILE_ROLES (default
 * worker; e.g. worker,sim,pkg-smsc). BENCH_NODE_ARGS_<ROLE> passes Node/V8 flags to one role (e.g.
 * BENCH_NODE_ARGS_WORKER="--trace-gc-nvp"), and BENCH_LOG_DIR keeps each role's stdout in <role>.log
 * there, one line per line, stamped with the epoch ms it arrived.
 * Final line: RESULT {"exchangesPerSec":…, "smppPkgExchangesPerSec":…, "rateMaxErrPct":…, "latP50Ms":…, "latP99Ms":…,
 * "hostFloorP99Ms":…, "sessionResultMaxMs":…}
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AwsConfig } from '@gong/core/adapters/aws/clients';
import { ensureQueues } from '@gong/core/adapters/aws/ensure-queues';
import { ensureTables } from '@gong/core/adapters/aws/ensure-tables';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import type { ExchangeRecord } from '@gong/core/domain/exchange';
import { CONFIG_TABLE, commandQueue, RESULTS_QUEUE } from '@gong/core/infra/resources';
import { decodeBody, encodeBody } from '@gong/core/messages/codec';
import type { FleetCommand } from '@gong/core/messages/fleet-command';
import { WorkerEvent } from '@gong/core/messages/worker-event';
import { Histogram } from '@gong/core/stats/histogram';
import { startDynamoDbLocal } from '@gong/local/cloud/dynamodb-local';
import { freePort } from '@gong/local/cloud/net';
import { startSqsEmulator } from '@gong/local/cloud/sqs-emulator';
import { startSimulator } from '../src/sim/simulator';
import { connectAndBind } from '../src/smpp/client';
import type { SmPdu } from '../src/smpp/pdu';
import { preferLowLatency } from '../src/thread-sched';
import { decodeText, encodeText } from '../src/worker/sms-text';
import { floorClientRole, floorEchoRole, round2 } from './host-floor';
import { loadNpmSmpp, npmSmppText } from './npm-smpp';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SELF = fileURLToPath(import.meta.url);
const WORKER_MAIN = join(ROOT, 'smpp-fleet', 'src', 'worker', 'main.ts');

const knob = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
};

// ---------------------------------------------------------------------------------------------
// child roles
// ---------------------------------------------------------------------------------------------

/** Echo gateway: binds to the worker like a Jasmin connector, answers "ECHO x" with "x" after delayMs. */
async function gatewayRole(port: number, systemId: string, password: string, delayMs: number): Promise<void> {
  const session = await connectAndBind({
    host: '127.0.0.1',
    port,
    windowSize: 50_000,
    enquireLinkIntervalMs: 0,
    bind: { mode: 'transceiver', systemId, password },
  });
  session.on('error', () => {});
  session.on('close', () => process.exit(0));
  session.on('pdu', (pdu) => {
    if (pdu.command !== 'deliver_sm') return;
    const sm = pdu as SmPdu;
    session.respond(sm, { messageId: '' });
    const text = decodeText(sm).text;
    const answer = text.startsWith('ECHO ') ? text.slice(5) : 'HELP';
    const reply = () => {
      const body = encodeText(answer, 'auto', 'udh8', 0)[0];
      if (body === undefined) return;
      session.requestCb(
        {
          command: 'submit_sm',
          sourceAddr: sm.destinationAddr,
          destinationAddr: sm.sourceAddr,
          destAddrTon: 1,
          destAddrNpi: 1,
          dataCoding: body.dataCoding,
          shortMessage: body.shortMessage,
        },
        () => {},
      );
    };
    if (delayMs > 0) setTimeout(reply, delayMs);
    else reply();
  });
  process.stdout.write('bound\n');
  process.on('SIGTERM', () => {
    session.unbind(200).finally(() => process.exit(0));
  });
}

/**
 * Host check: a process that does nothing but run a 1-ms timer, counting the times it did not run for
 * over 2 ms. It puts the latency tail in context: when this idle process stalls, the whole VM did
 * (scheduling, steal), and the worker and the gateway stalled with it. Beside it, the share of the
 * machine's CPU time the hypervisor stole meanwhile (Linux /proc/stat). Both are also kept per epoch
 * second, so each second's latency can be read next to what the host did in it.
 */
function probeRole(): void {
  const stalls: number[] = [];
  const bySecond = new Map<number, HostSecond>();
  const cpuAtStart = cpuTimes();
  const startedAt = performance.now();
  let last = startedAt;
  let cpuLast = cpuAtStart;
  let second = Math.floor(Date.now() / 1000);
  const thisSecond = (s: number) => {
    const h = bySecond.get(s) ?? { second: s, stalls: 0 };
    bySecond.set(s, h);
    return h;
  };
  setInterval(() => {
    const now = performance.now();
    const late = now - last - 1;
    const s = Math.floor(Date.now() / 1000);
    if (late > 2) {
      stalls.push(late);
      thisSecond(s).stalls++;
    }
    last = now;
    if (s !== second) {
      // the CPU times since the last second boundary this timer saw, charged to the second that ended
      const cpu = cpuTimes();
      Object.assign(thisSecond(second), stealPct(cpuLast, cpu));
      cpuLast = cpu;
      second = s;
    }
  }, 1);
  process.stdout.write('probing\n');
  process.on('SIGTERM', () => {
    const over = (ms: number) => stalls.filter((s) => s > ms).length;
    const report = {
      seconds: Math.round((performance.now() - startedAt) / 1000),
      over2Ms: stalls.length,
      over5Ms: over(5),
      over10Ms: over(10),
      longestMs: Math.round(Math.max(0, ...stalls) * 10) / 10,
      ...stealPct(cpuAtStart, cpuTimes()),
    };
    process.stdout.write(`${JSON.stringify(report)}\n${JSON.stringify([...bySecond.values()])}\n`, () =>
      process.exit(0),
    );
  });
}

/** What the host probe saw in one epoch second: its timer's stalls over 2 ms, and the CPU steal. */
interface HostSecond {
  second: number;
  stalls: number;
  stealPct?: number;
}

/** All CPUs' time in jiffies, and how much of it was stolen (another guest ran); undefined off Linux. */
function cpuTimes(): { total: number; steal: number } | undefined {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/) ?? [];
    const jiffies = fields.slice(0, 8).map(Number);
    return { total: jiffies.reduce((a, b) => a + b, 0), steal: jiffies[7] ?? 0 };
  } catch {
    return undefined;
  }
}

function stealPct(from: ReturnType<typeof cpuTimes>, to: ReturnType<typeof cpuTimes>): { stealPct?: number } {
  if (from === undefined || to === undefined || to.total <= from.total) return {};
  return { stealPct: Math.round(((to.steal - from.steal) / (to.total - from.total)) * 1000) / 10 };
}

/**
 * (c) second by second, next to the host probe: each second's p99, how many seconds passed `limitMs`,
 * and the p99 of the quiet seconds (the idle probe never late over 2 ms and under 1 % steal, in that
 * second and the next, where its answers arrive) apart from the rest. It tells a tail the host made in
 * a few bad seconds from one the worker adds everywhere; it is a view, not the result.
 */
function secondsView(bySecond: Map<number, Histogram>, host: HostSecond[], limitMs: number): string {
  const hostAt = new Map(host.map((h) => [h.second, h]));
  const calm = (s: number) => {
    const h = hostAt.get(s);
    return h !== undefined && h.stalls === 0 && h.stealPct !== undefined && h.stealPct < 1;
  };
  const quiet = new Histogram(3);
  const rest = new Histogram(3);
  const p99s: number[] = [];
  let quietSeconds = 0;
  for (const [second, h] of [...bySecond].sort(([a], [b]) => a - b)) {
    p99s.push(round2(h.quantile(0.99)));
    if (calm(second) && calm(second + 1)) {
      quiet.merge(h);
      quietSeconds++;
    } else rest.merge(h);
  }
  const p99 = (h: Histogram) => (h.count === 0 ? '-' : `${round2(h.quantile(0.99))} ms (n=${h.count})`);
  return (
    `per second, p99 ${p99s.join(' ')}; over ${limitMs} ms in ${p99s.filter((p) => p > limitMs).length} of ${p99s.length} seconds; ` +
    `the ${quietSeconds} quiet seconds (idle probe never late over 2 ms, steal < 1 %, then and the second after) p99 ${p99(quiet)}, ` +
    `the other ${p99s.length - quietSeconds} p99 ${p99(rest)}`
  );
}

/**
 * Starts a host probe (probeRole); `report()` stops it and returns its summary line and what it saw
 * in each second.
 */
async function startProbe(): Promise<{ report(): Promise<{ summary: string; bySecond: HostSecond[] }> }> {
  const probe = child([SELF, 'probe'], process.env, 'probe');
  await waitLine(probe.lines, (l) => l === 'probing', 'host probe');
  return {
    async report() {
      probe.proc.kill('SIGTERM');
      const summary = await waitLine(probe.lines, (l) => l.startsWith('{'), 'host probe report', 5000);
      const bySecond = await waitLine(probe.lines, (l) => l.startsWith('['), 'host probe seconds', 5000);
      return { summary, bySecond: JSON.parse(bySecond) as HostSecond[] };
    },
  };
}

/** host-floor.ts's pair with a host probe beside it, for as long as (c) and its warm-up */
async function hostFloor(
  rate: number,
  delayMs: number,
  seconds: number,
  warmSec: number,
): Promise<{ n: number; lost: number; p50: number; p99: number; hostCheck: string }> {
  const echo = child([SELF, 'floor-echo', String(delayMs)], process.env, 'floor-echo');
  const port = (await waitLine(echo.lines, (l) => l.startsWith('listening '), 'floor echo')).split(' ')[1];
  const client = child(
    [SELF, 'floor-client', String(port), String(rate), String(seconds), String(warmSec)],
    process.env,
    'floor-client',
  );
  const probe = await startProbe();
  const report = await waitLine(
    client.lines,
    (l) => l.startsWith('{'),
    'floor report',
    (warmSec + seconds + 30) * 1000,
  );
  const hostCheck = (await probe.report()).summary;
  await stopChild(echo.proc, 2000);
  return { ...(JSON.parse(report) as { n: number; lost: number; p50: number; p99: number }), hostCheck };
}

/** The gateway simulator of smpp-fleet/src/sim (default ECHO rule), bound to the worker, fixed latency. */
async function simRole(port: number, systemId: string, password: string, delayMs: number): Promise<void> {
  preferLowLatency(); // as `gong sim` does
  const sim = await startSimulator({
    operators: [{ host: '127.0.0.1', port, systemId, password, binds: 1 }],
    latency: { kind: 'fixed', ms: delayMs },
    windowSize: 10_000,
    enquireLinkIntervalMs: 0,
  });
  await sim.waitBound(60_000);
  process.stdout.write('bound\n');
  process.on('SIGTERM', () => {
    sim.stop().finally(() => process.exit(0));
  });
}

/** npm-smpp SMSC: sends MO (deliver_sm) keeping `window` exchanges open, matches MT by number, counts. */
async function pkgSmscRole(port: number, seconds: number, window: number, numbers: number): Promise<void> {
  const smpp = loadNpmSmpp();
  const server = smpp.createServer((session) => {
    session.socket.setNoDelay(true);
    session.on('bind_transceiver', (pdu) => {
      session.send(pdu.response());
      const pending = new Map<string, number>();
      let next = 0;
      let matched = 0;
      let measuring = false;
      let startedAt = 0;
      const sendOne = () => {
        const msisdn = String(40720000000 + (next++ % numbers));
        if (pending.has(msisdn)) return;
        pending.set(msisdn, performance.now());
        session.deliver_sm({ source_addr: msisdn, destination_addr: '1234', short_message: 'ECHO pong' });
      };
      session.on('submit_sm', (mt) => {
        session.send(mt.response({ message_id: String(matched) }));
        const to = mt.destination_addr ?? '';
        if (pending.has(to) && npmSmppText(mt) === 'pong') {
          pending.delete(to);
          if (measuring) matched++;
        }
        while (pending.size < window) sendOne();
      });
      setTimeout(() => {
        measuring = true;
        startedAt = performance.now();
        setTimeout(() => {
          const perSec = matched / ((performance.now() - startedAt) / 1000);
          process.stdout.write(`${JSON.stringify({ pkgExchangesPerSec: Math.round(perSec) })}\n`);
          process.exit(0);
        }, seconds * 1000);
      }, 1000);
      while (pending.size < window) sendOne();
    });
  });
  server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
}

/** npm-smpp gateway: binds to the npm-smpp SMSC and echoes. */
async function pkgGatewayRole(port: number): Promise<void> {
  const smpp = loadNpmSmpp();
  const session = smpp.connect({ host: '127.0.0.1', port }, () => {
    session.socket.setNoDelay(true);
    session.bind_transceiver({ system_id: 'bench', password: 'benchpw' }, () =>
      process.stdout.write('bound\n'),
    );
  });
  session.on('deliver_sm', (mo) => {
    session.send(mo.response());
    const text = npmSmppText(mo);
    session.submit_sm({
      source_addr: mo.destination_addr,
      destination_addr: mo.source_addr,
      short_message: text.startsWith('ECHO ') ? text.slice(5) : 'HELP',
    });
  });
  session.on('error', () => process.exit(0));
  session.on('close', () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// orchestration
// ---------------------------------------------------------------------------------------------

const children = new Set<ChildProcess>();
// an uncaught error ends this process without the cleanup in run(): its children must not outlive it
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
/** emulators this run started; stopped on every exit path */
const stops: (() => Promise<void>)[] = [];

function child(
  args: string[],
  env: NodeJS.ProcessEnv,
  label: string,
): { proc: ChildProcess; lines: AsyncIterableIterator<string> } {
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const profiled = (process.env.BENCH_PROFILE_ROLES ?? 'worker').split(',').includes(label);
  const nodeArgs = profileDir && profiled ? ['--cpu-prof', '--cpu-prof-dir', join(profileDir, label)] : [];
  const flags = process.env[`BENCH_NODE_ARGS_${label.replace(/-/g, '_').toUpperCase()}`] ?? '';
  nodeArgs.push(...flags.split(' ').filter(Boolean));
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  proc.on('exit', () => children.delete(proc));
  const errLines = createInterface({ input: proc.stderr as NodeJS.ReadableStream });
  errLines.on('line', (line) => {
    if (/"level":"(warn|error)"/.test(line) || /error/i.test(line))
      process.stderr.write(`[${label}] ${line}\n`);
  });
  const out = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
  const logDir = process.env.BENCH_LOG_DIR;
  if (logDir) {
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, `${label}.log`), { flags: 'a' });
    out.on('line', (line) => log.write(`${Date.now()} ${line}\n`));
    out.once('close', () => log.end());
  }
  const lines = out[Symbol.asyncIterator]();
  return { proc, lines };
}

async function waitLine(
  lines: AsyncIterableIterator<string>,
  test: (l: string) => boolean,
  what: string,
  ms = 60_000,
) {
  const timer = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms),
  );
  const found = (async () => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`${what}: process ended`);
      if (test(value)) return value;
    }
  })();
  return Promise.race([found, timer]);
}

async function stopChild(proc: ChildProcess, ms = 20_000): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGTERM');
  const t = setTimeout(() => proc.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(t);
}

type Bucket = Extract<WorkerEvent, { type: 'results.batch' }>['buckets'][number];

interface PhaseResult {
  /** how many of the run's exchange records arrived (each went to `onRecord`, none is kept) */
  records: number;
  buckets: Bucket[];
  done: Extract<WorkerEvent, { type: 'run.done' }> | undefined;
}

/**
 * Reads a run's results off the queue until its `run.done` and the quiet after it. Records are handed
 * to `onRecord` as they arrive and then dropped: a stress offer on a fast host yields millions of them
 * (at 270,000/s, 8 million in 30 s), more than this process's heap holds as objects.
 */
async function collect(
  queue: SqsQueue,
  runId: string,
  timeoutMs: number,
  onRecord: (r: ExchangeRecord) => void = () => undefined,
): Promise<PhaseResult> {
  const out: PhaseResult = { records: 0, buckets: [], done: undefined };
  const end = Date.now() + timeoutMs;
  let idleAfterDone = 0;
  while (Date.now() < end) {
    const got = await queue.receive(RESULTS_QUEUE.name, { max: 10, waitSeconds: 1 });
    if (got.length === 0 && out.done !== undefined && ++idleAfterDone >= 2) break;
    for (const m of got) {
      const e = decodeBody(WorkerEvent, m.body);
      if (e.type === 'results.batch') {
        for (const r of e.records) {
          if (r.scope.kind !== 'run' || r.scope.runId !== runId) continue;
          out.records++;
          onRecord(r);
        }
        for (const b of e.buckets) if (b.runId === runId) out.buckets.push(b);
      } else if (e.type === 'run.done' && e.runId === runId) {
        out.done = e;
      }
    }
    if (got.length > 0)
      await queue.ack(
        RESULTS_QUEUE.name,
        got.map((m) => m.receipt),
      );
  }
  return out;
}

async function main(): Promise<void> {
  const seconds = knob('BENCH_SECONDS', 30);
  const rateA = knob('BENCH_RATE_A', 120_000);
  const numbers = knob('BENCH_NUMBERS', 5000);
  const window = knob('BENCH_WINDOW', 2000);
  const rateC = knob('BENCH_RATE_C', 5000);
  const phases = process.env.BENCH_PHASES ?? 'abcde';
  /** `sim` (the gateway simulator, default) or `gateway` (a minimal echo client, to tell the two apart) */
  const gatewayKind = process.env.BENCH_GATEWAY === 'gateway' ? 'gateway' : 'sim';
  const log = (msg: string) => process.stdout.write(`${msg}\n`);

  const [dynamoPort, sqsPort, smppPort, pkgPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  // (d) npm smpp loop — first, while the machine holds nothing else of this run
  let smppPkgExchangesPerSec = 0;
  if (phases.includes('d')) {
    log(`(d) npm smpp echo loop, ${seconds}s …`);
    const smsc = child(
      [SELF, 'pkg-smsc', String(pkgPort), String(seconds), String(window), String(numbers)],
      process.env,
      'pkg-smsc',
    );
    await waitLine(smsc.lines, (l) => l === 'listening', 'npm-smpp SMSC');
    const pkgGw = child([SELF, 'pkg-gateway', String(pkgPort)], process.env, 'pkg-gateway');
    const line = await waitLine(
      smsc.lines,
      (l) => l.startsWith('{'),
      'npm-smpp result',
      (seconds + 30) * 1000,
    );
    smppPkgExchangesPerSec = (JSON.parse(line) as { pkgExchangesPerSec: number }).pkgExchangesPerSec;
    await stopChild(pkgGw.proc, 1000);
    log(`(d) npm smpp: ${smppPkgExchangesPerSec} exchanges/s`);
  }

  log('starting DynamoDB Local and fauxqs on 127.0.0.1 …');
  // DynamoDB stands in for a remote service: here its JVM shares the two cores with the worker and
  // gateway being timed, so it runs at idle priority (measured: (c)'s p99 51.6-53.4 ms without;
  // with, 51.1-51.3 in 6 of 7 runs and 52.9 in one, and the host floor 50.6-51.3 from 51.6-53.1)
  const [dynamo, sqs] = await Promise.all([
    startDynamoDbLocal({ port: dynamoPort, idle: true }),
    startSqsEmulator({ port: sqsPort }),
  ]);
  stops.push(
    () => dynamo.stop(),
    () => sqs.stop(),
  );
  const prefix = `bench${Date.now().toString(36)}`;
  const aws: AwsConfig = {
    region: 'us-east-1',
    prefix,
    dynamodbEndpoint: dynamo.endpoint,
    sqsEndpoint: sqs.endpoint,
  };
  const awsEnv = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
  };
  Object.assign(process.env, awsEnv);
  await ensureTables(aws, { tables: [CONFIG_TABLE] });
  await ensureQueues(aws, 1);
  const queue = new SqsQueue(aws);
  const command = (c: FleetCommand) => queue.send(commandQueue(0).name, [encodeBody(c)]);

  const env = {
    ...process.env,
    ...awsEnv,
    GONG_PREFIX: prefix,
    GONG_SLOT_COUNT: '1',
    GONG_FLEET_BASE_PORT: String(smppPort),
    GONG_WORKER_HOST: '127.0.0.1',
    GONG_COMMAND_WAIT_SEC: '1',
    GONG_STATUS_INTERVAL_MS: '2000',
  };
  const worker = child([WORKER_MAIN, '--slot', '0'], env, 'worker');
  await waitLine(worker.lines, (l) => l.includes('"ready":true'), 'worker ready');
  // read the rest of its output, so a worker that prints (node's --trace-gc) never waits on a full pipe
  void (async () => {
    for await (const _ of worker.lines);
  })();
  await command({
    type: 'operators.sync',
    v: 1,
    operators: [
      {
        tenantId: 'bench',
        operatorId: 'op1',
        connectionId: 'c1',
        name: 'bench operator',
        bindSystemId: 'bench',
        bindPassword: 'benchpw',
        shortCode: '1234',
        numberRanges: [{ prefix: '4072', from: 0, to: 99_999, width: 7 }],
        receipts: { delayMs: 0, statusMix: { DELIVRD: 1 } },
      },
    ],
  });
  const startGateway = async (delayMs: number) => {
    for (let attempt = 0; ; attempt++) {
      const gw = child(
        [SELF, gatewayKind, String(smppPort), 'bench', 'benchpw', String(delayMs)],
        env,
        gatewayKind,
      );
      try {
        await waitLine(gw.lines, (l) => l === 'bound', 'gateway bound', 60_000);
        return gw;
      } catch (err) {
        await stopChild(gw.proc, 1000);
        if (attempt > 20) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  const msisdns = Array.from({ length: numbers }, (_, i) => `4072${String(i).padStart(7, '0')}`);
  const plan = (runId: string, rate: number, startAt: number, durationSec = seconds): FleetCommand => ({
    type: 'run.prepare',
    v: 1,
    tenantId: 'bench',
    runId,
    mode: 'operator',
    startAt,
    durationSec,
    sequences: [
      [
        {
          id: 'echo',
          message: { text: 'ECHO pong', encoding: 'auto', segmentation: 'udh8' },
          expect: { kind: 'exact', text: 'pong' },
          timeoutMs: 10_000,
          thinkMs: 0,
        },
      ],
    ],
    sequenceIds: [],
    operators: [{ operatorId: 'op1', perSecond: Array(durationSec).fill(rate), numbers: msisdns }],
    encoding: 'auto',
    window,
  });
  const nextSecond = (leadMs: number) => Math.ceil((Date.now() + leadMs) / 1000) * 1000;

  // (a) throughput
  let gw = await startGateway(0);
  let exchangesPerSec = 0;
  let rateMaxErrPct = 0;
  let latP50Ms = 0;
  let latP99Ms = 0;
  let hostFloorP99Ms: number | undefined;
  if (phases.includes('a')) {
    // the offer has to exceed what the worker sustains, or (a) measures the offer: hosts of this
    // machine kind have sustained 41,000 to 175,000/s, so while a run sends all it was offered the
    // offer grows by half and (a) runs again; what the worker cannot send in time is recorded as
    // not sent, bookkeeping that costs it some of its rate, so the result is the highest rate sustained;
    // four offers reach 3.4 times the first
    const maxOffers = 4;
    for (let offer = rateA, runs = 0; runs < maxOffers; offer = Math.round(offer * 1.5), runs++) {
      const runId = `bench-a${runs}`;
      const startA = nextSecond(2000);
      log(`(a) throughput: offering ${offer}/s for ${seconds}s …`);
      await command(plan(runId, offer, startA));
      await new Promise((r) => setTimeout(r, startA + seconds * 1000 - Date.now()));
      const windowEnd = startA + seconds * 1000;
      let inWindow = 0;
      const verdictsA: Record<string, number> = {};
      const errorStatuses: Record<string, number> = {};
      const a = await collect(queue, runId, 120_000, (r) => {
        bump(verdictsA, r.verdict);
        if (r.verdict === 'error') bump(errorStatuses, String(r.respStatus ?? 'not sent'));
        if (r.verdict === 'valid' && r.replyAt !== undefined && r.replyAt >= startA && r.replyAt < windowEnd)
          inWindow++;
      });
      const sustained = Math.round(inWindow / seconds);
      exchangesPerSec = Math.max(exchangesPerSec, sustained);
      log(
        `(a) ${sustained} exchanges/s sustained; records ${a.records}, verdicts ${JSON.stringify(verdictsA)}, errors by status ${JSON.stringify(errorStatuses)}, maxLag ${a.done?.maxLagMs ?? '?'} ms`,
      );
      if (errorStatuses['not sent'] !== undefined || sustained < offer * 0.99) break;
    }
  }
  // (b) rate precision at 1,000/s
  if (phases.includes('b')) {
    const startB = nextSecond(2000);
    log(`(b) rate precision: 1000/s for ${seconds}s …`);
    await command(plan('bench-b', 1000, startB));
    await new Promise((r) => setTimeout(r, startB + seconds * 1000 - Date.now()));
    const perSecond = new Map<number, number>();
    await collect(queue, 'bench-b', 60_000, (r) => {
      const s = Math.floor((r.sentAt - startB) / 1000);
      perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    });
    const inRange = Array.from({ length: seconds }, (_, k) => perSecond.get(k) ?? 0);
    for (let s = 0; s < seconds; s++)
      rateMaxErrPct = Math.max(rateMaxErrPct, Math.abs((perSecond.get(s) ?? 0) - 1000) / 10);
    log(
      `(b) per-second sends: min ${Math.min(...inRange)} max ${Math.max(...inRange)}, max error ${rateMaxErrPct.toFixed(2)} %`,
    );
  }
  // (c) latency fidelity: gateway answers after 50 ms, 5,000/s
  if (phases.includes('c')) {
    const delayC = 50;
    await stopChild(gw.proc, 2000);
    gw = await startGateway(delayC);
    // a fresh gateway process: warm both ends up (JIT, buffers, number books) at the measured rate
    // before measuring, as any benchmark does, so the first second's compilation is not in the tail
    const warmSec = knob('BENCH_WARMUP_SEC', 3);
    if (warmSec > 0) {
      const startW = nextSecond(1000);
      await command(plan('bench-c-warmup', rateC, startW, warmSec));
      await new Promise((r) => setTimeout(r, startW + warmSec * 1000 - Date.now()));
      await collect(queue, 'bench-c-warmup', 60_000);
    }
    const startC = nextSecond(2000);
    log(`(c) latency fidelity: ${rateC}/s for ${seconds}s, gateway delay ${delayC} ms …`);
    await command(plan('bench-c', rateC, startC));
    const probe = await startProbe();
    await new Promise((r) => setTimeout(r, startC + seconds * 1000 - Date.now()));
    const host = await probe.report();
    const c = await collect(queue, 'bench-c', 60_000);
    const fromSent = new Histogram(3);
    const fromIntended = new Histogram(3);
    const fromSentBySecond = new Map<number, Histogram>();
    for (const bk of c.buckets) {
      if (bk.latencyActual) {
        const h = Histogram.fromData(bk.latencyActual);
        fromSent.merge(h);
        const second = fromSentBySecond.get(bk.second) ?? new Histogram(3);
        fromSentBySecond.set(bk.second, second.merge(h));
      }
      if (bk.latency) fromIntended.merge(Histogram.fromData(bk.latency));
    }
    latP50Ms = round2(fromSent.quantile(0.5));
    latP99Ms = round2(fromSent.quantile(0.99));
    log(
      `(c) latency from send p50 ${latP50Ms} p99 ${latP99Ms} ms; from intended p50 ${round2(fromIntended.quantile(0.5))} p99 ${round2(fromIntended.quantile(0.99))} ms; n=${fromSent.count}, reconnects ${c.done?.reconnects ?? '?'}`,
    );
    log(`(c) host check, an idle process's 1-ms timer and CPU steal during (c): ${host.summary}`);
    log(`(c) ${secondsView(fromSentBySecond, host.bySecond, delayC + 2)}`);
    // right after (c), the least any Node pair does here at the same rate and delay (host-floor.ts)
    const floor = await hostFloor(rateC, delayC, seconds, warmSec);
    hostFloorP99Ms = floor.p99;
    log(
      `(c) host floor, a minimal Node echo pair at ${rateC}/s and ${delayC} ms: p50 ${floor.p50} p99 ${floor.p99} ms (n=${floor.n}, lost ${floor.lost}); host check ${floor.hostCheck}`,
    );
  }
  // (e) interactive sessions: how soon after its answer an exchange's record can be read off the
  // results queue (target: within 250 ms), one message at a time like a user chatting
  let sessionResultMaxMs: number | undefined;
  if (phases.includes('e')) {
    const sessionId = 'bench-session';
    await command({
      type: 'session.open',
      v: 1,
      tenantId: 'bench',
      sessionId,
      operatorId: 'op1',
      msisdn: '40720000001',
      mode: 'operator',
    });
    const delays: number[] = [];
    for (let i = 0; i < 20; i++) {
      await command({
        type: 'session.send',
        v: 1,
        tenantId: 'bench',
        sessionId,
        stepIndex: i,
        message: { text: 'ECHO pong', encoding: 'auto', segmentation: 'udh8' },
        expect: { kind: 'exact', text: 'pong' },
        timeoutMs: 5000,
      });
      const until = Date.now() + 10_000;
      let seen = false;
      while (!seen && Date.now() < until) {
        const got = await queue.receive(RESULTS_QUEUE.name, { max: 10, waitSeconds: 1 });
        const at = Date.now();
        for (const m of got) {
          const e = decodeBody(WorkerEvent, m.body);
          if (e.type !== 'results.batch') continue;
          for (const r of e.records) {
            if (r.scope.kind !== 'session' || r.scope.sessionId !== sessionId || r.replyAt === undefined)
              continue;
            delays.push(at - r.replyAt);
            seen = true;
          }
        }
        if (got.length > 0)
          await queue.ack(
            RESULTS_QUEUE.name,
            got.map((m) => m.receipt),
          );
      }
      if (!seen) throw new Error(`(e) session exchange ${i} never reached the results queue`);
    }
    await command({ type: 'session.close', v: 1, tenantId: 'bench', sessionId });
    delays.sort((a, b) => a - b);
    sessionResultMaxMs = delays[delays.length - 1];
    log(
      `(e) session results on the queue after the answer: p50 ${delays[delays.length >> 1]} ms, max ${sessionResultMaxMs} ms (n=${delays.length})`,
    );
  }
  await stopChild(gw.proc, 2000);
  await stopChild(worker.proc);

  if (smppPkgExchangesPerSec > 0 && exchangesPerSec > 0)
    log(`(a)/(d) ratio ${(exchangesPerSec / smppPkgExchangesPerSec).toFixed(2)}`);
  log(
    `RESULT ${JSON.stringify({ exchangesPerSec, smppPkgExchangesPerSec, rateMaxErrPct: round2(rateMaxErrPct), latP50Ms, latP99Ms, ...(hostFloorP99Ms === undefined ? {} : { hostFloorP99Ms }), ...(sessionResultMaxMs === undefined ? {} : { sessionResultMaxMs }) })}`,
  );
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

const [role, ...args] = process.argv.slice(2);
const run = async () => {
  switch (role) {
    case 'sim':
      return simRole(Number(args[0]), String(args[1]), String(args[2]), Number(args[3]));
    case 'gateway':
      return gatewayRole(Number(args[0]), String(args[1]), String(args[2]), Number(args[3]));
    case 'pkg-smsc':
      return pkgSmscRole(Number(args[0]), Number(args[1]), Number(args[2]), Number(args[3]));
    case 'pkg-gateway':
      return pkgGatewayRole(Number(args[0]));
    case 'probe':
      return probeRole();
    case 'floor-echo':
      return floorEchoRole(Number(args[0]));
    case 'floor-client':
      return floorClientRole(Number(args[0]), Number(args[1]), Number(args[2]), Number(args[3]));
    default:
      try {
        await main();
      } finally {
        for (const c of children) c.kill('SIGKILL');
        await Promise.all(stops.map((stop) => stop().catch(() => undefined)));
      }
      process.exit(0);
  }
};
run().catch((err: unknown) => {
  process.stderr.write(`fleet-bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1); // the exit handler kills the children
});
