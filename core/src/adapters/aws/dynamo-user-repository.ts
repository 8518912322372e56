import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, DomainError } from '../../domain/errors';
import { User } from '../../domain/user';
import type { UserRepository } from '../../ports/repository';
import { normalizeEmail } from '../entity-checks';
import {
  backoff,
  type CorruptItem,
  DynamoEntityRepository,
  type Previous,
  versionCondition,
  type WriteOutcome,
} from './dynamo-entity-repository';
import { cancellationCodes, emailPk, KIND_PREFIX, tenantPk, unavailable } from './dynamo-keys';

const EMAIL_SK = 'EMAIL';
const MAX_ATTEMPTS = 30;

/**
 * Users on the config table. Emails are unique across tenants: every write of a user is a transaction
 * that also claims an `EMAIL#<email>` marker item (and frees the old one when the email changes).
 * `findByEmail` reads the marker (strongly consistent) and then the user; the user item also carries
 * gsi1pk `EMAIL#<email>` for ad-hoc queries.
 */
export class DynamoUserRepository extends DynamoEntityRepository<User> implements UserRepository {
  constructor(doc: DynamoDBDocumentClient, table: string, onCorrupt?: (report: CorruptItem) => void) {
    super({
      doc,
      table,
      schema: User,
      kind: 'user',
      prefix: KIND_PREFIX.user,
      ...(onCorrupt ? { onCorrupt } : {}),
    });
  }

  async findByEmail(email: string): Promise<User | undefined> {
    let marker: Record<string, unknown> | undefined;
    try {
      const out = await this.doc.send(
        new GetCommand({
          TableName: this.table,
          Key: { pk: emailPk(normalizeEmail(email)), sk: EMAIL_SK },
          ConsistentRead: true,
        }),
      );
      marker = out.Item;
    } catch (error) {
      throw unavailable('email lookup', error);
    }
    if (typeof marker?.tenantId !== 'string' || typeof marker.userId !== 'string') return undefined;
    return this.get(marker.tenantId, marker.userId);
  }

  override async delete(tenantId: string, id: string): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.readForReplace(tenantId, id);
      if (!current) return false;
      if (!current.entity) return super.delete(tenantId, id);
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: { TableName: this.table, Key: this.key(tenantId, id), ...versionCondition(current) },
              },
              { Delete: this.releaseMarker(tenantId, id, current.entity.email) },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (!cancellationCodes(error)) throw unavailable(`delete of user ${id}`, error);
      }
      await backoff(attempt);
    }
    throw new DomainError('CONFLICT', `user ${id} is being changed by too many writers; try again`);
  }

  protected override extraAttributes(tenantId: string, user: User): Record<string, string> {
    return { gsi1pk: emailPk(user.email), gsi1sk: tenantPk(tenantId) };
  }

  protected override async write(
    tenantId: string,
    next: User,
    previous: Previous<User> | undefined,
  ): Promise<WriteOutcome> {
    const oldEmail = previous?.entity?.email;
    const transact = new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.table,
            Item: this.item(tenantId, next, (previous?.version ?? 0) + 1),
            ...versionCondition(previous),
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: { pk: emailPk(next.email), sk: EMAIL_SK, kind: 'EMAIL', tenantId, userId: next.id },
            ...ownedOrFree(tenantId, next.id),
          },
        },
        ...(oldEmail !== undefined && oldEmail !== next.email
          ? [{ Delete: this.releaseMarker(tenantId, next.id, oldEmail) }]
          : []),
      ],
    });
    for (let attempt = 0; ; attempt++) {
      try {
        await this.doc.send(transact);
        return 'ok';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw unavailable(`write of user ${next.id}`, error);
        if (codes[0] === 'ConditionalCheckFailed') return 'stale';
        if (codes[1] === 'ConditionalCheckFailed') throw conflict(`email ${next.email} is already in use`);
        // TransactionConflict (another transaction on the same items) or a throttle: try again
        if (attempt >= MAX_ATTEMPTS) throw unavailable(`write of user ${next.id}`, error);
        await backoff(attempt);
      }
    }
  }

  private releaseMarker(tenantId: string, userId: string, email: string) {
    return {
      TableName: this.table,
      Key: { pk: emailPk(email), sk: EMAIL_SK },
      ...ownedOrFree(tenantId, userId),
    };
  }
}

/** The email marker is absent or already belongs to this user. */
function ownedOrFree(tenantId: string, userId: string) {
  return {
    ConditionExpression: 'attribute_not_exists(pk) OR (tenantId = :tenantId AND userId = :userId)',
    ExpressionAttributeValues: { ':tenantId': tenantId, ':userId': userId },
  };
}
