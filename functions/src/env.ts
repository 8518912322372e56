import { DEFAULT_FLEET_BASE_PORT, DEFAULT_SLOT_COUNT } from '@gong/core/infra/resources';
import { z } from 'zod';

/**
 * Environment of every function in this package, parsed once per process (fails fast, clear message).
 * Settings needed by one function only (e.g. the JWT secret) are checked where that function is wired.
 */
export const Env = z.object({
  AWS_REGION: z.string().min(1).default('us-east-1'),
  AWS_ENDPOINT_URL: z.string().url().optional(),
  AWS_ENDPOINT_URL_DYNAMODB: z.string().url().optional(),
  AWS_ENDPOINT_URL_SQS: z.string().url().optional(),
  GONG_PREFIX: z.string().min(1).default('gong'),
  GONG_SLOT_COUNT: z.coerce.number().int().min(1).max(1000).default(DEFAULT_SLOT_COUNT),
  GONG_FLEET_BASE_PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_FLEET_BASE_PORT),
  GONG_AUTH_MODE: z.enum(['local', 'cognito']).default('local'),
  GONG_JWT_SECRET: z.string().min(32, 'GONG_JWT_SECRET must be at least 32 characters').optional(),
  GONG_JWT_ISSUER: z.string().min(1).default('gong-local'),
  GONG_JWT_TTL_SEC: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(12 * 3600),
  COGNITO_USER_POOL_ID: z.string().min(1).optional(),
  COGNITO_CLIENT_ID: z.string().min(1).optional(),
  /** Jira export (per deployment; a request may override the project key) */
  GONG_JIRA_BASE_URL: z.string().url().optional(),
  GONG_JIRA_PROJECT: z.string().min(1).optional(),
  GONG_JIRA_TOKEN: z.string().min(1).optional(),
});
export type Env = z.infer<typeof Env>;

function parseEnv(): Env {
  const result = Env.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`invalid environment for @gong/functions:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const env = parseEnv();
