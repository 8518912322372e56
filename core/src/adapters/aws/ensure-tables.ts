import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../domain/errors';
import { TABLES, type TableDef } from '../../infra/resources';
import { type AwsConfig, dynamoBaseClient, tableName } from './clients';

export interface EnsureTablesOptions {
  /** default: every table of core/src/infra/resources.ts */
  tables?: readonly TableDef[];
  /** how long to wait for a table to become ACTIVE; default 60 s */
  timeoutMs?: number;
}

/**
 * Creates the tables (with their GSIs and TTL attribute) that are missing, then waits until each is
 * ACTIVE. Idempotent and safe to run from several processes at once: a table being created by someone
 * else is simply waited for. Pay-per-request billing, all GSI attributes projected.
 */
export async function ensureTables(config: AwsConfig, options: EnsureTablesOptions = {}): Promise<string[]> {
  const client = dynamoBaseClient(config);
  try {
    const names: string[] = [];
    for (const def of options.tables ?? TABLES) {
      const name = tableName(config, def.name);
      await ensureTable(client, name, def, options.timeoutMs ?? 60_000);
      names.push(name);
    }
    return names;
  } finally {
    client.destroy();
  }
}

async function ensureTable(
  client: DynamoDBClient,
  name: string,
  def: TableDef,
  timeoutMs: number,
): Promise<void> {
  if (!(await describe(client, name))) {
    try {
      await client.send(new CreateTableCommand(createInput(name, def)));
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ResourceInUseException')) {
        throw failure(`could not create table ${name}`, error);
      }
    }
  }
  await waitActive(client, name, timeoutMs);
  if (def.ttlAttribute) await ensureTtl(client, name, def.ttlAttribute);
}

function createInput(name: string, def: TableDef) {
  const keyNames = new Set([def.partitionKey, def.sortKey]);
  for (const index of def.indexes) keyNames.add(index.partitionKey).add(index.sortKey);
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...keyNames].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: def.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: def.sortKey, KeyType: 'RANGE' as const },
    ],
    ...(def.indexes.length > 0
      ? {
          GlobalSecondaryIndexes: def.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
              { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}

async function describe(client: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw failure(`could not describe table ${name}`, error);
  }
}

async function waitActive(client: DynamoDBClient, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
    const table = await describe(client, name);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) {
      throw new DomainError(
        'UNAVAILABLE',
        `table ${name} is not ACTIVE after ${timeoutMs} ms (status ${table?.TableStatus ?? 'missing'})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

async function ensureTtl(client: DynamoDBClient, name: string, attribute: string): Promise<void> {
  try {
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
    if (status === 'ENABLED' || status === 'ENABLING') return;
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
    );
  } catch (error) {
    // Two processes enabling TTL at once: the loser is told TTL is already being enabled.
    if (error instanceof Error && /already enabled|TimeToLive is already/i.test(error.message)) return;
    throw failure(`could not enable TTL on ${name}.${attribute}`, error);
  }
}

function failure(message: string, error: unknown): DomainError {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new DomainError('UNAVAILABLE', `${message} (${detail})`, { cause: error });
}
