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
