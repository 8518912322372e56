import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login, newUserPage, screenshot } from './support/browser';

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path()) ?? '', 'utf8') };
}

describe('functional session exports and connection settings', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sends a library check, then exports the session as CSV and as Jira text', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    await login(page, 'tester@demo.gong');
    // a service check whose two patterns must both hold (the simulator answers "Your balance is 42 EUR")
    const service = `E2E balance ${Date.now()}`;
    const created = await page.evaluate(async (serviceName) => {
      const res = await fetch('/api/gong/library', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          serviceName,
          input: { text: 'BAL' },
          expectedPatterns: [
            { kind: 'contains', text: 'balance' },
            { kind: 'regex', pattern: '\\d+ EUR$', flags: '' },
          ],
        }),
      });
      return res.status;
    }, service);
    expect(created).toBe(201);

    await page.goto('/functional');
    const form = page.getByRole('form', { name: 'New session' });
    await form.locator('select[name="connection"]').selectOption('c-local-sim');
    await form.locator('select[name="operator"]').selectOption('op-orange');
    await form.locator('select[name="number"]').selectOption('new');
    await form.locator('select[name="mode"]').selectOption('manual');
    await form.getByRole('button', { name: 'Open session' }).click();
    const card = page.getByTestId('session-card').first();
    await card.getByRole('combobox', { name: /^Library check/ }).selectOption({ label: `${service} (BAL)` });
    await card.getByRole('button', { name: 'Send check' }).click();
    await expect
      .poll(() => card.locator('[data-testid="msg-received"][data-verdict="valid"]').count(), {
        timeout: 60_000,
      })
      .toBe(1);
    await card.getByLabel('Message').fill('ECHO csv-marker');
    await card.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(async () => (await card.getByTestId('msg-received').allTextContents()).join('|'), {
        timeout: 60_000,
      })
      .toContain('csv-marker');

    const csv = await downloaded(page, () => card.getByRole('link', { name: 'Export CSV' }).click());
    expect(csv.name).toMatch(/^session-.+\.csv$/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('seq,sent_at,step,msisdn,message,reply,reply_at,latency_ms,verdict,resp_status');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('BAL');
    expect(lines[1]).toContain('Your balance is 42 EUR');
    expect(lines[2]).toContain('ECHO csv-marker');

    // no Jira is configured in the local stack: the button says so, and the issue text is still at hand
    await card.getByRole('button', { name: 'Export to Jira' }).click();
    await card.getByRole('alert').filter({ hasText: 'Jira export is not configured' }).waitFor();
    errors.length = 0; // the 503 above is logged by the browser
    const jira = await downloaded(page, () => card.getByRole('link', { name: 'Jira text' }).click());
    expect(jira.name).toMatch(/^session-.+-jira\.txt$/);
    expect(jira.text).toContain('||#||Sent||Message||Reply||Replied||Latency (ms)||Verdict||');
    expect(jira.text).toContain('Sent: 2 · received: 2');
    expect(jira.text).toMatch(/\|0\|[^\n]*\|BAL\|Your balance is 42 EUR\|[^\n]*\|valid\|/);
    expect(jira.text).toMatch(/\|1\|[^\n]*\|ECHO csv-marker\|csv-marker\|/);
    await screenshot(page, 'functional-exports');

    // a closed session can still be exported
    await card.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 30_000 }).toBe('closed');
    const after = await downloaded(page, () => card.getByRole('link', { name: 'Export CSV' }).click());
    expect(after.text.trim().split('\r\n')).toHaveLength(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the jCli script with a copy button, lints a bad connection and tests a connection', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    page.on('dialog', (d) => void d.accept());
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await login(page, 'admin@demo.gong');
    await page.goto('/settings/connections');
    const list = page.getByRole('region', { name: 'Connections' });
    await list.getByRole('button', { name: /Local gateway simulator/ }).click();

    const script = page.getByTestId('jcli-script');
    await expect.poll(() => script.textContent(), { timeout: 30_000 }).toContain('smppccm -a');
    const text = (await script.textContent()) ?? '';
    await page.getByRole('button', { name: 'Copy script' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    await expect(
      page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).resolves.toBe(text);

    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('connection-test-result');
    await result.waitFor({ timeout: 60_000 });
    await expect(result.textContent()).resolves.toMatch(/\w+/);
    await screenshot(page, 'connection-jcli-test');

    // a connection with Jasmin's 1 msg/s throughput and no operators gets warnings
    await list.getByRole('button', { name: 'New', exact: true }).click();
    const form = page.getByRole('form', { name: 'Connection' });
    const name = `E2E lint ${Date.now()}`;
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('submit_throughput (0 = unlimited)').fill('1');
    await form.getByRole('button', { name: 'Save connection' }).click();
    const warnings = page.getByTestId('jcli-warnings');
    await expect
      .poll(() => warnings.textContent(), { timeout: 30_000 })
      .toContain("submit_throughput is 1 msg/s, Jasmin's default");
    await expect(warnings.textContent()).resolves.toContain('no operators yet');
    await screenshot(page, 'connection-lint-warnings');
    await form.getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(() => list.getByRole('button', { name: new RegExp(name) }).count(), { timeout: 30_000 })
      .toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
