import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login, newUserPage, screenshot } from './support/browser';

/** A short run against the simulator, started through the proxy as the stress page does; waits until it ends. */
async function finishedRun(page: Page, ratePerNumber: number): Promise<string> {
  const id = await page.evaluate(async (rate) => {
    const res = await fetch('/api/gong/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        connectionId: 'c-local-sim',
        operators: [{ operatorId: 'op-orange', minNumbers: 2, maxNumbers: 2 }],
        durationSec: 4,
        strategy: { kind: 'full-force', ratePerNumber: rate },
      }),
    });
    if (res.status !== 201 && res.status !== 202) throw new Error(`start: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }, ratePerNumber);
  const read = () =>
    page.evaluate(async (runId) => {
      const res = await fetch(`/api/gong/runs/${runId}`);
      return (await res.json()) as { state: string; stateReason?: string };
    }, id);
  await expect
    .poll(async () => (await read()).state, { timeout: 120_000, interval: 1000 })
    .toMatch(/^(finished|aborted|failed)$/);
  const run = await read();
  expect(run.state, `run ${id} ended ${run.state}: ${run.stateReason ?? 'no reason given'}`).toBe('finished');
  return id;
}

describe('results: compare two runs', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('filters the list, compares two finished runs and downloads the comparison as CSV', async () => {
    const { page, errors, context } = await newUserPage(browser, inject('webUrl'));
    await login(page, 'stress@demo.gong');
    const first = await finishedRun(page, 2);
    const second = await finishedRun(page, 4);

    await page.goto('/results');
    const filters = page.getByRole('form', { name: 'Filter runs' });
    await filters.getByLabel('Connection').selectOption('c-local-sim');
    await filters.getByLabel('Strategy').selectOption('full-force');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    const table = page.getByTestId('runs-table');
    await table.getByLabel(`(${first})`).check();
    await table.getByLabel(`(${second})`).check();
    // a filter that matches nothing says so and what to do next
    await filters.getByLabel('Strategy').selectOption('random');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No runs match.').waitFor();
    await filters.getByLabel('Strategy').selectOption('full-force');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await table.waitFor();
    await page.getByRole('button', { name: 'Compare 2 runs' }).click();

    await page.getByRole('heading', { name: 'Compare runs' }).waitFor();
    const diff = page.getByTestId('diff-table');
    await diff.waitFor();
    await expect(diff.locator('tbody tr').count()).resolves.toBeGreaterThan(5);
    await expect(diff.textContent()).resolves.toContain('(baseline)');
    const verdicts = page.getByTestId('compare-verdicts');
    await expect(verdicts.textContent()).resolves.toMatch(
      /vs baseline:\s*(regressed|improved|no significant change)/,
    );
    for (const chart of ['chart-compare-sent', 'chart-compare-received']) {
      // one line per run
      await expect
        .poll(() => page.getByTestId(chart).locator('svg path[fill="none"]').count(), {
          timeout: 30_000,
        })
        .toBeGreaterThanOrEqual(2);
    }
    await screenshot(page, 'results-compare');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('metric,unit,better,run_id,run,baseline,value,delta,verdict');
    expect(csv.length).toBeGreaterThan(10);
    expect(csv.some((l) => l.startsWith('sent,messages,higher,') && l.includes(second))).toBe(true);

    // the baseline can be switched: the other run becomes the baseline
    await page.getByLabel('Baseline').selectOption(second);
    await expect.poll(() => page.url()).toContain(`baseline=${second}`);
    await expect
      .poll(async () => diff.locator('th', { hasText: second }).textContent())
      .toContain('(baseline)');
    await expect(diff.locator('th', { hasText: first }).textContent()).resolves.not.toContain('(baseline)');
    expect(errors).toEqual([]);
    await context.close();
  });
});
