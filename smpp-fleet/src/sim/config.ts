/**
 * Simulator configuration (zod). `parseSimConfig(json)` throws a DomainError('VALIDATION') whose
 * message lists every bad field. Operator endpoints are where the simulator binds as a gateway
 * client connector; `esme` is the SMPP server applications bind to.
 */
import { DomainError } from '@gong/core/domain/errors';
import { ReceiptStatus } from '@gong/core/domain/operator';
import { z } from 'zod';
import { Latency, parseLatency } from './latency';
import { DEFAULT_HELP, DEFAULT_RULES, Rule } from './rules';

const Probability = z.number().min(0).max(1);

export const OperatorEndpoint = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  systemId: z.string().min(1).max(15),
  password: z.string().max(16),
  /** how many parallel binds to this endpoint (like Jasmin connectors) */
  binds: z.number().int().min(1).max(64).default(1),
});
export type OperatorEndpoint = z.infer<typeof OperatorEndpoint>;

const LatencyField = z.union([
  Latency,
  z.string().transform((s, ctx) => {
    try {
      return parseLatency(s);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  }),
]);

export const SimConfig = z.object({
  seed: z.number().int().default(1),
  operators: z.array(OperatorEndpoint).default([]),
  esme: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535),
      /** accounts allowed to bind; empty = anyone */
      accounts: z
        .array(z.object({ systemId: z.string().min(1).max(15), password: z.string().max(16) }))
        .default([]),
      /**
       * what becomes of an application's submit_sm besides its answer: `none`, or `operators`: handed
       * on unchanged to a bound operator link as an MT (round robin), like a gateway's MT router
       */
      route: z.enum(['none', 'operators']).default('none'),
    })
    .optional(),
  latency: LatencyField.default({ kind: 'fixed', ms: 0 }),
  /** share of MO (operator side) that get no MT reply at all */
  dropRate: Probability.default(0),
  /** max requests per second accepted (MO + ESME submit_sm); above it: ESME_RTHROTTLED. 0 = no cap */
  capPerSecond: z.number().int().min(0).default(0),
  receipts: z
    .object({
      delayMs: z.number().min(0).max(600_000).default(0),
      statusMix: z.partialRecord(ReceiptStatus, z.number().min(0)).default({ DELIVRD: 1 }),
    })
    .default({ delayMs: 0, statusMix: { DELIVRD: 1 } }),
  faults: z
    .object({
      /** share of requests left unanswered */
      noResponse: Probability.default(0),
      /** share of requests answered with generic_nack (ESME_RSYSERR) */
      genericNack: Probability.default(0),
      /** share of requests answered with a malformed PDU */
      malformed: Probability.default(0),
      /** unbind (then reconnect) after this many MO on a link; 0 = never */
      unbindAfter: z.number().int().min(0).default(0),
    })
    .default({ noResponse: 0, genericNack: 0, malformed: 0, unbindAfter: 0 }),
  rules: z.array(Rule).default(DEFAULT_RULES),
  helpText: z.string().default(DEFAULT_HELP),
  /** ask the operator for delivery receipts on MT (registered_delivery 1) */
  requestReceipts: z.boolean().default(false),
  /** segmentation of long MT replies */
  segmentation: z.enum(['udh8', 'udh16', 'sar', 'payload']).default('udh8'),
  windowSize: z.number().int().min(1).max(10_000).default(1000),
  responseTimeoutMs: z.number().int().min(10).default(10_000),
  enquireLinkIntervalMs: z.number().int().min(0).default(30_000),
  reconnect: z
    .object({ minMs: z.number().int().min(1).default(100), maxMs: z.number().int().min(1).default(5000) })
    .default({ minMs: 100, maxMs: 5000 }),
  /** multipart MO waiting for a missing part are dropped after this long */
  reassemblyTimeoutMs: z.number().int().min(1).default(30_000),
});
export type SimConfig = z.infer<typeof SimConfig>;
export type SimConfigInput = z.input<typeof SimConfig>;

export function parseSimConfig(input: unknown): SimConfig {
  const r = SimConfig.safeParse(input);
  if (r.success) {
    if (r.data.operators.length === 0 && r.data.esme === undefined) {
      throw new DomainError(
        'VALIDATION',
        'simulator config: give at least one operator endpoint (--bind) or an ESME port',
      );
    }
    return r.data;
  }
  const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new DomainError('VALIDATION', `invalid simulator config:\n${lines.join('\n')}`, { cause: r.error });
}
