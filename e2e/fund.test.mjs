// End-to-end: one meeting of a group's fund on a phone (issue 20), on the demo province.
//
// The county expert of the provincial capital, on a phone (390×844), opens a group's fund from
// the savings-group report (or, when the demo keeps no fund, from the groups list, and opens a
// cycle through the fund's page). On the meeting screen — a card per member — she types two
// members' shares in Persian digits and the cash counted (the cash the books showed before the
// meeting plus the shares), saves, and finds the meeting on the fund's page. No page scrolls
// sideways; a screenshot of the meeting screen is kept.
//
// Run through e2e/run.sh after the demo server is up; it passes:
//   HAMYAR_URL          base URL of the running demo server (`serve --demo`)
//   HAMYAR_DEMO_USERS   the demo's printed users, one per line: username password role scope
// Optional: HAMYAR_CHROMIUM, HAMYAR_ARTIFACTS (screenshots go to <artifacts>/fund-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL as baseUrl,
  PHONE,
  launchBrowser,
  logIn,
  persian,
  phoneContext,
  requiredEnv,
  shot,
  step,
} from './support.mjs';

const BASE_URL = baseUrl();

function demoUser(username) {
  const user = requiredEnv('HAMYAR_DEMO_USERS')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length >= 3)
    .map(([name, password, role]) => ({ username: name, password, role }))
    .find((u) => u.username === username);
  if (!user) throw new Error(`the demo printed no ${username}`);
  return user;
}

async function fitsThePhone(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${what} is ${width} px wide on a ${PHONE.width} px phone`);
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a county expert records a fund meeting on a phone', { timeout: 180_000 }, async () => {
  const { context, foreign, problems } = await phoneContext(browser);
  const page = await context.newPage();
  try {
    await logIn(page, demoUser('demo.county'));

    let fund = '';
    await step(page, 'fund-find', async () => {
      await page.goto(`${BASE_URL}/fund/report?from=${persian('1400/01/01')}`);
      await fitsThePhone(page, 'the savings-group report');
      await shot(page, 'fund-report');
      const linked = page.locator('#fund-report-groups a[href$="/fund"]');
      if ((await linked.count()) > 0) {
        fund = new URL(await linked.first().getAttribute('href'), BASE_URL).pathname;
      } else {
        await page.goto(`${BASE_URL}/groups`);
        const group = page.locator('main a[href^="/groups/"]').filter({ hasNotText: '+' });
        const href = await group.first().getAttribute('href');
        fund = `${new URL(href, BASE_URL).pathname.split('/').slice(0, 3).join('/')}/fund`;
      }
      await page.goto(`${BASE_URL}${fund}`);
      await fitsThePhone(page, 'the fund page');
    });

    await step(page, 'fund-cycle', async () => {
      if ((await page.locator('#fund-cycle-form').count()) > 0) {
        const form = page.locator('#fund-cycle-form');
        await form.locator('input[name="ends_on"]').fill(persian('1406/12/29'));
        await form.locator('input[name="share_value"]').fill(persian('500000'));
        await Promise.all([page.waitForURL(/done=/), form.locator('button[type="submit"]').click()]);
      }
      assert.ok(await page.locator('#fund-meeting-link').count(), 'the fund offers its meeting screen');
    });

    const meetingsBefore = await page.locator('.fund-meeting-card').count();
    await step(page, 'fund-meeting', async () => {
      await page.locator('#fund-meeting-link').click();
      await page.waitForURL(/\/fund\/meeting$/);
      const form = page.locator('#fund-meeting-form');
      const cards = form.locator('.fund-line');
      assert.ok((await cards.count()) >= 2, 'the group has two members');
      const shareRials = Number(await form.getAttribute('data-share-rials'));
      const cashBefore = Number(await page.locator('#fund-cash-before').getAttribute('data-rials'));
      await cards.nth(0).locator('input[name^="shares."]').fill('۱');
      await cards.nth(1).locator('input[name^="shares."]').fill('۲');
      await form.locator('input[name="cash_counted"]').fill(persian(String(cashBefore + 3 * shareRials)));
      await fitsThePhone(page, 'the meeting screen');
      await shot(page, 'fund-meeting');
      await Promise.all([
        page.waitForURL((url) => url.pathname === fund && url.search.includes('done=')),
        form.locator('button[type="submit"]').click(),
      ]);
    });

    await step(page, 'fund-after', async () => {
      assert.equal(
        await page.locator('.fund-meeting-card').count(),
        meetingsBefore + 1,
        'the meeting is on the fund page',
      );
      await fitsThePhone(page, 'the fund page after the meeting');
      await shot(page, 'fund-page');
      const loan = page.locator('#loans a[href^="/fund/loans/"]');
      if ((await loan.count()) > 0) {
        await loan.first().click();
        await page.waitForURL(/\/fund\/loans\/\d+/);
        await fitsThePhone(page, 'a loan page');
        await shot(page, 'fund-loan');
      }
    });

    assert.deepEqual(foreign, [], 'no request left 127.0.0.1');
    assert.deepEqual(problems, [], 'no script error');
  } finally {
    await context.close();
  }
});
