import { z } from 'zod';
import { connectionHealth } from '../../health/connection-health';
import type { ApiDeps } from '../deps';
import { listPresence } from '../presence';
import { type AnyRoute, route } from '../router';
import { listAll } from './crud';
import { currentRunOf } from './runs';

/** Connections probed at once by one dashboard read (the rest show their cached colour or "unknown"). */
const MAX_PROBES_PER_READ = 20;

export function dashboardRoutes(deps: ApiDeps): AnyRoute[] {
  return [
    route({
      method: 'GET',
      path: '/dashboard',
      auth: 'viewer',
      tag: 'dashboard',
      summary: 'Who is here and doing what, the current stress run, connection health, worker fleet status',
      activity: 'dashboard',
      response: z.object({
        presence: z.array(
          z.object({ userId: z.string(), userName: z.string(), where: z.string(), seenAt: z.number() }),
        ),
        currentRun: z.unknown().optional(),
        connections: z.array(z.object({ id: z.string(), name: z.string(), health: z.unknown() })),
        fleet: z.array(z.unknown()),
      }),
      async handle({ principal }) {
        const tenantId = principal.tenantId;
        const [presence, run, connections, fleet] = await Promise.all([
          listPresence(deps, tenantId),
          currentRunOf(deps, tenantId),
          listAll(deps.repositories.connections, tenantId),
          deps.fleet.list(deps.clock.now()),
        ]);
        const health = await Promise.all(
          connections.map(async (c, i) => ({
            id: c.id,
            name: c.name,
            health:
              i < MAX_PROBES_PER_READ
                ? await connectionHealth(deps, c)
                : { colour: 'amber', reason: 'not checked yet', checkedAt: 0, details: [] },
          })),
        );
        // fleet status is not tenant data beyond bind lists: keep only this tenant's binds
        const ownFleet = fleet.map((w) => ({
          ...w,
          binds: w.binds.filter((b) => b.tenantId === tenantId),
          activeRuns: [],
        }));
        return {
          json: { presence, ...(run ? { currentRun: run } : {}), connections: health, fleet: ownFleet },
        };
      },
    }),
  ];
}
