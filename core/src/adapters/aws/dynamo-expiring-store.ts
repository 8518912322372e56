import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { ExpiringStore } from '../../ports/repository';
import { checkTtl, validateForWrite } from '../entity-checks';
import { type DynamoKey, itemSk, tenantPk, unavailable } from './dynamo-keys';

/**
 * Small TTL records on the config table: pk `T#<tenantId>`, sk `<PREFIX>#<id>`, the value under `data`,
 * `expiresAtMs` (epoch ms, exact) and `expiresAt` (epoch seconds, the DynamoDB TTL attribute). TTL
 * deletion is lazy (up to days late), so reads filter out what has expired by the caller's `now`.
 * A stored value that no longer matches the schema reads as absent (and is reported via onCorrupt).
 */
export class DynamoExpiringStore<T> implements ExpiringStore<T> {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    /** sort-key prefix, e.g. `PRESENCE` */
    private readonly prefix: string,
    private readonly schema: z.ZodType<T>,
    private readonly onCorrupt: (key: DynamoKey, error: unknown) => void = logCorrupt,
  ) {}

  async put(tenantId: string, id: string, value: T, ttlSec: number, now: number): Promise<void> {
    checkTtl(ttlSec);
    const valid = validateForWrite(this.schema, `${this.prefix.toLowerCase()} record`, value);
    const expiresAtMs = now + Math.round(ttlSec * 1000);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...this.key(tenantId, id),
            kind: this.prefix,
            id,
            data: valid,
            expiresAtMs,
            expiresAt: Math.ceil(expiresAtMs / 1000),
          },
        }),
      );
    } catch (error) {
      throw unavailable(`put of ${this.prefix} ${id}`, error);
    }
  }

  async get(tenantId: string, id: string, now: number): Promise<T | undefined> {
    let item: Record<string, unknown> | undefined;
    try {
      const out = await this.doc.send(
        new GetCommand({ TableName: this.table, Key: this.key(tenantId, id), ConsistentRead: true }),
      );
      item = out.Item;
    } catch (error) {
      throw unavailable(`get of ${this.prefix} ${id}`, error);
    }
    return item ? this.live(item, now)?.value : undefined;
  }

  async list(tenantId: string, now: number): Promise<{ id: string; value: T; expiresAt: number }[]> {
    const records: { id: string; value: T; expiresAt: number }[] = [];
    let start: Record<string, unknown> | undefined;
    try {
      do {
        const out = await this.doc.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            FilterExpression: 'expiresAtMs > :now',
            ExpressionAttributeValues: {
              ':pk': tenantPk(tenantId),
              ':prefix': `${this.prefix}#`,
              ':now': now,
            },
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of out.Items ?? []) {
          const record = this.live(item, now);
          if (record) records.push(record);
        }
        start = out.LastEvaluatedKey;
      } while (start);
    } catch (error) {
      throw unavailable(`list of ${this.prefix}`, error);
    }
    return records;
  }

  async delete(tenantId: string, id: string): Promise<void> {
    try {
      await this.doc.send(new DeleteCommand({ TableName: this.table, Key: this.key(tenantId, id) }));
    } catch (error) {
      throw unavailable(`delete of ${this.prefix} ${id}`, error);
    }
  }

  private live(
    item: Record<string, unknown>,
    now: number,
  ): { id: string; value: T; expiresAt: number } | undefined {
    const expiresAt = Number(item.expiresAtMs);
    if (!(expiresAt > now)) return undefined;
    const parsed = this.schema.safeParse(item.data);
    if (!parsed.success) {
      this.onCorrupt({ pk: String(item.pk), sk: String(item.sk) }, parsed.error);
      return undefined;
    }
    return { id: String(item.id), value: parsed.data, expiresAt };
  }

  private key(tenantId: string, id: string) {
    return { pk: tenantPk(tenantId), sk: itemSk(this.prefix, id) };
  }
}

function logCorrupt(key: DynamoKey, error: unknown): void {
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'skipped a corrupt TTL record',
      key,
      error: error instanceof Error ? error.message : String(error),
    }),
  );
}
