import { z } from 'zod';

/**
 * Server-side environment, parsed once per process. Only this module reads process.env.
 * NEXTAUTH_SECRET is required when the production server runs; `next build` (NEXT_PHASE) may omit it.
 */
const ServerEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    NEXT_PHASE: z.string().optional(),
    GONG_API_URL: z.url().default('http://127.0.0.1:5001'),
    GONG_WEB_PORT: z.coerce.number().int().min(1).max(65535).default(5000),
    NEXTAUTH_URL: z.url().optional(),
    NEXTAUTH_SECRET: z.string().min(16, 'NEXTAUTH_SECRET must be at least 16 characters').optional(),
    COGNITO_CLIENT_ID: z.string().min(1).optional(),
    COGNITO_CLIENT_SECRET: z.string().min(1).optional(),
    COGNITO_ISSUER: z.url().optional(),
  })
  .superRefine((e, ctx) => {
    const serving = e.NODE_ENV === 'production' && e.NEXT_PHASE !== 'phase-production-build';
    if (serving && !e.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEXTAUTH_SECRET'],
        message: 'NEXTAUTH_SECRET is required in production',
      });
    }
  });

function parse() {
  const result = ServerEnv.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid web environment:\n${lines}`);
  }
  const e = result.data;
  return {
    ...e,
    GONG_API_URL: e.GONG_API_URL.replace(/\/+$/, ''),
    // Development convenience only; production requires a real secret (checked above).
    NEXTAUTH_SECRET: e.NEXTAUTH_SECRET ?? 'gong-development-only-secret-not-for-production',
    cognitoEnabled: Boolean(e.COGNITO_CLIENT_ID && e.COGNITO_ISSUER),
  };
}

export const env = parse();

/** What the browser may know. Nothing secret; built from server env by the root layout. */
export const ClientEnv = z.object({ cognitoEnabled: z.boolean() });
export type ClientEnv = z.infer<typeof ClientEnv>;
export const clientEnv: ClientEnv = ClientEnv.parse({ cognitoEnabled: env.cognitoEnabled });
