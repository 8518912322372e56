import { EpochMs, Id } from '@gong/core/domain/ids';
import { isTerminal, StressPlan, StressRun } from '@gong/core/domain/stress-run';
import { z } from 'zod';
import type { Principal } from '../../auth/principal';
import { summarizeRun } from '../../results/summarize-run';
import { type RunContext, type RunControlDeps, STRESS_LOCK_KEY } from '../../run-control/deps';
import { abortRun, stopRun } from '../../run-control/lifecycle';
import { startRun } from '../../run-control/start-run';
import type { ApiDeps } from '../deps';
import { type AnyRoute, route } from '../router';
import { getOr404, pathId } from './crud';
import { checkPlanReferences } from './schedules';

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

/** The run holding the tenant's stress lock, if any (one stress run per tenant at a time). */
export async function currentRunOf(deps: ApiDeps, tenantId: string): Promise<StressRun | undefined> {
  const lease = await deps.repositories.leases.get(tenantId, STRESS_LOCK_KEY, deps.clock.now());
  if (!lease) return undefined;
  const run = await deps.repositories.runs.get(tenantId, lease.ownerId);
  return run && !isTerminal(run.state) ? run : undefined;
}

export function runControlDeps(deps: ApiDeps): RunControlDeps {
  const r = deps.repositories;
  return {
    runs: r.runs,
    leases: r.leases,
    operators: r.operators,
    sequences: r.sequences,
    queue: deps.queue,
    clock: deps.clock,
    rng: deps.rng,
    summarize: (tenantId, runId) =>
      summarizeRun({ metrics: deps.metrics, clock: deps.clock }, tenantId, runId),
    ...(deps.runControl ? { options: deps.runControl } : {}),
  };
}

const runContext = (p: Principal): RunContext => ({
  tenantId: p.tenantId,
  userId: p.userId,
  userName: p.name || p.email,
});

/** Stress runs: start/stop/abort through run control (functions/src/run-control), reads from the repository. */
export function runRoutes(deps: ApiDeps): AnyRoute[] {
  const rc = runControlDeps(deps);
  const runId = (params: Record<string, string>) => pathId(params, 'stress run');
  return [
    route({
      method: 'POST',
      path: '/runs',
      auth: 'stress',
      tag: 'runs',
      summary: 'Start a stress run (one per tenant at a time: 409 BUSY names who holds the lock)',
      body: StressPlan,
      response: StressRun,
      async handle({ principal, body }) {
        await checkPlanReferences(deps, principal.tenantId, body);
        const run = await startRun(rc, runContext(principal), body);
        return { status: 201, json: run, activity: `stress run ${run.id}` };
      },
    }),
    route({
      method: 'POST',
      path: '/runs/{id}/stop',
      auth: 'stress',
      tag: 'runs',
      summary: 'Stop a run gracefully (answers in flight are still collected)',
      response: StressRun,
      async handle({ principal, params }) {
        const run = await stopRun(rc, runContext(principal), runId(params));
        return { json: run, activity: `stress run ${run.id}` };
      },
    }),
    route({
      method: 'POST',
      path: '/runs/{id}/abort',
      auth: 'stress',
      tag: 'runs',
      summary: 'Abort a run now',
      response: StressRun,
      async handle({ principal, params }) {
        const run = await abortRun(rc, runContext(principal), runId(params));
        return { json: run, activity: `stress run ${run.id}` };
      },
    }),
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
