// End-to-end: the first administrator sets up Hamyar in a real browser.
//
// Run through e2e/run.sh, which starts the server and passes:
//   HAMYAR_URL        base URL of the running server, e.g. http://127.0.0.1:40123
//   HAMYAR_SETUP_URL  the one-time setup link the server printed at start-up
// Optional:
//   HAMYAR_CHROMIUM   browser executable (default /usr/bin/chromium)
//   HAMYAR_ARTIFACTS  where screenshots go (default e2e/artifacts)
//
// Uses only node's built-in test runner and assert module, plus
// playwright-core to drive Debian's chromium (it never downloads a browser).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE_URL = requiredEnv('HAMYAR_URL').replace(/\/+$/, '');
const SETUP_URL = requiredEnv('HAMYAR_SETUP_URL');
const CHROMIUM = process.env.HAMYAR_CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS =
  process.env.HAMYAR_ARTIFACTS ||
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

const ADMIN = {
  username: 'admin',
  displayName: 'مدیر سامانه',
  password: 'Hamyar-e2e-Passw0rd!',
};

// The only host the browser may talk to.
const ALLOWED_HOST = '127.0.0.1';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Belt and braces: no DNS lookups at all, so nothing can leave the machine.
  `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${ALLOWED_HOST}`,
];

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
  // playwright-core creates a fresh temporary profile for every launch.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
});

after(async () => {
  await browser?.close();
});

/**
 * A browser context that records (and blocks) every request to a host other
 * than 127.0.0.1, and collects uncaught page errors and CSP violations.
 */
async function guardedContext(viewport) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);

  const foreign = [];
  const problems = [];

  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isAllowedUrl(url)) {
      return route.continue();
    }
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!isAllowedUrl(url) && !foreign.includes(url)) {
      foreign.push(url);
    }
  });
  context.on('page', (page) => watchPage(page, problems));

  return { context, foreign, problems };
}

function watchPage(page, problems) {
  page.on('pageerror', (error) => problems.push(`uncaught error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      problems.push(`CSP violation: ${message.text()}`);
    }
  });
}

function isAllowedUrl(url) {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') {
    return true;
  }
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname === ALLOWED_HOST;
}

/** Today in Asia/Tehran as the app prints it: "شنبه ۸ آذر ۱۴۰۵". */
function expectedJalaliToday(now = new Date()) {
  const format = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', {
    timeZone: 'Asia/Tehran',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const parts = Object.fromEntries(
    format
      .formatToParts(now)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, part.value]),
  );
  for (const type of ['weekday', 'day', 'month', 'year']) {
    assert.ok(parts[type], `Intl gave no ${type} part (ICU data missing?)`);
  }
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** Code points, so a mismatch in invisible characters (ZWNJ, RLM) is visible. */
function codePoints(text) {
  return [...text].map((c) => 'U+' + c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')).join(' ');
}

async function screenshot(page, name) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Run a step; on failure keep a screenshot of the page for the artifacts. */
async function withFailureShot(page, name, body) {
  try {
    return await body();
  } catch (error) {
    await screenshot(page, `FAILED-${name}`).catch(() => {});
    throw error;
  }
}

function pathOf(page) {
  return new URL(page.url()).pathname;
}

test('first admin: setup link, login, Persian home page', { timeout: 120_000 }, async () => {
  const { context, foreign, problems } = await guardedContext({ width: 1366, height: 768 });
  const page = await context.newPage();

  try {
    // 1. The one-time setup page.
    await withFailureShot(page, 'setup', async () => {
      const response = await page.goto(SETUP_URL);
      assert.ok(response, 'no response for the setup URL');
      assert.equal(response.status(), 200, `setup page answered HTTP ${response.status()}`);

      const form = page.locator('form:has(input[name="password_confirm"])');
      await form.locator('input[name="username"]').fill(ADMIN.username);
      await form.locator('input[name="display_name"]').fill(ADMIN.displayName);
      await form.locator('input[name="password"]').fill(ADMIN.password);
      await form.locator('input[name="password_confirm"]').fill(ADMIN.password);
      await screenshot(page, '01-setup-filled');

      await Promise.all([
        page.waitForURL((url) => url.pathname === '/login'),
        form.locator('button[type="submit"]').first().click(),
      ]);
      assert.equal(pathOf(page), '/login');
    });

    // 2. Log in with the account just created.
    await withFailureShot(page, 'login', async () => {
      await screenshot(page, '02-login');
      const form = page.locator('form:has(input[name="password"])').first();
      await form.locator('input[name="username"]').fill(ADMIN.username);
      await form.locator('input[name="password"]').fill(ADMIN.password);
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/'),
        form.locator('button[type="submit"]').first().click(),
      ]);
      assert.equal(pathOf(page), '/');
    });

    // 3. The home page: Persian, right-to-left, today's Jalali date, Vazirmatn.
    await withFailureShot(page, 'home', async () => {
      await page.waitForLoadState('load');

      const { dir, lang } = await page.evaluate(() => ({
        dir: document.documentElement.dir,
        lang: document.documentElement.lang,
      }));
      assert.equal(dir, 'rtl', '<html dir> should be rtl');
      assert.equal(lang, 'fa', '<html lang> should be fa');

      // Compute "today" on both sides of reading the page, so a run that
      // straddles midnight in Tehran does not fail spuriously.
      const before = expectedJalaliToday();
      const shown = (await page.locator('#today').textContent({ timeout: 5_000 }))
        .replace(/\s+/g, ' ')
        .trim();
      const afterwards = expectedJalaliToday();
      assert.ok(
        shown === before || shown === afterwards,
        `#today shows "${shown}" [${codePoints(shown)}]\n` +
          `expected     "${afterwards}" [${codePoints(afterwards)}]`,
      );

      const fonts = await page.evaluate(async () => {
        await document.fonts.ready;
        return {
          family: getComputedStyle(document.body).fontFamily,
          check: document.fonts.check('16px Vazirmatn'),
          // check() is also true when no such @font-face exists at all, so
          // additionally require a Vazirmatn face that really loaded.
          loadedFaces: [...document.fonts]
            .filter((face) => face.family.replace(/["']/g, '') === 'Vazirmatn' && face.status === 'loaded')
            .map((face) => face.weight),
        };
      });
      assert.match(fonts.family, /Vazirmatn/, `body font-family is "${fonts.family}"`);
      assert.ok(fonts.check, "document.fonts.check('16px Vazirmatn') is false");
      assert.ok(
        fonts.loadedFaces.length > 0,
        'no Vazirmatn @font-face finished loading (is /assets/fonts/*.woff2 served?)',
      );

      await screenshot(page, '03-home-1366x768');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(100); // let the narrow layout settle
      await screenshot(page, '04-home-390x844');
    });

    assert.deepEqual(foreign, [], 'the browser requested hosts other than 127.0.0.1');
    assert.deepEqual(problems, [], 'the pages raised script errors or CSP violations');
  } finally {
    await context.close();
  }
});

test('the setup link works only once', { timeout: 60_000 }, async () => {
  const { context, foreign } = await guardedContext({ width: 1366, height: 768 });
  const page = await context.newPage();
  try {
    await withFailureShot(page, 'setup-again', async () => {
      const response = await page.goto(SETUP_URL);
      const status = response ? response.status() : 0;
      const forms = await page.locator('input[name="password_confirm"]').count();
      await screenshot(page, '05-setup-again');
      assert.ok(
        status !== 200 || forms === 0,
        `the used setup link still shows the setup form (HTTP ${status})`,
      );
    });
    assert.deepEqual(foreign, [], 'the browser requested hosts other than 127.0.0.1');
  } finally {
    await context.close();
  }
});
