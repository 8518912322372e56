/**
 * Test data builders: `aConnection({ name: 'x' })` gives a valid entity with sensible defaults, parsed
 * through its schema, so tests only spell out what they are about. Ids are unique per call.
 */
import { Connection } from '@gong/core/domain/connection';
import { FunctionalSession } from '@gong/core/domain/functional-session';
import { Operator } from '@gong/core/domain/operator';
import { ScenarioRecord } from '@gong/core/domain/scenario-record';
import { Schedule } from '@gong/core/domain/schedule';
import { LibraryEntry, Sequence } from '@gong/core/domain/sequence';
import { Strategy } from '@gong/core/domain/strategy';
import { StressRun } from '@gong/core/domain/stress-run';
import { Tenant } from '@gong/core/domain/tenant';
import { User } from '@gong/core/domain/user';

const T0 = Date.UTC(2026, 0, 1);
let counter = 0;

/** A unique, id-safe, creation-ordered id: `<prefix>-<6-digit counter>-<random>`. */
export function uniqueId(prefix = 'id'): string {
  counter += 1;
  return `${prefix}-${String(counter).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`;
}

type Over<T> = Partial<T>;

export function aTenant(over: Over<Tenant> = {}): Tenant {
  return Tenant.parse({ id: uniqueId('tenant'), name: 'Acme Mobile', createdAt: T0, ...over });
}

export function aUser(over: Over<User> = {}): User {
  const id = over.id ?? uniqueId('user');
  return User.parse({
    id,
    tenantId: 'tenant-a',
    email: `${id}@example.test`,
    name: 'Ada Tester',
    roles: ['tester'],
    passwordHash: 'scrypt$fake$hash',
    createdAt: T0,
    ...over,
  });
}

export function aConnection(over: Over<Connection> = {}): Connection {
  return Connection.parse({
    id: uniqueId('conn'),
    tenantId: 'tenant-a',
    name: 'Local Jasmin',
    jcli: { host: '127.0.0.1' },
    smpp: { host: '127.0.0.1' },
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

export function anOperator(over: Over<Operator> = {}): Operator {
  return Operator.parse({
    id: uniqueId('op'),
    tenantId: 'tenant-a',
    connectionId: 'conn-1',
    name: 'Orange RO',
    slot: 0,
    bindSystemId: 'orange',
    bindPassword: 'secret',
    numberRanges: [{ prefix: '40721', from: 0, to: 999, width: 6 }],
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

export function aSequence(over: Over<Sequence> = {}): Sequence {
  return Sequence.parse({
    id: uniqueId('seq'),
    tenantId: 'tenant-a',
    name: 'Balance check',
    steps: [
      {
        id: 'step-1',
        message: { text: 'BAL' },
        expect: { kind: 'regex', pattern: '^Your balance is \\d+ EUR$' },
      },
    ],
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

export function aLibraryEntry(over: Over<LibraryEntry> = {}): LibraryEntry {
  return LibraryEntry.parse({
    id: uniqueId('lib'),
    tenantId: 'tenant-a',
    serviceName: 'Balance',
    input: { text: 'BAL' },
    expectedPatterns: [{ kind: 'contains', text: 'balance' }],
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

export function aStrategy(over: Over<Strategy> = {}): Strategy {
  return Strategy.parse({
    id: uniqueId('strat'),
    tenantId: 'tenant-a',
    name: 'Full force',
    spec: { kind: 'full-force', ratePerNumber: 1 },
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

export function aStressRun(over: Over<StressRun> = {}): StressRun {
  return StressRun.parse({
    id: uniqueId('run'),
    tenantId: 'tenant-a',
    plan: {
      connectionId: 'conn-1',
      operators: [{ operatorId: 'op-1', minNumbers: 1, maxNumbers: 10 }],
      durationSec: 60,
      strategy: { kind: 'full-force', ratePerNumber: 1 },
    },
    state: 'planned',
    startedBy: 'user-1',
    createdAt: T0,
    ...over,
  });
}

export function aSession(over: Over<FunctionalSession> = {}): FunctionalSession {
  return FunctionalSession.parse({
    id: uniqueId('sess'),
    tenantId: 'tenant-a',
    userId: 'user-1',
    connectionId: 'conn-1',
    operatorId: 'op-1',
    msisdn: '40721000001',
    mode: 'manual',
    state: 'open',
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

export function aSchedule(over: Over<Schedule> = {}): Schedule {
  return Schedule.parse({
    id: uniqueId('sched'),
    tenantId: 'tenant-a',
    name: 'Nightly',
    cron: '0 2 * * ?',
    plan: aStressRun().plan,
    thresholds: ['p95<500ms'],
    createdBy: 'user-1',
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

export function aScenario(over: Over<ScenarioRecord> = {}): ScenarioRecord {
  return ScenarioRecord.parse({
    id: uniqueId('scen'),
    tenantId: 'tenant-a',
    name: 'Smoke',
    format: 'json',
    source: '{"name":"smoke"}',
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}
