import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login, newUserPage, screenshot } from './support/browser';

describe('sign in and build a sequence', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('rejects a wrong password, then an admin signs in and sees the dashboard', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    await page.goto('/login');
    await page.getByLabel('Email').fill('admin@demo.gong');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // (Next's route announcer is also role=alert, so look for the text itself)
    await page.getByText('Wrong email or password.').waitFor();

    await login(page, 'admin@demo.gong');
    errors.length = 0; // the refused sign-in above logs its 401 on purpose
    await page.getByText('Local gateway simulator').first().waitFor();
    await expect(page.getByRole('link', { name: 'Settings' }).count()).resolves.toBe(1);
    await screenshot(page, 'login-dashboard');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('creates a sequence with a paired regex step, reorders it by keyboard and saves it', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    await login(page, 'admin@demo.gong');
    await page.goto('/settings/sequences');
    // the list only renders after hydration and the first fetch: clicks before that would be lost
    await page.getByRole('button', { name: /Balance check/ }).waitFor();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const name = `E2E sequence ${Date.now()}`;
    await page.getByLabel('Sequence name').fill(name);

    // step 1 (paired by default): BAL, expect a regex, try the live tester
    await page.getByLabel('Message 1', { exact: true }).fill('BAL');
    await page.getByLabel('Expect').first().selectOption('regex');
    await page.getByLabel('Pattern').fill('balance is \\d+');
    await page.getByLabel('Try a reply').fill('Your balance is 42 EUR');
    await page.getByText('✓ matches').waitFor();
    await page.getByLabel('Try a reply').fill('no money');
    await page.getByText('✗ does not match').waitFor();

    // step 2: a simple step, then moved above step 1 with the keyboard
    await page.getByRole('button', { name: 'Add simple step' }).click();
    await page.getByLabel('Message 2', { exact: true }).fill('ECHO hello');
    await page.getByRole('button', { name: /^Step 2: drag/ }).focus();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByLabel('Message 1', { exact: true }).inputValue()).resolves.toBe('ECHO hello');
    await expect(page.getByLabel('Message 2', { exact: true }).inputValue()).resolves.toBe('BAL');

    await page.getByRole('button', { name: 'Save sequence' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const listed = page
      .getByRole('region', { name: 'Sequences' })
      .getByRole('button', { name: new RegExp(name) });
    await listed.waitFor();
    await expect(listed.textContent()).resolves.toContain('2 steps');

    // reload: the order and the expectation survived the round trip through the API
    await page.reload();
    await page.getByRole('button', { name: new RegExp(name) }).click();
    await expect(page.getByLabel('Message 1', { exact: true }).inputValue()).resolves.toBe('ECHO hello');
    await expect(page.getByLabel('Pattern').inputValue()).resolves.toBe('balance is \\d+');
    await screenshot(page, 'sequence-builder');
    expect(errors).toEqual([]);
    await context.close();
  });
});
