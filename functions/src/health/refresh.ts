import type { ApiDeps } from '../api/deps';
import { listAll } from '../api/routes/crud';
import { type ConnectionHealth, checkConnectionHealth } from './connection-health';

/**
 * The timer side of health checks: probes every connection of every tenant and stores the results
 * (the dashboard then reads them from the cache). Probes run a few at a time; one failing connection
 * never stops the others.
 */
export async function refreshAllHealth(
  deps: ApiDeps,
  concurrency = 8,
): Promise<{ tenantId: string; connectionId: string; health: ConnectionHealth }[]> {
  const jobs: (() => Promise<{ tenantId: string; connectionId: string; health: ConnectionHealth }>)[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.repositories.tenants.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    for (const tenant of page.items) {
      for (const c of await listAll(deps.repositories.connections, tenant.id)) {
        jobs.push(async () => ({
          tenantId: tenant.id,
          connectionId: c.id,
          health: await checkConnectionHealth(deps, c),
        }));
      }
    }
    cursor = page.cursor;
  } while (cursor);
  const out: { tenantId: string; connectionId: string; health: ConnectionHealth }[] = [];
  for (let i = 0; i < jobs.length; i += concurrency) {
    const settled = await Promise.allSettled(jobs.slice(i, i + concurrency).map((j) => j()));
    for (const s of settled) if (s.status === 'fulfilled') out.push(s.value);
  }
  return out;
}
