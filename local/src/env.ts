import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FLEET_BASE_PORT, DEFAULT_SLOT_COUNT } from '@gong/core/infra/resources';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** Environment of the local cloud and the `gong` CLI. Parsed once; nothing else reads process.env. */
export const LocalEnv = z.object({
  GONG_ROOT: z.string().default(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')),
  GONG_DATA_DIR: z.string().optional(),
  GONG_WEB_PORT: port(5000),
  GONG_API_PORT: port(5001),
  GONG_DYNAMODB_PORT: port(5010),
  GONG_SQS_PORT: port(5011),
  GONG_SIM_ESME_PORT: port(2775),
  GONG_FLEET_BASE_PORT: port(DEFAULT_FLEET_BASE_PORT),
  GONG_SLOT_COUNT: z.coerce.number().int().min(1).max(64).default(DEFAULT_SLOT_COUNT),
  GONG_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('gong'),
  /** `off`: use AWS_ENDPOINT_URL* (e.g. LocalStack) instead of starting DynamoDB Local and fauxqs */
  GONG_EMULATORS: z.enum(['on', 'off']).default('on'),
  /** `dev` runs `next dev`; `prod` runs `next build` (when stale) and `next start` */
  GONG_WEB_MODE: z.enum(['dev', 'prod']).default('dev'),
  GONG_API_URL: z.string().url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
  AWS_ENDPOINT_URL: z.string().url().optional(),
  AWS_ENDPOINT_URL_DYNAMODB: z.string().url().optional(),
  AWS_ENDPOINT_URL_SQS: z.string().url().optional(),
  GONG_TOKEN: z.string().optional(),
  /** set by the local cloud for its children: they stop when this process is gone */
  GONG_SUPERVISOR_PID: z.coerce.number().int().positive().optional(),
  GONG_PASSWORD: z.string().optional(),
  CI: z.string().optional(),
});
export type LocalEnv = z.infer<typeof LocalEnv>;

export const env = LocalEnv.parse(process.env);

export const dataDir = env.GONG_DATA_DIR ?? join(env.GONG_ROOT, '.gong');

/** A secret generated on first start and kept under .gong/, so tokens survive restarts. */
export function localSecret(name: string): string {
  const file = join(dataDir, `${name}.secret`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
