import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../domain/errors';
import { WorkerStatus } from '../../messages/worker-event';
import type { WorkerStatusStore } from '../../ports/worker-status';

const PK = 'FLEET';
const skOf = (slot: number) => `SLOT#${String(slot).padStart(4, '0')}`;

/**
 * Worker status on the config table: pk `FLEET`, sk `SLOT#<nnnn>`, the status under `data`,
 * `expiresAtMs` (exact) and `expiresAt` (epoch seconds, the table's TTL attribute). TTL deletion is
 * lazy, so reads filter by the caller's `now`. A record that no longer parses reads as absent.
 */
export class DynamoWorkerStatusStore implements WorkerStatusStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(status: WorkerStatus, ttlSec: number): Promise<void> {
    const valid = WorkerStatus.parse(status);
    const expiresAtMs = valid.at + Math.round(ttlSec * 1000);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: PK,
            sk: skOf(valid.slot),
            kind: 'WORKER_STATUS',
            data: valid,
            expiresAtMs,
            expiresAt: Math.ceil(expiresAtMs / 1000),
          },
        }),
      );
    } catch (error) {
      throw new DomainError('UNAVAILABLE', `could not write worker status of slot ${valid.slot}`, {
        cause: error,
      });
    }
  }

  async get(slot: number, now: number): Promise<WorkerStatus | undefined> {
    try {
      const out = await this.doc.send(
        new GetCommand({ TableName: this.table, Key: { pk: PK, sk: skOf(slot) }, ConsistentRead: true }),
      );
      return out.Item === undefined ? undefined : live(out.Item, now);
    } catch (error) {
      throw new DomainError('UNAVAILABLE', `could not read worker status of slot ${slot}`, { cause: error });
    }
  }

  async list(now: number): Promise<WorkerStatus[]> {
    const out: WorkerStatus[] = [];
    let start: Record<string, unknown> | undefined;
    try {
      do {
        const page = await this.doc.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
            ExpressionAttributeValues: { ':pk': PK, ':sk': 'SLOT#' },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          const status = live(item, now);
          if (status !== undefined) out.push(status);
        }
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
    } catch (error) {
      throw new DomainError('UNAVAILABLE', 'could not list worker status', { cause: error });
    }
    return out.sort((a, b) => a.slot - b.slot);
  }
}

function live(item: Record<string, unknown>, now: number): WorkerStatus | undefined {
  if (typeof item.expiresAtMs !== 'number' || item.expiresAtMs <= now) return undefined;
  const parsed = WorkerStatus.safeParse(item.data);
  return parsed.success ? parsed.data : undefined;
}
