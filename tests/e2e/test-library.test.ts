import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login, newUserPage, screenshot } from './support/browser';

describe('test library', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a tester creates a service check with two patterns, edits it and deletes it', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    page.on('dialog', (d) => void d.accept());
    await login(page, 'tester@demo.gong');
    // testers are not administrators: the library is their way into settings
    await expect(page.getByRole('link', { name: 'Settings' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Test library' }).click();
    await page.getByRole('heading', { name: 'Test library', level: 1 }).waitFor();
    const list = page.getByRole('region', { name: 'Test library' });
    await list.getByRole('button', { name: /Balance/ }).waitFor(); // seeded

    await list.getByRole('button', { name: 'New', exact: true }).click();
    const form = page.getByRole('form', { name: 'Library entry' });
    // nothing filled in yet: the form says what is missing and will not save
    await form.getByText('Give the service a name.').waitFor();
    await form.getByText('Pattern 1: enter the text the reply must contain.').waitFor();
    await expect(form.getByRole('button', { name: 'Save service check' }).isDisabled()).resolves.toBe(true);

    const name = `E2E balance ${Date.now()}`;
    await form.getByLabel('Service name').fill(name);
    await form.getByLabel('Input command').fill('BAL');
    await form.getByRole('combobox', { name: /^Pattern 1/ }).selectOption('regex');
    await form.getByRole('textbox', { name: /^Pattern/ }).fill('balance is (\\d+');
    await form.getByText('Pattern 1: the regular expression is not valid.').waitFor();
    await form.getByRole('textbox', { name: /^Pattern/ }).fill('balance is \\d+');
    await form.getByLabel('Try a reply').fill('Your balance is 42 EUR');
    await form.getByText('✓ matches').waitFor();
    await form.getByRole('button', { name: 'Add pattern' }).click();
    await form.getByRole('combobox', { name: /^Pattern 2/ }).selectOption('contains');
    await form.getByLabel('Expected text').fill('EUR');
    await form.getByLabel('Try a reply').nth(1).fill('42 USD');
    await form.getByText('✗ does not match').waitFor();
    await expect(form.getByTestId('library-check').textContent()).resolves.toContain(
      'matches all 2 patterns',
    );

    // save by keyboard: Enter in a field submits the form
    await form.getByLabel('Service name').press('Enter');
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const listed = list.getByRole('button', { name: new RegExp(name) });
    await listed.waitFor();

    // edit: rename, and the change survives a reload
    await form.getByLabel('Service name').fill(`${name} v2`);
    await form.getByRole('button', { name: 'Save service check' }).click();
    await list.getByRole('button', { name: new RegExp(`${name} v2`) }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: new RegExp(`${name} v2`) }).click();
    await expect(form.getByLabel('Input command').inputValue()).resolves.toBe('BAL');
    await expect(form.getByRole('textbox', { name: /^Pattern/ }).inputValue()).resolves.toBe(
      'balance is \\d+',
    );
    await expect(form.getByLabel('Expected text').inputValue()).resolves.toBe('EUR');
    await screenshot(page, 'test-library-editor');

    // delete (the confirmation is accepted above)
    await form.getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(() => list.getByRole('button', { name: new RegExp(name) }).count(), { timeout: 30_000 })
      .toBe(0);
    await list.getByRole('button', { name: /Balance/ }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an administrator adds a library check to a sequence as a paired step', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    await login(page, 'admin@demo.gong');
    await page.goto('/settings/sequences');
    await page.getByRole('button', { name: /Balance check/ }).waitFor();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const name = `E2E library sequence ${Date.now()}`;
    await page.getByLabel('Sequence name').fill(name);
    await page.getByLabel('Message 1', { exact: true }).fill('BAL');
    // a paired step with nothing to expect is caught before saving
    await page.getByText('Step 1: enter the expected text, or untick Paired.').waitFor();
    await page.getByRole('textbox', { name: /^Expected text/ }).fill('Your balance is 42 EUR');
    await page.getByRole('combobox', { name: /^Step from the test library/ }).selectOption('lib-echo');
    await page.getByRole('button', { name: 'Add library step' }).click();
    await expect(page.getByLabel('Message 2', { exact: true }).inputValue()).resolves.toBe('ECHO ping');
    await page.getByRole('button', { name: 'Save sequence' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    // the step keeps its expectation and where it came from
    const steps = await page.evaluate(async (seqName) => {
      const res = await fetch('/api/gong/sequences?limit=200');
      const body = (await res.json()) as {
        items: {
          name: string;
          steps: { message: { text: string }; expect: unknown; libraryId?: string }[];
        }[];
      };
      return body.items.find((s) => s.name === seqName)?.steps;
    }, name);
    expect(steps?.[1]).toEqual(
      expect.objectContaining({
        message: expect.objectContaining({ text: 'ECHO ping' }),
        expect: { kind: 'exact', text: 'ping' },
        libraryId: 'lib-echo',
      }),
    );
    await screenshot(page, 'test-library-in-sequence');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a viewer reads the library but cannot change it', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    await login(page, 'viewer@demo.gong');
    await page.getByRole('link', { name: 'Test library' }).click();
    const list = page.getByRole('region', { name: 'Test library' });
    await list.getByRole('button', { name: /Echo/ }).click();
    const form = page.getByRole('form', { name: 'Library entry' });
    await form.getByTestId('library-read-only').waitFor();
    await expect(list.getByRole('button', { name: 'New', exact: true }).count()).resolves.toBe(0);
    await expect(form.getByRole('button', { name: /Save|Delete|Add pattern|Remove/ }).count()).resolves.toBe(
      0,
    );
    await expect(form.getByLabel('Input command').inputValue()).resolves.toBe('ECHO ping');
    await expect(form.getByLabel('Service name').getAttribute('readonly')).resolves.not.toBeNull();
    // the tester still works for them
    await form.getByLabel('Try a reply').fill('ping');
    await form.getByText('✓ matches').waitFor();
    // and the API agrees with the page
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/gong/library', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceName: 'nope', input: { text: 'X' } }),
      });
      return res.status;
    });
    expect(status).toBe(403);
    errors.length = 0; // the refused call above is logged on purpose
    await screenshot(page, 'test-library-viewer');
    expect(errors).toEqual([]);
    await context.close();
  });
});
