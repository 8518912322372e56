import type { WorkerStatus } from '@gong/core/messages/worker-event';
import { principalFromCognitoClaims } from '@gong/functions/auth/cognito-tokens';
import { judgeHealth } from '@gong/functions/health/connection-health';
import { describe, expect, it } from 'vitest';
import { anOperator } from '../../support/builders';
import { apiFixture, call } from './api-fixture';

describe('GET /openapi.json', () => {
  it('documents every route with schemas generated from zod, without a token', async () => {
    const f = apiFixture();
    const res = await call(f.api, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    for (const r of f.api.routes) {
      expect(res.json.paths[r.path]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
    }
    const create = res.json.paths['/connections'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.properties.jcli.properties.password).toBeDefined();
    expect(body.properties).not.toHaveProperty('tenantId');
    const got = res.json.paths['/connections/{id}'].get.responses['200'].content['application/json'].schema;
    expect(got.properties.jcli.properties).not.toHaveProperty('password');
    expect(got.properties.jcli.properties.hasPassword).toEqual({ type: 'boolean' });
    expect(res.json.paths['/health'].get.security).toEqual([]);
    expect(res.json.paths['/users'].get['x-gong-roles']).toEqual(['admin']);
    expect(res.json.paths['/sessions/{id}/export.csv'].get.responses['200'].content).toHaveProperty(
      'text/csv',
    );
  });
});

describe('connection health rule', () => {
  const orange = anOperator({ id: 'op-1', tenantId: 't', name: 'Orange' });
  const up = { ok: true, ms: 3 };
  const down = { ok: false, ms: 3, error: 'ECONNREFUSED' };
  const probes = (jcli: typeof up, smpp: typeof up) => [
    { what: 'jCli', host: 'h', port: 8990, result: jcli },
    { what: 'SMPP', host: 'h', port: 2775, result: smpp },
  ];
  const status = (at: number, operatorId = 'op-1'): WorkerStatus => ({
    type: 'worker.status',
    v: 1,
    workerId: 'w0',
    slot: 0,
    at,
    startedAt: 0,
    port: 2780,
    binds: [
      { tenantId: 't', operatorId, systemId: 'orange', bindType: 'transceiver', peer: 'h:1', since: 0 },
    ],
    queueLagMs: 0,
    sentPerSec: 0,
    answeredPerSec: 0,
    activeRuns: [],
    activeSessions: 0,
  });

  it('is green when every port answers and every operator is bound', () => {
    expect(judgeHealth(probes(up, up), [orange], [status(1000)], 2000).colour).toBe('green');
  });

  it('is amber with the reason when jCli is down or an operator is not bound', () => {
    const jcliDown = judgeHealth(probes(down, up), [orange], [status(1000)], 2000);
    expect(jcliDown.colour).toBe('amber');
    expect(jcliDown.reason).toContain('jCli h:8990 unreachable (ECONNREFUSED)');
    const unbound = judgeHealth(probes(up, up), [orange], [status(1000, 'other')], 2000);
    expect(unbound.colour).toBe('amber');
    expect(unbound.reason).toContain('Orange');
  });

  it('ignores stale worker status and is red when nothing answers and nothing is bound', () => {
    const red = judgeHealth(probes(down, down), [orange], [status(0)], 10 * 60_000);
    expect(red.colour).toBe('red');
  });
});

describe('Cognito claims', () => {
  it('takes the tenant from custom:tenant and roles from groups', () => {
    const p = principalFromCognitoClaims({
      sub: 'u1',
      'custom:tenant': 'acme',
      'cognito:groups': ['admin', 'viewer', 'unrelated'],
      email: 'a@b.c',
    });
    expect(p).toEqual({
      userId: 'u1',
      tenantId: 'acme',
      roles: ['admin', 'viewer'],
      name: '',
      email: 'a@b.c',
    });
    expect(() => principalFromCognitoClaims({ sub: 'u1' })).toThrow(/tenant/);
  });
});

describe('stress runs through the API', () => {
  it('starts a run for role stress, refuses a second one with 409 BUSY, and shows it as current to viewers', async () => {
    const f = apiFixture();
    const admin = await f.token('tenant-a', ['admin']);
    const stress = await f.token('tenant-a', ['stress']);
    const viewer = await f.token('tenant-a', ['viewer']);
    const conn = await call(f.api, 'POST', '/connections', {
      token: admin,
      body: { name: 'lab', jcli: { host: '127.0.0.1' }, smpp: { host: '127.0.0.1' } },
    });
    const op = await call(f.api, 'POST', '/operators', {
      token: admin,
      body: {
        connectionId: conn.json.id,
        name: 'Orange',
        slot: 0,
        bindSystemId: 'orange',
        bindPassword: 'pw',
        numberRanges: [{ prefix: '4072', from: 0, to: 99, width: 3 }],
      },
    });
    await call(f.api, 'POST', '/sequences', {
      token: await f.token('tenant-a', ['tester']),
      body: { name: 's', steps: [{ message: { text: 'BAL' } }] },
    });
    const plan = {
      connectionId: conn.json.id,
      operators: [{ operatorId: op.json.id, minNumbers: 2, maxNumbers: 3 }],
      durationSec: 30,
      strategy: { kind: 'full-force', ratePerNumber: 1 },
      randomSequences: true,
    };
    expect((await call(f.api, 'POST', '/runs', { token: admin, body: plan })).status).toBe(403);
    const started = await call(f.api, 'POST', '/runs', { token: stress, body: plan });
    expect(started.status, started.text).toBe(201);
    expect(started.json.state).toBe('starting');
    const busy = await call(f.api, 'POST', '/runs', { token: stress, body: plan });
    expect(busy.status).toBe(409);
    expect(busy.json.error.code).toBe('BUSY');
    const current = await call(f.api, 'GET', '/runs/current', { token: viewer });
    expect(current.json.run.id).toBe(started.json.id);
    const dash = await call(f.api, 'GET', '/dashboard', { token: viewer });
    expect(dash.json.currentRun.id).toBe(started.json.id);
    const aborted = await call(f.api, 'POST', `/runs/${started.json.id}/abort`, { token: stress });
    expect(aborted.json.state).toBe('aborted');
    expect((await call(f.api, 'GET', '/runs/current', { token: viewer })).json.run).toBeNull();
  });
});

describe('health on a timer', () => {
  it('probes every connection of every tenant and caches the colour for the dashboard', async () => {
    const { refreshAllHealth } = await import('@gong/functions/health/refresh');
    const probed: string[] = [];
    const f = apiFixture({
      probe: async (host, port) => {
        probed.push(`${host}:${port}`);
        return port === 8990 ? { ok: true, ms: 1 } : { ok: false, ms: 1, error: 'ECONNREFUSED' };
      },
    });
    for (const t of ['tenant-a', 'tenant-b']) {
      const admin = await f.token(t, ['admin']);
      await call(f.api, 'POST', '/connections', {
        token: admin,
        body: { name: `${t} lab`, jcli: { host: '127.0.0.1' }, smpp: { host: '127.0.0.1' } },
      });
    }
    const results = await refreshAllHealth(f.deps);
    expect(results).toHaveLength(2);
    expect(results.every((r) => r.health.colour === 'amber')).toBe(true);
    const before = probed.length;
    const dash = await call(f.api, 'GET', '/dashboard', { token: await f.token('tenant-a', ['viewer']) });
    expect(dash.json.connections).toEqual([
      expect.objectContaining({ name: 'tenant-a lab', health: expect.objectContaining({ colour: 'amber' }) }),
    ]);
    expect(dash.json.connections[0].health.reason).toContain('SMPP 127.0.0.1:2775 unreachable');
    expect(probed.length).toBe(before); // served from the cache
  });
});

describe('POST /fleet/sync', () => {
  it('re-sends every slot its operators (admin only)', async () => {
    const { commandQueue } = await import('@gong/core/infra/resources');
    const f = apiFixture();
    const admin = await f.token('tenant-a', ['admin']);
    const res = await call(f.api, 'POST', '/fleet/sync', { token: admin });
    expect(res.json).toEqual({ slots: 2 });
    for (const slot of [0, 1]) expect(await f.queue.depth(commandQueue(slot).name)).toBe(1);
    expect(
      (await call(f.api, 'POST', '/fleet/sync', { token: await f.token('tenant-a', ['viewer']) })).status,
    ).toBe(403);
  });
});
