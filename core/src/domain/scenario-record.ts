import { z } from 'zod';
import { EpochMs, Id } from './ids';

/** A saved scenario file (OpenLC-style XML or JSON), stored verbatim; parsing lives elsewhere. */
export const ScenarioRecord = z.object({
  id: Id,
  tenantId: Id,
  name: z.string().min(1).max(120),
  format: z.enum(['xml', 'json']),
  source: z.string().min(1).max(350_000),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type ScenarioRecord = z.infer<typeof ScenarioRecord>;
