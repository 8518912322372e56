import { DomainError } from '@gong/core/domain/errors';
import { RESULTS_QUEUE } from '@gong/core/infra/resources';
import { z } from 'zod';
import { LoginBody, login } from '../../auth/login';
import type { ApiDeps } from '../deps';
import { type AnyRoute, route } from '../router';
import { publicUser } from './users';

async function timed(check: () => Promise<unknown>): Promise<{ ok: boolean; ms: number; error?: string }> {
  const started = performance.now();
  try {
    await check();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (e) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: (e as Error).message.slice(0, 200),
    };
  }
}

const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.number(),
  user: z.object({
    id: z.string(),
    tenantId: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
  }),
});

/** Health, login, who-am-I. */
export function systemRoutes(deps: ApiDeps): AnyRoute[] {
  return [
    route({
      method: 'GET',
      path: '/health',
      auth: 'public',
      tag: 'system',
      summary: 'Liveness and reachability of DynamoDB and SQS (no token needed)',
      async handle() {
        const [dynamodb, sqs] = await Promise.all([
          timed(() => deps.repositories.tenants.get('_health')),
          timed(() => deps.queue.depth(RESULTS_QUEUE.name)),
        ]);
        const ok = dynamodb.ok && sqs.ok;
        return { status: ok ? 200 : 503, json: { ok, dynamodb, sqs, at: deps.clock.now() } };
      },
    }),
    route({
      method: 'POST',
      path: '/auth/login',
      auth: 'public',
      tag: 'auth',
      summary:
        'Email + password → bearer token (local mode); failed attempts per email are slowed down, then 429',
      body: LoginBody,
      response: LoginResponse,
      async handle({ body }) {
        const result = await login(
          {
            users: deps.repositories.users,
            attempts: deps.repositories.loginAttempts,
            tokens: deps.tokens.issuer,
            clock: deps.clock,
            policy: deps.config.login,
          },
          body,
        );
        return { json: result };
      },
    }),
    route({
      method: 'GET',
      path: '/me',
      auth: 'viewer',
      tag: 'auth',
      summary: 'The caller: user, tenant and roles from the token',
      activity: 'browsing',
      async handle({ principal }) {
        const [user, tenant] = await Promise.all([
          deps.repositories.users.get(principal.tenantId, principal.userId),
          deps.repositories.tenants.get(principal.tenantId),
        ]);
        if (user?.disabled) throw new DomainError('UNAUTHORIZED', 'this user is disabled');
        return {
          json: {
            id: principal.userId,
            tenantId: principal.tenantId,
            tenantName: tenant?.name ?? '',
            email: user?.email ?? principal.email,
            name: user?.name ?? principal.name,
            roles: principal.roles,
            ...(user ? { user: publicUser(user) } : {}),
          },
        };
      },
    }),
  ];
}
