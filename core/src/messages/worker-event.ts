import { z } from 'zod';
import { ExchangeRecord } from '../domain/exchange';
import { EpochMs, Id } from '../domain/ids';

/** Serialized mergeable latency histogram (see core/src/stats). Sparse: bucket index → count. */
export const HistogramData = z.object({
  /** significant decimal digits of the log-linear buckets */
  precision: z.number().int().min(1).max(5),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
  min: z.number(),
  max: z.number(),
  sum: z.number(),
});
export type HistogramData = z.infer<typeof HistogramData>;

/** A worker's pre-aggregate of one second of one operator, shipped along with the raw records. */
export const SecondBucket = z.object({
  /**
   * The run this second belongs to. The analyzer uses a bucket in place of the batch's records for
   * that (run, operator, second) cell; a bucket without runId cannot be attributed and is ignored.
   */
  runId: Id.optional(),
  operatorId: Id,
  /** epoch second */
  second: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  verdicts: z.record(z.string(), z.number().int().nonnegative()),
  errorsByStatus: z.record(z.string(), z.number().int().nonnegative()).default({}),
  /** latency from intended send time, ms */
  latency: HistogramData.optional(),
  /** latency from actual send time, ms */
  latencyActual: HistogramData.optional(),
  /** how far behind schedule the sender fell (ms, max in this second) */
  maxLagMs: z.number().nonnegative().default(0),
});
export type SecondBucket = z.infer<typeof SecondBucket>;

const V = z.literal(1);

export const WorkerStatus = z.object({
  type: z.literal('worker.status'),
  v: V,
  workerId: z.string(),
  slot: z.number().int(),
  at: EpochMs,
  startedAt: EpochMs,
  port: z.number().int(),
  binds: z.array(
    z.object({
      tenantId: Id,
      operatorId: Id,
      systemId: z.string(),
      bindType: z.string(),
      peer: z.string(),
      since: EpochMs,
    }),
  ),
  queueLagMs: z.number().nonnegative().default(0),
  sentPerSec: z.number().nonnegative().default(0),
  answeredPerSec: z.number().nonnegative().default(0),
  activeRuns: z.array(Id).default([]),
  activeSessions: z.number().int().nonnegative().default(0),
});
export type WorkerStatus = z.infer<typeof WorkerStatus>;

/** Everything workers publish on the results queue. */
export const WorkerEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('results.batch'),
    v: V,
    /** unique per batch: the analyzer's idempotency key */
    batchId: z.string().min(1).max(128),
    workerId: z.string(),
    tenantId: Id,
    records: z.array(ExchangeRecord),
    buckets: z.array(SecondBucket).default([]),
  }),
  WorkerStatus,
  z.object({
    type: z.literal('run.started'),
    v: V,
    tenantId: Id,
    runId: Id,
    workerId: z.string(),
    at: EpochMs,
  }),
  z.object({
    type: z.literal('run.done'),
    v: V,
    tenantId: Id,
    runId: Id,
    workerId: z.string(),
    at: EpochMs,
    sent: z.number().int().nonnegative(),
    reconnects: z.number().int().nonnegative().default(0),
    maxLagMs: z.number().nonnegative().default(0),
  }),
  z.object({
    type: z.literal('run.error'),
    v: V,
    tenantId: Id,
    runId: Id,
    workerId: z.string(),
    at: EpochMs,
    message: z.string(),
  }),
  z.object({
    type: z.literal('session.event'),
    v: V,
    tenantId: Id,
    sessionId: Id,
    at: EpochMs,
    state: z.enum(['running', 'waiting', 'blocked', 'done', 'closed', 'error']),
    cursor: z.number().int().min(0),
    message: z.string().default(''),
  }),
]);
export type WorkerEvent = z.infer<typeof WorkerEvent>;
