import type { Tenant } from '../domain/tenant';
import type { User } from '../domain/user';

export interface Page<T> {
  items: T[];
  /** opaque; pass back to get the next page; absent on the last page */
  cursor?: string;
}

export interface ListOptions {
  limit?: number;
  cursor?: string;
}

export interface TenantScoped {
  id: string;
  tenantId: string;
}

/**
 * Tenant-scoped storage for one kind of entity. `tenantId` is always the first argument and comes
 * from the caller's verified token; an entity of another tenant is simply not found.
 */
export interface EntityRepository<T extends TenantScoped> {
  get(tenantId: string, id: string): Promise<T | undefined>;
  /** In id order (ids sort by creation time). */
  list(tenantId: string, options?: ListOptions): Promise<Page<T>>;
  /** Fails with DomainError CONFLICT when the id exists. */
  create(tenantId: string, entity: T): Promise<T>;
  /** Create or replace. */
  put(tenantId: string, entity: T): Promise<T>;
  /**
   * Read-modify-write with optimistic concurrency: `change` may run more than once if another writer
   * got in between. Fails with NOT_FOUND when absent.
   */
  update(tenantId: string, id: string, change: (current: T) => T): Promise<T>;
  /** True when something was deleted. */
  delete(tenantId: string, id: string): Promise<boolean>;
}

export interface UserRepository extends EntityRepository<User> {
  /** Global lookup for login: emails are unique across tenants. */
  findByEmail(email: string): Promise<User | undefined>;
}

export interface LeaseHolder {
  /** what holds it, e.g. a run id */
  ownerId: string;
  userId: string;
  userName: string;
  /** free text shown to others, e.g. the connection name */
  label: string;
}

export interface Lease extends LeaseHolder {
  key: string;
  acquiredAt: number;
  expiresAt: number;
}

export type AcquireResult = { ok: true; lease: Lease } | { ok: false; current: Lease };

/**
 * Named per-tenant locks with a lease (the stress lock): a conditional write, so exactly one of
 * concurrent acquirers wins; an expired lease may be taken over.
 */
export interface LeaseStore {
  acquire(
    tenantId: string,
    key: string,
    holder: LeaseHolder,
    leaseMs: number,
    now: number,
  ): Promise<AcquireResult>;
  /** Extends a lease the owner still holds; false when it was lost. */
  renew(tenantId: string, key: string, ownerId: string, leaseMs: number, now: number): Promise<boolean>;
  release(tenantId: string, key: string, ownerId: string): Promise<boolean>;
  /** The live lease, if any (expired ones are reported as absent). */
  get(tenantId: string, key: string, now: number): Promise<Lease | undefined>;
}

/** Small records that expire by TTL: presence, login throttling, health results. */
export interface ExpiringStore<T> {
  put(tenantId: string, id: string, value: T, ttlSec: number, now: number): Promise<void>;
  get(tenantId: string, id: string, now: number): Promise<T | undefined>;
  /** Every live record of the tenant. */
  list(tenantId: string, now: number): Promise<{ id: string; value: T; expiresAt: number }[]>;
  delete(tenantId: string, id: string): Promise<void>;
}

/**
 * Tenants themselves are not tenant-scoped: the tenant id is the record's own id. Listing every tenant
 * is an operator/bootstrap concern (seeds, admin tooling), never reachable with a user's token.
 */
export interface TenantRepository {
  get(id: string): Promise<Tenant | undefined>;
  list(options?: ListOptions): Promise<Page<Tenant>>;
  /** Fails with DomainError CONFLICT when the id exists. */
  create(tenant: Tenant): Promise<Tenant>;
  /** Create or replace. */
  put(tenant: Tenant): Promise<Tenant>;
  delete(id: string): Promise<boolean>;
}
