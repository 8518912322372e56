import { hashPassword, verifyPassword } from '@gong/functions/auth/password';
import { beforeAll, describe, expect, it } from 'vitest';
import { aUser } from '../../support/builders';
import { apiFixture, call, type Fixture } from './api-fixture';

describe('passwords', () => {
  it('hashes with scrypt, a per-user salt, and verifies in constant time', async () => {
    const one = await hashPassword('s3cret-pass');
    const two = await hashPassword('s3cret-pass');
    expect(one).not.toBe(two);
    expect(one).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(await verifyPassword('s3cret-pass', one)).toBe(true);
    expect(await verifyPassword('s3cret-pasS', one)).toBe(false);
    expect(await verifyPassword('s3cret-pass', 'garbage')).toBe(false);
  });

  it('is slow on purpose (N = 2^15)', async () => {
    const hash = await hashPassword('x');
    const started = performance.now();
    await verifyPassword('x', hash);
    expect(performance.now() - started).toBeGreaterThan(15);
  });
});

describe('login brute force', () => {
  let f: Fixture;
  /** every delay the login added, from the injected clock */
  const sleeps: number[] = [];
  beforeAll(async () => {
    f = apiFixture({
      clock: {
        now: () => Date.now(),
        sleep: (ms) => {
          sleeps.push(ms);
          return new Promise((resolve) => setTimeout(resolve, ms));
        },
      },
    });
    await f.repositories.users.put(
      'tenant-a',
      aUser({
        id: 'u1',
        tenantId: 'tenant-a',
        email: 'ada@example.test',
        passwordHash: await hashPassword('right-password'),
      }),
    );
  });

  const attempt = (password: string, email = 'ada@example.test') =>
    call(f.api, 'POST', '/auth/login', { body: { email, password } });

  it('logs in with the right password and returns a token for the tenant', async () => {
    const res = await attempt('right-password');
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual(expect.objectContaining({ id: 'u1', tenantId: 'tenant-a' }));
    expect(res.json.expiresAt).toBeGreaterThan(Date.now());
    const me = await call(f.api, 'GET', '/me', { token: res.json.token });
    expect(me.status).toBe(200);
  });

  it('slows each failure down, then locks the email out with 429 and retry-after', async () => {
    sleeps.length = 0;
    for (let i = 0; i < 3; i++) {
      const res = await attempt('wrong');
      expect(res.status).toBe(401);
      expect(res.json.error.message).toBe('email or password is wrong');
    }
    // the policy adds 30 ms per earlier failure (capped at 100)
    expect(sleeps).toEqual([30, 60]);
    const locked = await attempt('right-password');
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.text).not.toContain('token');
    expect(sleeps.at(-1)).toBe(100);
  });

  it('counts unknown emails the same way, so they cannot be told apart', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('x', 'ghost@example.test')).status).toBe(401);
    expect((await attempt('x', 'ghost@example.test')).status).toBe(429);
  });

  it('rejects malformed login bodies with 400', async () => {
    expect(
      (await call(f.api, 'POST', '/auth/login', { body: { email: 'not-an-email', password: 'x' } })).status,
    ).toBe(400);
    expect((await call(f.api, 'POST', '/auth/login', { rawBody: '{"email":' })).status).toBe(400);
  });
});
