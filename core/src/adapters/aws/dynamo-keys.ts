import { DomainError } from '../../domain/errors';

/**
 * Key layout of the config table (single-table design):
 *   pk `T#<tenantId>`, sk `<KIND>#<id>`            every tenant-scoped record
 *   pk `EMAIL#<email>`, sk `EMAIL`                  uniqueness marker of a user's email
 *   gsi1pk `EMAIL#<email>` / `TENANTS`              global lookups (users by email, all tenants)
 * Entity items keep the entity itself under `data`, next to `kind` and the optimistic `version`.
 */
export const KIND_PREFIX = {
  tenant: 'TENANT',
  user: 'USER',
  connection: 'CONN',
  operator: 'OP',
  sequence: 'SEQ',
  'library entry': 'LIB',
  strategy: 'STRAT',
  'stress run': 'RUN',
  'functional session': 'SESS',
  schedule: 'SCHED',
  scenario: 'SCEN',
  lease: 'LEASE',
} as const;

export function tenantPk(tenantId: string): string {
  return `T#${tenantId}`;
}

export function itemSk(prefix: string, id: string): string {
  return `${prefix}#${id}`;
}

export function emailPk(email: string): string {
  return `EMAIL#${email}`;
}

export type DynamoKey = Record<string, string>;

/**
 * Paging cursors are the base64url JSON of DynamoDB's LastEvaluatedKey. On the way back in they are
 * checked against what the caller may see (same partition, same kind), so a cursor cannot be used to
 * read another tenant's partition.
 */
export function encodeKeyCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeKeyCursor(cursor: string, expect: (key: DynamoKey) => boolean): DynamoKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.values(key).every((v) => typeof v === 'string') &&
    expect(key as DynamoKey)
  ) {
    return key as DynamoKey;
  }
  throw new DomainError('VALIDATION', 'invalid paging cursor');
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** For a cancelled transaction: the codes per action (`ConditionalCheckFailed`, `None`, …). */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (reasons ?? []).map((r) => r.Code ?? 'None');
}

/** Wraps an unexpected DynamoDB failure so callers get a DomainError with the SDK error as cause. */
export function unavailable(what: string, error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new DomainError('UNAVAILABLE', `DynamoDB ${what} failed (${detail})`, { cause: error });
}
