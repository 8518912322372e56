import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login, newUserPage, screenshot } from './support/browser';

/** Seed ids (seeds/src/demo.ts): the simulator connection, its Orange operator, two sequences. */
const SIM = 'c-local-sim';
const ORANGE = 'op-orange';

async function countOf(l: Locator): Promise<number> {
  return l.count();
}

describe('functional testing against the gateway simulator', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs two automated sessions side by side and shows the replies, then sends free text', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    await login(page, 'tester@demo.gong');
    await page.goto('/functional');
    const form = page.getByRole('form', { name: 'New session' });

    const open = async (sequenceId: string) => {
      await form.locator('select[name="connection"]').selectOption(SIM);
      await form.locator('select[name="operator"]').selectOption(ORANGE);
      await form.locator('select[name="number"]').selectOption('new');
      await form.locator('select[name="mode"]').selectOption('automated');
      await form.locator('select[name="sequence"]').selectOption(sequenceId);
      await form.getByRole('button', { name: 'Open session' }).click();
    };
    const before = await countOf(page.getByTestId('session-card'));
    await open('seq-balance-echo');
    await expect
      .poll(() => countOf(page.getByTestId('session-card')), { timeout: 30_000 })
      .toBe(Math.min(before + 1, 4));
    await open('seq-echo');
    // new sessions are shown first, side by side with the ones still going
    await expect
      .poll(() => countOf(page.getByTestId('session-card')), { timeout: 30_000 })
      .toBe(Math.min(before + 2, 4));

    // every card gets its replies; the seeded expectations hold against the simulator
    const cards = page.getByTestId('session-card');
    for (const i of [0, 1]) {
      const card = cards.nth(i);
      await expect
        .poll(() => countOf(card.getByTestId('msg-received')), { timeout: 90_000, interval: 1000 })
        .toBeGreaterThanOrEqual(2);
      await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
      await expect(countOf(card.locator('[data-testid="msg-received"][data-verdict="valid"]'))).resolves.toBe(
        2,
      );
      await expect(card.getByTestId('stat-received').textContent()).resolves.toMatch(/Received: [1-9]/);
    }
    const balance = await cards.nth(1).getByTestId('msg-received').allTextContents();
    expect(balance.join(' ')).toContain('balance');

    // free text in the first session: ECHO answers with its argument
    const first = cards.first();
    await first.getByLabel('Message').fill('ECHO from e2e');
    await first.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(async () => (await first.getByTestId('msg-received').allTextContents()).join('|'), {
        timeout: 60_000,
      })
      .toContain('from e2e');
    await screenshot(page, 'functional-sessions');
    expect(errors).toEqual([]);
    await context.close();
  });
});
