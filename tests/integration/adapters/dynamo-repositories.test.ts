import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoBaseClient, dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { type CorruptItem, DynamoEntityRepository } from '@gong/core/adapters/aws/dynamo-entity-repository';
import { DynamoExpiringStore } from '@gong/core/adapters/aws/dynamo-expiring-store';
import { DynamoLeaseStore } from '@gong/core/adapters/aws/dynamo-lease-store';
import { ensureTables } from '@gong/core/adapters/aws/ensure-tables';
import { dynamoRepositories } from '@gong/core/app/repositories';
import { Connection } from '@gong/core/domain/connection';
import { LoginAttempts } from '@gong/core/domain/ephemeral';
import { isDomainError } from '@gong/core/domain/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { entityRepositoryContract } from '../../contract/entity-repository-contract';
import { expiringStoreContract } from '../../contract/expiring-store-contract';
import { leaseStoreContract } from '../../contract/lease-store-contract';
import { repositoriesContract } from '../../contract/repositories-contract';
import { testAwsConfig } from '../../support/aws-env';
import { aConnection, uniqueId } from '../../support/builders';

const config = testAwsConfig('dyn');
const doc = dynamoClient(config);
const table = tableName(config, 'config');

beforeAll(async () => {
  await ensureTables(config);
});

const connections = (onCorrupt?: (r: CorruptItem) => void) =>
  new DynamoEntityRepository({
    doc,
    table,
    schema: Connection,
    kind: 'connection',
    prefix: 'CONN',
    ...(onCorrupt ? { onCorrupt } : {}),
  });

entityRepositoryContract('DynamoDB Local (connections)', {
  makeRepo: () => connections(),
  build: (tenantId) => aConnection({ tenantId }),
  counter: {
    read: (c) => c.submitThroughput,
    bump: (c) => ({ ...c, submitThroughput: c.submitThroughput + 1 }),
  },
});

leaseStoreContract('DynamoDB Local', () => new DynamoLeaseStore(doc, table));

expiringStoreContract('DynamoDB Local', () => new DynamoExpiringStore(doc, table, 'LOGIN', LoginAttempts));

repositoriesContract('DynamoDB Local', () => dynamoRepositories(config));

describe('DynamoDB adapters specifics', () => {
  it('creates tables with the GSI and TTL, and ensureTables is idempotent', async () => {
    const again = await ensureTables(config);
    const base = dynamoBaseClient(config);

    const described = await base.send(new DescribeTableCommand({ TableName: table }));
    const ttl = await base.send(new DescribeTimeToLiveCommand({ TableName: table }));
    base.destroy();

    expect(again).toEqual([table, tableName(config, 'metrics')]);
    expect(described.Table?.TableStatus).toBe('ACTIVE');
    expect(described.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['gsi1']);
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('expiresAt');
  });

  it('stores entities under pk T#<tenant>, sk <KIND>#<id>, with a version that grows per write', async () => {
    const repo = connections();
    const tenant = uniqueId('tk');
    const c = aConnection({ tenantId: tenant });

    await repo.create(tenant, c);
    await repo.update(tenant, c.id, (x) => ({ ...x, name: 'Renamed' }));
    const raw = await doc.send(
      new GetCommand({ TableName: table, Key: { pk: `T#${tenant}`, sk: `CONN#${c.id}` } }),
    );

    expect(raw.Item).toMatchObject({ kind: 'CONN', version: 2, data: { ...c, name: 'Renamed' } });
  });

  it('reports a corrupt item: get fails with INTERNAL, list skips it and tells onCorrupt', async () => {
    const reports: CorruptItem[] = [];
    const repo = connections((r) => reports.push(r));
    const tenant = uniqueId('tk');
    const good = aConnection({ tenantId: tenant });
    await repo.create(tenant, good);
    await doc.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: `T#${tenant}`,
          sk: 'CONN#zz-bad',
          kind: 'CONN',
          version: 1,
          data: { id: 'zz-bad', name: 42 },
        },
      }),
    );

    const got = await repo.get(tenant, 'zz-bad').catch((e: unknown) => e);
    const listed = await repo.list(tenant);
    const repaired = await repo.put(tenant, aConnection({ tenantId: tenant, id: 'zz-bad' }));

    expect(isDomainError(got, 'INTERNAL')).toBe(true);
    expect((got as Error).message).toMatch(/connection zz-bad is corrupt/);
    expect(listed.items).toEqual([good]);
    expect(reports.map((r) => r.key)).toEqual([{ pk: `T#${tenant}`, sk: 'CONN#zz-bad' }]);
    expect(await repo.get(tenant, 'zz-bad')).toEqual(repaired);
  });

  it('writes the TTL attribute in epoch seconds and hides expired records DynamoDB has not deleted yet', async () => {
    const store = new DynamoExpiringStore(doc, table, 'LOGIN', LoginAttempts);
    const tenant = uniqueId('tk');
    const past = Date.now() - 120_000;

    await store.put(tenant, 'old', { failures: 1, firstAt: past, lastAt: past }, 60, past);
    const raw = await doc.send(
      new GetCommand({ TableName: table, Key: { pk: `T#${tenant}`, sk: 'LOGIN#old' } }),
    );

    expect(raw.Item?.expiresAt).toBe(Math.ceil((past + 60_000) / 1000));
    expect(await store.get(tenant, 'old', Date.now())).toBeUndefined();
    expect(await store.list(tenant, Date.now())).toEqual([]);
  });
});
