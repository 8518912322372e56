import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../domain/errors';
import type { AcquireResult, Lease, LeaseHolder, LeaseStore } from '../../ports/repository';
import { checkDuration } from '../entity-checks';
import { isConditionFailure, itemSk, KIND_PREFIX, tenantPk, unavailable } from './dynamo-keys';

/** Expired leases linger this long before DynamoDB TTL may delete them (they read as absent anyway). */
const TTL_GRACE_SEC = 24 * 3600;

/**
 * Leases on the config table: pk `T#<tenantId>`, sk `LEASE#<key>`, the holder, `acquiredAt` and
 * `leaseExpiresAt` (epoch ms; live while now < leaseExpiresAt), plus `expiresAt` (epoch seconds) for
 * DynamoDB TTL clean-up. Acquire is one conditional PutItem, so exactly one of concurrent acquirers wins;
 * renew and release are conditional on the owner.
 */
export class DynamoLeaseStore implements LeaseStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async acquire(
    tenantId: string,
    key: string,
    holder: LeaseHolder,
    leaseMs: number,
    now: number,
  ): Promise<AcquireResult> {
    checkDuration(leaseMs);
    const lease: Lease = { key, ...pickHolder(holder), acquiredAt: now, expiresAt: now + leaseMs };
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: {
              ...this.key(tenantId, key),
              kind: KIND_PREFIX.lease,
              key,
              ...pickHolder(holder),
              acquiredAt: lease.acquiredAt,
              leaseExpiresAt: lease.expiresAt,
              expiresAt: ttlSeconds(lease.expiresAt),
            },
            ConditionExpression: 'attribute_not_exists(pk) OR leaseExpiresAt <= :now OR ownerId = :owner',
            ExpressionAttributeValues: { ':now': now, ':owner': holder.ownerId },
          }),
        );
        return { ok: true, lease };
      } catch (error) {
        if (!isConditionFailure(error)) throw unavailable(`acquire of lease ${key}`, error);
      }
      // Someone holds it: report who. If it vanished meanwhile (released), try again.
      const current = await this.read(tenantId, key);
      if (current) return { ok: false, current };
    }
    throw new DomainError('CONFLICT', `lease ${key} is changing hands too fast; try again`);
  }

  async renew(
    tenantId: string,
    key: string,
    ownerId: string,
    leaseMs: number,
    now: number,
  ): Promise<boolean> {
    checkDuration(leaseMs);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.key(tenantId, key),
          UpdateExpression: 'SET leaseExpiresAt = :until, expiresAt = :ttl',
          ConditionExpression: 'ownerId = :owner AND leaseExpiresAt > :now',
          ExpressionAttributeValues: {
            ':until': now + leaseMs,
            ':ttl': ttlSeconds(now + leaseMs),
            ':owner': ownerId,
            ':now': now,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw unavailable(`renew of lease ${key}`, error);
    }
  }

  async release(tenantId: string, key: string, ownerId: string): Promise<boolean> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: this.key(tenantId, key),
          ConditionExpression: 'ownerId = :owner',
          ExpressionAttributeValues: { ':owner': ownerId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw unavailable(`release of lease ${key}`, error);
    }
  }

  async get(tenantId: string, key: string, now: number): Promise<Lease | undefined> {
    const lease = await this.read(tenantId, key);
    return lease && lease.expiresAt > now ? lease : undefined;
  }

  private async read(tenantId: string, key: string): Promise<Lease | undefined> {
    let item: Record<string, unknown> | undefined;
    try {
      const out = await this.doc.send(
        new GetCommand({ TableName: this.table, Key: this.key(tenantId, key), ConsistentRead: true }),
      );
      item = out.Item;
    } catch (error) {
      throw unavailable(`read of lease ${key}`, error);
    }
    if (!item) return undefined;
    return {
      key,
      ownerId: String(item.ownerId),
      userId: String(item.userId),
      userName: String(item.userName),
      label: String(item.label),
      acquiredAt: Number(item.acquiredAt),
      expiresAt: Number(item.leaseExpiresAt),
    };
  }

  private key(tenantId: string, key: string) {
    return { pk: tenantPk(tenantId), sk: itemSk(KIND_PREFIX.lease, key) };
  }
}

function pickHolder(holder: LeaseHolder): LeaseHolder {
  return { ownerId: holder.ownerId, userId: holder.userId, userName: holder.userName, label: holder.label };
}

function ttlSeconds(epochMs: number): number {
  return Math.ceil(epochMs / 1000) + TTL_GRACE_SEC;
}
