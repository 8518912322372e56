import type { Repositories } from '@gong/core/app/repositories';
import type { EntityRepository, TenantScoped } from '@gong/core/ports/repository';
import {
  DEFAULT_SEED_PORTS,
  DEMO_LIBRARY,
  DEMO_OPERATORS,
  DEMO_PASSWORD,
  DEMO_SEQUENCES,
  DEMO_STRATEGIES,
  DEMO_TENANTS,
  DEMO_USERS,
  demoConnections,
  type SeedPorts,
} from './demo';

export interface SeedReport {
  created: number;
  kept: number;
}

/**
 * Loads the demo data. Idempotent: an item that already exists is kept as it is (a user who
 * changed the demo data keeps the change), so `npm start` can call this every time.
 * `hashPassword` is the API's slow hash: passwords are never stored in clear.
 */
export async function loadSeeds(
  repos: Repositories,
  hashPassword: (plain: string) => Promise<string>,
  ports: SeedPorts = DEFAULT_SEED_PORTS,
): Promise<SeedReport> {
  const report: SeedReport = { created: 0, kept: 0 };
  const count = (created: boolean) => {
    if (created) report.created++;
    else report.kept++;
  };

  for (const tenant of DEMO_TENANTS) {
    const exists = await repos.tenants.get(tenant.id);
    if (!exists) await repos.tenants.put(tenant);
    count(!exists);
  }
  for (const user of DEMO_USERS) {
    const exists = await repos.users.get(user.tenantId, user.id);
    if (!exists) {
      await repos.users.put(user.tenantId, {
        ...user,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        createdAt: Date.UTC(2026, 0, 1),
        disabled: false,
      });
    }
    count(!exists);
  }
  const ensure = async <T extends TenantScoped>(repo: EntityRepository<T>, items: T[]) => {
    for (const item of items) {
      const exists = await repo.get(item.tenantId, item.id);
      if (!exists) await repo.put(item.tenantId, item);
      count(!exists);
    }
  };
  await ensure(repos.connections, demoConnections(ports));
  await ensure(repos.operators, DEMO_OPERATORS);
  await ensure(repos.sequences, DEMO_SEQUENCES);
  await ensure(repos.library, DEMO_LIBRARY);
  await ensure(repos.strategies, DEMO_STRATEGIES);
  return report;
}
