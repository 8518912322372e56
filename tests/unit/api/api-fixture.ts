import { MemoryQueue } from '@gong/core/adapters/memory/memory-queue';
import { memoryMetricsStore } from '@gong/core/adapters/memory/metrics-store';
import { memoryRepositories, type Repositories } from '@gong/core/app/repositories';
import type { Role } from '@gong/core/domain/user';
import { allQueues } from '@gong/core/infra/resources';
import type { WorkerStatus } from '@gong/core/messages/worker-event';
import { type Clock, systemClock } from '@gong/core/ports/clock';
import type { MetricsStore } from '@gong/core/ports/metrics-store';
import { seededRng } from '@gong/core/rng';
import { type Api, createApi } from '@gong/functions/api/app';
import { type ApiConfig, type ApiDeps, DEFAULT_API_CONFIG } from '@gong/functions/api/deps';
import type { ApiEvent } from '@gong/functions/api/http';
import { localTokens } from '@gong/functions/auth/local-tokens';
import type { ProbeFn } from '@gong/functions/health/probe';
import { aTenant, aUser } from '../../support/builders';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-42';

export interface Fixture {
  api: Api;
  deps: ApiDeps;
  repositories: Repositories;
  queue: MemoryQueue;
  statuses: WorkerStatus[];
  metrics: MetricsStore;
  token(tenantId: string, roles: Role[], userId?: string): Promise<string>;
}

export interface FixtureOptions {
  config?: Partial<ApiConfig>;
  probe?: ProbeFn;
  fetch?: typeof fetch;
  clock?: Clock;
}

/** The API over the in-memory twins: real router, real JWTs, real queue twin. */
export function apiFixture(options: FixtureOptions = {}): Fixture {
  const repositories = memoryRepositories();
  const clock = options.clock ?? systemClock;
  const queue = new MemoryQueue(allQueues(2), clock);
  const tokens = localTokens({ secret: TEST_SECRET, issuer: 'gong-test', ttlSec: 3600 }, clock);
  const statuses: WorkerStatus[] = [];
  const metrics = memoryMetricsStore();
  const deps: ApiDeps = {
    repositories,
    queue,
    clock,
    config: {
      ...DEFAULT_API_CONFIG,
      login: { maxFailures: 3, windowSec: 60, delayMsPerFailure: 30, maxDelayMs: 100 },
      probeTimeoutMs: 300,
      jcliTimeoutMs: 2000,
      ...options.config,
    },
    tokens: { verify: tokens.verify, issuer: tokens },
    fleet: { list: async () => statuses },
    metrics,
    rng: seededRng(7),
    probe: options.probe ?? (async () => ({ ok: false, ms: 0, error: 'ECONNREFUSED' })),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    log: () => {},
  };
  return {
    api: createApi(deps),
    deps,
    repositories,
    queue,
    statuses,
    metrics,
    async token(tenantId, roles, userId) {
      const id = userId ?? `user-${tenantId}-${roles.join('-') || 'none'}`;
      if (!(await repositories.users.get(tenantId, id))) {
        if (!(await repositories.tenants.get(tenantId)))
          await repositories.tenants.put(aTenant({ id: tenantId }));
        await repositories.users.put(
          tenantId,
          aUser({
            id,
            tenantId,
            roles: roles.length ? roles : ['viewer'],
            email: `${id}@example.test`,
            name: id,
          }),
        );
      }
      return (await tokens.mint({ userId: id, tenantId, roles, name: id, email: `${id}@example.test` }))
        .token;
    },
  };
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** raw body text (for malformed JSON) */
  rawBody?: string;
  query?: string;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers freely
  json: any;
}

/** Builds an HTTP API v2 event exactly as the local shim does and calls the API. */
export async function call(
  api: Api,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const event: ApiEvent = {
    version: '2.0',
    rawPath: path,
    rawQueryString: options.query ?? '',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
    requestContext: { http: { method, path, sourceIp: '127.0.0.1' }, requestId: 'test' },
  };
  const result = await api(event);
  let json: unknown;
  try {
    json = result.body ? JSON.parse(result.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: result.statusCode, headers: result.headers, text: result.body, json };
}
