import type { Repositories } from '@gong/core/app/repositories';
import { isDomainError } from '@gong/core/domain/errors';
import type { EntityRepository, TenantScoped } from '@gong/core/ports/repository';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  aConnection,
  aLibraryEntry,
  anOperator,
  aScenario,
  aSchedule,
  aSequence,
  aSession,
  aStrategy,
  aStressRun,
  aTenant,
  aUser,
  uniqueId,
} from '../support/builders';

/**
 * The full set of repositories a backend provides: every entity kind round-trips through its own
 * repository (and only its own), users are unique by email across tenants, tenants list globally.
 */
export function repositoriesContract(name: string, make: () => Repositories | Promise<Repositories>) {
  describe(`Repositories contract: ${name}`, () => {
    let repos: Repositories;
    let tenant: string;

    beforeEach(async () => {
      repos = await make();
      tenant = uniqueId('tr');
    });

    it('round-trips one entity of every kind, each kind in its own namespace', async () => {
      const pairs: [EntityRepository<TenantScoped>, TenantScoped][] = [
        [repos.connections, aConnection({ tenantId: tenant, id: 'same-id' })],
        [repos.operators, anOperator({ tenantId: tenant, id: 'same-id' })],
        [repos.sequences, aSequence({ tenantId: tenant, id: 'same-id' })],
        [repos.library, aLibraryEntry({ tenantId: tenant, id: 'same-id' })],
        [repos.strategies, aStrategy({ tenantId: tenant, id: 'same-id' })],
        [repos.runs, aStressRun({ tenantId: tenant, id: 'same-id' })],
        [repos.sessions, aSession({ tenantId: tenant, id: 'same-id' })],
        [repos.schedules, aSchedule({ tenantId: tenant, id: 'same-id' })],
        [repos.scenarios, aScenario({ tenantId: tenant, id: 'same-id' })],
        [repos.users, aUser({ tenantId: tenant, id: 'same-id' })],
      ];

      for (const [repo, entity] of pairs) await repo.create(tenant, entity);

      for (const [repo, entity] of pairs) {
        expect(await repo.get(tenant, 'same-id')).toEqual(entity);
        expect((await repo.list(tenant)).items).toEqual([entity]);
      }
    });

    it('finds a user by email across tenants, case-insensitively', async () => {
      const user = aUser({ tenantId: tenant, email: `${uniqueId('mail')}@example.test` });
      await repos.users.create(tenant, user);

      const found = await repos.users.findByEmail(`  ${user.email.toUpperCase()} `);
      const missing = await repos.users.findByEmail(`${uniqueId('nobody')}@example.test`);

      expect(found).toEqual(user);
      expect(missing).toBeUndefined();
    });

    it('refuses a second user with the same email, even in another tenant', async () => {
      const email = `${uniqueId('dup')}@example.test`;
      await repos.users.create(tenant, aUser({ tenantId: tenant, email }));
      const other = uniqueId('tr');

      const error = await repos.users
        .create(other, aUser({ tenantId: other, email }))
        .catch((e: unknown) => e);

      expect(isDomainError(error, 'CONFLICT')).toBe(true);
      expect((await repos.users.list(other)).items).toEqual([]);
    });

    it('frees an email when the user changes it or is deleted', async () => {
      const oldEmail = `${uniqueId('old')}@example.test`;
      const newEmail = `${uniqueId('new')}@example.test`;
      const user = aUser({ tenantId: tenant, email: oldEmail });
      await repos.users.create(tenant, user);

      await repos.users.update(tenant, user.id, (u) => ({ ...u, email: newEmail }));
      const byOld = await repos.users.findByEmail(oldEmail);
      const byNew = await repos.users.findByEmail(newEmail);
      const reuse = aUser({ tenantId: tenant, email: oldEmail });
      await repos.users.create(tenant, reuse);
      await repos.users.delete(tenant, user.id);

      expect(byOld).toBeUndefined();
      expect(byNew?.id).toBe(user.id);
      expect(await repos.users.findByEmail(newEmail)).toBeUndefined();
      expect((await repos.users.findByEmail(oldEmail))?.id).toBe(reuse.id);
    });

    it('refuses to move a user onto an email that another user holds', async () => {
      const a = aUser({ tenantId: tenant });
      const b = aUser({ tenantId: tenant });
      await repos.users.create(tenant, a);
      await repos.users.create(tenant, b);

      const error = await repos.users
        .update(tenant, b.id, (u) => ({ ...u, email: a.email }))
        .catch((e: unknown) => e);

      expect(isDomainError(error, 'CONFLICT')).toBe(true);
      expect((await repos.users.findByEmail(a.email))?.id).toBe(a.id);
      expect((await repos.users.findByEmail(b.email))?.id).toBe(b.id);
    });

    it('creates, lists, replaces and deletes tenants', async () => {
      const t = aTenant();
      await repos.tenants.create(t);

      const duplicate = await repos.tenants.create(t).catch((e: unknown) => e);
      await repos.tenants.put({ ...t, name: 'Renamed' });
      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repos.tenants.list({ limit: 100, ...(cursor ? { cursor } : {}) });
        all.push(...page.items.map((x) => x.id));
        cursor = page.cursor;
      } while (cursor);

      expect(isDomainError(duplicate, 'CONFLICT')).toBe(true);
      expect(await repos.tenants.get(t.id)).toEqual({ ...t, name: 'Renamed' });
      expect(all).toContain(t.id);
      expect(await repos.tenants.delete(t.id)).toBe(true);
      expect(await repos.tenants.get(t.id)).toBeUndefined();
    });
  });
}
