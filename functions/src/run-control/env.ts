import { z } from 'zod';

/** Run-control-only settings, parsed once (the shared ones come from functions/src/env.ts). */
const RunControlEnv = z.object({
  /** ECS cluster of the fleet; absent (local cloud) = the supervisor runs the fleet, nothing to scale */
  GONG_ECS_CLUSTER: z.string().min(1).optional(),
  /** fleet service names, comma separated, index = slot */
  GONG_FLEET_SERVICES: z.string().min(1).optional(),
  /**
   * Workers a slot keeps when no run needs it: 1 (default) keeps idle slots bound to the gateway so
   * functional sessions work; 0 stops idle slots (stress-only deployments, lower cost).
   */
  GONG_FLEET_BASELINE: z.coerce.number().int().min(0).max(1).default(1),
  AWS_ENDPOINT_URL_ECS: z.string().url().optional(),
});

function parse() {
  const result = RunControlEnv.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`invalid environment for run control:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const runControlEnv = parse();
