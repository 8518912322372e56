import { z } from 'zod';
import { Expectation } from '../domain/expectation';
import { EpochMs, Id, Msisdn } from '../domain/ids';
import { Encoding, Message } from '../domain/message';
import { NumberRange } from '../domain/operator';
import { Step } from '../domain/sequence';
import { RunMode } from '../domain/stress-run';

/** What a worker needs to know about an operator it hosts (secrets included: this never leaves the backend). */
export const HostedOperator = z.object({
  tenantId: Id,
  operatorId: Id,
  connectionId: Id,
  name: z.string(),
  bindSystemId: z.string().max(15),
  bindPassword: z.string().max(16),
  shortCode: z.string().min(1).max(21),
  numberRanges: z.array(NumberRange),
  receipts: z.object({
    delayMs: z.number().int().min(0),
    statusMix: z.record(z.string(), z.number().min(0)),
  }),
  /** ESME mode: the gateway's SMPP server to bind to */
  esme: z
    .object({
      host: z.string(),
      port: z.number().int(),
      systemId: z.string().max(15),
      password: z.string().max(8),
      bindType: z.enum(['transmitter', 'receiver', 'transceiver']).default('transceiver'),
    })
    .optional(),
});
export type HostedOperator = z.infer<typeof HostedOperator>;

/** Per-operator part of a stress plan as a worker executes it. */
export const OperatorLoad = z.object({
  operatorId: Id,
  /** target messages per second for each second of the run (index 0 = first second after startAt) */
  perSecond: z.array(z.number().min(0)),
  numbers: z.array(Msisdn).min(1),
  /** per number: index into `sequences` */
  sequenceOfNumber: z.array(z.number().int().min(0)).optional(),
  /** explicit per-number send times (ms offsets from startAt), used by the random strategy */
  numberSchedules: z.array(z.array(z.number().min(0))).optional(),
});
export type OperatorLoad = z.infer<typeof OperatorLoad>;

const V = z.literal(1);

export const FleetCommand = z.discriminatedUnion('type', [
  /** replaces the set of operators this slot hosts */
  z.object({ type: z.literal('operators.sync'), v: V, operators: z.array(HostedOperator) }),
  z.object({
    type: z.literal('session.open'),
    v: V,
    tenantId: Id,
    sessionId: Id,
    operatorId: Id,
    msisdn: Msisdn,
    mode: RunMode.default('operator'),
  }),
  /** send one message now (manual chat or one manual step) */
  z.object({
    type: z.literal('session.send'),
    v: V,
    tenantId: Id,
    sessionId: Id,
    stepIndex: z.number().int().min(0).default(0),
    message: Message,
    expect: Expectation.default({ kind: 'any' }),
    timeoutMs: z.number().int().min(100).default(10_000),
  }),
  /** run a whole sequence automatically */
  z.object({
    type: z.literal('session.auto'),
    v: V,
    tenantId: Id,
    sessionId: Id,
    sequenceId: Id,
    steps: z.array(Step).min(1),
    blockOnError: z.boolean(),
    fromStep: z.number().int().min(0).default(0),
  }),
  z.object({ type: z.literal('session.stop'), v: V, tenantId: Id, sessionId: Id }),
  z.object({ type: z.literal('session.close'), v: V, tenantId: Id, sessionId: Id }),
  z.object({
    type: z.literal('run.prepare'),
    v: V,
    tenantId: Id,
    runId: Id,
    mode: RunMode,
    startAt: EpochMs,
    durationSec: z.number().int().min(1),
    sequences: z.array(z.array(Step).min(1)).min(1),
    sequenceIds: z.array(Id).default([]),
    operators: z.array(OperatorLoad).min(1),
    encoding: Encoding.default('auto'),
    /** max outstanding requests per SMPP session */
    window: z.number().int().min(1).max(100_000).default(1000),
  }),
  z.object({ type: z.literal('run.stop'), v: V, tenantId: Id, runId: Id, abort: z.boolean().default(false) }),
]);
export type FleetCommand = z.infer<typeof FleetCommand>;
export type FleetCommandType = FleetCommand['type'];
