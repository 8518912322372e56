import { z } from 'zod';
import { EpochMs, Id } from './ids';

/**
 * Small records kept in an ExpiringStore (they vanish by TTL): who is looking at what, failed login
 * counters, and the last health check of a connection.
 */
export const Presence = z.object({
  userId: Id,
  userName: z.string().max(120),
  /** what the user is looking at, e.g. `run:<id>` or `session:<id>` */
  where: z.string().max(200),
  seenAt: EpochMs,
});
export type Presence = z.infer<typeof Presence>;

export const LoginAttempts = z.object({
  failures: z.number().int().min(0),
  firstAt: EpochMs,
  lastAt: EpochMs,
});
export type LoginAttempts = z.infer<typeof LoginAttempts>;

export const HealthResult = z.object({
  colour: z.enum(['green', 'amber', 'red']),
  checkedAt: EpochMs,
  /** one line per probe, e.g. `jcli 127.0.0.1:8990: connected in 12 ms` */
  details: z.array(z.string().max(500)).max(50).default([]),
});
export type HealthResult = z.infer<typeof HealthResult>;
