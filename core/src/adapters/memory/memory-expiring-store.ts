import type { z } from 'zod';
import type { ExpiringStore } from '../../ports/repository';
import { checkTtl, validateForWrite } from '../entity-checks';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * In-memory twin of the TTL store. A record is live while `now < expiresAt` (epoch ms, as returned by
 * `list`). Expired records are dropped when they are next touched.
 */
export class MemoryExpiringStore<T> implements ExpiringStore<T> {
  private readonly byTenant = new Map<string, Map<string, Entry<T>>>();

  /** With a schema, values are validated (and defaulted) on write, as the DynamoDB adapter does. */
  constructor(private readonly schema?: z.ZodType<T>) {}

  async put(tenantId: string, id: string, value: T, ttlSec: number, now: number): Promise<void> {
    checkTtl(ttlSec);
    const valid = this.schema ? validateForWrite(this.schema, 'record', value) : value;
    let map = this.byTenant.get(tenantId);
    if (!map) {
      map = new Map();
      this.byTenant.set(tenantId, map);
    }
    map.set(id, { value: structuredClone(valid), expiresAt: now + ttlSec * 1000 });
  }

  async get(tenantId: string, id: string, now: number): Promise<T | undefined> {
    const map = this.byTenant.get(tenantId);
    const entry = map?.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      map?.delete(id);
      return undefined;
    }
    return structuredClone(entry.value);
  }

  async list(tenantId: string, now: number): Promise<{ id: string; value: T; expiresAt: number }[]> {
    const map = this.byTenant.get(tenantId);
    if (!map) return [];
    const live: { id: string; value: T; expiresAt: number }[] = [];
    for (const [id, entry] of [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (entry.expiresAt <= now) map.delete(id);
      else live.push({ id, value: structuredClone(entry.value), expiresAt: entry.expiresAt });
    }
    return live;
  }

  async delete(tenantId: string, id: string): Promise<void> {
    this.byTenant.get(tenantId)?.delete(id);
  }
}
