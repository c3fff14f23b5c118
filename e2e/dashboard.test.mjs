// End-to-end: a new user's first look at Hamyar (issue 6) — the README's run command with the
// demo (`serve --demo` on an empty database), then in a desktop browser:
// 1. the provincial expert of the demo opens «داشبورد» from the menu: Qazvin's dashboard with
//    its six counties side by side, SVG charts each followed by its table, 30 active groups;
//    a number links to the list behind it (the active groups of the province);
// 2. the press summary states 30 active groups and ۷۴۳ میلیون ریال spent on training, job
//    preparation and strengthening;
// 3. the provincial report's PDF is downloaded, read with pdftotext (its Persian text is
//    selectable and carries the figures) and its first page drawn with pdftoppm;
// 4. public relations reads the dashboard and the summary — the figures — but no number
//    links to a list of people, and the registry and the groups are refused;
// 5. on a 390 px phone, the active groups' figure says «۳۰ = ۲۷ فعال + ۳ فعال‌شدهٔ دوباره»,
//    its definition opens with a tap, and its link lists the 30 groups (issue 15).
//
// Run through e2e/run.sh, which starts the demo server and passes:
//   HAMYAR_URL                  base URL of the running demo server
//   HAMYAR_PROVINCE_PASSWORD    the printed password of demo.province
//   HAMYAR_PR_PASSWORD          the printed password of demo.pr
// Optional: HAMYAR_CHROMIUM (default /usr/bin/chromium), HAMYAR_ARTIFACTS.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS,
  BASE_URL as baseUrl,
  launchBrowser,
  logIn,
  phoneContext,
  requiredEnv,
  shot,
  step,
} from './support.mjs';

const BASE_URL = baseUrl();
const PROVINCE = { username: 'demo.province', password: requiredEnv('HAMYAR_PROVINCE_PASSWORD') };
const PR = { username: 'demo.pr', password: requiredEnv('HAMYAR_PR_PASSWORD') };
const DESKTOP = { width: 1280, height: 900 };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function desktop() {
  const { context, foreign, problems } = await phoneContext(browser);
  const page = await context.newPage();
  await page.setViewportSize(DESKTOP);
  return { context, page, foreign, problems };
}

test('the provincial expert reads the dashboard, the press summary and the PDF report', async () => {
  const { context, page, foreign, problems } = await desktop();
  await logIn(page, PROVINCE);

  await step(page, 'dashboard', async () => {
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/dashboard'),
      page.locator('nav.app-nav a', { hasText: 'داشبورد' }).click(),
    ]);
    await assert.doesNotReject(page.locator('h1', { hasText: 'داشبورد قزوین' }).waitFor());
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    const charts = await page.locator('section.dashboard-section svg.chart').count();
    assert.ok(charts >= 6, `${charts} charts`);
    const headline = page.locator('#headlines [data-figure="groups.active"]');
    assert.equal((await headline.locator('.stat-value').innerText()).trim(), '۳۰');
    const counties = await page.locator('#groups tbody tr').count();
    assert.equal(counties, 6, 'the six counties side by side');
    // Every section has its chart's numbers as a table.
    const sections = await page.locator('section.dashboard-section').count();
    assert.equal(await page.locator('section.dashboard-section table').count(), sections);
    await shot(page, 'dashboard-1-province');
    await page.locator('#money').screenshot({ path: path.join(ARTIFACTS, 'dashboard-2-money.png') });
  });

  await step(page, 'dashboard-link', async () => {
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/groups' && url.searchParams.get('stage') === 'active,reactivated'),
      page.locator('#headlines a.stat-value').first().click(),
    ]);
    const rows = await page.locator('main table tbody tr').count();
    assert.ok(rows > 0, 'the active groups are listed');
    await shot(page, 'dashboard-3-active-groups');
  });

  let pdfHref;
  await step(page, 'press-summary', async () => {
    await page.goto(`${BASE_URL}/reports/summary`);
    const paragraph = await page.locator('#press-paragraph').inputValue();
    assert.match(paragraph, /۳۰ گروه همیار/);
    assert.match(paragraph, /۷۴۳ میلیون ریال/);
    assert.doesNotMatch(paragraph, /[A-Za-z0-9]/);
    pdfHref = await page.locator('#report-pdf').getAttribute('href');
    await shot(page, 'dashboard-4-press-summary');
  });

  await step(page, 'pdf', async () => {
    const response = await page.request.get(`${BASE_URL}${pdfHref}`);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'application/pdf');
    const bytes = await response.body();
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const file = path.join(ARTIFACTS, 'provincial-report.pdf');
    writeFileSync(file, bytes);
    // Read it: the text is selectable, so pdftotext finds the figures in Persian.
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    writeFileSync(path.join(ARTIFACTS, 'provincial-report.txt'), text);
    for (const word of ['قزوین', '۷۴۳', '۳۰', 'تاکستان']) {
      assert.ok(text.includes(word), `the PDF's text has ${word}`);
    }
    // And look at it: its first two pages drawn as pictures (pdftoppm pads the page number
    // to the width of the page count).
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', file, path.join(ARTIFACTS, 'provincial-report-page')]);
    const pages = readdirSync(ARTIFACTS).filter((name) => name.startsWith('provincial-report-page-'));
    assert.equal(pages.length, 2, `pages drawn: ${pages}`);
  });

  assert.deepEqual(foreign, [], 'nothing fetched from outside 127.0.0.1');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone, a figure says what it counts and its list counts to it', async () => {
  const { context, foreign, problems } = await phoneContext(browser);
  const page = await context.newPage();
  await logIn(page, PROVINCE);
  await step(page, 'phone-figure-definition', async () => {
    await page.goto(`${BASE_URL}/dashboard`);
    const card = page.locator('#headlines [data-figure="groups.active"]');
    assert.equal((await card.locator('.stat-value').innerText()).trim(), '۳۰');
    assert.equal(
      (await card.locator('.stat-parts').innerText()).trim(),
      '۳۰ = ۲۷ فعال + ۳ فعال‌شدهٔ دوباره',
    );
    const definition = card.locator('details.figure-definition');
    assert.equal(await definition.locator('p').isVisible(), false, 'the definition waits for a tap');
    await definition.locator('summary').click();
    const text = await definition.locator('p').innerText();
    assert.match(text, /«فعال» یا «فعال‌شدهٔ دوباره»/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the dashboard is ${width}px wide on a 390px phone`);
    await shot(page, 'dashboard-7-phone-definition');
  });
  await step(page, 'phone-figure-list', async () => {
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/groups'),
      page.locator('#headlines [data-figure="groups.active"] a.stat-value').click(),
    ]);
    // The list counts to the figure: «شمار گروه‌ها: ۳۰».
    assert.match(await page.locator('#by-stage').innerText(), /شمار گروه‌ها: ۳۰\)/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the list is ${width}px wide on a 390px phone`);
    await shot(page, 'dashboard-8-phone-active-groups');
  });
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('public relations sees the figures but no person', async () => {
  const { context, page, foreign, problems } = await desktop();
  await logIn(page, PR);
  await step(page, 'pr-dashboard', async () => {
    const nav = await page.locator('nav.app-nav').innerText();
    assert.match(nav, /داشبورد/);
    assert.doesNotMatch(nav, /زنان سرپرست|ثبت زنان/);
    await page.goto(`${BASE_URL}/dashboard`);
    const active = page.locator('#headlines [data-figure="groups.active"]');
    assert.equal((await active.locator('.stat-value').innerText()).trim(), '۳۰');
    // Figures only: no link into the registry of women or the groups.
    assert.equal(await page.locator('main a[href^="/women"]').count(), 0);
    assert.equal(await page.locator('main a[href^="/groups"]').count(), 0);
    assert.ok((await page.locator('section.dashboard-section svg.chart').count()) >= 6);
    await shot(page, 'dashboard-5-public-relations');
  });
  await step(page, 'pr-refused', async () => {
    for (const where of ['/women', '/groups']) {
      const response = await page.goto(`${BASE_URL}${where}`);
      assert.equal(response.status(), 403, `${where} is refused`);
    }
    await page.goto(`${BASE_URL}/reports/summary`);
    assert.match(await page.locator('#press-paragraph').inputValue(), /۳۰ گروه همیار/);
    await shot(page, 'dashboard-6-public-relations-summary');
  });
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
  await context.close();
});
