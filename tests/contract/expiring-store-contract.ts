import type { ExpiringStore } from '@gong/core/ports/repository';
import { beforeEach, describe, expect, it } from 'vitest';
import { uniqueId } from '../support/builders';

export interface Counter {
  failures: number;
  firstAt: number;
  lastAt: number;
}

/** What every ExpiringStore must do, with a LoginAttempts-shaped value. */
export function expiringStoreContract(
  name: string,
  makeStore: () => ExpiringStore<Counter> | Promise<ExpiringStore<Counter>>,
) {
  describe(`ExpiringStore contract: ${name}`, () => {
    let store: ExpiringStore<Counter>;
    let tenant: string;
    const now = Date.now();
    const value = (failures: number): Counter => ({ failures, firstAt: now, lastAt: now });

    beforeEach(async () => {
      store = await makeStore();
      tenant = uniqueId('te');
    });

    it('returns a record until its TTL passes, then treats it as gone', async () => {
      await store.put(tenant, 'a@example.test', value(1), 60, now);

      const live = await store.get(tenant, 'a@example.test', now + 59_999);
      const expired = await store.get(tenant, 'a@example.test', now + 60_000);
      const listedExpired = await store.list(tenant, now + 60_000);

      expect(live).toEqual(value(1));
      expect(expired).toBeUndefined();
      expect(listedExpired).toEqual([]);
    });

    it('lists only live records of the tenant, with their expiry in epoch ms', async () => {
      await store.put(tenant, 'short', value(1), 10, now);
      await store.put(tenant, 'long', value(2), 100, now);
      await store.put(uniqueId('te'), 'other-tenant', value(3), 100, now);

      const listed = await store.list(tenant, now + 50_000);

      expect(listed).toEqual([{ id: 'long', value: value(2), expiresAt: now + 100_000 }]);
    });

    it('replaces a record on put (new value, new TTL) and deletes it', async () => {
      await store.put(tenant, 'k', value(1), 10, now);
      await store.put(tenant, 'k', value(2), 100, now);

      const replaced = await store.get(tenant, 'k', now + 50_000);
      await store.delete(tenant, 'k');
      await store.delete(tenant, 'never-there');

      expect(replaced).toEqual(value(2));
      expect(await store.get(tenant, 'k', now)).toBeUndefined();
    });

    it('keeps tenants apart', async () => {
      await store.put(tenant, 'k', value(1), 60, now);

      expect(await store.get(uniqueId('te'), 'k', now)).toBeUndefined();
    });
  });
}
