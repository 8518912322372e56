import { EpochMs, Id } from '@gong/core/domain/ids';
import { isTerminal, StressRun } from '@gong/core/domain/stress-run';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { type AnyRoute, route } from '../router';
import { getOr404, pathId } from './crud';

export const RunsQuery = z.object({
  connectionId: Id.optional(),
  /** strategy kind: full-force, balanced-growth, random, custom */
  strategy: z.string().min(1).max(40).optional(),
  from: z.coerce.number().pipe(EpochMs).optional(),
  to: z.coerce.number().pipe(EpochMs).optional(),
  verdict: z.enum(['regressed', 'improved', 'no-change', 'none']).optional(),
  state: z.string().min(1).max(20).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(4096).optional(),
});

/** The tenant's live (non-terminal) stress run, newest first; there is at most one by the stress lock. */
export async function currentRunOf(deps: ApiDeps, tenantId: string): Promise<StressRun | undefined> {
  let cursor: string | undefined;
  let live: StressRun | undefined;
  do {
    const page = await deps.repositories.runs.list(tenantId, { limit: 200, ...(cursor ? { cursor } : {}) });
    for (const r of page.items) if (!isTerminal(r.state) && (!live || r.id > live.id)) live = r;
    cursor = page.cursor;
  } while (cursor);
  return live;
}

/** Read side of stress runs (run control — start/stop/abort — is mounted from functions/src/run-control). */
export function runReadRoutes(deps: ApiDeps): AnyRoute[] {
  return [
    route({
      method: 'GET',
      path: '/runs',
      auth: 'viewer',
      tag: 'runs',
      summary: 'Past and current stress runs, filtered (paged)',
      query: RunsQuery,
      activity: 'stress testing: results',
      async handle({ principal, query }) {
        // filters apply within the repository's pages; keep reading until the page is full
        const items: StressRun[] = [];
        let cursor = query.cursor;
        let next: string | undefined;
        do {
          const page = await deps.repositories.runs.list(principal.tenantId, {
            limit: query.limit,
            ...(cursor ? { cursor } : {}),
          });
          for (const r of page.items) {
            if (query.connectionId && r.plan.connectionId !== query.connectionId) continue;
            if (query.strategy && r.plan.strategy.kind !== query.strategy) continue;
            if (query.from !== undefined && r.createdAt < query.from) continue;
            if (query.to !== undefined && r.createdAt > query.to) continue;
            if (query.verdict && r.verdict !== query.verdict) continue;
            if (query.state && r.state !== query.state) continue;
            items.push(r);
          }
          cursor = page.cursor;
          next = page.cursor;
        } while (cursor && items.length < query.limit);
        return { json: { items, ...(next ? { cursor: next } : {}) } };
      },
    }),
    route({
      method: 'GET',
      path: '/runs/current',
      auth: 'viewer',
      tag: 'runs',
      summary: "The tenant's current stress run, if any (anyone in the tenant may watch it)",
      async handle({ principal }) {
        const run = await currentRunOf(deps, principal.tenantId);
        return {
          json: { run: run ?? null },
          activity: run ? `watching stress run ${run.id}` : 'stress testing',
        };
      },
    }),
    route({
      method: 'GET',
      path: '/runs/{id}',
      auth: 'viewer',
      tag: 'runs',
      summary: 'One stress run',
      response: StressRun,
      activity: (p) => `stress run ${p.id ?? ''}`,
      async handle({ principal, params }) {
        return {
          json: await getOr404(
            deps.repositories.runs,
            principal.tenantId,
            pathId(params, 'stress run'),
            'stress run',
          ),
        };
      },
    }),
  ];
}
