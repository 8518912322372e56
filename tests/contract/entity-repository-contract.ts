import { isDomainError } from '@gong/core/domain/errors';
import type { EntityRepository, TenantScoped } from '@gong/core/ports/repository';
import { beforeEach, describe, expect, it } from 'vitest';
import { uniqueId } from '../support/builders';

export interface EntityContractSetup<T extends TenantScoped> {
  makeRepo(): EntityRepository<T> | Promise<EntityRepository<T>>;
  /** a valid entity of the given tenant with a fresh id */
  build(tenantId: string): T;
  /** a numeric field the contract increments under concurrent writers */
  counter: { read(entity: T): number; bump(entity: T): T };
}

/**
 * What every EntityRepository (memory twin, DynamoDB) must do. Registers describe/it blocks; call it
 * from a test file. Tenant ids are fresh per test, so one shared table works.
 */
export function entityRepositoryContract<T extends TenantScoped>(
  name: string,
  setup: EntityContractSetup<T>,
) {
  describe(`EntityRepository contract: ${name}`, () => {
    let repo: EntityRepository<T>;
    let tenantA: string;
    let tenantB: string;

    beforeEach(async () => {
      repo = await setup.makeRepo();
      tenantA = uniqueId('ta');
      tenantB = uniqueId('tb');
    });

    it('creates, gets, replaces and deletes an entity', async () => {
      const entity = setup.build(tenantA);

      await repo.create(tenantA, entity);
      const read = await repo.get(tenantA, entity.id);
      const bumped = setup.counter.bump(entity);
      await repo.put(tenantA, bumped);
      const afterPut = await repo.get(tenantA, entity.id);
      const deleted = await repo.delete(tenantA, entity.id);
      const deletedAgain = await repo.delete(tenantA, entity.id);

      expect(read).toEqual(entity);
      expect(afterPut).toEqual(bumped);
      expect(deleted).toBe(true);
      expect(deletedAgain).toBe(false);
      expect(await repo.get(tenantA, entity.id)).toBeUndefined();
    });

    it('refuses to create an id that exists (CONFLICT) and keeps the original', async () => {
      const entity = setup.build(tenantA);
      await repo.create(tenantA, entity);

      const error = await repo.create(tenantA, setup.counter.bump(entity)).catch((e: unknown) => e);

      expect(isDomainError(error, 'CONFLICT')).toBe(true);
      expect(await repo.get(tenantA, entity.id)).toEqual(entity);
    });

    it('never shows one tenant the entities of another', async () => {
      const ofA = setup.build(tenantA);
      await repo.create(tenantA, ofA);

      const getFromB = await repo.get(tenantB, ofA.id);
      const listFromB = await repo.list(tenantB);
      const deleteFromB = await repo.delete(tenantB, ofA.id);
      const updateFromB = await repo.update(tenantB, ofA.id, (e) => e).catch((e: unknown) => e);

      expect(getFromB).toBeUndefined();
      expect(listFromB.items).toEqual([]);
      expect(deleteFromB).toBe(false);
      expect(isDomainError(updateFromB, 'NOT_FOUND')).toBe(true);
      expect(await repo.get(tenantA, ofA.id)).toEqual(ofA);
    });

    it('refuses an entity whose tenantId is not the caller tenant', async () => {
      const ofA = setup.build(tenantA);

      const error = await repo.create(tenantB, ofA).catch((e: unknown) => e);

      expect(isDomainError(error, 'VALIDATION')).toBe(true);
      expect(await repo.get(tenantA, ofA.id)).toBeUndefined();
    });

    it('refuses an invalid entity with VALIDATION', async () => {
      const broken = { ...setup.build(tenantA), id: 'has spaces!' };

      const error = await repo.create(tenantA, broken).catch((e: unknown) => e);

      expect(isDomainError(error, 'VALIDATION')).toBe(true);
    });

    it('lists in id order across pages with an opaque cursor', async () => {
      const entities = Array.from({ length: 7 }, () => setup.build(tenantA));
      for (const e of [...entities].reverse()) await repo.create(tenantA, e);
      await repo.create(tenantB, setup.build(tenantB));

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repo.list(tenantA, { limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((e) => e.id));
        cursor = page.cursor;
        pages += 1;
      } while (cursor && pages < 10);

      expect(seen).toEqual(entities.map((e) => e.id).sort());
      expect(pages).toBeGreaterThanOrEqual(3);
    });

    it('rejects a cursor from another tenant or a garbage cursor', async () => {
      for (let i = 0; i < 3; i++) await repo.create(tenantA, setup.build(tenantA));
      const page = await repo.list(tenantA, { limit: 1 });
      expect(page.cursor).toBeDefined();

      const foreign = await repo.list(tenantB, { cursor: page.cursor as string }).catch((e: unknown) => e);
      const garbage = await repo.list(tenantA, { cursor: 'not-a-cursor' }).catch((e: unknown) => e);

      expect(isDomainError(foreign, 'VALIDATION')).toBe(true);
      expect(isDomainError(garbage, 'VALIDATION')).toBe(true);
    });

    it('loses no update when 10 writers change the same entity at once', async () => {
      const entity = setup.build(tenantA);
      await repo.create(tenantA, entity);
      const start = setup.counter.read(entity);

      await Promise.all(
        Array.from({ length: 10 }, () => repo.update(tenantA, entity.id, setup.counter.bump)),
      );

      const final = await repo.get(tenantA, entity.id);
      expect(final && setup.counter.read(final)).toBe(start + 10);
    });

    it('fails update of a missing entity with NOT_FOUND and an update that changes the id', async () => {
      const entity = setup.build(tenantA);
      await repo.create(tenantA, entity);

      const missing = await repo.update(tenantA, 'missing-id', (e) => e).catch((e: unknown) => e);
      const renamed = await repo
        .update(tenantA, entity.id, (e) => ({ ...e, id: 'other-id' }))
        .catch((e: unknown) => e);

      expect(isDomainError(missing, 'NOT_FOUND')).toBe(true);
      expect(isDomainError(renamed, 'VALIDATION')).toBe(true);
    });

    it('hands out copies: mutating a returned entity does not change the stored one', async () => {
      const entity = setup.build(tenantA);
      const created = await repo.create(tenantA, entity);

      const read = (await repo.get(tenantA, entity.id)) as T;
      Object.assign(read, setup.counter.bump(read));
      Object.assign(created, setup.counter.bump(created));

      expect(await repo.get(tenantA, entity.id)).toEqual(entity);
    });
  });
}
