import { ROLES, type Role } from '@gong/core/domain/user';
import { hasRole, requireRole } from '@gong/functions/api/roles';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiFixture, call, type Fixture } from './api-fixture';
import { fillPath, type SeededTenant, seedTenant, validBody } from './seed-tenant';

const principal = (roles: Role[]) => ({ userId: 'u', tenantId: 't', roles, name: '', email: '' });

describe('role policy', () => {
  it('admin does not imply stress or tester; every role implies viewer', () => {
    expect(hasRole(principal(['admin']), 'stress')).toBe(false);
    expect(hasRole(principal(['admin']), 'tester')).toBe(false);
    for (const r of ROLES) expect(hasRole(principal([r]), 'viewer')).toBe(true);
    expect(hasRole(principal([]), 'viewer')).toBe(false);
    expect(hasRole(principal(['tester']), ['tester', 'admin'])).toBe(true);
  });

  it('names the missing role in the 403', () => {
    expect(() => requireRole(principal(['viewer']), 'stress')).toThrow(/needs the role "stress"/);
    expect(() => requireRole(principal(['viewer']), ['tester', 'admin'])).toThrow(/"tester", "admin"/);
  });
});

describe('role matrix over every route', () => {
  let f: Fixture;
  let a: SeededTenant;
  const tokens = new Map<string, string>();
  const holders: Role[][] = [['admin'], ['stress'], ['tester'], ['viewer'], []];

  beforeAll(async () => {
    f = apiFixture();
    a = await seedTenant(f, 'tenant-a', 'alpha');
    for (const roles of holders) tokens.set(roles.join() || 'none', await f.token('tenant-a', roles));
  });

  it('answers 401 without a token on every non-public route', async () => {
    for (const r of f.api.routes.filter((x) => x.auth !== 'public')) {
      const res = await call(f.api, r.method, fillPath(r.path, a.ids));
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(res.json.error.code).toBe('UNAUTHORIZED');
    }
  });

  it('answers 401 to a forged or expired token', async () => {
    const forged = `${(tokens.get('admin') as string).slice(0, -4)}AAAA`;
    expect((await call(f.api, 'GET', '/connections', { token: forged })).status).toBe(401);
    const res = await call(f.api, 'GET', '/connections', { token: 'not-a-jwt' });
    expect(res.status).toBe(401);
  });

  it('lets exactly the roles each route needs through, and names the missing one otherwise', async () => {
    const routes = f.api.routes.filter((x) => x.auth !== 'public');
    let forbidden = 0;
    let allowed = 0;
    for (const roles of holders) {
      const token = tokens.get(roles.join() || 'none') as string;
      for (const r of routes) {
        const key = `${r.method} ${r.path}`;
        const expectAllowed = r.auth !== 'public' && hasRole(principal(roles), r.auth);
        const res = await call(f.api, r.method, fillPath(r.path, a.ids), {
          token,
          body: validBody(key, a.ids, 'alpha'),
        });
        if (expectAllowed) {
          expect([401, 403], `${key} as [${roles}] → ${res.status} ${res.text}`).not.toContain(res.status);
          expect(res.status, `${key} as [${roles}] → ${res.text}`).not.toBe(500);
          allowed++;
        } else {
          expect(res.status, `${key} as [${roles}] → ${res.text}`).toBe(403);
          expect(res.json.error.code).toBe('FORBIDDEN');
          expect(res.json.error.message).toMatch(/needs (the role|one of the roles)/);
          expect(res.json.error.details.missingRole).toEqual(expect.any(String));
          forbidden++;
        }
      }
    }
    expect(forbidden).toBeGreaterThan(50);
    expect(allowed).toBeGreaterThan(50);
  });

  it('keeps settings and users for admins', async () => {
    const tester = tokens.get('tester') as string;
    expect((await call(f.api, 'GET', '/users', { token: tester })).status).toBe(403);
    const res = await call(f.api, 'POST', '/connections', {
      token: tester,
      body: validBody('POST /connections', a.ids),
    });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toContain('"admin"');
  });
});
