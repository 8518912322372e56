import { DEFAULT_FLEET_BASE_PORT, DEFAULT_SLOT_COUNT } from '@gong/core/infra/resources';
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Environment of a fleet worker process (ECS task or local child). Parsed once; nothing else reads process.env. */
export const FleetEnv = z.object({
  AWS_REGION: z.string().min(1).default('us-east-1'),
  AWS_ENDPOINT_URL: z.string().url().optional(),
  AWS_ENDPOINT_URL_DYNAMODB: z.string().url().optional(),
  AWS_ENDPOINT_URL_SQS: z.string().url().optional(),
  GONG_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'GONG_PREFIX: lower-case letters, digits and "-"')
    .default('gong'),
  GONG_SLOT_COUNT: int(1, 999).default(DEFAULT_SLOT_COUNT),
  GONG_FLEET_BASE_PORT: int(1, 65535).default(DEFAULT_FLEET_BASE_PORT),
  /** this worker's slot (the `--slot` flag wins) */
  GONG_SLOT: int(0, 999).optional(),
  /** interface the SMPP port listens on: 0.0.0.0 in a container, 127.0.0.1 locally */
  GONG_WORKER_HOST: z.string().min(1).default('0.0.0.0'),
  /** status record cadence (DynamoDB) */
  GONG_STATUS_INTERVAL_MS: int(200, 600_000).default(5000),
  /** on SIGTERM, how long to wait for outstanding answers before flushing */
  GONG_DRAIN_TIMEOUT_MS: int(0, 600_000).default(15_000),
  /** longest time a stress-run record waits in a batch before it is sent */
  GONG_RESULTS_LINGER_MS: int(1, 60_000).default(1000),
  /** records per results.batch message */
  GONG_RESULTS_BATCH_RECORDS: int(1, 10_000).default(2000),
  /** command queue long-poll wait */
  GONG_COMMAND_WAIT_SEC: int(0, 20).default(20),
  /** seed of the worker's random draws (receipt status mix) */
  GONG_SEED: z.coerce.number().int().default(1),
});
export type FleetEnv = z.infer<typeof FleetEnv>;

function parse(): FleetEnv {
  const result = FleetEnv.safeParse(process.env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
  throw new Error(`invalid fleet worker environment:\n${problems}`);
}

export const env = parse();
