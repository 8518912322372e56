import type { z } from 'zod';
import { conflict, DomainError, notFound } from '../../domain/errors';
import type { EntityRepository, ListOptions, Page, TenantScoped } from '../../ports/repository';
import { assertSameIdentity, assertTenant, pageLimit, validateForWrite } from '../entity-checks';
import { decodeCursor, encodeCursor } from './memory-cursor';

interface Stored<T> {
  entity: T;
  version: number;
}

const MAX_UPDATE_ATTEMPTS = 50;

/**
 * In-memory twin of the DynamoDB entity repository. It behaves like the real one where callers can
 * tell: entities are validated with their schema on write, copies go in and out (no shared
 * references), ids list in order, paging uses an opaque cursor, and `update` is optimistic — it
 * yields between read and write and retries when another writer got in first.
 */
export class MemoryEntityRepository<T extends TenantScoped> implements EntityRepository<T> {
  protected readonly byTenant = new Map<string, Map<string, Stored<T>>>();

  constructor(
    protected readonly schema: z.ZodType<T>,
    protected readonly kind: string,
  ) {}

  async get(tenantId: string, id: string): Promise<T | undefined> {
    const stored = this.byTenant.get(tenantId)?.get(id);
    return stored ? structuredClone(stored.entity) : undefined;
  }

  async list(tenantId: string, options: ListOptions = {}): Promise<Page<T>> {
    const limit = pageLimit(options.limit);
    const after =
      options.cursor === undefined ? undefined : decodeCursor(this.scope(tenantId), options.cursor);
    const ids = [...(this.byTenant.get(tenantId)?.keys() ?? [])].sort();
    const start = after === undefined ? 0 : ids.findIndex((id) => id > after);
    const slice = start < 0 ? [] : ids.slice(start, start + limit);
    const items = slice.map((id) => structuredClone(this.tenantMap(tenantId).get(id)?.entity as T));
    const last = slice.at(-1);
    const more = start >= 0 && start + limit < ids.length;
    return more && last !== undefined
      ? { items, cursor: encodeCursor(this.scope(tenantId), last) }
      : { items };
  }

  async create(tenantId: string, entity: T): Promise<T> {
    const valid = this.check(tenantId, entity);
    const map = this.tenantMap(tenantId);
    if (map.has(valid.id)) throw conflict(`${this.kind} ${valid.id} already exists`);
    this.beforeWrite(tenantId, undefined, valid);
    map.set(valid.id, { entity: structuredClone(valid), version: 1 });
    return structuredClone(valid);
  }

  async put(tenantId: string, entity: T): Promise<T> {
    const valid = this.check(tenantId, entity);
    const map = this.tenantMap(tenantId);
    const previous = map.get(valid.id);
    this.beforeWrite(tenantId, previous?.entity, valid);
    map.set(valid.id, { entity: structuredClone(valid), version: (previous?.version ?? 0) + 1 });
    return structuredClone(valid);
  }

  async update(tenantId: string, id: string, change: (current: T) => T): Promise<T> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const read = this.byTenant.get(tenantId)?.get(id);
      if (!read) throw notFound(this.kind, id);
      const next = this.check(tenantId, change(structuredClone(read.entity)));
      assertSameIdentity(this.kind, read.entity, next);
      // Let other writers run between our read and our write, as they would against a real database.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const current = this.byTenant.get(tenantId)?.get(id);
      if (!current) throw notFound(this.kind, id);
      if (current.version !== read.version) continue;
      this.beforeWrite(tenantId, current.entity, next);
      this.tenantMap(tenantId).set(id, { entity: structuredClone(next), version: read.version + 1 });
      return structuredClone(next);
    }
    throw new DomainError('CONFLICT', `${this.kind} ${id} is being changed by too many writers; try again`);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const map = this.byTenant.get(tenantId);
    const previous = map?.get(id);
    if (!map || !previous) return false;
    map.delete(id);
    this.afterDelete(tenantId, previous.entity);
    return true;
  }

  /** Hook for subclasses that keep secondary indexes (e.g. unique emails); may throw CONFLICT. */
  protected beforeWrite(_tenantId: string, _previous: T | undefined, _next: T): void {}

  protected afterDelete(_tenantId: string, _previous: T): void {}

  private check(tenantId: string, entity: T): T {
    const valid = validateForWrite(this.schema, this.kind, entity);
    assertTenant(this.kind, tenantId, valid);
    return valid;
  }

  private scope(tenantId: string): string {
    return `${this.kind}:${tenantId}`;
  }

  private tenantMap(tenantId: string): Map<string, Stored<T>> {
    let map = this.byTenant.get(tenantId);
    if (!map) {
      map = new Map();
      this.byTenant.set(tenantId, map);
    }
    return map;
  }
}
