import type { LeaseHolder, LeaseStore } from '@gong/core/ports/repository';
import { beforeEach, describe, expect, it } from 'vitest';
import { uniqueId } from '../support/builders';

function holder(ownerId: string): LeaseHolder {
  return { ownerId, userId: `u-${ownerId}`, userName: `User ${ownerId}`, label: 'Local Jasmin' };
}

/** What every LeaseStore must do. `now` values are near the real clock so DynamoDB TTL never interferes. */
export function leaseStoreContract(name: string, makeStore: () => LeaseStore | Promise<LeaseStore>) {
  describe(`LeaseStore contract: ${name}`, () => {
    let store: LeaseStore;
    let tenant: string;
    const key = 'stress';
    const now = Date.now();

    beforeEach(async () => {
      store = await makeStore();
      tenant = uniqueId('tl');
    });

    it('gives the lease to exactly one of 10 concurrent acquirers', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.acquire(tenant, key, holder(`run-${i}`), 30_000, now)),
      );

      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok);
      expect(winners).toHaveLength(1);
      const winner = winners[0]?.ok ? winners[0].lease : undefined;
      for (const r of losers) if (!r.ok) expect(r.current.ownerId).toBe(winner?.ownerId);
      expect((await store.get(tenant, key, now))?.ownerId).toBe(winner?.ownerId);
    });

    it('reports the holder to a loser, and keeps tenants and keys apart', async () => {
      await store.acquire(tenant, key, holder('run-a'), 30_000, now);

      const loser = await store.acquire(tenant, key, holder('run-b'), 30_000, now + 1);
      const otherKey = await store.acquire(tenant, 'other', holder('run-b'), 30_000, now + 1);
      const otherTenant = await store.acquire(uniqueId('tl'), key, holder('run-b'), 30_000, now + 1);

      expect(loser).toEqual({
        ok: false,
        current: { key, ...holder('run-a'), acquiredAt: now, expiresAt: now + 30_000 },
      });
      expect(otherKey.ok).toBe(true);
      expect(otherTenant.ok).toBe(true);
    });

    it('lets another owner take over an expired lease, after which renew by the old owner fails', async () => {
      await store.acquire(tenant, key, holder('run-a'), 1_000, now);

      const before = await store.acquire(tenant, key, holder('run-b'), 1_000, now + 999);
      const takeover = await store.acquire(tenant, key, holder('run-b'), 1_000, now + 1_000);
      const renewOld = await store.renew(tenant, key, 'run-a', 1_000, now + 1_001);
      const releaseOld = await store.release(tenant, key, 'run-a');

      expect(before.ok).toBe(false);
      expect(takeover.ok).toBe(true);
      expect(renewOld).toBe(false);
      expect(releaseOld).toBe(false);
      expect((await store.get(tenant, key, now + 1_500))?.ownerId).toBe('run-b');
    });

    it('renews a live lease for its owner only, pushing out its expiry', async () => {
      await store.acquire(tenant, key, holder('run-a'), 1_000, now);

      const byOther = await store.renew(tenant, key, 'run-b', 5_000, now + 500);
      const byOwner = await store.renew(tenant, key, 'run-a', 5_000, now + 500);

      expect(byOther).toBe(false);
      expect(byOwner).toBe(true);
      expect((await store.get(tenant, key, now + 5_000))?.expiresAt).toBe(now + 5_500);
      expect(await store.get(tenant, key, now + 5_500)).toBeUndefined();
    });

    it('does not renew an expired lease, even for its former owner', async () => {
      await store.acquire(tenant, key, holder('run-a'), 1_000, now);

      expect(await store.renew(tenant, key, 'run-a', 1_000, now + 1_000)).toBe(false);
    });

    it('releases only for the owner; then anyone may acquire', async () => {
      await store.acquire(tenant, key, holder('run-a'), 30_000, now);

      const byOther = await store.release(tenant, key, 'run-b');
      const byOwner = await store.release(tenant, key, 'run-a');
      const next = await store.acquire(tenant, key, holder('run-b'), 30_000, now + 1);

      expect(byOther).toBe(false);
      expect(byOwner).toBe(true);
      expect(next.ok).toBe(true);
      expect(await store.release(tenant, 'never-held', 'run-a')).toBe(false);
    });

    it('lets the current owner acquire again (an idempotent retry)', async () => {
      await store.acquire(tenant, key, holder('run-a'), 1_000, now);

      const again = await store.acquire(tenant, key, holder('run-a'), 1_000, now + 500);

      expect(again.ok && again.lease.expiresAt).toBe(now + 1_500);
    });
  });
}
