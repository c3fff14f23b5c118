// End-to-end: outcomes and graduation (issue 19) on the demo province.
//
// A social worker on a phone (390×844) opens «ارزیابی‌ها», the forms her women's schedules
// owe; she records one woman's Rosenberg baseline on the phone form — ten large radio
// buttons — and sees its total, scored by hand here; she then imports two more baselines
// typed from paper into a spreadsheet in the template's columns, through the one import page,
// and their totals equal the hand-scored ones. On the same page she finds the woman whose
// every criterion holds (the demo's long-running group), opens her verdicts, and proposes her
// exit with its evidence. The provincial expert sees the proposal on Today, opens it, tries to
// approve it on no day (refused, nothing written), approves it, and the woman's file says she
// left support; the dashboard's «women empowered» and the outcome report's «graduated» count
// her the same day, as do the province's plan against achievement and its outcome report.
// No page scrolls sideways; screenshots are kept.
//
// Run through e2e/run.sh after the demo server is up; it passes:
//   HAMYAR_URL          base URL of the running demo server (`serve --demo`)
//   HAMYAR_DEMO_USERS   the demo's printed users, one per line: username password role scope
// Optional: HAMYAR_CHROMIUM, HAMYAR_ARTIFACTS (screenshots go to <artifacts>/outcomes-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL as baseUrl,
  latin,
  launchBrowser,
  logIn,
  persian,
  phoneContext,
  requiredEnv,
  shot,
  step,
  submit,
} from './support.mjs';

const BASE_URL = baseUrl();

function demoUsers() {
  return requiredEnv('HAMYAR_DEMO_USERS')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length >= 3)
    .map(([username, password, role]) => ({ username, password, role }));
}

function demoUser(username) {
  const user = demoUsers().find((u) => u.username === username);
  if (!user) throw new Error(`the demo printed no ${username}`);
  return user;
}

async function sideways(page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** Rosenberg by hand: 1 = strongly agree … 4 = strongly disagree; items 2, 5, 6, 8, 9 reversed. */
function rosenbergTotal(answers) {
  return answers.reduce((sum, answer, index) => {
    const reversed = [2, 5, 6, 8, 9].includes(index + 1);
    return sum + (reversed ? answer - 1 : 4 - answer);
  }, 0);
}

/** The national ID shown on a woman's file. */
async function nationalIdOf(page, womanId) {
  await page.goto(`${BASE_URL}/women/${womanId}`);
  const found = latin(await page.textContent('main')).match(/\b\d{10}\b/);
  assert.ok(found, `a national ID on the file of ${womanId}`);
  return found[0];
}

/** The self-esteem total written on her outcomes page. */
async function totalsOn(page, womanId) {
  await page.goto(`${BASE_URL}/women/${womanId}/outcomes`);
  return latin(await page.locator('#forms').textContent());
}

let browser;
let worker;
let readyPath = '';
let readyId = '';
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a social worker records a baseline on a phone and imports paper forms', { timeout: 180_000 }, async () => {
  const { context, foreign, problems } = await phoneContext(browser);
  const page = await context.newPage();
  try {
    // The social worker whose list has a woman ready to leave support.
    await step(page, 'outcomes-find-worker', async () => {
      for (const candidate of demoUsers().filter((u) => u.username.startsWith('demo.worker.'))) {
        await page.context().clearCookies();
        await logIn(page, candidate);
        await page.goto(`${BASE_URL}/outcomes`);
        const ready = page.locator('#ready-to-exit a');
        if ((await ready.count()) > 0) {
          worker = candidate;
          readyPath = new URL(await ready.first().getAttribute('href'), BASE_URL).pathname;
          readyId = readyPath.split('/')[2];
          break;
        }
      }
      assert.ok(worker, 'a social worker of the demo has a woman ready to leave support');
      assert.equal(await sideways(page), 0, 'the list fits the phone');
      await shot(page, 'outcomes-due');
    });

    // Women owing their baseline, from her list.
    const owing = [];
    for (const line of await page.locator('#assessments-due li').all()) {
      if ((await line.textContent()).includes('پایه')) {
        const href = await line.locator('a').first().getAttribute('href');
        const id = href.split('/')[2];
        if (!owing.includes(id)) owing.push(id);
      }
    }
    assert.ok(owing.length >= 3, `three women owe a baseline: ${owing}`);

    const phoneAnswers = [1, 4, 1, 1, 4, 4, 1, 4, 4, 2];
    await step(page, 'outcomes-phone-form', async () => {
      await page.goto(`${BASE_URL}/women/${owing[0]}/outcomes`);
      const rosenberg = page.locator('#owed a[href*="instrument=rosenberg"]').first();
      await Promise.all([page.waitForLoadState('load'), rosenberg.click()]);
      assert.equal(await sideways(page), 0, 'the questionnaire fits the phone');
      for (const [index, answer] of phoneAnswers.entries()) {
        await page.check(`input[name="a.q${index + 1}"][value="${answer}"]`);
      }
      await shot(page, 'outcomes-phone-form');
      await submit(page, page.locator('#outcome-form button[type="submit"]'), (url) =>
        url.pathname === `/women/${owing[0]}/outcomes`);
      const forms = latin(await page.locator('#forms').textContent());
      assert.ok(forms.includes(`: ${rosenbergTotal(phoneAnswers)}`), `the total ${rosenbergTotal(phoneAnswers)} is shown: ${forms}`);
      assert.equal(await sideways(page), 0, 'her outcomes fit the phone');
      await shot(page, 'outcomes-woman');
    });

    const paper = [
      [2, 3, 2, 2, 3, 3, 2, 3, 3, 2],
      [1, 4, 2, 1, 4, 3, 1, 3, 4, 1],
    ];
    await step(page, 'outcomes-import', async () => {
      const template = await context.request.get(
        `${BASE_URL}/women/import/template/csv?kind=assessments:rosenberg`,
      );
      assert.equal(template.status(), 200, 'the template downloads');
      const ids = [await nationalIdOf(page, owing[1]), await nationalIdOf(page, owing[2])];
      const header = ['کد ملی', 'تاریخ تکمیل', 'نوبت', 'یادداشت']
        .concat(Array.from({ length: 10 }, (_, i) => `q${i + 1}`));
      const today = await page.evaluate(() =>
        new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
          year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Tehran',
        }).formatToParts(new Date()));
      const part = (type) => today.find((p) => p.type === type).value;
      const day = persian(`${part('year')}/${part('month')}/${part('day')}`);
      const rows = ids.map((id, n) => [id, day, 'پایه', 'فرم کاغذی'].concat(paper[n].map(persian)).join(','));
      await page.goto(`${BASE_URL}/women/import`);
      await page.selectOption('#kind', 'assessments:rosenberg');
      await page.locator('input[name="file"]').setInputFiles({
        name: 'rosenberg.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([header.join(','), ...rows].join('\n') + '\n', 'utf8'),
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
      await shot(page, 'outcomes-import');
      for (const [n, woman] of [owing[1], owing[2]].entries()) {
        const forms = await totalsOn(page, woman);
        assert.ok(forms.includes(`: ${rosenbergTotal(paper[n])}`), `imported total ${rosenbergTotal(paper[n])}: ${forms}`);
      }
    });

    await step(page, 'outcomes-propose', async () => {
      await page.goto(`${BASE_URL}${readyPath}`);
      const verdicts = page.locator('#graduation-verdicts li');
      assert.ok((await verdicts.count()) >= 4, 'her criteria are judged');
      assert.equal(
        await page.locator('#graduation-verdicts .badge-ok').count(),
        await verdicts.count(),
        'every criterion holds',
      );
      await page.fill('#evidence', 'درآمد ماهانه‌ی او از کسب‌وکار گروه دو نوبت پیاپی بیش از مستمری؛ عزت نفس بالاتر از پایه');
      await shot(page, 'outcomes-graduation');
      await submit(page, page.locator('#propose-exit button[type="submit"]'), (url) =>
        url.pathname === `/women/${readyId}/outcomes`);
      assert.ok((await page.textContent('#graduation')).includes('در انتظار تصمیم'), 'the proposal waits');
      assert.equal(await page.locator('#propose-exit').count(), 0, 'no second proposal');
      assert.equal(await sideways(page), 0, 'the graduation card fits the phone');
    });
    assert.deepEqual(foreign, [], 'no request left 127.0.0.1');
    assert.deepEqual(problems, [], 'no script error');
  } finally {
    await context.close();
  }
});

test('an expert approves the exit and the figures count her the same day', { timeout: 120_000 }, async () => {
  assert.ok(readyId, 'the first test proposed an exit');
  const { context, problems } = await phoneContext(browser);
  const page = await context.newPage();
  try {
    await logIn(page, demoUser('demo.province'));
    const empowered = async () => {
      await page.goto(`${BASE_URL}/dashboard`);
      const figure = page.locator('[data-figure="women.empowered"]').first();
      return Number(latin(await figure.textContent()).replace(/[^0-9]/g, ''));
    };
    const number = (text) => Number(latin(text).replace(/[^0-9]/g, ''));
    const reported = async () => {
      await page.goto(`${BASE_URL}/outcomes/report`);
      return number(await page.locator('[data-figure="women.empowered"] .stat-value').textContent());
    };
    const planned = async () => {
      await page.goto(`${BASE_URL}/plan`);
      return number(await page.locator('tr[data-figure="women.empowered"] td').nth(1).textContent());
    };
    const before = await empowered();
    const reportBefore = await reported();
    const planBefore = await planned();

    await step(page, 'outcomes-decide', async () => {
      await page.goto(`${BASE_URL}/`);
      assert.equal(await page.locator('#today-exits').count(), 1, 'Today shows the waiting proposal');
      await page.goto(`${BASE_URL}/outcomes/exits`);
      const review = page.locator('#exits a[href^="/outcomes/exits/"]').first();
      await Promise.all([page.waitForLoadState('load'), review.click()]);
      const exitPath = new URL(page.url()).pathname;
      // No day: refused, nothing written.
      await page.fill('#decided-on', '');
      await Promise.all([
        page.waitForLoadState('load'),
        page.locator('#decision button[value="approve"]').click(),
      ]);
      assert.equal(await page.locator('#decision-errors').count(), 1, 'a decision needs its day');
      await page.goto(`${BASE_URL}${exitPath}`);
      await shot(page, 'outcomes-exit');
      await submit(page, page.locator('#decision button[value="approve"]'), (url) => url.pathname === exitPath);
      assert.equal(await page.locator('#decision-made').count(), 1, 'the decision is shown');
      assert.equal(await sideways(page), 0, 'the proposal fits the phone');
    });

    await step(page, 'outcomes-figures', async () => {
      await page.goto(`${BASE_URL}/women/${readyId}`);
      assert.ok((await page.textContent('main')).includes('توانمند'), 'her file says she left support empowered');
      assert.equal(await empowered(), before + 1, 'the dashboard counts her exit today');
      assert.equal(await planned(), planBefore + 1, 'the plan against achievement counts her');
      await shot(page, 'outcomes-plan');
      assert.equal(await reported(), reportBefore + 1, 'the outcome report counts her');
      assert.equal(await sideways(page), 0, 'the outcome report fits the phone');
      await shot(page, 'outcomes-report');
    });
    assert.deepEqual(problems, [], 'no script error');
  } finally {
    await context.close();
  }
});
