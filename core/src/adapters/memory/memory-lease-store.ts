import type { AcquireResult, Lease, LeaseHolder, LeaseStore } from '../../ports/repository';
import { checkDuration } from '../entity-checks';

/**
 * In-memory twin of the lease store. A lease is live while `now < expiresAt`; an expired lease may be
 * taken over by anyone; the current owner may acquire again (an idempotent retry) which restarts it.
 * `renew` needs a live lease held by the same owner.
 */
export class MemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, Lease>();

  async acquire(
    tenantId: string,
    key: string,
    holder: LeaseHolder,
    leaseMs: number,
    now: number,
  ): Promise<AcquireResult> {
    checkDuration(leaseMs);
    const id = slot(tenantId, key);
    const current = this.leases.get(id);
    if (current && current.expiresAt > now && current.ownerId !== holder.ownerId) {
      return { ok: false, current: { ...current } };
    }
    const lease: Lease = {
      key,
      ownerId: holder.ownerId,
      userId: holder.userId,
      userName: holder.userName,
      label: holder.label,
      acquiredAt: now,
      expiresAt: now + leaseMs,
    };
    this.leases.set(id, lease);
    return { ok: true, lease: { ...lease } };
  }

  async renew(
    tenantId: string,
    key: string,
    ownerId: string,
    leaseMs: number,
    now: number,
  ): Promise<boolean> {
    checkDuration(leaseMs);
    const current = this.leases.get(slot(tenantId, key));
    if (!current || current.ownerId !== ownerId || current.expiresAt <= now) return false;
    current.expiresAt = now + leaseMs;
    return true;
  }

  async release(tenantId: string, key: string, ownerId: string): Promise<boolean> {
    const id = slot(tenantId, key);
    if (this.leases.get(id)?.ownerId !== ownerId) return false;
    this.leases.delete(id);
    return true;
  }

  async get(tenantId: string, key: string, now: number): Promise<Lease | undefined> {
    const current = this.leases.get(slot(tenantId, key));
    return current && current.expiresAt > now ? { ...current } : undefined;
  }
}

function slot(tenantId: string, key: string): string {
  return `${tenantId}\u0000${key}`;
}
