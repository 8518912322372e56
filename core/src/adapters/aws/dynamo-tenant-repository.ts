import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Tenant } from '../../domain/tenant';
import type { ListOptions, Page, TenantRepository } from '../../ports/repository';
import { type CorruptItem, DynamoEntityRepository } from './dynamo-entity-repository';
import { KIND_PREFIX } from './dynamo-keys';

const ScopedTenant = Tenant.extend({ tenantId: Tenant.shape.id });
type ScopedTenant = Tenant & { tenantId: string };

const ALL_TENANTS = 'TENANTS';

/** Tenant records live in their own partition (pk `T#<id>`, sk `TENANT#<id>`); gsi1 lists them all. */
class TenantItems extends DynamoEntityRepository<ScopedTenant> {
  protected override extraAttributes(_tenantId: string, tenant: ScopedTenant): Record<string, string> {
    return { gsi1pk: ALL_TENANTS, gsi1sk: tenant.id };
  }

  listAll(options: ListOptions): Promise<Page<ScopedTenant>> {
    return this.queryPage(
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :all',
        ExpressionAttributeValues: { ':all': ALL_TENANTS },
      },
      options,
      (key) => key.gsi1pk === ALL_TENANTS && Object.keys(key).length === 4,
    );
  }
}

export class DynamoTenantRepository implements TenantRepository {
  private readonly items: TenantItems;

  constructor(doc: DynamoDBDocumentClient, table: string, onCorrupt?: (report: CorruptItem) => void) {
    this.items = new TenantItems({
      doc,
      table,
      schema: ScopedTenant,
      kind: 'tenant',
      prefix: KIND_PREFIX.tenant,
      ...(onCorrupt ? { onCorrupt } : {}),
    });
  }

  async get(id: string): Promise<Tenant | undefined> {
    const found = await this.items.get(id, id);
    return found ? strip(found) : undefined;
  }

  /** Eventually consistent (a GSI): a tenant created a moment ago may be missing from the list. */
  async list(options: ListOptions = {}): Promise<Page<Tenant>> {
    const page = await this.items.listAll(options);
    return { ...page, items: page.items.map(strip) };
  }

  async create(tenant: Tenant): Promise<Tenant> {
    return strip(await this.items.create(tenant.id, { ...tenant, tenantId: tenant.id }));
  }

  async put(tenant: Tenant): Promise<Tenant> {
    return strip(await this.items.put(tenant.id, { ...tenant, tenantId: tenant.id }));
  }

  delete(id: string): Promise<boolean> {
    return this.items.delete(id, id);
  }
}

function strip({ tenantId: _, ...tenant }: ScopedTenant): Tenant {
  return tenant;
}
