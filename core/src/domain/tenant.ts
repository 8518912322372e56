import { z } from 'zod';
import { EpochMs, Id } from './ids';

export const Tenant = z.object({
  id: Id,
  name: z.string().min(1).max(120),
  createdAt: EpochMs,
});
export type Tenant = z.infer<typeof Tenant>;
