import { Tenant } from '../../domain/tenant';
import type { ListOptions, Page, TenantRepository } from '../../ports/repository';
import { MemoryEntityRepository } from './memory-entity-repository';

type Scoped = Tenant & { tenantId: string };

/** Tenants are stored as entities scoped to themselves; one shared partition lists them all. */
export class MemoryTenantRepository implements TenantRepository {
  private readonly inner = new MemoryEntityRepository<Scoped>(
    Tenant.extend({ tenantId: Tenant.shape.id }),
    'tenant',
  );

  async get(id: string): Promise<Tenant | undefined> {
    const found = await this.inner.get(ALL, id);
    return found ? strip(found) : undefined;
  }

  async list(options?: ListOptions): Promise<Page<Tenant>> {
    const page = await this.inner.list(ALL, options);
    return { ...page, items: page.items.map(strip) };
  }

  async create(tenant: Tenant): Promise<Tenant> {
    return strip(await this.inner.create(ALL, { ...tenant, tenantId: ALL }));
  }

  async put(tenant: Tenant): Promise<Tenant> {
    return strip(await this.inner.put(ALL, { ...tenant, tenantId: ALL }));
  }

  delete(id: string): Promise<boolean> {
    return this.inner.delete(ALL, id);
  }
}

const ALL = 'all-tenants';

function strip({ tenantId: _, ...tenant }: Scoped): Tenant {
  return tenant;
}
