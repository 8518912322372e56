import { DomainError } from '@gong/core/domain/errors';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from './deps';
import { errorResult, parseOrThrow } from './errors';
import { type ApiEvent, type ApiResult, decodeBody, header, toResult } from './http';
import { touchPresence } from './presence';
import { requireRole } from './roles';
import { type AnyRoute, Router } from './router';
import { allRoutes } from './routes/all-routes';

export type Api = ((event: ApiEvent) => Promise<ApiResult>) & { routes: readonly AnyRoute[] };

const MAX_BODY_BYTES = 1_000_000;

/**
 * Builds the API from its dependencies. Thin: route → auth → role → validate → handler → map result.
 * The tenant is taken from the verified token only; bodies are parsed with schemas that have no
 * tenantId, so one sent by a client is dropped.
 */
export function createApi(deps: ApiDeps): Api {
  const routes = allRoutes(deps);
  const router = new Router(routes);
  const log =
    deps.log ?? ((message: string, error?: unknown) => console.error(`[api] ${message}`, error ?? ''));

  const api = async (event: ApiEvent): Promise<ApiResult> => {
    try {
      const method = (event.requestContext?.http?.method ?? 'GET').toUpperCase();
      const path = normalizePath(event.rawPath ?? event.requestContext?.http?.path ?? '/');
      const { route, params } = router.match(method, path);

      let principal: Principal | undefined;
      if (route.auth !== 'public') {
        principal = await authenticate(deps, event);
        requireRole(principal, route.auth);
      }

      const rawQuery = Object.fromEntries(new URLSearchParams(event.rawQueryString ?? ''));
      const query = route.query ? parseOrThrow(route.query, rawQuery, 'query') : rawQuery;
      const body = route.body
        ? parseOrThrow(route.body, route.bodyOptional && !decodeBody(event) ? {} : readJson(event), 'body')
        : undefined;

      const reply = await route.handle({
        params,
        query,
        body,
        principal: principal as Principal,
        headers: event.headers ?? {},
      });
      if (principal) {
        const activity =
          reply.activity ?? (typeof route.activity === 'function' ? route.activity(params) : route.activity);
        await touchPresence(deps, principal, activity ?? route.tag).catch((e: unknown) =>
          log('presence update failed', e),
        );
      }
      return toResult(reply);
    } catch (error) {
      return errorResult(error, log);
    }
  };
  return Object.assign(api, { routes });
}

async function authenticate(deps: ApiDeps, event: ApiEvent): Promise<Principal> {
  const value = header(event, 'authorization');
  if (!value) throw new DomainError('UNAUTHORIZED', 'missing Authorization: Bearer <token> header');
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  if (!match?.[1]) throw new DomainError('UNAUTHORIZED', 'the Authorization header must be "Bearer <token>"');
  return deps.tokens.verify(match[1]);
}

function readJson(event: ApiEvent): unknown {
  const text = decodeBody(event);
  if (text === undefined) throw new DomainError('VALIDATION', 'a JSON body is required');
  if (text.length > MAX_BODY_BYTES) {
    throw new DomainError('VALIDATION', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new DomainError('VALIDATION', 'the body is not valid JSON', { cause });
  }
}

function normalizePath(path: string): string {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed || '/';
}
