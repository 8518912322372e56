import { z } from 'zod';
import { EpochMs, Id } from './ids';

/** A contiguous block of simulated subscriber numbers, e.g. 40721000000..40721009999. */
export const NumberRange = z
  .object({
    prefix: z.string().regex(/^\+?[0-9]{0,15}$/),
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    /** digits after the prefix, zero padded */
    width: z.number().int().min(1).max(15),
  })
  .refine((r) => r.to >= r.from, { message: 'range "to" must be >= "from"' })
  .refine((r) => String(r.to).length <= r.width, { message: 'range "to" does not fit in "width" digits' });
export type NumberRange = z.infer<typeof NumberRange>;

export function rangeSize(r: NumberRange): number {
  return r.to - r.from + 1;
}

export function msisdnAt(r: NumberRange, index: number): string {
  return `${r.prefix}${String(r.from + index).padStart(r.width, '0')}`;
}

/** Final states of an SMPP 3.4 delivery receipt (`stat:` field). */
export const ReceiptStatus = z.enum([
  'DELIVRD',
  'EXPIRED',
  'DELETED',
  'UNDELIV',
  'ACCEPTD',
  'UNKNOWN',
  'REJECTD',
]);
export type ReceiptStatus = z.infer<typeof ReceiptStatus>;

/** A simulated mobile network reached through one connection, served by one worker slot. */
export const Operator = z.object({
  id: Id,
  tenantId: Id,
  connectionId: Id,
  name: z.string().min(1).max(80),
  /** Worker slot (= SMPP listening port) that hosts this operator. */
  slot: z.number().int().min(0).max(999),
  /** Credentials the gateway binds with. Jasmin caps username at 15 and password at 16 chars. */
  bindSystemId: z.string().min(1).max(15),
  bindPassword: z.string().min(1).max(16),
  numberRanges: z.array(NumberRange).min(1),
  /** Delivery receipts sent to the gateway for its submit_sm (when registered_delivery asks). */
  receipts: z
    .object({
      delayMs: z.number().int().min(0).max(600000).default(0),
      /** weights per final state, e.g. { DELIVRD: 0.95, UNDELIV: 0.05 } */
      statusMix: z.partialRecord(ReceiptStatus, z.number().min(0)).default({ DELIVRD: 1 }),
    })
    .default({ delayMs: 0, statusMix: { DELIVRD: 1 } }),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Operator = z.infer<typeof Operator>;

export const NumberState = z.enum(['idle', 'in-conversation']);
export type NumberState = z.infer<typeof NumberState>;
