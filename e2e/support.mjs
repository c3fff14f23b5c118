// What the group browser tests share: reading the environment e2e/run.sh passes, launching
// Debian's Chromium with every host but 127.0.0.1 blocked, a phone-sized context that records
// foreign requests and script errors, screenshots, named steps that keep a screenshot when they
// fail, logging in, submitting a form and opening a folded form panel.

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ALLOWED_HOST = '127.0.0.1';
export const PHONE = { width: 390, height: 844 };
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

export function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run the tests through e2e/run.sh`);
  }
  return value;
}

export const BASE_URL = () => requiredEnv('HAMYAR_URL').replace(/\/+$/, '');
export const ARTIFACTS =
  process.env.HAMYAR_ARTIFACTS ||
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** Latin digits written as Persian ones, as a Persian keyboard types them. */
export const persian = (text) => String(text).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]);
/** Persian digits read back as Latin ones. */
export const latin = (text) => String(text).replace(/[۰-۹]/g, (d) => String(PERSIAN_DIGITS.indexOf(d)));

/** Debian's Chromium, headless, never resolving any host but 127.0.0.1. */
export async function launchBrowser() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.HAMYAR_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${ALLOWED_HOST}`,
    ],
  });
}

/** A phone-sized context that refuses (and records) every host but 127.0.0.1. */
export async function phoneContext(browser) {
  const context = await browser.newContext({ viewport: PHONE });
  context.setDefaultTimeout(15_000);
  const foreign = [];
  const problems = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === ALLOWED_HOST || ['data:', 'blob:', 'about:'].includes(url.protocol)) {
      return route.continue();
    }
    foreign.push(url.href);
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`uncaught error: ${error.message}`));
  });
  return { context, foreign, problems };
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Runs a named step; on failure keeps a screenshot `FAILED-<name>`. */
export async function step(page, name, body) {
  try {
    return await body();
  } catch (error) {
    await shot(page, `FAILED-${name}`).catch(() => {});
    throw error;
  }
}

export async function logIn(page, who) {
  await page.goto(`${BASE_URL()}/login`);
  const form = page.locator('form:has(input[name="password"])').first();
  await form.locator('input[name="username"]').fill(who.username);
  await form.locator('input[name="password"]').fill(who.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/'),
    form.locator('button[type="submit"]').click(),
  ]);
}

/** Clicks `button` and waits for the page it lands on. */
export async function submit(page, button, landing) {
  await Promise.all([page.waitForURL(landing), button.click()]);
}

/** The form panel whose summary reads `summaryText`, opened. */
export async function openPanel(page, summaryText) {
  const panel = page
    .locator('details.form-panel', { has: page.locator('summary', { hasText: summaryText }) })
    .first();
  if (!(await panel.evaluate((el) => el.open))) {
    await panel.locator('summary').click();
  }
  return panel;
}
