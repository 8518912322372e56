import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { syncAllSlots } from '../fleet-sync';
import { type AnyRoute, route } from '../router';

/** Fleet maintenance: re-send every worker slot its operators (idempotent; returns nothing of other tenants). */
export function fleetRoutes(deps: ApiDeps): AnyRoute[] {
  return [
    route({
      method: 'POST',
      path: '/fleet/sync',
      auth: 'admin',
      tag: 'fleet',
      summary: 'Send operators.sync to every worker slot (after seeding or a worker restart)',
      response: z.object({ slots: z.number() }),
      activity: 'settings: fleet',
      async handle() {
        return { json: { slots: await syncAllSlots(deps) } };
      },
    }),
  ];
}
