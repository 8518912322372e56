import { z } from 'zod';
import { EpochMs, Id } from './ids';

export const ROLES = ['admin', 'stress', 'tester', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Email = z.string().trim().toLowerCase().email().max(254);

/** A stored user. `passwordHash` never leaves the API. */
export const User = z.object({
  id: Id,
  tenantId: Id,
  email: Email,
  name: z.string().min(1).max(120),
  roles: z.array(Role).min(1),
  passwordHash: z.string().min(1),
  createdAt: EpochMs,
  disabled: z.boolean().default(false),
});
export type User = z.infer<typeof User>;

export const PublicUser = User.omit({ passwordHash: true });
export type PublicUser = z.infer<typeof PublicUser>;

export const NewUser = z.object({
  email: Email,
  name: z.string().min(1).max(120),
  roles: z.array(Role).min(1),
  password: z.string().min(8).max(200),
});
export type NewUser = z.infer<typeof NewUser>;
