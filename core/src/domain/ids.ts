import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Ids are short, URL-safe and sort by creation time (ms timestamp prefix, then randomness). */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function newId(now: number = Date.now()): string {
  const time = now.toString(36).padStart(9, '0');
  const bytes = randomBytes(8);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 36];
  return `${time}${rand}`;
}

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids contain only letters, digits, "_" and "-"');
export type Id = z.infer<typeof Id>;

/** Epoch milliseconds. */
export const EpochMs = z.number().int().nonnegative();

/** E.164-ish MSISDN as SMPP carries it: digits only, optional leading "+". */
export const Msisdn = z
  .string()
  .regex(/^\+?[0-9]{3,20}$/, 'a phone number is 3 to 20 digits, optionally starting with "+"');
