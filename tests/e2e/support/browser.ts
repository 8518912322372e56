import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const DEMO_PASSWORD = 'gong-demo-pass';
const ARTIFACTS = resolve(import.meta.dirname, '..', '..', '..', 'artifacts', 'e2e');

/** Debian's chromium, headless; a missing binary is a clear failure, not a skip. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium"`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** console errors and uncaught page errors seen so far */
  errors: string[];
}

/** A fresh browser context (own cookies) at 1280×800, collecting console errors. */
export async function newUserPage(browser: Browser, baseURL: string): Promise<UserPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.setDefaultTimeout(60_000);
  return { context, page, errors };
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  let last: unknown;
  // a dev-mode reload or a click before hydration can eat one attempt; a real failure fails all three
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await page.goto('/login');
      const submit = page.getByRole('button', { name: 'Sign in', exact: true });
      await submit.waitFor();
      // enabled once React has hydrated the form
      for (let i = 0; i < 120 && !(await submit.isEnabled()); i++) await page.waitForTimeout(250);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await submit.click();
      await page.waitForURL('**/dashboard', { timeout: 30_000 });
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor({ timeout: 60_000 });
      return;
    } catch (e) {
      last = e;
    }
  }
  const shot = await screenshot(page, `login-failed-${email.replace(/[^a-z0-9]+/gi, '-')}`);
  throw new Error(`login as ${email} did not reach the dashboard (at ${page.url()}, see ${shot})`, {
    cause: last,
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
