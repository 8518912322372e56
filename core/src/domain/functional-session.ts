import { z } from 'zod';
import { EpochMs, Id, Msisdn } from './ids';

export const SessionMode = z.enum(['manual', 'automated']);
export type SessionMode = z.infer<typeof SessionMode>;

/** One user, one connection, one operator, one number. */
export const FunctionalSession = z.object({
  id: Id,
  tenantId: Id,
  userId: Id,
  connectionId: Id,
  operatorId: Id,
  msisdn: Msisdn,
  mode: SessionMode,
  sequenceId: Id.optional(),
  blockOnError: z.boolean().default(true),
  record: z.boolean().default(true),
  state: z.enum(['open', 'running', 'waiting', 'blocked', 'done', 'closed']),
  /** index of the next step to send in the sequence */
  cursor: z.number().int().min(0).default(0),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type FunctionalSession = z.infer<typeof FunctionalSession>;
