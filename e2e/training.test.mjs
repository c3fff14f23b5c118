// End-to-end: the county training coordinator on a phone (issue 18). On the demo province the
// county expert of Qazvin, at 390×844, opens «آموزش», registers a provider, plans a run of two
// sessions held in the last days (today's Jalali date is read from the browser's Persian
// calendar) with it, paid from the training line, enrols two groups of her county, marks the first session with one tap per woman on the phone sheet,
// and sees the marks counted on the run's page; then she opens a demo run whose women
// completed and prints one certificate, which the public /verify page confirms by its code.
// No page scrolls sideways; screenshots are kept.
//
// The second test carries the same run on: she imports the second session's sheet from a
// spreadsheet in the template's columns, proposes a grant for
// the enrolled group whose tranche waits for 80 % of its members to hold completion records;
// the provincial expert sees it refused; the coordinator records the completions (the woman
// absent from the first session is refused: 1 of 2 sessions); the expert now sees the
// condition hold, with the count of completers, and approves the tranche. Finally the
// training report's women trained are the press summary's.
//
// Run through e2e/run.sh after the demo server is up; it passes:
//   HAMYAR_URL          base URL of the running demo server (`serve --demo`)
//   HAMYAR_DEMO_USERS   the demo's printed users, one per line: username password role scope
// Optional: HAMYAR_CHROMIUM, HAMYAR_ARTIFACTS (screenshots go to <artifacts>/training-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL as baseUrl,
  persian,
  submit,
  launchBrowser,
  logIn,
  latin,
  phoneContext,
  requiredEnv,
  shot,
  step,
} from './support.mjs';

const BASE_URL = baseUrl();

function demoUser(username) {
  for (const line of requiredEnv('HAMYAR_DEMO_USERS').split('\n')) {
    const [name, password, role] = line.trim().split(/\s+/);
    if (name === username) {
      return { username, password, role };
    }
  }
  throw new Error(`the demo printed no ${username}`);
}

/** A Jalali day `back` days before today, as 1405/09/13. */
function jalaliDaysAgo(back) {
  const day = new Date(Date.now() - back * 86_400_000);
  const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'Asia/Tehran',
  }).formatToParts(day);
  const get = (type) => parts.find((part) => part.type === type).value;
  return `${get('year')}/${get('month')}/${get('day')}`;
}

async function sideways(page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

let browser;
// Carried from the first test to the second.
let runPath = '';
let runCode = '';
let groupId = '';
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a coordinator plans a run, enrols a group and marks a session on a phone', { timeout: 120_000 }, async () => {
  const { context, foreign, problems } = await phoneContext(browser);
  const page = await context.newPage();
  try {
    await logIn(page, demoUser('demo.county'));
    await step(page, 'training-list', async () => {
      await page.goto(`${BASE_URL}/training`);
      assert.equal(await sideways(page), 0, 'the runs list fits the phone');
      assert.ok(await page.locator('a[href^="/training/runs/"]').count() > 0, 'the demo has runs');
      await shot(page, 'training-list');
    });

    const code = `E2E-${Date.now() % 100000}`;
    runCode = code;
    const providerName = `آموزشگاه خیاطی ${persian(code.slice(4))}`;
    await step(page, 'training-provider', async () => {
      await page.goto(`${BASE_URL}/training/providers`);
      assert.equal(await sideways(page), 0, 'the providers page fits the phone');
      const form = page.locator('form[action="/training/providers"]');
      await form.locator('#name').fill(providerName);
      await form.locator('#kind').selectOption({ index: 1 });
      await form.locator('#phone').fill('۰۲۸۳۳۳۴۴۵۵۶');
      await Promise.all([
        page.waitForLoadState('load'),
        form.locator('button[type="submit"]').click(),
      ]);
      assert.match(await page.textContent('main'), new RegExp(providerName));
    });
    await step(page, 'training-plan', async () => {
      await page.goto(`${BASE_URL}/training/runs/new`);
      assert.equal(await sideways(page), 0, 'the plan form fits the phone');
      await page.fill('#code', code);
      await page.selectOption('#course_kind_id', { index: 1 });
      const provider = page.locator('#provider_id option', { hasText: providerName });
      assert.equal(await provider.count(), 1, 'the new provider is offered');
      await page.selectOption('#provider_id', await provider.getAttribute('value'));
      // Paid from the training line.
      const line = page.locator('#budget_line_id option', { hasText: 'آموزش' }).first();
      await page.selectOption('#budget_line_id', await line.getAttribute('value'));
      const county = page.locator('#county');
      if (await county.evaluate((el) => el.tagName === 'SELECT')) {
        const options = await county.locator('option').count();
        if (options > 1) await county.selectOption({ index: 1 });
      }
      await page.fill('#trainer_name', 'خانم کاظمی');
      await page.fill('#place', 'سالن اداره‌ی بهزیستی');
      await page.fill('#capacity', '30');
      await page.fill('#sessions', `${jalaliDaysAgo(3)}\n${jalaliDaysAgo(1)}`);
      await Promise.all([
        page.waitForURL((url) => /^\/training\/runs\/\d+$/.test(url.pathname)),
        page.locator('form[action="/training/runs/new"] button[type="submit"]').click(),
      ]);
      assert.match(await page.textContent('body'), new RegExp(code));
    });

    runPath = new URL(page.url()).pathname;
    await step(page, 'training-enrol', async () => {
      await page.selectOption('#group_id', { index: 1 });
      groupId = await page.locator('#group_id').inputValue();
      // Enrolled on the first session's day: the run is over by today.
      await page.fill('#enrolled_on', jalaliDaysAgo(3));
      await Promise.all([
        page.waitForURL((url) => url.pathname === runPath),
        page.locator('#enrol button[type="submit"]').click(),
      ]);
      const first = await page.locator('tr[id^="enrolment-"]').count();
      assert.ok(first > 0, 'the group is enrolled');
      // A second group of her county.
      const other = page.locator('#group_id option').nth(2);
      await page.selectOption('#group_id', await other.getAttribute('value'));
      await page.fill('#enrolled_on', jalaliDaysAgo(3));
      await Promise.all([
        page.waitForURL((url) => url.pathname === runPath),
        page.locator('#enrol button[type="submit"]').click(),
      ]);
      assert.ok(await page.locator('tr[id^="enrolment-"]').count() > first, 'the second group is enrolled');
      assert.equal(await sideways(page), 0, 'the run fits the phone');
      await shot(page, 'training-run');
    });

    await step(page, 'training-sheet', async () => {
      await page.locator(`a[href^="${runPath}/sessions/"]`).first().click();
      await page.waitForSelector('#training-sheet');
      assert.equal(await sideways(page), 0, 'the sheet fits the phone');
      const rows = page.locator('fieldset.mark-row');
      const women = await rows.count();
      assert.ok(women > 0);
      for (let i = 0; i < women; i += 1) {
        // One tap per woman: the first is absent, the others present.
        const choice = i === 0 ? 'absent' : 'present';
        await rows.nth(i).locator(`label.mark-${choice}`).click();
      }
      await shot(page, 'training-sheet');
      await Promise.all([
        page.waitForURL((url) => url.pathname === runPath),
        page.locator('#training-sheet button[type="submit"]').click(),
      ]);
      // The columns: woman, national ID, present, absent, excused, outcome.
      const absences = await page.locator('tr[id^="enrolment-"] td:nth-child(4)').allTextContents();
      assert.ok(absences.map((text) => latin(text).trim()).includes('1'), `the absence is counted: ${absences}`);
      assert.equal(await sideways(page), 0);
    });

    await step(page, 'training-certificate', async () => {
      await page.goto(`${BASE_URL}/training`);
      // The demo's first run: its women completed on the day it was paid.
      await page.locator('a[href^="/training/runs/"]', { hasText: 'T01' }).first().click();
      const link = page.locator('a.certificate-link').first();
      assert.ok(await link.count() > 0, 'a completer has a certificate');
      const href = await link.getAttribute('href');
      const pdf = await context.request.get(`${BASE_URL}${href}`);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      const text = await page.textContent('body');
      const found = latin(text).match(/[A-Z0-9]{5}-[A-Z0-9]{5}/);
      assert.ok(found, 'the run page shows a certificate code');
      const check = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const publicPage = await check.newPage();
      await publicPage.goto(`${BASE_URL}/verify?code=${found[0].toLowerCase().replace('-', '')}`);
      const answer = await publicPage.textContent('body');
      assert.ok(!/ثبت نشده است/.test(answer), `the code verifies: ${answer}`);
      assert.equal(await sideways(publicPage), 0, 'the public check fits the phone');
      await publicPage.screenshot({ path: `${process.env.HAMYAR_ARTIFACTS || 'e2e/artifacts'}/training-verify.png` });
      await check.close();
    });

    assert.deepEqual(foreign, [], 'nothing was fetched from outside');
    assert.deepEqual(problems, [], 'no script error');
  } finally {
    await context.close();
  }
});

/** The first tranche's condition results on a grant's page. */
function firstTranche(page) {
  return page.locator('article.tranche').nth(0);
}

test('the tranche of a trained group waits for its completion records, then is released', { timeout: 180_000 }, async () => {
  assert.ok(runPath && groupId, 'the first test planned a run and enrolled a group');
  const county = await phoneContext(browser);
  const page = await county.context.newPage();
  const expert = await phoneContext(browser);
  const approver = await expert.context.newPage();
  let grantPath = '';
  try {
    await logIn(page, demoUser('demo.county'));
    await logIn(approver, demoUser('demo.province'));

    await step(page, 'training-import-sheet', async () => {
      // The provider's sheet of the second session, typed into a spreadsheet in the
      // template's columns: every woman present.
      await page.goto(`${BASE_URL}${runPath}`);
      const ids = (await page.locator('tr[id^="enrolment-"] td:nth-child(2)').allTextContents())
        .map((text) => latin(text).replace(/[^0-9]/g, ''));
      assert.ok(ids.every((id) => id.length === 10), `national IDs shown in full: ${ids}`);
      const template = await county.context.request.get(`${BASE_URL}/women/import/template/csv?kind=attendance`);
      assert.equal(template.status(), 200);
      const header = (await template.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
      const rows = ids.map((id) => [runCode, id, '2', 'حاضر'].join(','));
      await page.goto(`${BASE_URL}/women/import`);
      await page.selectOption('#kind', 'attendance');
      await page.locator('input[name="file"]').setInputFiles({
        name: 'attendance.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n') + '\n', 'utf8'),
      });
      await page.locator('input[name="mode"][value="all_or_nothing"]').check();
      await Promise.all([
        page.waitForURL((url) => url.pathname.startsWith('/women/import/jobs/')),
        page.locator('form[action="/women/import"] button[type="submit"]').click(),
      ]);
      for (let i = 0; i < 50; i += 1) {
        await page.waitForTimeout(200);
        await page.reload();
        if ((await page.locator('#import-status[hx-get]').count()) === 0) break;
      }
      assert.equal(await page.locator('#import-status .alert-error').count(), 0, await page.textContent('#import-status'));
      await shot(page, 'training-import');
      await page.goto(`${BASE_URL}${runPath}`);
      // The columns: woman, national ID, present, absent, excused, outcome.
      const present = await page.locator('tr[id^="enrolment-"] td:nth-child(3)').allTextContents();
      assert.ok(present.map((text) => latin(text).trim()).includes('2'), `the imported session is counted: ${present}`);
    });

    await step(page, 'training-grant-propose', async () => {
      await page.goto(`${BASE_URL}/money/grants/new`);
      const form = page.locator('#grant-form');
      await form.locator('#group_id').selectOption(groupId);
      await form.locator('#line_id').selectOption({ index: 1 });
      await form.locator('#grant_purpose').fill('سرمایه‌ی کار پس از دوره‌ی آموزشی');
      await form.locator('#total').fill('۲۰٬۰۰۰٬۰۰۰');
      await form.locator('input[name="tranche_1_amount"]').fill('۲۰٬۰۰۰٬۰۰۰');
      await form.locator('input[name="tranche_1_planned_on"]').fill(persian(jalaliDaysAgo(0)));
      await form.locator('input[name="tranche_1_conditions"][value="training_completed"]').check();
      await form.locator('input[name="tranche_1_training_share"]').fill('۸۰');
      await submit(page, form.locator('button[type="submit"]'), (u) => /^\/money\/grants\/\d+$/.test(u.pathname));
      grantPath = new URL(page.url()).pathname;
      assert.match(await page.locator('.alert-success').textContent(), /کمک پیشنهاد شد/);
    });

    await step(approver, 'training-grant-waits', async () => {
      await approver.goto(`${BASE_URL}${grantPath}`);
      const first = firstTranche(approver);
      assert.equal(await first.locator('li.condition-fail').count(), 1, 'nobody has completed yet');
      assert.equal(await first.locator('form[action$="/approve"]').count(), 0, 'no approval while it fails');
      await shot(approver, 'training-grant-waits');
    });

    await step(page, 'training-completions', async () => {
      await page.goto(`${BASE_URL}${runPath}`);
      let tried = 0;
      let refused = 0;
      // Each woman still enrolled has a completion form; one is tried at a time, from the
      // first not yet tried (a completed woman's form is gone after the page comes back).
      for (;;) {
        const forms = page.locator('form[action$="/complete"]');
        const left = await forms.count();
        if (left <= refused) break;
        const form = forms.nth(refused);
        await form.locator('xpath=ancestor::details[1]/summary').click();
        await Promise.all([
          page.waitForLoadState('load'),
          form.locator('button[type="submit"]').click(),
        ]);
        tried += 1;
        if (await page.locator('.alert-error').count()) {
          refused += 1;
        }
        assert.ok(tried < 40, 'the completions end');
      }
      assert.equal(refused, 1, 'the woman absent from one of two sessions cannot complete');
      assert.equal(await sideways(page), 0, 'the run fits the phone');
      await shot(page, 'training-completed');
    });

    await step(approver, 'training-grant-released', async () => {
      await approver.goto(`${BASE_URL}${grantPath}`);
      const first = firstTranche(approver);
      assert.equal(await first.locator('li.condition-fail').count(), 0, 'the completion records satisfy the condition');
      assert.match(await first.locator('ul.condition-results li').first().textContent(), /✓/);
      const acknowledge = first.locator('input[name="acknowledge_double_support"]');
      if (await acknowledge.count()) {
        await acknowledge.check();
      }
      await submit(approver, first.locator('form[action$="/approve"] button[type="submit"]'), (u) => u.pathname === grantPath);
      assert.match(await approver.locator('.alert-success').textContent(), /قسط تأیید و تعهد شد/);
      assert.equal(await sideways(approver), 0, 'the grant page fits the phone');
      await shot(approver, 'training-grant-released');
    });

    await step(approver, 'training-report-and-press', async () => {
      await approver.goto(`${BASE_URL}/training/report`);
      assert.equal(await sideways(approver), 0, 'the report fits the phone');
      const women = latin(await approver.locator('[data-figure="training.women"] .stat-value').textContent()).trim();
      assert.ok(Number(women.replace(/[^0-9]/g, '')) > 0, `women trained: ${women}`);
      await shot(approver, 'training-report');
      await approver.goto(`${BASE_URL}/reports/summary`);
      const press = latin(await approver.textContent('main'));
      assert.ok(press.includes(women), `the press summary says ${women} women were trained`);
    });

    for (const who of [county, expert]) {
      assert.deepEqual(who.foreign, [], 'nothing was fetched from outside');
      assert.deepEqual(who.problems, [], 'no script error');
    }
  } finally {
    await county.context.close();
    await expert.context.close();
  }
});
