import { StressPlan } from '@gong/core/domain/stress-run';
import { aStressRun } from '../../support/builders';
import { call, type Fixture } from './api-fixture';

/** Everything one tenant owns, created through the API (plus a stress run written directly). */
export interface SeededTenant {
  tenantId: string;
  token: string;
  ids: Record<string, string>;
  /** strings that must never appear in another tenant's answers */
  markers: string[];
}

export async function seedTenant(f: Fixture, tenantId: string, tag: string): Promise<SeededTenant> {
  const token = await f.token(tenantId, ['admin', 'stress', 'tester', 'viewer'], `owner-${tenantId}`);
  const ok = async (method: string, path: string, body: unknown) => {
    const res = await call(f.api, method, path, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
    return res.json;
  };
  const connection = await ok('POST', '/connections', {
    name: `${tag}-connection`,
    jcli: { host: '127.0.0.1', port: 1, username: `${tag}jcliuser`, password: `${tag}-jcli-pw` },
    smpp: { host: '127.0.0.1', port: 1, systemId: `${tag}esme`.slice(0, 15), password: 'esmepw' },
    submitThroughput: 0,
  });
  const operator = await ok('POST', '/operators', {
    connectionId: connection.id,
    name: `${tag}-operator`,
    slot: 0,
    bindSystemId: `${tag}bind`.slice(0, 15),
    bindPassword: `${tag}-bindpw`.slice(0, 16),
    numberRanges: [{ prefix: tag === 'alpha' ? '4071' : '4079', from: 0, to: 99, width: 3 }],
  });
  const sequence = await ok('POST', '/sequences', {
    name: `${tag}-sequence`,
    steps: [{ message: { text: `${tag}-BAL` }, expect: { kind: 'contains', text: 'balance' } }],
  });
  const library = await ok('POST', '/library', { serviceName: `${tag}-service`, input: { text: 'BAL' } });
  const strategy = await ok('POST', '/strategies', {
    name: `${tag}-strategy`,
    spec: { kind: 'full-force', ratePerNumber: 2 },
  });
  const scenario = await ok('POST', '/scenarios/import', {
    format: 'json',
    name: `${tag}-scenario`,
    source: JSON.stringify(scenarioJson(tag)),
  });
  const plan = {
    connectionId: connection.id,
    operators: [{ operatorId: operator.id, minNumbers: 1, maxNumbers: 2 }],
    durationSec: 10,
    strategy: { kind: 'full-force', ratePerNumber: 1 },
  };
  const schedule = await ok('POST', '/schedules', { name: `${tag}-schedule`, cron: '0 2 * * ?', plan });
  const user = await ok('POST', '/users', {
    email: `${tag}-someone@example.test`,
    name: `${tag}-someone`,
    roles: ['viewer'],
    password: `${tag}-password-1`,
  });
  const session = await ok('POST', '/sessions', { connectionId: connection.id, operatorId: operator.id });
  const base = aStressRun();
  const run = aStressRun({
    tenantId,
    plan: StressPlan.parse({ ...base.plan, ...plan, name: `${tag}-run` }),
    startedBy: user.id,
    state: 'running',
  });
  await f.repositories.runs.create(tenantId, run);
  return {
    tenantId,
    token,
    ids: {
      connection: connection.id,
      operator: operator.id,
      sequence: sequence.id,
      library: library.id,
      strategy: strategy.id,
      scenario: scenario.id,
      schedule: schedule.id,
      user: user.id,
      session: session.id,
      run: run.id,
    },
    markers: [
      `${tag}-connection`,
      `${tag}-jcli-pw`,
      `${tag}jcliuser`,
      `${tag}-operator`,
      `${tag}-sequence`,
      `${tag}-BAL`,
      `${tag}-service`,
      `${tag}-strategy`,
      `${tag}-scenario`,
      `${tag}-schedule`,
      `${tag}-someone`,
      `${tag}-run`,
      session.msisdn,
    ],
  };
}

export function scenarioJson(tag: string) {
  return {
    name: `${tag}-scenario`,
    clients: { number: 2 },
    time: { max: 10 },
    connection: { ref: `${tag}-connection` },
    operators: [{ ref: `${tag}-operator` }],
    strategy: { kind: 'full-force', ratePerNumber: 1 },
    protocol: {
      name: 'Operator',
      items: [{ kind: 'cmd', cmd: { name: 'bal', call: { fn: 'send', text: 'BAL' } } }],
    },
  };
}

/** Which seeded id a path's `{id}` stands for, from the path's first segment. */
export const RESOURCE_OF: Record<string, string> = {
  connections: 'connection',
  operators: 'operator',
  sequences: 'sequence',
  library: 'library',
  strategies: 'strategy',
  scenarios: 'scenario',
  schedules: 'schedule',
  users: 'user',
  sessions: 'session',
  runs: 'run',
};

export function fillPath(path: string, ids: Record<string, string>): string {
  const resource = RESOURCE_OF[path.split('/')[1] ?? ''];
  return path.replace('{id}', resource ? (ids[resource] ?? 'missing') : 'missing');
}

/** A valid body for each route that takes one, given the caller's own ids (or another tenant's). */
export function validBody(key: string, own: Record<string, string>, tag = 'x'): unknown {
  const plan = {
    connectionId: own.connection,
    operators: [{ operatorId: own.operator, minNumbers: 1, maxNumbers: 2 }],
    durationSec: 10,
    strategy: { kind: 'full-force', ratePerNumber: 1 },
  };
  const bodies: Record<string, unknown> = {
    'POST /auth/login': { email: 'nobody@example.test', password: 'nope' },
    'POST /connections': {
      name: `${tag}-c`,
      jcli: { host: '127.0.0.1', port: 1 },
      smpp: { host: '127.0.0.1' },
    },
    'PUT /connections/{id}': {
      name: `${tag}-c2`,
      jcli: { host: '127.0.0.1', port: 1 },
      smpp: { host: '127.0.0.1' },
    },
    'POST /operators': {
      connectionId: own.connection,
      name: `${tag}-o`,
      slot: 1,
      bindSystemId: `${tag}o`.slice(0, 15),
      bindPassword: 'pw',
      numberRanges: [{ prefix: '4073', from: 0, to: 9, width: 2 }],
    },
    'PUT /operators/{id}': {
      connectionId: own.connection,
      name: `${tag}-o2`,
      slot: 1,
      bindSystemId: `${tag}p`.slice(0, 15),
      numberRanges: [{ prefix: '4073', from: 0, to: 9, width: 2 }],
    },
    'POST /sequences': { name: `${tag}-s`, steps: [{ message: { text: 'HI' } }] },
    'PUT /sequences/{id}': { name: `${tag}-s2`, steps: [{ message: { text: 'HI' } }] },
    'POST /library': { serviceName: `${tag}-l`, input: { text: 'BAL' } },
    'PUT /library/{id}': { serviceName: `${tag}-l2`, input: { text: 'BAL' } },
    'POST /strategies': { name: `${tag}-st`, spec: { kind: 'full-force', ratePerNumber: 1 } },
    'PUT /strategies/{id}': { name: `${tag}-st2`, spec: { kind: 'full-force', ratePerNumber: 1 } },
    'POST /strategies/preview': {
      strategy: own.strategy,
      durationSec: 5,
      operators: [{ operatorId: own.operator ?? 'op', numberCount: 2 }],
    },
    'POST /scenarios': { name: `${tag}-sc`, format: 'json', source: JSON.stringify(scenarioJson(tag)) },
    'PUT /scenarios/{id}': { name: `${tag}-sc2`, format: 'json', source: JSON.stringify(scenarioJson(tag)) },
    'POST /scenarios/import': { format: 'json', source: JSON.stringify(scenarioJson(tag)) },
    'POST /users': {
      email: `${tag}-u${Math.random().toString(36).slice(2, 7)}@example.test`,
      name: 'U',
      roles: ['viewer'],
      password: 'password-1',
    },
    'PUT /users/{id}': { email: `${tag}-u2@example.test`, name: 'U2', roles: ['viewer'] },
    'POST /schedules': { name: `${tag}-sch`, cron: '0 3 * * ?', plan },
    'PUT /schedules/{id}': { name: `${tag}-sch2`, cron: '0 3 * * ?', plan },
    'POST /sessions': { connectionId: own.connection, operatorId: own.operator },
    'POST /sessions/{id}/send': { message: { text: 'HELLO' } },
    'POST /sessions/{id}/auto': { sequenceId: own.sequence },
    'POST /sessions/{id}/stop': {},
    'PATCH /sessions/{id}': { record: false },
    'POST /sessions/{id}/jira': {},
    'POST /runs': { ...plan },
  };
  return bodies[key];
}
