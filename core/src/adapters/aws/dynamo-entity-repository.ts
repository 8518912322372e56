import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { conflict, DomainError, notFound } from '../../domain/errors';
import type { EntityRepository, ListOptions, Page, TenantScoped } from '../../ports/repository';
import {
  assertSameIdentity,
  assertTenant,
  pageLimit,
  summarizeIssues,
  validateForWrite,
} from '../entity-checks';
import {
  type DynamoKey,
  decodeKeyCursor,
  encodeKeyCursor,
  isConditionFailure,
  itemSk,
  tenantPk,
  unavailable,
} from './dynamo-keys';

export interface CorruptItem {
  kind: string;
  key: DynamoKey;
  error: unknown;
}

export interface DynamoEntityOptions<T> {
  doc: DynamoDBDocumentClient;
  /** physical table name */
  table: string;
  schema: z.ZodType<T>;
  /** human name, used in errors: `connection`, `stress run` … */
  kind: string;
  /** sort-key prefix: `CONN`, `RUN` … (see KIND_PREFIX) */
  prefix: string;
  /**
   * Called for every stored item that no longer matches the schema when it is met by `list`; the item
   * is left out of the page so one bad record cannot hide the others. `get` throws INTERNAL instead.
   * Default: one line on stderr.
   */
  onCorrupt?: (report: CorruptItem) => void;
}

export interface Stored<T> {
  entity: T;
  version: number;
}

/** What a write replaces: its version, and its entity unless the stored item was corrupt. */
export interface Previous<T> {
  version: number;
  entity?: T;
}

/** The result of one conditional write attempt: `stale` means another writer got in first. */
export type WriteOutcome = 'ok' | 'stale';

const MAX_ATTEMPTS = 30;

/**
 * EntityRepository on the single config table. Optimistic concurrency: every item carries a `version`;
 * writes are conditional on the version read (or on the item being absent), and a lost race re-reads
 * and retries. Entities are validated with their schema on write and on read.
 */
export class DynamoEntityRepository<T extends TenantScoped> implements EntityRepository<T> {
  protected readonly doc: DynamoDBDocumentClient;
  protected readonly table: string;
  protected readonly schema: z.ZodType<T>;
  protected readonly kind: string;
  protected readonly prefix: string;
  private readonly onCorrupt: (report: CorruptItem) => void;

  constructor(options: DynamoEntityOptions<T>) {
    this.doc = options.doc;
    this.table = options.table;
    this.schema = options.schema;
    this.kind = options.kind;
    this.prefix = options.prefix;
    this.onCorrupt = options.onCorrupt ?? logCorrupt;
  }

  async get(tenantId: string, id: string): Promise<T | undefined> {
    return (await this.read(tenantId, id))?.entity;
  }

  async list(tenantId: string, options: ListOptions = {}): Promise<Page<T>> {
    const pk = tenantPk(tenantId);
    const skPrefix = `${this.prefix}#`;
    return this.queryPage(
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: true,
      },
      options,
      (key) => key.pk === pk && key.sk?.startsWith(skPrefix) === true && Object.keys(key).length === 2,
    );
  }

  async create(tenantId: string, entity: T): Promise<T> {
    const valid = this.check(tenantId, entity);
    if ((await this.write(tenantId, valid, undefined)) === 'stale') {
      throw conflict(`${this.kind} ${valid.id} already exists`);
    }
    return valid;
  }

  async put(tenantId: string, entity: T): Promise<T> {
    const valid = this.check(tenantId, entity);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.readForReplace(tenantId, valid.id);
      if ((await this.write(tenantId, valid, current)) === 'ok') return valid;
      await backoff(attempt);
    }
    throw this.tooManyWriters(valid.id);
  }

  async update(tenantId: string, id: string, change: (current: T) => T): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.read(tenantId, id);
      if (!current) throw notFound(this.kind, id);
      const next = this.check(tenantId, change(structuredClone(current.entity)));
      assertSameIdentity(this.kind, current.entity, next);
      if ((await this.write(tenantId, next, current)) === 'ok') return next;
      await backoff(attempt);
    }
    throw this.tooManyWriters(id);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    try {
      const out = await this.doc.send(
        new DeleteCommand({ TableName: this.table, Key: this.key(tenantId, id), ReturnValues: 'ALL_OLD' }),
      );
      return out.Attributes !== undefined;
    } catch (error) {
      throw unavailable(`delete of ${this.kind} ${id}`, error);
    }
  }

  /** The DynamoDB key of an entity. */
  protected key(tenantId: string, id: string): DynamoKey {
    return { pk: tenantPk(tenantId), sk: itemSk(this.prefix, id) };
  }

  /** Attributes stored next to the entity, e.g. GSI keys. */
  protected extraAttributes(_tenantId: string, _entity: T): Record<string, string> {
    return {};
  }

  /** The item written for `entity` at `version`. */
  protected item(tenantId: string, entity: T, version: number): Record<string, unknown> {
    return {
      ...this.extraAttributes(tenantId, entity),
      ...this.key(tenantId, entity.id),
      kind: this.prefix,
      version,
      data: entity,
    };
  }

  /** One conditional write: create when `previous` is absent, else replace the version read. */
  protected async write(tenantId: string, next: T, previous: Previous<T> | undefined): Promise<WriteOutcome> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: this.item(tenantId, next, (previous?.version ?? 0) + 1),
          ...versionCondition(previous),
        }),
      );
      return 'ok';
    } catch (error) {
      if (isConditionFailure(error)) return 'stale';
      throw unavailable(`write of ${this.kind} ${next.id}`, error);
    }
  }

  /** Consistent read of one entity with its version. A corrupt item throws INTERNAL. */
  protected async read(tenantId: string, id: string): Promise<Stored<T> | undefined> {
    const item = await this.readItem(tenantId, id);
    if (!item) return undefined;
    const parsed = this.parse(item);
    if (parsed.ok) return parsed.stored;
    throw new DomainError(
      'INTERNAL',
      `stored ${this.kind} ${id} is corrupt: ${describeError(parsed.error)}`,
      {
        cause: parsed.error,
      },
    );
  }

  /** Like `read`, but a corrupt item may be replaced by `put` (which is how it gets repaired). */
  protected async readForReplace(tenantId: string, id: string): Promise<Previous<T> | undefined> {
    const item = await this.readItem(tenantId, id);
    if (!item) return undefined;
    const parsed = this.parse(item);
    return parsed.ok ? parsed.stored : { version: versionOf(item) };
  }

  private async readItem(tenantId: string, id: string): Promise<Record<string, unknown> | undefined> {
    try {
      const out = await this.doc.send(
        new GetCommand({ TableName: this.table, Key: this.key(tenantId, id), ConsistentRead: true }),
      );
      return out.Item;
    } catch (error) {
      throw unavailable(`read of ${this.kind} ${id}`, error);
    }
  }

  /** Runs one Query page and turns its items into entities, skipping (and reporting) corrupt ones. */
  protected async queryPage(
    input: QueryCommandInput,
    options: ListOptions,
    cursorAllowed: (key: DynamoKey) => boolean,
  ): Promise<Page<T>> {
    const limit = pageLimit(options.limit);
    const start = options.cursor === undefined ? undefined : decodeKeyCursor(options.cursor, cursorAllowed);
    let out: { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> };
    try {
      out = await this.doc.send(
        new QueryCommand({ ...input, Limit: limit, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
    } catch (error) {
      throw unavailable(`list of ${this.kind}`, error);
    }
    const items: T[] = [];
    for (const item of out.Items ?? []) {
      const parsed = this.parse(item);
      if (parsed.ok) items.push(parsed.stored.entity);
      else this.onCorrupt({ kind: this.kind, key: keyOf(item), error: parsed.error });
    }
    return out.LastEvaluatedKey ? { items, cursor: encodeKeyCursor(out.LastEvaluatedKey) } : { items };
  }

  protected parse(
    item: Record<string, unknown>,
  ): { ok: true; stored: Stored<T> } | { ok: false; error: unknown } {
    const result = this.schema.safeParse(item.data);
    if (!result.success) return { ok: false, error: result.error };
    if (typeof item.version !== 'number') {
      return { ok: false, error: new Error('item has no numeric version') };
    }
    return { ok: true, stored: { entity: result.data, version: item.version } };
  }

  protected check(tenantId: string, entity: T): T {
    const valid = validateForWrite(this.schema, this.kind, entity);
    assertTenant(this.kind, tenantId, valid);
    return valid;
  }

  private tooManyWriters(id: string): DomainError {
    return new DomainError('CONFLICT', `${this.kind} ${id} is being changed by too many writers; try again`);
  }
}

/** Condition for a write after reading `previous`: still that version, or still absent. */
export function versionCondition(previous: { version: number } | undefined): {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  if (previous?.version === 0) {
    // a (corrupt) item without a version: replace it only if that is still the case
    return {
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#version)',
      ExpressionAttributeNames: { '#version': 'version' },
    };
  }
  return previous
    ? {
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': previous.version },
      }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
}

export function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(5 * (attempt + 1), 100)));
}

function versionOf(item: Record<string, unknown>): number {
  return typeof item.version === 'number' ? item.version : 0;
}

function keyOf(item: Record<string, unknown>): DynamoKey {
  return { pk: String(item.pk), sk: String(item.sk) };
}

function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error) return summarizeIssues(error as z.ZodError);
  return error instanceof Error ? error.message : String(error);
}

function logCorrupt(report: CorruptItem): void {
  console.error(
    JSON.stringify({
      level: 'error',
      msg: `skipped a corrupt ${report.kind} item while listing`,
      key: report.key,
      error: describeError(report.error),
    }),
  );
}
