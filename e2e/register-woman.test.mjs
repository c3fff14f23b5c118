// End-to-end: a social worker registers a woman head of household on a phone.
//
// Run through e2e/run.sh, which starts the server, creates the social worker with
// `hamyar user add --password-stdin` and passes:
//   HAMYAR_URL              base URL of the running server
//   HAMYAR_WORKER_USER      username of a social worker scoped to Abyek (ir.qazvin.abyek)
//   HAMYAR_WORKER_PASSWORD  that user's password
// Optional:
//   HAMYAR_CHROMIUM   browser executable (default /usr/bin/chromium)
//   HAMYAR_ARTIFACTS  where screenshots go (default e2e/artifacts)
//
// The journey: log in at 390×844, open the registry from the menu, fill the registration form
// with Persian digits, add a household row with the htmx button, register two household
// members, land on her file (household size ۳), then find her by name typed with the Arabic
// letter ي. The same pages are then photographed at 1366×768 for review.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE_URL = requiredEnv('HAMYAR_URL').replace(/\/+$/, '');
const WORKER = {
  username: requiredEnv('HAMYAR_WORKER_USER'),
  password: requiredEnv('HAMYAR_WORKER_PASSWORD'),
};
const CHROMIUM = process.env.HAMYAR_CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS =
  process.env.HAMYAR_ARTIFACTS ||
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const ALLOWED_HOST = '127.0.0.1';
const PHONE = { width: 390, height: 844 };
const OFFICE = { width: 1366, height: 768 };

// The woman, typed the way a Persian keyboard types her.
const WOMAN = {
  nationalId: '۰۰۱۳۵۴۲۴۱۹',
  firstName: 'مریم',
  lastName: 'علی‌نژاد',
  birthDate: '۱۳۶۵/۰۴/۱۲',
};

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run the tests through e2e/run.sh`);
  }
  return value;
}

let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
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
});

after(async () => {
  await browser?.close();
});

function isLocal(url) {
  const u = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(u.protocol)) {
    return true;
  }
  return u.hostname === ALLOWED_HOST;
}

/** A context that blocks (and records) other hosts and records script errors and CSP reports. */
async function watchedContext(viewport) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const foreign = [];
  const problems = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) {
      return route.continue();
    }
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`uncaught error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
        problems.push(`CSP violation: ${message.text()}`);
      }
    });
  });
  return { context, foreign, problems };
}

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Runs a step; on failure keeps a screenshot of the page. */
async function step(page, name, body) {
  try {
    return await body();
  } catch (error) {
    await screenshot(page, `FAILED-${name}`).catch(() => {});
    throw error;
  }
}

async function logIn(page) {
  await page.goto(`${BASE_URL}/login`);
  const form = page.locator('form:has(input[name="password"])').first();
  await form.locator('input[name="username"]').fill(WORKER.username);
  await form.locator('input[name="password"]').fill(WORKER.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/'),
    form.locator('button[type="submit"]').click(),
  ]);
}

/** Fills household row `index` of the registration form. */
async function fillMember(page, index, member) {
  const field = (name) => page.locator(`[name="members[${index}].${name}"]`);
  await field('first_name').fill(member.firstName);
  if (member.lastName) await field('last_name').fill(member.lastName);
  await field('relation').selectOption(member.relation);
  if (member.birthDate) await field('birth_date').fill(member.birthDate);
  if (member.nationalId) await field('national_id').fill(member.nationalId);
  if (member.activity) await field('activity').selectOption(member.activity);
  if (member.disability) await field('disability').check();
}

let filePath = '';

test('a social worker registers a woman with her household on a phone', { timeout: 120_000 }, async () => {
  const { context, foreign, problems } = await watchedContext(PHONE);
  const page = await context.newPage();
  try {
    await step(page, 'login', () => logIn(page));

    await step(page, 'open-registry', async () => {
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/women'),
        page.locator('nav.app-nav a[href="/women"]').click(),
      ]);
      await screenshot(page, '10-women-empty-390x844');
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/women/new'),
        page.locator('main a[href="/women/new"]').first().click(),
      ]);
    });

    await step(page, 'fill-form', async () => {
      await page.locator('#national_id').fill(WOMAN.nationalId);
      await page.locator('#first_name').fill(WOMAN.firstName);
      await page.locator('#last_name').fill(WOMAN.lastName);
      await page.locator('#father_name').fill('حسن');
      await page.locator('#birth_date').fill(WOMAN.birthDate);
      await page.locator('#headship_cause').selectOption('husband_addicted');
      await page.locator('#mobile').fill('۰۹۱۲۳۴۵۶۷۸۹');
      await page.locator('#county').selectOption({ label: 'آبیک' });
      await page.locator('#settlement').selectOption('rural');
      await page.locator('#locality').fill('روستای زیاران');
      await page.locator('#education').selectOption('primary');
      await page.locator('#income_decile').selectOption('2');
      await page.locator('#skills').fill('قالی‌بافی');

      // The "add a row" button asks the server for one more row (htmx, no inline script).
      assert.equal(await page.locator('.member-row').count(), 3, 'three blank rows to start with');
      await page.locator('#member-row-slot button').click();
      await page.locator('[name="members[3].first_name"]').waitFor();
      assert.equal(await page.locator('.member-row').count(), 4, 'a fourth row arrived');
      assert.match(
        await page.locator('#member-row-slot button').getAttribute('hx-get'),
        /index=4$/,
        'the button now asks for the fifth row',
      );

      await fillMember(page, 0, {
        firstName: 'رضا',
        relation: 'child',
        birthDate: '۱۳۹۰/۰۶/۲۰',
        nationalId: '۱۲۳۴۵۶۷۸۹۱',
        activity: 'in_school',
      });
      await fillMember(page, 3, {
        firstName: 'فاطمه',
        lastName: 'احمدی',
        relation: 'parent',
        birthDate: '۱۳۴۰/۰۱/۰۱',
        disability: true,
      });
      await screenshot(page, '11-register-filled-390x844');
    });

    await step(page, 'register', async () => {
      await Promise.all([
        page.waitForURL((url) => /^\/women\/\d+$/.test(url.pathname)),
        page.locator('form.form-wide button[type="submit"]').click(),
      ]);
      filePath = new URL(page.url()).pathname;
      await assertText(page, '.alert-success', 'پرونده ثبت شد');
      await assertText(page, 'h1.page-title', `${WOMAN.firstName} ${WOMAN.lastName}`);
      await assertText(page, '#household-size', '۳');
      await assertText(page, '.file-meta .ltr', '۰۰۱۳۵۴۲۴۱۹');
      const household = await page.locator('#household tbody tr').count();
      assert.equal(household, 2, 'two household members are listed');
      await screenshot(page, '12-file-390x844');
    });

    await step(page, 'search', async () => {
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/women'),
        page.locator('nav.app-nav a[href="/women"]').click(),
      ]);
      // Arabic keyboards type ي for Persian ی; the registry folds them together.
      await page.locator('#q').fill('علي');
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/women' && url.searchParams.get('q') === 'علي'),
        page.locator('form.filters button[type="submit"]').click(),
      ]);
      const link = page.locator(`a[href="${filePath}"]`);
      assert.equal(await link.count(), 1, 'she is found by a part of her family name');
      assert.equal((await link.textContent()).trim(), `${WOMAN.firstName} ${WOMAN.lastName}`);
      await screenshot(page, '13-search-390x844');
      await assertFitsWidth(page);
    });

    assert.deepEqual(foreign, [], 'the browser requested hosts other than 127.0.0.1');
    assert.deepEqual(problems, [], 'the pages raised script errors or CSP violations');
  } finally {
    await context.close();
  }
});

test('the registry pages at office size', { timeout: 90_000 }, async () => {
  assert.ok(filePath, 'the registration test ran first');
  const { context, foreign, problems } = await watchedContext(OFFICE);
  const page = await context.newPage();
  try {
    await step(page, 'office-login', () => logIn(page));
    const pages = [
      ['/women', '20-women-1366x768'],
      [filePath, '21-file-1366x768'],
      ['/women/new', '22-register-1366x768'],
      ['/duplicates', '23-duplicates-1366x768'],
      ['/programme', '24-programme-1366x768'],
    ];
    for (const [where, name] of pages) {
      await step(page, name, async () => {
        const response = await page.goto(`${BASE_URL}${where}`);
        assert.equal(response.status(), 200, `${where} answered HTTP ${response.status()}`);
        await screenshot(page, name);
        await assertFitsWidth(page);
      });
    }
    await page.setViewportSize(PHONE);
    for (const [where, name] of [['/duplicates', '14-duplicates-390x844'], ['/programme', '15-programme-390x844']]) {
      await page.goto(`${BASE_URL}${where}`);
      await screenshot(page, name);
      await assertFitsWidth(page);
    }
    assert.deepEqual(foreign, [], 'the browser requested hosts other than 127.0.0.1');
    assert.deepEqual(problems, [], 'the pages raised script errors or CSP violations');
  } finally {
    await context.close();
  }
});

async function assertText(page, selector, expected) {
  const text = (await page.locator(selector).first().textContent()).replace(/\s+/g, ' ').trim();
  assert.ok(text.includes(expected), `${selector} shows "${text}", expected "${expected}"`);
}

/** Nothing makes the page scroll sideways (tables scroll inside their own wrapper). */
async function assertFitsWidth(page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client + 1, `the page is ${scroll}px wide in a ${client}px window`);
}
