import { DomainError } from '@gong/core/domain/errors';
import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import type { Reply } from './http';
import type { RoleNeed } from './roles';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteRequest<B = unknown, Q = Record<string, string>> {
  params: Record<string, string>;
  query: Q;
  body: B;
  /** absent only on public routes */
  principal: Principal;
  headers: Record<string, string | undefined>;
}

export interface Route<B = unknown, Q = Record<string, string>> {
  method: Method;
  /** `/connections/{id}/jcli-script` */
  path: string;
  /** `public` routes need no token; otherwise the role(s) required */
  auth: 'public' | RoleNeed;
  summary: string;
  tag: string;
  body?: z.ZodType<B>;
  /** an absent body is read as `{}` */
  bodyOptional?: boolean;
  query?: z.ZodType<Q>;
  /** schema of a 2xx JSON answer, for the OpenAPI document */
  response?: z.ZodType;
  /** what the caller is doing, for presence (a handler's `Reply.activity` wins) */
  activity?: string | ((params: Record<string, string>) => string);
  produces?: 'json' | 'csv' | 'text';
  handle(req: RouteRequest<B, Q>): Promise<Reply>;
}

/** Identity helper that keeps the body/query types inferred from their schemas. */
export function route<B = unknown, Q = Record<string, string>>(r: Route<B, Q>): Route<B, Q> {
  return r;
}

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous route table; each route is type-checked where it is built
export type AnyRoute = Route<any, any>;

interface Compiled {
  route: AnyRoute;
  segments: string[];
  literals: number;
}

export interface Match {
  route: AnyRoute;
  params: Record<string, string>;
}

/** A tiny router: exact segments beat `{param}` segments, so `/runs/current` wins over `/runs/{id}`. */
export class Router {
  private readonly compiled: Compiled[];

  constructor(readonly routes: readonly AnyRoute[]) {
    this.compiled = routes
      .map((r) => {
        const segments = split(r.path);
        return { route: r, segments, literals: segments.filter((s) => !isParam(s)).length };
      })
      .sort((a, b) => b.literals - a.literals);
    const seen = new Set<string>();
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) throw new Error(`route defined twice: ${key}`);
      seen.add(key);
    }
  }

  match(method: string, path: string): Match {
    const parts = split(path);
    let pathMatched = false;
    for (const c of this.compiled) {
      const params = matchSegments(c.segments, parts);
      if (!params) continue;
      pathMatched = true;
      if (c.route.method === method.toUpperCase()) return { route: c.route, params };
    }
    if (pathMatched) throw new DomainError('NOT_FOUND', `method ${method} is not allowed on ${path}`);
    throw new DomainError('NOT_FOUND', `no route for ${method} ${path}`);
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const v = parts[i] as string;
    if (isParam(p)) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(v);
      } catch {
        return undefined;
      }
      params[p.slice(1, -1)] = decoded;
    } else if (p !== v) {
      return undefined;
    }
  }
  return params;
}
