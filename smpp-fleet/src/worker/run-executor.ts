import type { Expectation } from '@gong/core/domain/expectation';
import type { Step } from '@gong/core/domain/sequence';
import type { FleetCommand } from '@gong/core/messages/fleet-command';
import { Exchange, type ExchangeScope, type RecordIds } from './exchange';
import { compileExpectation } from './matcher';
import { numberSchedule, perSecondSchedule, type RateSchedule } from './rate-schedule';
import { Ring } from './ring';
import type { SendTarget } from './send-target';
import { TimerWheel } from './timer-wheel';

export type RunPlan = Extract<FleetCommand, { type: 'run.prepare' }>;

export interface RunExecutorDeps {
  /** the send target of a hosted operator, or undefined when this slot does not host it */
  target(operatorId: string): SendTarget | undefined;
  /** receives every settled exchange */
  settled(exchange: Exchange): void;
  /** where the ids of records come from */
  ids: RecordIds;
  /** unsent messages kept per operator while no bind can take them; older ones are dropped as errors */
  maxBacklog?: number;
  /** after the schedule ends, how long unsent backlog may wait for a bind before it is dropped */
  drainGraceMs?: number;
}

export interface RunStats {
  scheduled: number;
  sent: number;
  settled: number;
  /** sends that found every number of the operator busy and reused one (numbers are too few for the rate) */
  numberOverflows: number;
  /** unsent messages dropped because the backlog overflowed (recorded as errors: the tool could not send) */
  dropped: number;
  /** unsent messages discarded when the run was stopped (never sent, so not recorded as exchanges) */
  discarded: number;
  maxLagMs: number;
  /** current backlog (intended but not yet sent because the window was full / nothing bound) */
  backlog: number;
}

interface NumberSlot {
  index: number;
  msisdn: string;
  steps: readonly Step[];
  sequenceId: string | undefined;
  cursor: number;
  outstanding: number;
  ready: boolean;
}

interface OperatorRun {
  operatorId: string;
  target: SendTarget;
  schedule: RateSchedule;
  numbers: NumberSlot[];
  ready: Ring<NumberSlot>;
  thinking: TimerWheel<NumberSlot>;
  backlog: Ring<Exchange>;
  roundRobin: number;
}

/**
 * Open-loop executor of one stress run on this worker. Each operator's schedule dictates when
 * messages go out; each message is taken by the next idle number (which then walks to its next step
 * once answered or timed out, plus the step's think time). Sends happen at their intended times
 * whether or not answers came back; when the SMPP window is full (or no bind is up) messages wait in
 * a backlog and the lag is recorded — the intended time is kept, so latency from intended time shows
 * the delay (no coordinated omission). Driven by `tick(now)`; time is whatever the caller passes.
 */
export class RunExecutor {
  readonly stats: RunStats = {
    scheduled: 0,
    sent: 0,
    settled: 0,
    numberOverflows: 0,
    dropped: 0,
    discarded: 0,
    maxLagMs: 0,
    backlog: 0,
  };
  reconnects = 0;
  private readonly ops: OperatorRun[] = [];
  private inFlight = 0;
  private lastTick = 0;
  private numberIndex: Map<string, Set<string>> | undefined;
  private stopped = false;
  private readonly maxBacklog: number;
  private readonly drainGraceMs: number;
  private readonly endsAt: number;
  /** operator ids of the plan this slot does not host */
  readonly missingOperators: string[] = [];
  /** shared by every exchange of the run (one object, not one per message) */
  private readonly scope: ExchangeScope;
  private readonly loopExpect = new Map<Step, Expectation>();

  constructor(
    readonly plan: RunPlan,
    private readonly deps: RunExecutorDeps,
  ) {
    this.maxBacklog = deps.maxBacklog ?? 200_000;
    this.scope = { kind: 'run', runId: plan.runId };
    this.drainGraceMs = deps.drainGraceMs ?? 30_000;
    const sequenceIds = plan.sequenceIds;
    for (const load of plan.operators) {
      const target = deps.target(load.operatorId);
      if (target === undefined) {
        this.missingOperators.push(load.operatorId);
        continue;
      }
      const numbers: NumberSlot[] = load.numbers.map((msisdn, index) => {
        const seqIdx = (load.sequenceOfNumber?.[index] ?? index) % plan.sequences.length;
        return {
          index,
          msisdn,
          steps: plan.sequences[seqIdx] as Step[],
          sequenceId: sequenceIds[seqIdx],
          cursor: 0,
          outstanding: 0,
          ready: true,
        };
      });
      const ready = new Ring<NumberSlot>();
      for (const n of numbers) ready.push(n);
      this.ops.push({
        operatorId: load.operatorId,
        target,
        schedule:
          load.numberSchedules !== undefined
            ? numberSchedule(plan.startAt, load.numberSchedules)
            : perSecondSchedule(plan.startAt, load.perSecond),
        numbers,
        ready,
        thinking: new TimerWheel(),
        backlog: new Ring(),
        roundRobin: 0,
      });
    }
    this.endsAt = Math.max(plan.startAt + plan.durationSec * 1000, ...this.ops.map((o) => o.schedule.endsAt));
  }

  get runId(): string {
    return this.plan.runId;
  }

  get tenantId(): string {
    return this.plan.tenantId;
  }

  /** Nothing left to send and every sent message has its verdict. */
  get finished(): boolean {
    if (this.inFlight > 0) return false;
    for (const op of this.ops) {
      if (op.backlog.length > 0) return false;
      if (!this.stopped && op.schedule.peek() !== undefined) return false;
    }
    return true;
  }

  /** Does this run use that number of that operator? (to attribute unexpected replies) */
  ownsNumber(operatorId: string, msisdn: string): boolean {
    if (this.numberIndex === undefined) {
      this.numberIndex = new Map();
      for (const op of this.ops)
        this.numberIndex.set(op.operatorId, new Set(op.numbers.map((n) => n.msisdn)));
    }
    return this.numberIndex.get(operatorId)?.has(msisdn) ?? false;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  get started(): boolean {
    return this.stats.scheduled > 0;
  }

  /** Earliest time something is due (next send or think-time end), for the driver's timer. */
  nextAt(): number | undefined {
    let next: number | undefined;
    for (const op of this.ops) {
      // blocked on a full window: look again in a millisecond rather than spin
      if (op.backlog.length > 0) return this.lastTick + 1;
      const s = this.stopped ? undefined : op.schedule.peek();
      if (s !== undefined && (next === undefined || s < next)) next = s;
      const t = op.thinking.nextAt();
      if (t !== undefined && (next === undefined || t < next)) next = t;
    }
    return next;
  }

  tick(now: number): void {
    this.lastTick = now;
    for (const op of this.ops) {
      if (op.thinking.size > 0) op.thinking.due(now, (n) => this.makeReady(op, n));
      if (!this.stopped) this.schedule(op, now);
      this.drain(op, now);
    }
  }

  /**
   * Stops scheduling new sends. Messages still waiting to go out are discarded, not recorded: they were
   * never sent, so they say nothing about the gateway. In-flight ones settle normally.
   */
  stop(): void {
    this.stopped = true;
    for (const op of this.ops) {
      for (let ex = op.backlog.shift(); ex !== undefined; ex = op.backlog.shift()) {
        this.inFlight--;
        this.stats.scheduled--;
        this.stats.discarded++;
        const slot = op.numbers[ex.numberIndex];
        if (slot !== undefined) slot.outstanding--;
      }
    }
  }

  private schedule(op: OperatorRun, now: number): void {
    const plan = this.plan;
    for (;;) {
      const intended = op.schedule.peek();
      if (intended === undefined || intended > now) break;
      const pinned = op.schedule.take();
      const slot = pinned >= 0 ? (op.numbers[pinned] as NumberSlot) : this.pickNumber(op);
      const stepIndex = slot.cursor;
      const step = slot.steps[stepIndex] as Step;
      const expect = this.expectationOf(step);
      slot.cursor = (stepIndex + 1) % slot.steps.length;
      slot.outstanding++;
      const ex = new Exchange(
        this.deps.ids.prefix,
        this.deps.ids.next(),
        plan.tenantId,
        this.scope,
        op.operatorId,
        slot.msisdn,
        stepIndex,
        step.message.text,
        step.message.encoding === 'auto' ? plan.encoding : step.message.encoding,
        expect,
        compileExpectation(expect),
        step.timeoutMs,
        intended,
        this.onSettled,
        slot.sequenceId,
      );
      ex.numberIndex = slot.index;
      ex.thinkMs = step.thinkMs;
      ex.segmentation = step.message.segmentation;
      this.inFlight++;
      this.stats.scheduled++;
      op.backlog.push(ex);
      if (op.backlog.length > this.maxBacklog) this.drop(op, op.backlog.shift() as Exchange, now);
    }
  }

  /**
   * What a step's message must come back as. In loop mode the answer is the message itself, delivered
   * by the gateway to the operator side, so it must arrive unchanged; otherwise the step's expectation.
   */
  private expectationOf(step: Step): Expectation {
    if (this.plan.mode !== 'loop') return step.expect;
    let e = this.loopExpect.get(step);
    if (e === undefined) {
      e = { kind: 'exact', text: step.message.text };
      this.loopExpect.set(step, e);
    }
    return e;
  }

  private drain(op: OperatorRun, now: number): void {
    while (op.backlog.length > 0 && op.target.canSend()) {
      const ex = op.backlog.shift() as Exchange;
      const lag = now - ex.intendedAt;
      if (lag > this.stats.maxLagMs) this.stats.maxLagMs = lag;
      this.stats.sent++;
      op.target.send(ex);
    }
    if (op.backlog.length > 0 && this.stopped === false && op.schedule.peek() === undefined) {
      if (now > this.endsAt + this.drainGraceMs) {
        while (op.backlog.length > 0) this.drop(op, op.backlog.shift() as Exchange, now);
      }
    }
    this.stats.backlog = this.ops.reduce((n, o) => n + o.backlog.length, 0);
  }

  private drop(op: OperatorRun, ex: Exchange, now: number): void {
    this.stats.dropped++;
    ex.sentAt = now || ex.intendedAt;
    op.target.correlator.failed(ex);
  }

  private pickNumber(op: OperatorRun): NumberSlot {
    const slot = op.ready.shift();
    if (slot !== undefined) {
      slot.ready = false;
      return slot;
    }
    this.stats.numberOverflows++;
    const n = op.numbers[op.roundRobin] as NumberSlot;
    op.roundRobin = (op.roundRobin + 1) % op.numbers.length;
    return n;
  }

  private makeReady(op: OperatorRun, slot: NumberSlot): void {
    if (slot.outstanding > 0 || slot.ready) return;
    slot.ready = true;
    op.ready.push(slot);
  }

  private readonly onSettled = (ex: Exchange): void => {
    this.inFlight--;
    this.stats.settled++;
    const op = this.ops.find((o) => o.operatorId === ex.operatorId);
    if (op !== undefined) {
      const slot = op.numbers[ex.numberIndex];
      if (slot !== undefined) {
        slot.outstanding--;
        if (slot.outstanding === 0 && !slot.ready) {
          if (ex.thinkMs > 0) op.thinking.add(settledAt(ex) + ex.thinkMs, slot);
          else {
            slot.ready = true;
            op.ready.push(slot);
          }
        }
      }
    }
    this.deps.settled(ex);
  };
}

function settledAt(ex: Exchange): number {
  if (ex.replyAt !== undefined) return ex.replyAt;
  if (ex.verdict === 'error') return ex.respAt ?? ex.sentAt;
  return ex.deadline;
}
