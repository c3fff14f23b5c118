// End-to-end: "Today", the home page (issue 17), on a phone. On the demo province, the social
// worker of Takestan, the county expert, the provincial expert and public relations each open
// the home page at 390×844: it never scrolls sideways, every section has a title and a count
// (or says there is nothing to do), and a screenshot is kept per role. The social worker then
// taps the first "ثبت بازدید" of her visits and lands on her group's visit form, open, dated
// today, with one tap.
//
// Run through e2e/run.sh after the demo server is up; it passes:
//   HAMYAR_URL          base URL of the running demo server (`serve --demo`)
//   HAMYAR_DEMO_USERS   the demo's printed users, one per line: username password role scope
// Optional: HAMYAR_CHROMIUM, HAMYAR_ARTIFACTS (screenshots go to <artifacts>/today-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ARTIFACTS,
  BASE_URL as baseUrl,
  PHONE,
  launchBrowser,
  logIn,
  phoneContext,
  requiredEnv,
  shot,
} from './support.mjs';

const BASE_URL = baseUrl();

/** The demo's printed accounts, by username. */
function demoUser(username) {
  for (const line of requiredEnv('HAMYAR_DEMO_USERS').split('\n')) {
    const [name, password, role] = line.trim().split(/\s+/);
    if (name === username) {
      return { username, password, role };
    }
  }
  throw new Error(`the demo printed no ${username}`);
}

/** How far the page sticks out sideways, and the widest element when it does. */
async function sideways(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const over = document.documentElement.scrollWidth - width;
    let widest = '';
    if (over > 0) {
      for (const el of document.querySelectorAll('body *')) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 1 || box.left < -1) {
          widest = `${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.left)}…${Math.round(box.right)})`;
          break;
        }
      }
    }
    return { over, widest };
  });
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const username of ['demo.worker.takestan', 'demo.county', 'demo.province', 'demo.pr']) {
  test(`Today fits a phone for ${username}`, { timeout: 60_000 }, async () => {
    const { context, foreign, problems } = await phoneContext(browser);
    try {
      const page = await context.newPage();
      await logIn(page, demoUser(username));
      await page.goto(`${BASE_URL}/`);
      await page.waitForLoadState('load');
      await shot(page, `today-${username}-390x844`);
      const { over, widest } = await sideways(page);
      assert.ok(over <= 0, `the home page scrolls ${over}px sideways; ${widest}`);
      await assert.doesNotReject(page.locator('h1', { hasText: 'امروز' }).first().waitFor());
      const sections = page.locator('section.today-section');
      assert.ok((await sections.count()) > 0, 'no section on the home page');
      for (const id of await sections.evaluateAll((all) => all.map((s) => s.id))) {
        const section = page.locator(`#${id}`);
        const title = await section.locator('h2').innerText();
        assert.ok(title.trim().length > 0, `${id} has no title`);
        assert.doesNotMatch(await section.innerText(), /[0-9]/, `${id} shows a Latin digit`);
      }
      if (username === 'demo.pr') {
        assert.equal(await page.locator('#today-visits').count(), 0, 'public relations sees no groups');
        assert.equal(await page.locator('#today-press').count(), 1, 'no press paragraph');
      }
      assert.deepEqual(foreign, [], 'the browser asked for hosts other than 127.0.0.1');
      assert.deepEqual(problems, [], 'the page raised script errors');
    } finally {
      await context.close();
    }
  });
}

test('a social worker records a visit from Today in one tap', { timeout: 60_000 }, async () => {
  const { context } = await phoneContext(browser);
  try {
    const page = await context.newPage();
    await logIn(page, demoUser('demo.worker.takestan'));
    await page.goto(`${BASE_URL}/`);
    const visits = page.locator('#today-visits');
    const button = visits.locator('a.today-action', { hasText: 'ثبت بازدید' }).first();
    assert.equal(await button.count(), 1, 'no visit to record on the demo worker\'s Today');
    await Promise.all([page.waitForURL(/\/life\?record=visit/), button.click()]);
    const form = page.locator('details#record-visit');
    assert.ok(await form.evaluate((el) => el.open), 'the visit form is not open');
    const date = await form.locator('input[name="visited_on"]').inputValue();
    assert.match(date, /^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}$/, `the visit date reads "${date}"`);
    const purpose = form.locator('input[name="purpose"], textarea[name="purpose"]').first();
    assert.ok(await purpose.isVisible(), 'the purpose field is not shown');
    // The link's anchor brings the form into view: no scrolling to find it (scrolling to an
    // anchor may stop a fraction of a pixel past its top).
    const box = await form.boundingBox();
    assert.ok(box && box.y > -1 && box.y < PHONE.height, `the form starts at y=${box?.y}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'today-record-visit-390x844.png') });
  } finally {
    await context.close();
  }
});
