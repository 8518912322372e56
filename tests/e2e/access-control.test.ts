import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login, newUserPage, screenshot } from './support/browser';

describe('roles and tenants', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a viewer cannot open settings, and the API refuses admin calls through the proxy', async () => {
    const { page, context } = await newUserPage(browser, inject('webUrl'));
    await login(page, 'viewer@demo.gong');
    await expect(page.getByRole('link', { name: 'Settings' }).count()).resolves.toBe(0);
    await page.goto('/settings/connections');
    await page.getByTestId('settings-forbidden').waitFor();
    await expect(page.getByRole('button', { name: 'Save connection' }).count()).resolves.toBe(0);
    const status = await page.evaluate(async () => (await fetch('/api/gong/users')).status);
    expect(status).toBe(403);
    // and the stress page is read-only for them
    await page.goto('/stress');
    await page.getByRole('heading', { name: 'Stress testing' }).waitFor();
    await expect(page.getByRole('button', { name: /^(Start stress run|Next)$/ }).count()).resolves.toBe(0);
    await screenshot(page, 'viewer-settings-forbidden');
    await context.close();
  });

  it("a tenant-B user sees none of tenant A's data", async () => {
    // tenant A (demo) creates something unmistakable
    const a = await newUserPage(browser, inject('webUrl'));
    await login(a.page, 'admin@demo.gong');
    const marker = `TenantA-only-${Date.now()}`;
    const created = await a.page.evaluate(async (name) => {
      const res = await fetch('/api/gong/sequences', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, steps: [{ id: 'st1', message: { text: 'BAL' } }] }),
      });
      return { status: res.status, body: (await res.json()) as { id: string } };
    }, marker);
    expect(created.status).toBe(201);
    await a.context.close();

    const b = await newUserPage(browser, inject('webUrl'));
    await login(b.page, 'admin@acme.gong');
    await b.page.getByText('Acme Jasmin (staging)').first().waitFor();
    const pages = [
      '/dashboard',
      '/settings/connections',
      '/settings/operators',
      '/settings/sequences',
      '/results',
      '/functional',
    ];
    for (const path of pages) {
      await b.page.goto(path);
      await b.page.waitForLoadState('networkidle');
      const text = (await b.page.locator('main').textContent()) ?? '';
      expect(text, path).not.toContain(marker);
      expect(text, path).not.toContain('Local gateway simulator');
      expect(text, path).not.toContain('Balance check');
      expect(text, path).not.toContain('Vodafone');
    }
    const direct = await b.page.evaluate(async (id) => {
      const seq = await fetch(`/api/gong/sequences/${id}`);
      const conn = await fetch('/api/gong/connections/c-local-sim');
      return [seq.status, conn.status];
    }, created.body.id);
    expect(direct).toEqual([404, 404]);
    await b.page.goto('/settings/sequences');
    await b.page.getByRole('heading', { name: 'Sequences' }).waitFor();
    await screenshot(b.page, 'tenant-b-isolation');
    await b.context.close();
  });
});
