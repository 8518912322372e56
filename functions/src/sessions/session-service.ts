import { DomainError, notFound } from '@gong/core/domain/errors';
import { Expectation } from '@gong/core/domain/expectation';
import { FunctionalSession, SessionMode } from '@gong/core/domain/functional-session';
import { Id, Msisdn, newId } from '@gong/core/domain/ids';
import { Message } from '@gong/core/domain/message';
import { msisdnAt, type Operator, rangeSize } from '@gong/core/domain/operator';
import { z } from 'zod';
import type { ApiDeps } from '../api/deps';
import { sendToSlot } from '../api/fleet-sync';
import { getOr404, listAll } from '../api/routes/crud';
import type { Principal } from '../auth/principal';
import { readSessionLog } from './session-log';

export const StartSession = z.object({
  connectionId: Id,
  operatorId: Id,
  /** an existing number of the operator; absent = a new number nobody has used yet */
  msisdn: Msisdn.optional(),
  mode: SessionMode.default('manual'),
  sequenceId: Id.optional(),
  blockOnError: z.boolean().default(true),
  record: z.boolean().default(true),
});
export type StartSession = z.infer<typeof StartSession>;

export const SendMessage = z.object({
  message: Message,
  expect: Expectation.default({ kind: 'any' }),
  timeoutMs: z.number().int().min(100).max(600_000).default(10_000),
});
export type SendMessage = z.infer<typeof SendMessage>;

export const StartAuto = z.object({
  /** default: the session's sequence */
  sequenceId: Id.optional(),
  blockOnError: z.boolean().optional(),
  fromStep: z.number().int().min(0).default(0),
});
export type StartAuto = z.infer<typeof StartAuto>;

export const StopSession = z.object({
  /** true = also close the session (the number goes back to idle) */
  close: z.boolean().default(false),
});
export type StopSession = z.infer<typeof StopSession>;

export const PatchSession = z.object({ record: z.boolean() });

const MAX_NUMBER_SCAN = 100_000;

function inRanges(op: Operator, msisdn: string): boolean {
  return op.numberRanges.some((r) => {
    const digits = r.prefix.length;
    if (!msisdn.startsWith(r.prefix) || msisdn.length !== digits + r.width) return false;
    const n = Number(msisdn.slice(digits));
    return Number.isInteger(n) && n >= r.from && n <= r.to;
  });
}

async function pickNumber(deps: ApiDeps, op: Operator, tenantId: string): Promise<string> {
  const sessions = (await listAll(deps.repositories.sessions, tenantId)).filter(
    (s) => s.operatorId === op.id,
  );
  const used = new Set(sessions.map((s) => s.msisdn));
  const busy = new Set(sessions.filter((s) => s.state !== 'closed').map((s) => s.msisdn));
  let fallback: string | undefined;
  let scanned = 0;
  for (const range of op.numberRanges) {
    const size = rangeSize(range);
    for (let i = 0; i < size && scanned < MAX_NUMBER_SCAN; i++, scanned++) {
      const candidate = msisdnAt(range, i);
      if (!used.has(candidate)) return candidate;
      if (!fallback && !busy.has(candidate)) fallback = candidate;
    }
  }
  if (fallback) return fallback;
  throw new DomainError('CONFLICT', `every number of operator ${op.name} is in a conversation`);
}

export async function getSession(deps: ApiDeps, tenantId: string, id: string): Promise<FunctionalSession> {
  return getOr404(deps.repositories.sessions, tenantId, id, 'functional session');
}

async function operatorOf(deps: ApiDeps, s: FunctionalSession): Promise<Operator> {
  const op = await deps.repositories.operators.get(s.tenantId, s.operatorId);
  if (!op) throw new DomainError('CONFLICT', `the session's operator ${s.operatorId} no longer exists`);
  return op;
}

function assertOpen(s: FunctionalSession): void {
  if (s.state === 'closed') throw new DomainError('CONFLICT', `session ${s.id} is closed`);
}

export async function startSession(deps: ApiDeps, who: Principal, input: StartSession) {
  const tenantId = who.tenantId;
  const connection = await deps.repositories.connections.get(tenantId, input.connectionId);
  if (!connection)
    throw new DomainError('VALIDATION', `connectionId: connection ${input.connectionId} not found`);
  const op = await deps.repositories.operators.get(tenantId, input.operatorId);
  if (!op || op.connectionId !== connection.id) {
    throw new DomainError(
      'VALIDATION',
      `operatorId: operator ${input.operatorId} not found on this connection`,
    );
  }
  if (input.sequenceId && !(await deps.repositories.sequences.get(tenantId, input.sequenceId))) {
    throw new DomainError('VALIDATION', `sequenceId: sequence ${input.sequenceId} not found`);
  }
  let msisdn = input.msisdn;
  if (msisdn) {
    if (!inRanges(op, msisdn)) {
      throw new DomainError('VALIDATION', `msisdn: ${msisdn} is not one of operator ${op.name}'s numbers`);
    }
    const open = (await listAll(deps.repositories.sessions, tenantId)).find(
      (s) => s.operatorId === op.id && s.msisdn === msisdn && s.state !== 'closed',
    );
    if (open) throw new DomainError('CONFLICT', `number ${msisdn} is already in session ${open.id}`);
  } else {
    msisdn = await pickNumber(deps, op, tenantId);
  }
  const now = deps.clock.now();
  const session = FunctionalSession.parse({
    id: newId(now),
    tenantId,
    userId: who.userId,
    connectionId: connection.id,
    operatorId: op.id,
    msisdn,
    mode: input.mode,
    ...(input.sequenceId ? { sequenceId: input.sequenceId } : {}),
    blockOnError: input.blockOnError,
    record: input.record,
    state: 'open',
    cursor: 0,
    createdAt: now,
    updatedAt: now,
  });
  const saved = await deps.repositories.sessions.create(tenantId, session);
  await sendToSlot(deps, op.slot, {
    type: 'session.open',
    v: 1,
    tenantId,
    sessionId: saved.id,
    operatorId: op.id,
    msisdn,
    mode: 'operator',
  });
  return { session: saved, operator: op };
}

export async function sendMessage(deps: ApiDeps, who: Principal, id: string, input: SendMessage) {
  const s = await getSession(deps, who.tenantId, id);
  assertOpen(s);
  if (s.state === 'running') {
    throw new DomainError('CONFLICT', 'an automated sequence is running in this session; stop it first');
  }
  const op = await operatorOf(deps, s);
  await sendToSlot(deps, op.slot, {
    type: 'session.send',
    v: 1,
    tenantId: s.tenantId,
    sessionId: s.id,
    stepIndex: s.cursor,
    message: input.message,
    expect: input.expect,
    timeoutMs: input.timeoutMs,
  });
  const saved = await deps.repositories.sessions.update(s.tenantId, s.id, (c) => ({
    ...c,
    state: 'waiting',
    updatedAt: deps.clock.now(),
  }));
  return { session: saved, operator: op };
}

/** Manual mode: sends the sequence's next step and moves the cursor on. */
export async function advanceSession(deps: ApiDeps, who: Principal, id: string) {
  const s = await getSession(deps, who.tenantId, id);
  assertOpen(s);
  if (s.state === 'running')
    throw new DomainError('CONFLICT', 'an automated sequence is running; stop it first');
  if (!s.sequenceId) throw new DomainError('CONFLICT', 'this session has no sequence to advance through');
  const sequence = await deps.repositories.sequences.get(s.tenantId, s.sequenceId);
  if (!sequence) throw notFound('sequence', s.sequenceId);
  const step = sequence.steps[s.cursor];
  if (!step) {
    throw new DomainError(
      'CONFLICT',
      `all ${sequence.steps.length} steps of ${sequence.name} have been sent`,
    );
  }
  const op = await operatorOf(deps, s);
  await sendToSlot(deps, op.slot, {
    type: 'session.send',
    v: 1,
    tenantId: s.tenantId,
    sessionId: s.id,
    stepIndex: s.cursor,
    message: step.message,
    expect: step.expect,
    timeoutMs: step.timeoutMs,
  });
  const saved = await deps.repositories.sessions.update(s.tenantId, s.id, (c) => ({
    ...c,
    cursor: c.cursor + 1,
    state: 'waiting',
    updatedAt: deps.clock.now(),
  }));
  return { session: saved, operator: op, step };
}

/** Starts the sequence automatically on the worker (several sessions may do so at once). */
export async function startAuto(deps: ApiDeps, who: Principal, id: string, input: StartAuto) {
  const s = await getSession(deps, who.tenantId, id);
  assertOpen(s);
  if (s.state === 'running') throw new DomainError('CONFLICT', 'an automated sequence is already running');
  const sequenceId = input.sequenceId ?? s.sequenceId;
  if (!sequenceId) throw new DomainError('VALIDATION', 'sequenceId: this session has no sequence; name one');
  const sequence = await deps.repositories.sequences.get(s.tenantId, sequenceId);
  if (!sequence) throw new DomainError('VALIDATION', `sequenceId: sequence ${sequenceId} not found`);
  if (input.fromStep >= sequence.steps.length) {
    throw new DomainError('VALIDATION', `fromStep: the sequence has ${sequence.steps.length} steps`);
  }
  const blockOnError = input.blockOnError ?? s.blockOnError;
  const op = await operatorOf(deps, s);
  // Store "running" before the worker can answer: its session.events (done, blocked) are newer than
  // this write and must not be overwritten by it.
  const saved = await deps.repositories.sessions.update(s.tenantId, s.id, (c) => ({
    ...c,
    mode: 'automated',
    sequenceId,
    blockOnError,
    cursor: input.fromStep,
    state: 'running',
    updatedAt: deps.clock.now(),
  }));
  try {
    await sendToSlot(deps, op.slot, {
      type: 'session.auto',
      v: 1,
      tenantId: s.tenantId,
      sessionId: s.id,
      sequenceId,
      steps: sequence.steps,
      blockOnError,
      fromStep: input.fromStep,
    });
  } catch (e) {
    await deps.repositories.sessions.update(s.tenantId, s.id, (c) => ({
      ...c,
      state: s.state,
      updatedAt: deps.clock.now(),
    }));
    throw e;
  }
  return { session: saved, operator: op };
}

export async function stopSession(deps: ApiDeps, who: Principal, id: string, input: StopSession) {
  const s = await getSession(deps, who.tenantId, id);
  if (s.state === 'closed') return { session: s, operator: undefined };
  const op = await operatorOf(deps, s);
  await sendToSlot(deps, op.slot, { type: 'session.stop', v: 1, tenantId: s.tenantId, sessionId: s.id });
  if (input.close) {
    await sendToSlot(deps, op.slot, { type: 'session.close', v: 1, tenantId: s.tenantId, sessionId: s.id });
  }
  const saved = await deps.repositories.sessions.update(s.tenantId, s.id, (c) => ({
    ...c,
    state: input.close ? 'closed' : 'open',
    updatedAt: deps.clock.now(),
  }));
  return { session: saved, operator: op };
}

export async function setRecord(deps: ApiDeps, who: Principal, id: string, record: boolean) {
  await getSession(deps, who.tenantId, id);
  return deps.repositories.sessions.update(who.tenantId, id, (c) => ({
    ...c,
    record,
    updatedAt: deps.clock.now(),
  }));
}

/** The whole log, numbered. */
export function fullLog(deps: ApiDeps, tenantId: string, sessionId: string) {
  return readSessionLog(deps.metrics, tenantId, sessionId);
}
