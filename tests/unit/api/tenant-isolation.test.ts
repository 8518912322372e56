import { beforeAll, describe, expect, it } from 'vitest';
import { apiFixture, call, type Fixture } from './api-fixture';
import { fillPath, type SeededTenant, seedTenant, validBody } from './seed-tenant';

/**
 * For every route: tenant B (holding every role) uses tenant A's ids. Routes with an id in the path
 * must answer 404/403; create routes whose body names A's records must refuse them (4xx); list and
 * other routes succeed for B's own data. No answer may contain anything of A's.
 */
describe('tenant isolation', () => {
  let f: Fixture;
  let a: SeededTenant;
  let b: SeededTenant;

  beforeAll(async () => {
    f = apiFixture();
    a = await seedTenant(f, 'tenant-a', 'alpha');
    b = await seedTenant(f, 'tenant-b', 'bravo');
  });

  it('seeded both tenants', () => {
    expect(Object.keys(a.ids)).toHaveLength(10);
    expect(a.ids.connection).not.toBe(b.ids.connection);
  });

  it('covers every route', async () => {
    const routes = f.api.routes.filter((r) => r.auth !== 'public');
    expect(routes.length).toBeGreaterThan(40);
    for (const r of routes) {
      if (r.body && !r.bodyOptional) {
        expect(
          validBody(`${r.method} ${r.path}`, a.ids),
          `a valid body for ${r.method} ${r.path}`,
        ).toBeDefined();
      }
    }
  });

  it("answers 404/403 for every route that takes one of tenant A's ids, leaking nothing", async () => {
    const checked: string[] = [];
    for (const r of f.api.routes) {
      if (r.auth === 'public' || !r.path.includes('{id}')) continue;
      const key = `${r.method} ${r.path}`;
      const res = await call(f.api, r.method, fillPath(r.path, a.ids), {
        token: b.token,
        body: validBody(key, b.ids, 'bravo'),
      });
      expect([403, 404], `${key} → ${res.status} ${res.text}`).toContain(res.status);
      for (const marker of a.markers) expect(res.text, `${key} leaked ${marker}`).not.toContain(marker);
      checked.push(key);
    }
    expect(checked.length).toBeGreaterThan(25);
  });

  it("refuses bodies that reference tenant A's records", async () => {
    for (const key of [
      'POST /operators',
      'POST /sessions',
      'POST /schedules',
      'POST /strategies/preview',
      'POST /runs',
    ]) {
      const [method, path] = key.split(' ') as [string, string];
      const route = f.api.routes.find((r) => r.method === method && r.path === path);
      if (!route) {
        expect(key).toBe('POST /runs'); // mounted once run control lands
        continue;
      }
      const res = await call(f.api, method, path, { token: b.token, body: validBody(key, a.ids, 'bravo') });
      expect(res.status, `${key} → ${res.status} ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      for (const marker of a.markers) expect(res.text, `${key} leaked ${marker}`).not.toContain(marker);
    }
  });

  it("lists and reads only the caller's own data on every route without an id", async () => {
    for (const r of f.api.routes) {
      if (r.auth === 'public' || r.path.includes('{id}')) continue;
      const key = `${r.method} ${r.path}`;
      const res = await call(f.api, r.method, r.path, {
        token: b.token,
        body: validBody(key, b.ids, 'bravo'),
      });
      expect(res.status, `${key} → ${res.status} ${res.text}`).toBeLessThan(500);
      for (const marker of a.markers) expect(res.text, `${key} leaked ${marker}`).not.toContain(marker);
    }
    const list = await call(f.api, 'GET', '/connections', { token: b.token });
    expect(list.json.items.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([b.ids.connection]),
    );
    expect(list.json.items.map((c: { id: string }) => c.id)).not.toContain(a.ids.connection);
  });

  it('ignores a tenantId in the body', async () => {
    const res = await call(f.api, 'POST', '/library', {
      token: b.token,
      body: { tenantId: 'tenant-a', serviceName: 'sneaky', input: { text: 'X' } },
    });
    expect(res.status).toBe(201);
    expect(res.json.tenantId).toBe('tenant-b');
    expect(await f.repositories.library.get('tenant-a', res.json.id)).toBeUndefined();
  });

  it('ignores a tenant in the query string', async () => {
    const res = await call(f.api, 'GET', '/sequences', {
      token: b.token,
      query: 'tenantId=tenant-a&tenant=tenant-a',
    });
    expect(res.status).toBe(200);
    for (const marker of a.markers) expect(res.text).not.toContain(marker);
  });

  it('shows presence only within the tenant', async () => {
    await call(f.api, 'GET', `/sessions/${a.ids.session}`, { token: a.token });
    const dash = await call(f.api, 'GET', '/dashboard', { token: b.token });
    expect(dash.status).toBe(200);
    expect(dash.json.presence.map((p: { userId: string }) => p.userId)).not.toContain('owner-tenant-a');
    const own = await call(f.api, 'GET', '/dashboard', { token: a.token });
    expect(own.json.presence).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: 'owner-tenant-a' })]),
    );
  });
});
