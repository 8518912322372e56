import { commandQueue } from '@gong/core/infra/resources';
import { decodeBody } from '@gong/core/messages/codec';
import { FleetCommand } from '@gong/core/messages/fleet-command';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiFixture, call, type Fixture } from './api-fixture';

const connectionBody = {
  name: 'Jasmin lab',
  jcli: { host: '10.0.0.5', port: 8990, username: 'admin', password: 'jcli-secret' },
  smpp: { host: '10.0.0.5', port: 2775, systemId: 'gongesme', password: 'esmepw' },
  gongHost: '10.0.0.9',
  submitThroughput: 0,
};

async function drain(f: Fixture, slot: number): Promise<FleetCommand[]> {
  const messages = await f.queue.receive(commandQueue(slot).name, { max: 10, waitSeconds: 0 });
  await f.queue.ack(
    commandQueue(slot).name,
    messages.map((m) => m.receipt),
  );
  return messages.map((m) => decodeBody(FleetCommand, m.body));
}

describe('resources', () => {
  let f: Fixture;
  let admin: string;
  beforeEach(async () => {
    f = apiFixture();
    admin = await f.token('tenant-a', ['admin']);
  });

  it('creates a connection and never returns its secrets', async () => {
    const created = await call(f.api, 'POST', '/connections', {
      token: admin,
      body: { ...connectionBody, tenantId: 'tenant-b' },
    });
    expect(created.status).toBe(201);
    expect(created.json.tenantId).toBe('tenant-a');
    expect(created.text).not.toContain('jcli-secret');
    expect(created.text).not.toContain('esmepw');
    expect(created.json.jcli.hasPassword).toBe(true);
    const got = await call(f.api, 'GET', `/connections/${created.json.id}`, { token: admin });
    expect(got.status).toBe(200);
    expect(got.json.jcli).not.toHaveProperty('password');
    const list = await call(f.api, 'GET', '/connections', { token: admin });
    expect(list.json.items).toHaveLength(1);
    expect(list.text).not.toContain('jcli-secret');
  });

  it('keeps a stored password when an update leaves it out', async () => {
    const created = await call(f.api, 'POST', '/connections', { token: admin, body: connectionBody });
    const { password: _p, ...jcli } = connectionBody.jcli;
    const updated = await call(f.api, 'PUT', `/connections/${created.json.id}`, {
      token: admin,
      body: { ...connectionBody, name: 'renamed', jcli },
    });
    expect(updated.status).toBe(200);
    expect(updated.json.name).toBe('renamed');
    const stored = await f.repositories.connections.get('tenant-a', created.json.id);
    expect(stored?.jcli.password).toBe('jcli-secret');
  });

  it('pages lists with a cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await call(f.api, 'POST', '/library', {
        token: await f.token('tenant-a', ['tester']),
        body: { serviceName: `svc ${i}`, input: { text: 'BAL' } },
      });
    }
    const first = await call(f.api, 'GET', '/library', { token: admin, query: 'limit=2' });
    expect(first.json.items).toHaveLength(2);
    expect(first.json.cursor).toEqual(expect.any(String));
    const second = await call(f.api, 'GET', '/library', {
      token: admin,
      query: `limit=2&cursor=${encodeURIComponent(first.json.cursor)}`,
    });
    expect(second.json.items).toHaveLength(2);
    expect(second.json.items[0].id).not.toBe(first.json.items[0].id);
    const bad = await call(f.api, 'GET', '/library', { token: admin, query: 'cursor=garbage' });
    expect(bad.status).toBe(400);
  });

  it('tells the worker slot about operators (with bind credentials) and hides the password from clients', async () => {
    const conn = await call(f.api, 'POST', '/connections', { token: admin, body: connectionBody });
    const op = await call(f.api, 'POST', '/operators', {
      token: admin,
      body: {
        connectionId: conn.json.id,
        name: 'Orange RO',
        slot: 1,
        bindSystemId: 'orange',
        bindPassword: 'orangepw',
        numberRanges: [{ prefix: '40721', from: 0, to: 999, width: 6 }],
      },
    });
    expect(op.status).toBe(201);
    expect(op.text).not.toContain('orangepw');
    expect(op.json.hasBindPassword).toBe(true);
    const commands = await drain(f, 1);
    expect(commands).toHaveLength(1);
    const sync = commands[0];
    expect(sync?.type).toBe('operators.sync');
    if (sync?.type !== 'operators.sync') throw new Error('expected operators.sync');
    expect(sync.operators).toEqual([
      expect.objectContaining({ operatorId: op.json.id, bindSystemId: 'orange', bindPassword: 'orangepw' }),
    ]);
    // a second tenant may not take the same system_id on the same slot
    const other = await f.token('tenant-b', ['admin']);
    const connB = await call(f.api, 'POST', '/connections', { token: other, body: connectionBody });
    const clash = await call(f.api, 'POST', '/operators', {
      token: other,
      body: {
        connectionId: connB.json.id,
        name: 'Orange B',
        slot: 1,
        bindSystemId: 'orange',
        bindPassword: 'x',
        numberRanges: [{ prefix: '40722', from: 0, to: 9, width: 2 }],
      },
    });
    expect(clash.status).toBe(409);
    expect(clash.text).not.toContain('tenant-a');
    // deleting the operator syncs the slot again, now empty
    const del = await call(f.api, 'DELETE', `/operators/${op.json.id}`, { token: admin });
    expect(del.status).toBe(204);
    const after = await drain(f, 1);
    expect(after.at(-1)).toEqual({ type: 'operators.sync', v: 1, operators: [] });
  });

  it('rejects an operator pointing at a slot the deployment does not have', async () => {
    const conn = await call(f.api, 'POST', '/connections', { token: admin, body: connectionBody });
    const res = await call(f.api, 'POST', '/operators', {
      token: admin,
      body: {
        connectionId: conn.json.id,
        name: 'Vodafone',
        slot: 7,
        bindSystemId: 'voda',
        bindPassword: 'x',
        numberRanges: [{ prefix: '40722', from: 0, to: 9, width: 2 }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('slot');
  });

  it('creates sequences of any length, assigns step ids and keeps the given order', async () => {
    const tester = await f.token('tenant-a', ['tester']);
    const steps = Array.from({ length: 300 }, (_, i) => ({ message: { text: `STEP ${i}` } }));
    const created = await call(f.api, 'POST', '/sequences', { token: tester, body: { name: 'long', steps } });
    expect(created.status).toBe(201);
    expect(created.json.steps).toHaveLength(300);
    expect(new Set(created.json.steps.map((s: { id: string }) => s.id)).size).toBe(300);
    const reordered = [...created.json.steps].reverse();
    const put = await call(f.api, 'PUT', `/sequences/${created.json.id}`, {
      token: tester,
      body: { name: 'long', steps: reordered },
    });
    expect(put.status).toBe(200);
    expect(put.json.steps[0].message.text).toBe('STEP 299');
    expect(put.json.steps[0].id).toBe(created.json.steps[299].id);
  });

  it('creates users with a hashed password that is never returned', async () => {
    const res = await call(f.api, 'POST', '/users', {
      token: admin,
      body: { email: 'New@Example.test', name: 'New', roles: ['tester'], password: 'correct horse' },
    });
    expect(res.status).toBe(201);
    expect(res.json.email).toBe('new@example.test');
    expect(res.text).not.toContain('passwordHash');
    expect(res.text).not.toContain('correct horse');
    const stored = await f.repositories.users.get('tenant-a', res.json.id);
    expect(stored?.passwordHash).toMatch(/^scrypt\$15\$/);
    const login = await call(f.api, 'POST', '/auth/login', {
      body: { email: 'new@example.test', password: 'correct horse' },
    });
    expect(login.status).toBe(200);
    expect(login.json.user).toEqual(expect.objectContaining({ tenantId: 'tenant-a', roles: ['tester'] }));
    const me = await call(f.api, 'GET', '/me', { token: login.json.token });
    expect(me.json).toEqual(
      expect.objectContaining({ id: res.json.id, tenantId: 'tenant-a', roles: ['tester'] }),
    );
    const dup = await call(f.api, 'POST', '/users', {
      token: admin,
      body: { email: 'new@example.test', name: 'Dup', roles: ['tester'], password: 'whatever1' },
    });
    expect(dup.status).toBe(409);
  });
});
