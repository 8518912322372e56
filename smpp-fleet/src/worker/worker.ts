import type { ExchangeRecord } from '@gong/core/domain/exchange';
import type { FleetCommand, HostedOperator } from '@gong/core/messages/fleet-command';
import type { WorkerEvent, WorkerStatus } from '@gong/core/messages/worker-event';
import type { Clock } from '@gong/core/ports/clock';
import type { QueuePort } from '@gong/core/ports/queue';
import type { WorkerStatusStore } from '@gong/core/ports/worker-status';
import { seededRng } from '@gong/core/rng';
import { CommandPoller } from './command-poller';
import { Driver, type Tickable } from './driver';
import { EsmeEndpoint } from './esme-endpoint';
import { RecordIds, type StrayReply } from './exchange';
import { HeapCompactor } from './heap-compactor';
import type { Logger } from './logger';
import { LoopTarget } from './loop-target';
import { type EndpointDeps, OperatorEndpoint } from './operator-endpoint';
import { ResultSink, type ResultSinkOptions } from './result-sink';
import type { ResultsOut } from './results-out';
import { RunExecutor, type RunPlan } from './run-executor';
import type { SendTarget } from './send-target';
import { SessionManager } from './sessions';
import { SlotServer } from './slot-server';

export interface WorkerOptions {
  slot: number;
  workerId: string;
  host: string;
  port: number;
  queue: QueuePort;
  /** physical/logical names as the QueuePort knows them */
  commandQueue: string;
  resultsQueue: string;
  statusStore: WorkerStatusStore;
  clock: Clock;
  log: Logger;
  seed?: number;
  statusIntervalMs?: number;
  /** on shutdown, how long to wait for outstanding answers */
  drainTimeoutMs?: number;
  sink?: ResultSinkOptions;
  /** where results go; default: a ResultSink on this thread over `queue` */
  results?: ResultsOut;
  commandWaitSeconds?: number;
}

interface Hosted {
  config: HostedOperator;
  endpoint: OperatorEndpoint;
  esme: EsmeEndpoint | undefined;
  /** loop mode's target (needs ESME settings), made on first use */
  loop?: LoopTarget;
}

interface ActiveRun {
  executor: RunExecutor;
  announced: boolean;
  reconnectBase: number;
}

/**
 * One fleet worker slot: the SMPP listening port, the operators it hosts, stress runs and functional
 * sessions, the command queue poller, result streaming and status publishing, and a graceful stop.
 */
export class Worker {
  private readonly hosted = new Map<string, Hosted>();
  private bySystemId = new Map<string, OperatorEndpoint[]>();
  private readonly runs = new Map<string, ActiveRun>();
  private readonly seenRuns = new Set<string>();
  private readonly sink: ResultsOut;
  private readonly driver: Driver;
  private readonly sessions: SessionManager;
  private readonly server: SlotServer;
  private readonly poller: CommandPoller;
  private readonly compactor: HeapCompactor;
  private readonly endpointDeps: EndpointDeps;
  private readonly now: () => number;
  private statusTimer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private boundPort = 0;
  private messageSeq = 0;
  private readonly idPrefix: string;
  private readonly ids: RecordIds;
  private lastRate = { at: 0, sent: 0, answered: 0 };
  private rates = { sentPerSec: 0, answeredPerSec: 0 };
  private shuttingDown = false;
  readonly counters = { unattributedReplies: 0, runsDone: 0 };

  constructor(private readonly opts: WorkerOptions) {
    const clock = opts.clock;
    this.now = () => clock.now();
    this.idPrefix = opts.workerId.replace(/[^A-Za-z0-9]/g, '').slice(-10);
    this.ids = new RecordIds(this.idPrefix);
    this.sink =
      opts.results ??
      new ResultSink(opts.queue, opts.resultsQueue, opts.workerId, opts.log, this.now, opts.sink);
    this.driver = new Driver(this.now);
    const rng = seededRng(opts.seed ?? 1);
    this.endpointDeps = {
      log: opts.log,
      now: this.now,
      rng,
      nextMessageId: () => `${this.idPrefix}${(this.messageSeq++).toString(16)}`,
      onStray: (s) => this.onStray(s),
    };
    this.sessions = new SessionManager({
      target: (operatorId, mode) => this.target(operatorId, mode),
      settled: (ex) => this.sink.addExchange(ex, true),
      event: (e) => this.sink.event(e),
      ids: this.ids,
      now: this.now,
      log: opts.log,
    });
    this.server = new SlotServer({
      host: opts.host,
      port: opts.port,
      log: opts.log,
      operatorsBySystemId: (id) => this.bySystemId.get(id) ?? [],
      operatorById: (id) => this.hosted.get(id)?.endpoint,
    });
    this.poller = new CommandPoller({
      queue: opts.queue,
      queueName: opts.commandQueue,
      apply: (c) => this.apply(c),
      log: opts.log,
      now: this.now,
      ...(opts.commandWaitSeconds !== undefined ? { waitSeconds: opts.commandWaitSeconds } : {}),
    });
    this.driver.add(this.runTicker);
    this.compactor = new HeapCompactor({ log: opts.log });
  }

  get port(): number {
    return this.boundPort;
  }

  async start(): Promise<number> {
    this.startedAt = Math.round(this.now());
    this.boundPort = await this.server.listen();
    this.driver.start();
    this.poller.start();
    const every = this.opts.statusIntervalMs ?? 5000;
    this.statusTimer = setInterval(() => void this.publishStatus(every), every);
    this.statusTimer.unref();
    void this.publishStatus(every);
    this.opts.log.info('worker started', {
      slot: this.opts.slot,
      port: this.boundPort,
      workerId: this.opts.workerId,
    });
    return this.boundPort;
  }

  /** Applies one fleet command. Never throws for bad content: failures become events and logs. */
  apply(command: FleetCommand): void {
    switch (command.type) {
      case 'operators.sync':
        this.syncOperators(command.operators);
        return;
      case 'session.open':
        this.sessions.open(command);
        return;
      case 'session.send':
        this.sessions.send(command);
        return;
      case 'session.auto':
        this.sessions.auto(command);
        return;
      case 'session.stop':
        this.sessions.stop(command);
        return;
      case 'session.close':
        this.sessions.close(command);
        return;
      case 'run.prepare':
        this.prepareRun(command);
        return;
      case 'run.stop': {
        const run = this.runs.get(command.runId);
        if (run === undefined || run.executor.tenantId !== command.tenantId) {
          this.opts.log.warn('run.stop for a run not active here', { runId: command.runId });
          return;
        }
        run.executor.stop();
        if (command.abort) this.abandonRun(run.executor.plan);
        this.driver.poke();
        return;
      }
    }
  }

  status(): WorkerStatus {
    const binds: WorkerStatus['binds'] = [];
    for (const h of this.hosted.values()) {
      for (const b of h.endpoint.binds) {
        binds.push({ tenantId: h.config.tenantId, operatorId: h.config.operatorId, ...b });
      }
      const e = h.esme?.bind;
      if (e !== undefined) binds.push({ tenantId: h.config.tenantId, operatorId: h.config.operatorId, ...e });
    }
    return {
      type: 'worker.status',
      v: 1,
      workerId: this.opts.workerId,
      slot: this.opts.slot,
      at: Math.round(this.now()),
      startedAt: this.startedAt,
      port: this.boundPort,
      binds,
      queueLagMs: this.poller.lastLagMs,
      sentPerSec: this.rates.sentPerSec,
      answeredPerSec: this.rates.answeredPerSec,
      activeRuns: [...this.runs.keys()],
      activeSessions: this.sessions.active,
    };
  }

  /**
   * Graceful stop (SIGTERM): stop taking commands and sending, wait up to the drain timeout for
   * outstanding answers, settle what is still open as unanswered, flush every record, unbind, close.
   */
  async shutdown(): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    const log = this.opts.log;
    log.info('worker stopping', { slot: this.opts.slot });
    this.poller.stop();
    for (const run of this.runs.values()) run.executor.stop();
    this.sessions.closeAll();
    this.driver.poke();
    const deadline = this.now() + (this.opts.drainTimeoutMs ?? 15_000);
    while (this.pendingAnswers() > 0 && this.now() < deadline) await sleep(20);
    const abandoned = this.pendingAnswers();
    for (const h of this.hosted.values()) {
      h.endpoint.correlator.abandonAll();
      h.esme?.correlator.abandonAll();
    }
    this.runTicker.tick(this.now());
    for (const run of [...this.runs.values()]) this.finishRun(run);
    await withTimeout(this.sink.flush(), 30_000, () => log.error('results flush timed out'));
    await Promise.all(
      [...this.hosted.values()].flatMap((h) => [h.endpoint.unbindAll(1000), h.esme?.stop(1000)]),
    ).catch(() => undefined);
    this.server.destroyAll();
    await this.server.close();
    this.driver.stop();
    if (this.statusTimer !== undefined) clearInterval(this.statusTimer);
    await this.opts.statusStore
      .put({ ...this.status(), binds: [], activeRuns: [] }, 10)
      .catch(() => undefined);
    this.sink.close();
    log.info('worker stopped', {
      abandoned,
      records: this.sink.stats.records,
      batches: this.sink.stats.batches,
    });
  }

  private pendingAnswers(): number {
    let n = 0;
    for (const h of this.hosted.values())
      n += h.endpoint.correlator.pending + (h.esme?.correlator.pending ?? 0);
    return n;
  }

  private syncOperators(operators: HostedOperator[]): void {
    const keep = new Set(operators.map((o) => o.operatorId));
    for (const [id, h] of this.hosted) {
      if (keep.has(id)) continue;
      this.hosted.delete(id);
      this.driver.remove(h.endpoint);
      void h.endpoint.unbindAll(1000);
      if (h.esme !== undefined) {
        this.driver.remove(h.esme);
        void h.esme.stop(1000);
      }
      this.opts.log.info('operator removed', { operatorId: id });
    }
    for (const config of operators) {
      const h = this.hosted.get(config.operatorId);
      if (h !== undefined) {
        h.endpoint.config = config;
        h.config = config;
        const esmeChanged = JSON.stringify(h.esme?.config.esme) !== JSON.stringify(config.esme);
        if (esmeChanged) {
          if (h.esme !== undefined) {
            this.driver.remove(h.esme);
            void h.esme.stop(1000);
          }
          h.esme = this.startEsme(config);
        }
        continue;
      }
      const endpoint = new OperatorEndpoint(config, this.endpointDeps);
      this.driver.add(endpoint);
      this.hosted.set(config.operatorId, { config, endpoint, esme: this.startEsme(config) });
      this.opts.log.info('operator hosted', { operatorId: config.operatorId, systemId: config.bindSystemId });
    }
    const index = new Map<string, OperatorEndpoint[]>();
    for (const h of this.hosted.values()) {
      const list = index.get(h.config.bindSystemId) ?? [];
      list.push(h.endpoint);
      index.set(h.config.bindSystemId, list);
    }
    this.bySystemId = index;
  }

  private startEsme(config: HostedOperator): EsmeEndpoint | undefined {
    if (config.esme === undefined) return undefined;
    const esme = new EsmeEndpoint(config, config.esme, this.endpointDeps);
    this.driver.add(esme);
    esme.start();
    return esme;
  }

  private target(operatorId: string, mode: RunPlan['mode']): SendTarget | undefined {
    const h = this.hosted.get(operatorId);
    if (h === undefined) return undefined;
    if (mode === 'esme') return h.esme;
    if (mode === 'loop') {
      if (h.esme === undefined) return undefined;
      h.loop ??= new LoopTarget(h.esme, h.endpoint);
      return h.loop;
    }
    return h.endpoint;
  }

  private prepareRun(plan: RunPlan): void {
    if (this.runs.has(plan.runId) || this.seenRuns.has(plan.runId)) {
      // the command queue delivers at least once: a repeated prepare must not run the load twice
      this.opts.log.info('run.prepare repeated; ignored', { runId: plan.runId });
      return;
    }
    this.seenRuns.add(plan.runId);
    if (this.seenRuns.size > 1000) this.seenRuns.delete(this.seenRuns.values().next().value as string);
    if (this.shuttingDown) return;
    const now = this.now();
    let effective = plan;
    if (plan.startAt < now - 1000) {
      this.opts.log.warn('run.prepare arrived after its start time; starting now', {
        runId: plan.runId,
        lateMs: Math.round(now - plan.startAt),
      });
      effective = { ...plan, startAt: Math.ceil(now) };
    }
    const executor = new RunExecutor(effective, {
      target: (operatorId) => this.target(operatorId, plan.mode),
      settled: (ex) => this.sink.addExchange(ex),
      ids: this.ids,
    });
    if (executor.missingOperators.length > 0) {
      this.event({
        type: 'run.error',
        v: 1,
        tenantId: plan.tenantId,
        runId: plan.runId,
        workerId: this.opts.workerId,
        at: Math.round(now),
        message: `operators not hosted on slot ${this.opts.slot} (or without ESME settings): ${executor.missingOperators.join(', ')}`,
      });
    }
    for (const load of plan.operators) {
      const t = this.target(load.operatorId, plan.mode);
      if (t !== undefined) t.window = plan.window;
    }
    this.runs.set(plan.runId, { executor, announced: false, reconnectBase: this.reconnectsOf(plan) });
    this.driver.add(executor);
    this.opts.log.info('run prepared', {
      runId: plan.runId,
      startAt: effective.startAt,
      operators: plan.operators.length,
    });
  }

  /** Abort: the run's outstanding exchanges are settled now instead of waiting for their timeouts. */
  private abandonRun(plan: RunPlan): void {
    const runId = plan.runId;
    let abandoned = 0;
    for (const load of plan.operators) {
      const t = this.target(load.operatorId, plan.mode);
      abandoned += t?.correlator.abandon((ex) => ex.scope.kind === 'run' && ex.scope.runId === runId) ?? 0;
    }
    this.opts.log.info('run aborted', { runId, abandoned });
  }

  private reconnectsOf(plan: RunPlan): number {
    let n = 0;
    for (const load of plan.operators) {
      const h = this.hosted.get(load.operatorId);
      if (h === undefined) continue;
      if (plan.mode !== 'operator') n += h.esme?.reconnects ?? 0;
      if (plan.mode !== 'esme') n += h.endpoint.reconnects;
    }
    return n;
  }

  /** Announces run starts, finishes runs whose every exchange has a verdict, tracks rates. */
  private readonly runTicker: Tickable = {
    tick: (now) => {
      for (const run of this.runs.values()) {
        const ex = run.executor;
        if (!run.announced && now >= ex.plan.startAt) {
          run.announced = true;
          this.event({
            type: 'run.started',
            v: 1,
            tenantId: ex.tenantId,
            runId: ex.runId,
            workerId: this.opts.workerId,
            at: Math.round(now),
          });
        }
        if ((run.announced || ex.isStopped) && ex.finished) this.finishRun(run);
      }
      if (now - this.lastRate.at >= 1000) this.updateRates(now);
    },
    nextAt: () => undefined,
  };

  private finishRun(run: ActiveRun): void {
    const ex = run.executor;
    if (!this.runs.delete(ex.runId)) return;
    this.driver.remove(ex);
    this.counters.runsDone++;
    this.event({
      type: 'run.done',
      v: 1,
      tenantId: ex.tenantId,
      runId: ex.runId,
      workerId: this.opts.workerId,
      at: Math.round(this.now()),
      sent: ex.stats.sent,
      reconnects: Math.max(0, this.reconnectsOf(ex.plan) - run.reconnectBase),
      maxLagMs: Math.round(ex.stats.maxLagMs * 1000) / 1000,
    });
    this.opts.log.info('run done', { runId: ex.runId, ...ex.stats });
    // the last run is over: a heap it bloated is compacted now, not in the middle of the next run
    if (this.runs.size === 0) setImmediate(() => this.compactIfIdle());
  }

  private compactIfIdle(): void {
    if (this.runs.size === 0 && !this.shuttingDown && this.pendingAnswers() === 0)
      this.compactor.maybeCompact();
  }

  private updateRates(now: number): void {
    let sent = 0;
    let answered = 0;
    for (const h of this.hosted.values()) {
      sent += h.endpoint.counters.mo + (h.esme?.counters.submits ?? 0);
      answered += h.endpoint.counters.mt + (h.esme?.counters.receipts ?? 0);
    }
    if (this.lastRate.at > 0) {
      const sec = (now - this.lastRate.at) / 1000;
      this.rates = {
        sentPerSec: Math.round((sent - this.lastRate.sent) / sec),
        answeredPerSec: Math.round((answered - this.lastRate.answered) / sec),
      };
    }
    this.lastRate = { at: now, sent, answered };
  }

  private onStray(stray: StrayReply): void {
    const ex = stray.exchange;
    if (ex !== undefined) {
      const record = ex.toRecord(`-${stray.verdict === 'late' ? 'L' : 'D'}${ex.strays}`);
      record.verdict = stray.verdict;
      record.replyText = stray.text.slice(0, 10_000);
      record.replyAt = Math.round(stray.at);
      this.sink.addStray(record, ex.scope.kind === 'session');
      return;
    }
    const at = Math.round(stray.at);
    const h = this.hosted.get(stray.operatorId);
    const session = this.sessions.owner(stray.operatorId, stray.msisdn);
    let scope: ExchangeRecord['scope'] | undefined;
    let tenantId = h?.config.tenantId;
    if (session !== undefined) {
      scope = { kind: 'session', sessionId: session.sessionId };
      tenantId = session.tenantId;
    } else {
      for (const run of this.runs.values()) {
        if (run.executor.ownsNumber(stray.operatorId, stray.msisdn)) {
          scope = { kind: 'run', runId: run.executor.runId };
          tenantId = run.executor.tenantId;
          break;
        }
      }
    }
    if (scope === undefined || tenantId === undefined) {
      this.counters.unattributedReplies++;
      return;
    }
    this.sink.addStray(
      {
        id: this.ids.nextId(),
        tenantId,
        scope,
        operatorId: stray.operatorId,
        msisdn: stray.msisdn,
        stepIndex: 0,
        text: '',
        encoding: 'auto',
        intendedAt: at,
        sentAt: at,
        replyText: stray.text.slice(0, 10_000),
        replyAt: at,
        verdict: 'unexpected',
      },
      scope.kind === 'session',
    );
  }

  private event(e: WorkerEvent): void {
    this.sink.event(e);
  }

  private async publishStatus(intervalMs: number): Promise<void> {
    if (this.shuttingDown) return;
    try {
      await this.opts.statusStore.put(this.status(), Math.max(15, Math.ceil((intervalMs * 3) / 1000)));
    } catch (err) {
      this.opts.log.warn('status publish failed', { err: String(err) });
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function withTimeout(p: Promise<void>, ms: number, onTimeout: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve();
    }, ms);
  });
  await Promise.race([p, t]);
  if (timer !== undefined) clearTimeout(timer);
}
