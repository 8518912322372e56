import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login, newUserPage, screenshot } from './support/browser';

const ADMIN_PAGES = [
  '/dashboard',
  '/functional',
  '/stress',
  '/results',
  '/settings/connections',
  '/settings/operators',
  '/settings/sequences',
  '/settings/library',
  '/settings/strategies',
  '/settings/users',
  '/settings/schedules',
  '/settings/scenarios',
];

/** What every page owes a 1280×800 screen: one h1, nothing wider than the window, no endless spinner. */
async function checkPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('main h1').count(), path).resolves.toBe(1);
  // every query has settled into data, an empty state or an error: no "Loading …" left
  await expect
    .poll(
      () =>
        page
          .locator('main')
          .getByText(/^Loading /)
          .count(),
      { timeout: 30_000, message: path },
    )
    .toBe(0);
  const overflow = await page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document;
    return d.documentElement.scrollWidth;
  });
  expect(overflow, `${path} is wider than the window`).toBeLessThanOrEqual(1280);
  expect(await unlabelledControls(page), `${path}: form controls without a label`).toEqual([]);
}

/** Inputs, selects and text areas a screen reader could not name (no <label>, aria-label or title). */
async function unlabelledControls(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) =>
    [...main.querySelectorAll('input, select, textarea')]
      .filter((el) => {
        const c = el as unknown as {
          type?: string;
          labels?: { length: number } | null;
          getAttribute(n: string): string | null;
        };
        if (c.type === 'hidden') return false;
        return !(
          (c.labels && c.labels.length > 0) ||
          c.getAttribute('aria-label') ||
          c.getAttribute('aria-labelledby') ||
          c.getAttribute('title')
        );
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

describe('every page at 1280×800', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an administrator sees every page fit, settle and log no console error', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    await login(page, 'admin@demo.gong');
    for (const path of ADMIN_PAGES) {
      await checkPage(page, path);
      await screenshot(page, `page${path.replace(/\//g, '-')}`);
      // settings editors too: open a new record's form and check its controls
      const create = page.locator('main').getByRole('button', { name: 'New', exact: true });
      if ((await create.count()) > 0) {
        await create.click();
        await page.locator('main form').first().waitFor();
        expect(await unlabelledControls(page), `${path} (new record form)`).toEqual([]);
      }
      expect(errors, path).toEqual([]);
    }
    await context.close();
  });

  it('a viewer sees their pages fit and settle too', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    await login(page, 'viewer@demo.gong');
    for (const path of ['/dashboard', '/functional', '/stress', '/results', '/settings/library']) {
      await checkPage(page, path);
      expect(errors, path).toEqual([]);
    }
    await screenshot(page, 'page-viewer-library');
    await context.close();
  });

  it('a query that fails shows what went wrong and a way to retry', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    await login(page, 'admin@demo.gong');
    await page.goto('/results/compare?ids=no-such-run-a,no-such-run-b');
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load this.' });
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Try again' }).waitFor();
    await page.goto('/results/no-such-run');
    await page.getByRole('alert').filter({ hasText: 'Could not load this.' }).waitFor();
    await screenshot(page, 'query-error-state');
    // the only console errors are the refused requests themselves
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });

  it('settings forms are reachable and usable with the keyboard alone', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    await login(page, 'admin@demo.gong');
    await page.goto('/settings/strategies');
    const list = page.getByRole('region', { name: 'Strategies' });
    await list.getByRole('button', { name: 'New', exact: true }).waitFor();
    // Tab from the list's New button into the form; Enter presses the focused button
    await list.getByRole('button', { name: 'New', exact: true }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Strategy' });
    await form.waitFor();
    await form.getByLabel('Name').focus();
    await page.keyboard.type(`Keyboard strategy ${Date.now()}`);
    await page.keyboard.press('Enter'); // submits the form
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await screenshot(page, 'keyboard-strategy');
    expect(errors).toEqual([]);
    await context.close();
  });
});
