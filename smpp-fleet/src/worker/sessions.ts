import type { Step } from '@gong/core/domain/sequence';
import type { FleetCommand } from '@gong/core/messages/fleet-command';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import { Exchange, type RecordIds } from './exchange';
import type { Logger } from './logger';
import { compileExpectation } from './matcher';
import type { SendTarget } from './send-target';

type Cmd<T extends FleetCommand['type']> = Extract<FleetCommand, { type: T }>;
type SessionState = Extract<WorkerEvent, { type: 'session.event' }>['state'];

interface Auto {
  steps: readonly Step[];
  sequenceId: string;
  blockOnError: boolean;
  stopped: boolean;
  timer: NodeJS.Timeout | undefined;
}

interface OpenSession {
  tenantId: string;
  sessionId: string;
  operatorId: string;
  msisdn: string;
  target: SendTarget;
  cursor: number;
  auto: Auto | undefined;
  inFlight: Exchange | undefined;
  /** `at` of the session's last event */
  lastAt: number;
}

export interface SessionDeps {
  /** where a session's messages go (operator or ESME side of its operator) */
  target(operatorId: string, mode: Cmd<'session.open'>['mode']): SendTarget | undefined;
  /** settled exchanges; sessions are interactive, so they are flushed at once */
  settled(exchange: Exchange): void;
  event(event: WorkerEvent): void;
  ids: RecordIds;
  now(): number;
  log: Logger;
}

/**
 * Functional sessions: one number of one operator, driven step by step. Manual: each `session.send`
 * sends one message and reports the verdict, then waits for the next send. Automated: walks the
 * sequence (answer or timeout, think time, next step), stopping at the first mismatch when
 * blockOnError. Every state change is a `session.event`.
 */
export class SessionManager {
  private readonly sessions = new Map<string, OpenSession>();

  constructor(private readonly deps: SessionDeps) {}

  get active(): number {
    return this.sessions.size;
  }

  /** The session using this number of this operator, if any (to attribute unexpected replies). */
  owner(operatorId: string, msisdn: string): OpenSession | undefined {
    for (const s of this.sessions.values()) if (s.operatorId === operatorId && s.msisdn === msisdn) return s;
    return undefined;
  }

  open(cmd: Cmd<'session.open'>): void {
    const target = this.deps.target(cmd.operatorId, cmd.mode);
    if (target === undefined) {
      this.emitFor(
        cmd.tenantId,
        cmd.sessionId,
        'error',
        0,
        `operator ${cmd.operatorId} is not hosted by this worker`,
      );
      return;
    }
    const existing = this.sessions.get(cmd.sessionId);
    if (existing !== undefined) this.stopAuto(existing);
    const session: OpenSession = {
      tenantId: cmd.tenantId,
      sessionId: cmd.sessionId,
      operatorId: cmd.operatorId,
      msisdn: cmd.msisdn,
      target,
      cursor: existing?.cursor ?? 0,
      auto: undefined,
      inFlight: undefined,
      lastAt: existing?.lastAt ?? 0,
    };
    this.sessions.set(cmd.sessionId, session);
    this.emit(session, 'waiting', 'open');
  }

  send(cmd: Cmd<'session.send'>): void {
    const s = this.find(cmd.tenantId, cmd.sessionId);
    if (s === undefined) return;
    this.stopAuto(s);
    s.cursor = cmd.stepIndex;
    this.sendStep(s, cmd.stepIndex, cmd.message, cmd.expect, cmd.timeoutMs, undefined, (ex) => {
      s.cursor = cmd.stepIndex + 1;
      this.emit(s, 'waiting', describe(ex));
    });
  }

  auto(cmd: Cmd<'session.auto'>): void {
    const s = this.find(cmd.tenantId, cmd.sessionId);
    if (s === undefined) return;
    this.stopAuto(s);
    const auto: Auto = {
      steps: cmd.steps,
      sequenceId: cmd.sequenceId,
      blockOnError: cmd.blockOnError,
      stopped: false,
      timer: undefined,
    };
    s.auto = auto;
    this.runStep(s, auto, Math.min(cmd.fromStep, cmd.steps.length));
  }

  stop(cmd: Cmd<'session.stop'>): void {
    const s = this.find(cmd.tenantId, cmd.sessionId);
    if (s === undefined) return;
    this.stopAuto(s);
    this.emit(s, 'waiting', 'stopped');
  }

  close(cmd: Cmd<'session.close'>): void {
    const s = this.sessions.get(cmd.sessionId);
    if (s === undefined || s.tenantId !== cmd.tenantId) {
      this.emitFor(cmd.tenantId, cmd.sessionId, 'closed', 0, 'not open');
      return;
    }
    this.stopAuto(s);
    this.sessions.delete(cmd.sessionId);
    this.emit(s, 'closed', '');
  }

  closeAll(): void {
    for (const s of this.sessions.values()) this.stopAuto(s);
  }

  private runStep(s: OpenSession, auto: Auto, index: number): void {
    if (auto.stopped) return;
    if (index >= auto.steps.length) {
      s.cursor = auto.steps.length;
      s.auto = undefined;
      this.emit(s, 'done', 'sequence complete');
      return;
    }
    const step = auto.steps[index] as Step;
    s.cursor = index;
    this.sendStep(s, index, step.message, step.expect, step.timeoutMs, auto.sequenceId, (ex) => {
      if (auto.stopped) return;
      if (auto.blockOnError && ex.verdict !== 'valid') {
        s.auto = undefined;
        this.emit(s, 'blocked', describe(ex));
        return;
      }
      s.cursor = index + 1;
      if (step.thinkMs > 0) {
        auto.timer = setTimeout(() => this.runStep(s, auto, index + 1), step.thinkMs);
      } else {
        this.runStep(s, auto, index + 1);
      }
    });
  }

  private sendStep(
    s: OpenSession,
    stepIndex: number,
    message: Step['message'],
    expect: Step['expect'],
    timeoutMs: number,
    sequenceId: string | undefined,
    then: (ex: Exchange) => void,
  ): void {
    const now = this.deps.now();
    const ex = new Exchange(
      this.deps.ids.prefix,
      this.deps.ids.next(),
      s.tenantId,
      { kind: 'session', sessionId: s.sessionId },
      s.operatorId,
      s.msisdn,
      stepIndex,
      message.text,
      message.encoding,
      expect,
      compileExpectation(expect),
      timeoutMs,
      now,
      (settled) => {
        if (s.inFlight === settled) s.inFlight = undefined;
        this.deps.settled(settled);
        then(settled);
      },
      sequenceId,
    );
    ex.segmentation = message.segmentation;
    s.inFlight = ex;
    this.emit(s, 'running', `step ${stepIndex + 1} sent`);
    s.target.send(ex);
  }

  private stopAuto(s: OpenSession): void {
    if (s.auto === undefined) return;
    s.auto.stopped = true;
    if (s.auto.timer !== undefined) clearTimeout(s.auto.timer);
    s.auto = undefined;
  }

  private find(tenantId: string, sessionId: string): OpenSession | undefined {
    const s = this.sessions.get(sessionId);
    if (s === undefined || s.tenantId !== tenantId) {
      this.deps.log.warn('command for a session that is not open here', { tenantId, sessionId });
      this.emitFor(tenantId, sessionId, 'error', 0, 'session is not open on this worker');
      return undefined;
    }
    return s;
  }

  /**
   * A session's events are applied by their time, in whatever order they arrive (SQS, several at
   * once), so two of them never share a millisecond: against a fast gateway a step's "running" and
   * the "done" after its answer did, and "running" could be applied last and stay.
   */
  private emit(s: OpenSession, state: SessionState, message: string): void {
    s.lastAt = Math.max(Math.round(this.deps.now()), s.lastAt + 1);
    this.emitFor(s.tenantId, s.sessionId, state, s.cursor, message, s.lastAt);
  }

  private emitFor(
    tenantId: string,
    sessionId: string,
    state: SessionState,
    cursor: number,
    message: string,
    at = Math.round(this.deps.now()),
  ): void {
    this.deps.event({
      type: 'session.event',
      v: 1,
      tenantId,
      sessionId,
      at,
      state,
      cursor,
      message: message.slice(0, 1000),
    });
  }
}

function describe(ex: Exchange): string {
  const reply = ex.replyText === undefined ? 'no reply' : `reply "${ex.replyText.slice(0, 200)}"`;
  const status =
    ex.respStatus !== undefined && ex.respStatus !== 0 ? ` (status 0x${ex.respStatus.toString(16)})` : '';
  return `step ${ex.stepIndex + 1}: ${ex.verdict ?? 'pending'}, ${reply}${status}`;
}
