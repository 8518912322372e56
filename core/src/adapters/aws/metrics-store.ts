import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandOutput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  ItemMetricsStore,
  type ItemMetricsStoreOptions,
  type ItemTable,
} from '../../analysis/item-metrics-store';
import type { MetricsItem } from '../../analysis/metrics-items';
import type { StoreCounters } from '../../ports/metrics-store';

/** DynamoDB transaction limits: 100 items and 4 MB per TransactWriteItems; keep a margin on size. */
const TX_MAX_ITEMS = 100;
const TX_MAX_BYTES = 3_500_000;
const GET_MAX_KEYS = 100;
const CONFLICT_RETRIES = 5;

const itemBytes = (i: MetricsItem) =>
  i.pk.length + i.sk.length + (i.d?.length ?? 0) + (i.z?.length ?? 0) + 40;

/** Splits items into transactions within DynamoDB's limits, preserving order (markers stay last). */
export function transactionChunks(items: readonly MetricsItem[]): MetricsItem[][] {
  const chunks: MetricsItem[][] = [];
  let current: MetricsItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = itemBytes(item);
    if (current.length > 0 && (current.length >= TX_MAX_ITEMS || bytes + size > TX_MAX_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The metrics table in DynamoDB: puts go in transactions of up to 100 items (one request each). */
export class DynamoItemTable implements ItemTable {
  private readonly stats: StoreCounters = { writeRequests: 0, readRequests: 0, itemsWritten: 0 };

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async getMany(keys: readonly { pk: string; sk: string }[]): Promise<MetricsItem[]> {
    const out: MetricsItem[] = [];
    for (let i = 0; i < keys.length; i += GET_MAX_KEYS) {
      let pending: Record<string, unknown>[] | undefined = keys
        .slice(i, i + GET_MAX_KEYS)
        .map((k) => ({ pk: k.pk, sk: k.sk }));
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0) await delay(20 * 2 ** Math.min(attempt, 6));
        this.stats.readRequests++;
        const res: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({
            RequestItems: { [this.table]: { Keys: pending, ProjectionExpression: 'pk, sk' } },
          }),
        );
        out.push(...((res.Responses?.[this.table] ?? []) as MetricsItem[]));
        pending = res.UnprocessedKeys?.[this.table]?.Keys;
      }
    }
    return out;
  }

  async query(pk: string, from: string, to: string, limit?: number): Promise<MetricsItem[]> {
    const out: MetricsItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      this.stats.readRequests++;
      const res: QueryCommandOutput = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
          ExclusiveStartKey: start,
          ...(limit ? { Limit: limit - out.length } : {}),
        }),
      );
      for (const item of res.Items ?? []) out.push(toItem(item));
      start = res.LastEvaluatedKey;
    } while (start && (limit === undefined || out.length < limit));
    return out;
  }

  async write(items: readonly MetricsItem[]): Promise<number> {
    let requests = 0;
    for (const chunk of transactionChunks(items)) {
      for (let attempt = 0; ; attempt++) {
        requests++;
        this.stats.writeRequests++;
        try {
          await this.client.send(
            new TransactWriteCommand({
              TransactItems: chunk.map((Item) => ({ Put: { TableName: this.table, Item } })),
            }),
          );
          break;
        } catch (e) {
          // concurrent writers of the same batch (a redelivery racing the original) conflict: the
          // items are identical, so retrying is safe
          const conflict =
            e instanceof TransactionCanceledException &&
            (e.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
          if (!conflict || attempt >= CONFLICT_RETRIES) throw e;
          await delay(25 * 2 ** attempt);
        }
      }
      this.stats.itemsWritten += chunk.length;
    }
    return requests;
  }

  async writeOnce(items: readonly MetricsItem[], markers: readonly MetricsItem[]) {
    const chunks = transactionChunks(items);
    const last = chunks.at(-1);
    // markers ride with the last items when they fit, else in a transaction of their own
    const tail = last && last.length + markers.length <= TX_MAX_ITEMS ? (chunks.pop() as MetricsItem[]) : [];
    let requests = 0;
    if (chunks.length > 0) {
      // several transactions: ask first, so a redelivery does not rewrite the leading ones
      const present = await this.getMany(markers);
      if (present.length === markers.length) return { written: false, requests };
      requests += await this.write(chunks.flat());
    }
    const transact = [
      ...tail.map((Item) => ({ Put: { TableName: this.table, Item } })),
      ...markers.map((Item) => ({
        Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' },
      })),
    ];
    for (let attempt = 0; ; attempt++) {
      requests++;
      this.stats.writeRequests++;
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: transact }));
        this.stats.itemsWritten += transact.length;
        return { written: true, requests };
      } catch (e) {
        const reasons = e instanceof TransactionCanceledException ? (e.CancellationReasons ?? []) : [];
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return { written: false, requests };
        if (!reasons.some((r) => r.Code === 'TransactionConflict') || attempt >= CONFLICT_RETRIES) throw e;
        await delay(25 * 2 ** attempt);
      }
    }
  }

  counters(): StoreCounters {
    return { ...this.stats };
  }
}

function toItem(raw: Record<string, unknown>): MetricsItem {
  const item: MetricsItem = { pk: String(raw.pk), sk: String(raw.sk), expiresAt: Number(raw.expiresAt ?? 0) };
  if (typeof raw.d === 'string') item.d = raw.d;
  if (raw.z instanceof Uint8Array) item.z = raw.z;
  return item;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function dynamoMetricsStore(
  client: DynamoDBDocumentClient,
  table: string,
  options?: Partial<ItemMetricsStoreOptions>,
): ItemMetricsStore {
  return new ItemMetricsStore(new DynamoItemTable(client, table), {
    nowSec: options?.nowSec ?? (() => Date.now() / 1000),
    retentionDays: options?.retentionDays ?? 90,
  });
}
