import type { z } from 'zod';
import { type AwsConfig, dynamoClient, tableName } from '../adapters/aws/clients';
import { type CorruptItem, DynamoEntityRepository } from '../adapters/aws/dynamo-entity-repository';
import { DynamoExpiringStore } from '../adapters/aws/dynamo-expiring-store';
import { KIND_PREFIX } from '../adapters/aws/dynamo-keys';
import { DynamoLeaseStore } from '../adapters/aws/dynamo-lease-store';
import { DynamoTenantRepository } from '../adapters/aws/dynamo-tenant-repository';
import { DynamoUserRepository } from '../adapters/aws/dynamo-user-repository';
import { MemoryEntityRepository } from '../adapters/memory/memory-entity-repository';
import { MemoryExpiringStore } from '../adapters/memory/memory-expiring-store';
import { MemoryLeaseStore } from '../adapters/memory/memory-lease-store';
import { MemoryTenantRepository } from '../adapters/memory/memory-tenant-repository';
import { MemoryUserRepository } from '../adapters/memory/memory-user-repository';
import { Connection } from '../domain/connection';
import { HealthResult, LoginAttempts, Presence } from '../domain/ephemeral';
import { FunctionalSession } from '../domain/functional-session';
import { Operator } from '../domain/operator';
import { ScenarioRecord } from '../domain/scenario-record';
import { Schedule } from '../domain/schedule';
import { LibraryEntry, Sequence } from '../domain/sequence';
import { Strategy } from '../domain/strategy';
import { StressRun } from '../domain/stress-run';
import { CONFIG_TABLE } from '../infra/resources';
import type {
  EntityRepository,
  ExpiringStore,
  LeaseStore,
  TenantRepository,
  UserRepository,
} from '../ports/repository';

/** Every configuration repository Gong uses; built for memory (tests) or DynamoDB (local cloud, AWS). */
export interface Repositories {
  tenants: TenantRepository;
  users: UserRepository;
  connections: EntityRepository<Connection>;
  operators: EntityRepository<Operator>;
  sequences: EntityRepository<Sequence>;
  library: EntityRepository<LibraryEntry>;
  strategies: EntityRepository<Strategy>;
  runs: EntityRepository<StressRun>;
  sessions: EntityRepository<FunctionalSession>;
  schedules: EntityRepository<Schedule>;
  scenarios: EntityRepository<ScenarioRecord>;
  /** named per-tenant locks, e.g. the stress lock */
  leases: LeaseStore;
  /** who is watching what (short TTL) */
  presence: ExpiringStore<Presence>;
  /** failed logins per email, for throttling */
  loginAttempts: ExpiringStore<LoginAttempts>;
  /** last health check per connection id */
  health: ExpiringStore<HealthResult>;
}

export function memoryRepositories(): Repositories {
  return {
    tenants: new MemoryTenantRepository(),
    users: new MemoryUserRepository(),
    connections: new MemoryEntityRepository(Connection, 'connection'),
    operators: new MemoryEntityRepository(Operator, 'operator'),
    sequences: new MemoryEntityRepository(Sequence, 'sequence'),
    library: new MemoryEntityRepository(LibraryEntry, 'library entry'),
    strategies: new MemoryEntityRepository(Strategy, 'strategy'),
    runs: new MemoryEntityRepository(StressRun, 'stress run'),
    sessions: new MemoryEntityRepository(FunctionalSession, 'functional session'),
    schedules: new MemoryEntityRepository(Schedule, 'schedule'),
    scenarios: new MemoryEntityRepository(ScenarioRecord, 'scenario'),
    leases: new MemoryLeaseStore(),
    presence: new MemoryExpiringStore(Presence),
    loginAttempts: new MemoryExpiringStore(LoginAttempts),
    health: new MemoryExpiringStore(HealthResult),
  };
}

export interface DynamoRepositoriesOptions {
  /** where corrupt items met while listing are reported (default: a JSON line on stderr) */
  onCorrupt?: (report: CorruptItem) => void;
}

/**
 * Every repository on the single config table `${prefix}-config` (create it with `ensureTables`).
 * One DynamoDB client is shared by all of them.
 */
export function dynamoRepositories(config: AwsConfig, options: DynamoRepositoriesOptions = {}): Repositories {
  const doc = dynamoClient(config);
  const table = tableName(config, CONFIG_TABLE.name);
  const onCorrupt = options.onCorrupt ? { onCorrupt: options.onCorrupt } : {};
  const entities = <T extends { id: string; tenantId: string }>(
    schema: z.ZodType<T>,
    kind: keyof typeof KIND_PREFIX,
  ): EntityRepository<T> =>
    new DynamoEntityRepository({ doc, table, schema, kind, prefix: KIND_PREFIX[kind], ...onCorrupt });
  return {
    tenants: new DynamoTenantRepository(doc, table, options.onCorrupt),
    users: new DynamoUserRepository(doc, table, options.onCorrupt),
    connections: entities(Connection, 'connection'),
    operators: entities(Operator, 'operator'),
    sequences: entities(Sequence, 'sequence'),
    library: entities(LibraryEntry, 'library entry'),
    strategies: entities(Strategy, 'strategy'),
    runs: entities(StressRun, 'stress run'),
    sessions: entities(FunctionalSession, 'functional session'),
    schedules: entities(Schedule, 'schedule'),
    scenarios: entities(ScenarioRecord, 'scenario'),
    leases: new DynamoLeaseStore(doc, table),
    presence: new DynamoExpiringStore(doc, table, 'PRESENCE', Presence),
    loginAttempts: new DynamoExpiringStore(doc, table, 'LOGIN', LoginAttempts),
    health: new DynamoExpiringStore(doc, table, 'HEALTH', HealthResult),
  };
}
