import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login, newUserPage, screenshot } from './support/browser';

async function startStatus(page: Page): Promise<number> {
  // a well-formed plan: only the stress lock may refuse it
  return page.evaluate(async () => {
    const res = await fetch('/api/gong/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        connectionId: 'c-local-sim',
        operators: [{ operatorId: 'op-vodafone', minNumbers: 1, maxNumbers: 1 }],
        durationSec: 5,
        strategy: { kind: 'full-force', ratePerNumber: 1 },
      }),
    });
    return res.status;
  });
}

async function sentTotal(page: Page): Promise<number> {
  const text = (await page.getByTestId('summary-stats').locator('.stat').first().textContent()) ?? '';
  return Number(text.replace(/[^0-9]/g, '')) || 0;
}

describe('stress testing', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts a 20-s run through the wizard, the charts fill, and others see it without being able to start one', async () => {
    const web = inject('webUrl');
    const stress = await newUserPage(browser, web);
    const tester = await newUserPage(browser, web);
    const admin = await newUserPage(browser, web);
    await login(stress.page, 'stress@demo.gong');
    await login(tester.page, 'tester@demo.gong');
    await login(admin.page, 'admin@demo.gong');
    await expect(tester.page.getByTestId('run-banner').count()).resolves.toBe(0);

    // the wizard
    const p = stress.page;
    await p.goto('/stress');
    await p.getByRole('region', { name: 'Start a stress run' }).waitFor();
    await p.locator('input[name="connection"][value="c-local-sim"]').check();
    await p.getByRole('button', { name: 'Next', exact: true }).click();
    await p.getByLabel('Use operator Orange').check();
    await p.getByLabel('Min numbers for Orange').fill('2');
    await p.getByLabel('Max numbers for Orange').fill('4');
    await p.getByRole('button', { name: 'Next', exact: true }).click();
    await p.getByLabel('Duration (seconds)').fill('20');
    await p.getByLabel(/^Strategy/).selectOption('full-force');
    await p.getByLabel('Messages/s per number').fill('2');
    // a flat line has an empty bounding box: wait for it to exist, not to be "visible"
    await p.getByTestId('strategy-preview').locator('svg path').first().waitFor({ state: 'attached' });
    // 20 s × 4 numbers × 2 msg/s
    await expect
      .poll(() => p.getByTestId('strategy-preview').textContent(), { timeout: 30_000 })
      .toMatch(/About 160 messages/);
    await p.getByRole('button', { name: 'Next', exact: true }).click();
    await p.getByRole('button', { name: 'Next', exact: true }).click(); // random sequences (default)
    await expect(p.getByTestId('run-summary').textContent()).resolves.toContain('Orange (2–4 numbers)');
    await p.getByRole('button', { name: 'Start stress run' }).click();
    await p.getByTestId('live-run').waitFor();

    // a user logged in at the same time sees the banner and cannot start a run
    await tester.page.getByTestId('run-banner').waitFor({ timeout: 30_000 });
    await expect(tester.page.getByTestId('run-banner').textContent()).resolves.toContain(
      'Local gateway simulator',
    );
    await tester.page.goto('/stress');
    await tester.page.getByTestId('live-run').waitFor();
    // no wizard and no stop button (the numbers table's pager has a "Next" of its own)
    await expect(tester.page.getByRole('region', { name: 'Start a stress run' }).count()).resolves.toBe(0);
    await expect(
      tester.page.getByRole('button', { name: /^(Start stress run|Stop run)$/ }).count(),
    ).resolves.toBe(0);
    await screenshot(tester.page, 'stress-second-user-banner');
    expect(await startStatus(tester.page)).toBe(403);
    tester.errors.length = 0; // the browser logs the refused call we just made on purpose

    // even a user who holds the stress role is refused while the run is on (one run per tenant)
    await admin.page.goto('/stress');
    await admin.page.getByTestId('live-run').waitFor();
    await expect(admin.page.getByRole('button', { name: 'Start stress run' }).count()).resolves.toBe(0);
    expect(await startStatus(admin.page)).toBe(409);
    admin.errors.length = 0;

    // the charts fill while it runs
    await expect.poll(() => sentTotal(p), { timeout: 60_000, interval: 1000 }).toBeGreaterThan(0);
    await p
      .getByTestId('chart-sent-and-received-per-second')
      .locator('svg path')
      .first()
      .waitFor({ timeout: 30_000 });
    await p
      .getByTestId('chart-latency-distribution')
      .locator('svg rect')
      .first()
      .waitFor({ timeout: 30_000 });
    await p.getByTestId('numbers-table').locator('tbody tr td').first().waitFor();
    await screenshot(p, 'stress-live-charts');

    // the run ends by itself after 20 s; the stress page offers the wizard again and the run is in the results
    await p.getByRole('heading', { name: 'Start a stress run' }).waitFor({ timeout: 120_000 });
    await p.goto('/results');
    await p.getByTestId('runs-table').waitFor();
    await p.getByTestId('runs-table').getByRole('link').first().click();
    await p.getByTestId('summary-stats').waitFor();
    await expect.poll(() => sentTotal(p), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(p, 'stress-result-detail');

    for (const u of [stress, tester, admin]) expect(u.errors).toEqual([]);
    for (const u of [stress, tester, admin]) await u.context.close();
  });
});
