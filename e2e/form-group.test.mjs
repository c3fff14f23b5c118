// End-to-end: a social worker of Takestan forms a Hamyar group on a phone.
//
// Run through e2e/run.sh, which starts the server, creates the users with `hamyar user add`,
// imports six women of Takestan with `hamyar import women --as`, and passes:
//   HAMYAR_URL                     base URL of the running server
//   HAMYAR_TAKESTAN_USER/PASSWORD  a social worker scoped to Takestan (ir.qazvin.takestan)
//   HAMYAR_WORKER_USER/PASSWORD    a social worker scoped to Abyek (ir.qazvin.abyek)
//   HAMYAR_GROUP_WOMEN             the six women's national IDs, comma-separated
// Optional: HAMYAR_CHROMIUM (default /usr/bin/chromium), HAMYAR_ARTIFACTS.
//
// The journey at 390×844: open the groups from the menu, form a group (name, field, premises),
// add six registered women by national ID typed in Persian digits, see a repeated one refused
// with a Persian message, move the group through training and registration to active, and see
// the stage counted in the list. Then Abyek's social worker finds no such group: its page
// answers 404 and the list is empty.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL as baseUrl,
  PHONE,
  launchBrowser,
  logIn,
  openPanel,
  persian,
  phoneContext as contextOn,
  requiredEnv,
  shot,
  step as namedStep,
  submit,
} from './support.mjs';

const BASE_URL = baseUrl();
const TAKESTAN = {
  username: requiredEnv('HAMYAR_TAKESTAN_USER'),
  password: requiredEnv('HAMYAR_TAKESTAN_PASSWORD'),
};
const ABYEK = {
  username: requiredEnv('HAMYAR_WORKER_USER'),
  password: requiredEnv('HAMYAR_WORKER_PASSWORD'),
};
const WOMEN = requiredEnv('HAMYAR_GROUP_WOMEN').split(',');

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

const phoneContext = () => contextOn(browser);
const step = (page, name, body) => namedStep(page, `group-${name}`, body);

let groupPath = '';

test('a social worker of Takestan forms a group of six and brings it to active', { timeout: 150_000 }, async () => {
  const { context, foreign, problems } = await phoneContext();
  const page = await context.newPage();
  try {
    await step(page, 'login', () => logIn(page, TAKESTAN));

    await step(page, 'form', async () => {
      await submit(page, page.locator('nav.app-nav a[href="/groups"]'), (u) => u.pathname === '/groups');
      await shot(page, '30-groups-empty-390x844');
      await submit(page, page.locator('main a[href="/groups/new"]').first(), (u) => u.pathname === '/groups/new');
      await page.locator('#name').fill('گروه خیاطی نور تاکستان');
      await page.locator('#business_field').selectOption('tailoring');
      await page.locator('#premises').selectOption('rented');
      await page.locator('#locality').fill('تاکستان');
      await page.locator('#premises_address').fill('خیابان امام، پلاک ۱۲');
      await shot(page, '31-group-form-390x844');
      await submit(page, page.locator('form.form button[type="submit"]'), (u) => /^\/groups\/\d+$/.test(u.pathname));
      groupPath = new URL(page.url()).pathname;
      assert.match(await page.locator('.alert-success').textContent(), /گروه تشکیل شد/);
      assert.equal((await page.locator('#group-stage').textContent()).trim(), 'شناسایی‌شده');
    });

    await step(page, 'members', async () => {
      for (const [index, nationalId] of WOMEN.entries()) {
        const panel = await openPanel(page, 'افزودن عضو');
        await panel.locator('#member-national_id').fill(persian(nationalId));
        await panel.locator('#member-role').selectOption(index === 0 ? 'head' : 'member');
        await submit(page, panel.locator('button[type="submit"]'), (u) => u.pathname === groupPath);
        assert.equal(
          (await page.locator('#members-count').textContent()).trim(),
          persian(String(index + 1)),
        );
      }
      // The same woman again: refused, in Persian, under the field; the count stays ۶.
      const panel = await openPanel(page, 'افزودن عضو');
      await panel.locator('#member-national_id').fill(persian(WOMEN[0]));
      await panel.locator('#member-role').selectOption('member');
      await Promise.all([page.waitForLoadState('load'), panel.locator('button[type="submit"]').click()]);
      await page.locator('#member-national_id-error').waitFor();
      assert.match(await page.locator('#member-national_id-error').textContent(), /عضو این گروه است/);
      assert.equal((await page.locator('#members-count').textContent()).trim(), '۶');
      assert.equal(await page.locator('#size-warning').count(), 0, 'six is within the limits');
      await shot(page, '32-group-members-390x844');
    });

    await step(page, 'stages', async () => {
      await page.goto(`${BASE_URL}${groupPath}`);
      for (const [stage, label] of [
        ['trained', 'آموزش‌دیده'],
        ['registered', 'ثبت‌شده'],
        ['active', 'فعال'],
      ]) {
        const panel = await openPanel(page, 'ثبت مرحلهٔ تازه');
        await panel.locator('#stage-stage').selectOption(stage);
        await submit(page, panel.locator('button[type="submit"]'), (u) => u.pathname === groupPath);
        assert.equal((await page.locator('#group-stage').textContent()).trim(), label);
      }
      assert.equal(await page.locator('#stages .timeline li').count(), 4);
      await shot(page, '33-group-active-390x844');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `the page is ${width}px wide on a ${PHONE.width}px phone`);
    });

    await step(page, 'list', async () => {
      await page.goto(`${BASE_URL}/groups?stage=active`);
      assert.equal(await page.locator(`a[href="${groupPath}"]`).count(), 1);
      await shot(page, '34-groups-active-390x844');
    });

    assert.deepEqual(foreign, [], 'the browser requested hosts other than 127.0.0.1');
    assert.deepEqual(problems, [], 'the pages raised script errors');
  } finally {
    await context.close();
  }
});

test("Abyek's social worker cannot see Takestan's group", { timeout: 60_000 }, async () => {
  assert.ok(groupPath, 'the forming test ran first');
  const { context } = await phoneContext();
  const page = await context.newPage();
  try {
    await logIn(page, ABYEK);
    const response = await page.goto(`${BASE_URL}${groupPath}`);
    assert.equal(response.status(), 404);
    await page.goto(`${BASE_URL}/groups`);
    assert.equal(await page.locator('table a[href^="/groups/"]').count(), 0);
  } finally {
    await context.close();
  }
});
