import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiFixture, call, type Fixture } from './api-fixture';
import { fillPath, type SeededTenant, seedTenant, validBody } from './seed-tenant';

type Json = unknown;

/** Every path to a value inside a JSON document (objects and arrays), the root excluded. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  }
  return [];
}

function mutate(base: Json, path: (string | number)[], op: 'replace' | 'delete', replacement: Json): Json {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (op === 'delete') {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    node[last] = replacement;
  }
  return copy;
}

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 300, maxLength: 400 }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant('../../etc/passwd'),
  fc.constant('<script>alert(1)</script>'),
);

describe('malformed bodies (fuzzed from the schemas)', () => {
  let f: Fixture;
  let a: SeededTenant;
  let answered = 0;

  beforeAll(async () => {
    f = apiFixture();
    a = await seedTenant(f, 'tenant-a', 'alpha');
  });

  it('answers every invalid body with 400 and a clear message, never 5xx', async () => {
    const routes = f.api.routes.filter((r) => r.body);
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      const base = validBody(key, a.ids, 'alpha') ?? {};
      const targets = paths(base);
      const schema = r.body as NonNullable<typeof r.body>;
      const mutation = fc.oneof(
        fc.record({
          kind: fc.constant('mutate' as const),
          at: fc.nat(),
          op: fc.constantFrom('replace' as const, 'delete' as const),
          value: wrongValue,
        }),
        fc.record({ kind: fc.constant('random' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
        fc.record({ kind: fc.constant('text' as const), value: fc.string({ maxLength: 30 }) }),
      );
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          let rawBody: string;
          if (m.kind === 'text') {
            rawBody = `{${m.value}`;
          } else {
            const body =
              m.kind === 'random' || targets.length === 0
                ? m.value
                : mutate(base, targets[m.at % targets.length] as (string | number)[], m.op, m.value);
            // only bodies the schema refuses are malformed
            fc.pre(!schema.safeParse(body).success);
            rawBody = JSON.stringify(body);
          }
          const res = await call(f.api, r.method, fillPath(r.path, a.ids), { token: a.token, rawBody });
          answered++;
          expect(res.status, `${key} ${rawBody.slice(0, 200)} → ${res.text}`).toBe(400);
          expect(res.json.error.code).toBe('VALIDATION');
          expect(res.json.error.message).toMatch(
            /^(invalid body: .+|the body is not valid JSON|a JSON body is required)/,
          );
        }),
        { numRuns: 12, seed: 42 },
      );
    }
    expect(answered).toBeGreaterThanOrEqual(200);
  });

  it('answers a missing body, an oversized body and a bad query with 400', async () => {
    const missing = await call(f.api, 'POST', '/connections', { token: a.token });
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toBe('a JSON body is required');
    const huge = await call(f.api, 'POST', '/library', {
      token: a.token,
      rawBody: `"${'x'.repeat(1_100_000)}"`,
    });
    expect(huge.status).toBe(400);
    const badQuery = await call(f.api, 'GET', '/connections', { token: a.token, query: 'limit=-4' });
    expect(badQuery.status).toBe(400);
    expect(badQuery.json.error.message).toMatch(/^invalid query: limit/);
  });

  it('answers unknown paths and methods with 404', async () => {
    expect((await call(f.api, 'GET', '/nope', { token: a.token })).status).toBe(404);
    expect((await call(f.api, 'PATCH', '/connections', { token: a.token })).status).toBe(404);
    expect((await call(f.api, 'GET', '/connections/%E0%A4%A', { token: a.token })).status).toBe(404);
  });
});
