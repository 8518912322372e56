import { MemoryScheduleTrigger } from '@gong/core/adapters/memory/schedule-trigger';
import { createApi } from '@gong/functions/api/app';
import { describe, expect, it } from 'vitest';
import { apiFixture, call } from '../api/api-fixture';
import { seedTenant } from '../api/seed-tenant';

async function withTrigger() {
  const f = apiFixture();
  const trigger = new MemoryScheduleTrigger();
  f.deps.scheduleTrigger = trigger;
  const api = createApi(f.deps);
  const seeded = await seedTenant({ ...f, api }, 'tenant-t', 'alpha');
  const token = seeded.token;
  const plan = (await f.repositories.schedules.list('tenant-t')).items[0]?.plan;
  if (!plan) throw new Error('the seeded tenant has no schedule');
  return { f, api, trigger, token, plan, tenantId: 'tenant-t' };
}

describe('API /schedules keeps the schedule trigger in step', () => {
  it('creates, updates and deletes the trigger entry with the schedule', async () => {
    const { api, trigger, token, plan, tenantId } = await withTrigger();

    const created = await call(api, 'POST', '/schedules', {
      token,
      body: { name: 'Nightly', cron: '0 2 * * *', plan },
    });
    expect(created.status).toBe(201);
    const key = `${tenantId}/${created.json.id}`;
    expect(trigger.entries.get(key)).toEqual({ cron: '0 2 * * *', enabled: true });

    const updated = await call(api, 'PUT', `/schedules/${created.json.id}`, {
      token,
      body: { name: 'Nightly', cron: '30 3 * * 1-5', plan, enabled: false },
    });
    expect(updated.status).toBe(200);
    expect(trigger.entries.get(key)).toEqual({ cron: '30 3 * * 1-5', enabled: false });

    expect((await call(api, 'DELETE', `/schedules/${created.json.id}`, { token })).status).toBeLessThan(300);
    expect(trigger.entries.has(key)).toBe(false);
  });

  it('rejects a cron that does not parse or that EventBridge cannot express, and creates nothing', async () => {
    const { api, trigger, token, plan } = await withTrigger();
    const before = trigger.entries.size;

    const bad = await call(api, 'POST', '/schedules', {
      token,
      body: { name: 'x', cron: '0 25 * * *', plan },
    });
    const both = await call(api, 'POST', '/schedules', {
      token,
      body: { name: 'y', cron: '0 2 1 * 1', plan },
    });

    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('hour 25 is outside 0–23');
    expect(both.status).toBe(400);
    expect(both.json.error.message).toContain('cannot restrict both');
    expect(trigger.entries.size).toBe(before);
  });

  it('does not let a client write the scheduler bookkeeping', async () => {
    const { f, api, token, plan, tenantId } = await withTrigger();
    const created = await call(api, 'POST', '/schedules', {
      token,
      body: {
        name: 'n',
        cron: '0 2 * * *',
        plan,
        lastFireKey: 'forged',
        pending: { runId: 'r', firedAt: 1, startedAt: 1 },
      },
    });
    const stored = await f.repositories.schedules.get(tenantId, created.json.id);
    expect(stored?.lastFireKey).toBeUndefined();
    expect(stored?.pending).toBeUndefined();
  });
});
