import { z } from 'zod';
import { Expectation } from './expectation';
import { EpochMs, Id, Msisdn } from './ids';
import { Encoding } from './message';

export const VERDICTS = [
  'valid',
  'invalid',
  'unanswered',
  'late',
  'duplicate',
  'unexpected',
  'error',
] as const;
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

/**
 * One sent message and what came back. Times are epoch ms; latencies derive from them.
 * `unexpected` records have no sent part (a reply nobody was waiting for): sentAt/intendedAt = replyAt.
 */
export const ExchangeRecord = z.object({
  /** unique per worker: used for idempotent aggregation */
  id: z.string().min(1).max(64),
  tenantId: Id,
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('run'), runId: Id }),
    z.object({ kind: z.literal('session'), sessionId: Id }),
  ]),
  operatorId: Id,
  msisdn: Msisdn,
  sequenceId: Id.optional(),
  stepIndex: z.number().int().min(0).default(0),
  text: z.string().max(10_000).default(''),
  encoding: Encoding.default('auto'),
  expect: Expectation.optional(),
  intendedAt: EpochMs,
  sentAt: EpochMs,
  /** when submit_sm_resp / deliver_sm_resp came back, and its command_status */
  respAt: EpochMs.optional(),
  respStatus: z.number().int().min(0).optional(),
  replyText: z.string().max(10_000).optional(),
  replyAt: EpochMs.optional(),
  verdict: Verdict,
});
export type ExchangeRecord = z.infer<typeof ExchangeRecord>;

export function latencyFromIntended(r: ExchangeRecord): number | undefined {
  return r.replyAt === undefined ? undefined : r.replyAt - r.intendedAt;
}

export function latencyFromSent(r: ExchangeRecord): number | undefined {
  return r.replyAt === undefined ? undefined : r.replyAt - r.sentAt;
}
