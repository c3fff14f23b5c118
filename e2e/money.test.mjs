// End-to-end: the money of issue 5 on a phone — a year's budget, a grant in two tranches, a
// training course paid against its line, a mistaken payment reversed, and the budget report.
//
// Run through e2e/run.sh after group-life.test.mjs: by then the Takestan group formed by
// form-group.test.mjs is active (it went identified → trained → registered → active) and the
// provincial expert recorded a monitoring visit on 1405/08/01. The script also creates a county
// expert of Takestan and passes:
//   HAMYAR_URL                       base URL of the running server
//   HAMYAR_EXPERT_USER/PASSWORD      a provincial expert of Qazvin (ir.qazvin)
//   HAMYAR_COUNTY_USER/PASSWORD      a county expert of Takestan (ir.qazvin.takestan)
// Optional: HAMYAR_CHROMIUM (default /usr/bin/chromium), HAMYAR_ARTIFACTS.
//
// The journey at 390×844:
// 1. the provincial expert sets the 1405 budget of Qazvin's provincial office, the amounts
//    typed in Persian digits with Persian thousands separators, and sees the four lines;
// 2. the county expert proposes a 300,000,000-rial grant to the Takestan group in two tranches
//    of 150,000,000: the first released when the group is registered and was visited within
//    90 days (both true by now), the second when the first is paid ("training completed" rests
//    on the members' completion records, which this database has none of; the use-case and
//    web tests release a tranche on it);
// 3. the provincial expert sees the first tranche's conditions ✓ and approves it (ticking the
//    double-support acknowledgement if the page asks); the second stays proposed, its
//    condition ✗;
// 4. the county expert proposes a training course with an evidence PDF; the provincial expert
//    approves and pays it;
// 5. a mistaken payment is proposed, approved, paid, then cancelled with a reason: its page
//    shows the four ledger transactions and the training line's drill-downs list originals and
//    reversals;
// 6. the budget report shows training committed 48,000,000 and the grant line 150,000,000 in
//    the user's unit (rials unless the user chose another) and Persian digits; a figure's link
//    opens its drill-down.
// `hamyar ledger verify` (and its tamper check) runs afterwards in e2e/run.sh.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BASE_URL as baseUrl,
  PHONE,
  latin,
  launchBrowser,
  logIn,
  persian,
  phoneContext as contextOn,
  requiredEnv,
  shot,
  step as namedStep,
  submit,
} from './support.mjs';

const BASE_URL = baseUrl();
const EXPERT = { username: requiredEnv('HAMYAR_EXPERT_USER'), password: requiredEnv('HAMYAR_EXPERT_PASSWORD') };
const COUNTY = { username: requiredEnv('HAMYAR_COUNTY_USER'), password: requiredEnv('HAMYAR_COUNTY_PASSWORD') };

const YEAR = 1405;
const GROUP_NAME = 'گروه خیاطی نور تاکستان';
const BUDGET = {
  training: 200_000_000,
  job_preparation: 150_000_000,
  grant: 900_000_000,
  strengthening: 393_000_000,
};
const COURSE = 48_000_000;
const MISTAKE = 12_000_000;
const TRAINING = 'آموزش';
const GRANT = 'سرمایه کار بلاعوض';

/** 1234567 → "۱٬۲۳۴٬۵۶۷", as a Persian keyboard types an amount and as the pages show it. */
const persianAmount = (n) => persian(n.toLocaleString('en-US')).replace(/,/g, '٬');
/** An amount in rials as the pages show it to a user whose unit is rial. */
const rials = (n) => `${persianAmount(n)} ریال`;

let browser;
let workDir;
let evidencePdf;

before(async () => {
  browser = await launchBrowser();
  workDir = mkdtempSync(path.join(os.tmpdir(), 'hamyar-money-'));
  evidencePdf = path.join(workDir, 'invoice.pdf');
  writeFileSync(evidencePdf, tinyPdf('Invoice: training course, Takestan'));
});

after(async () => {
  await browser?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const phoneContext = () => contextOn(browser);
const step = (page, name, body) => namedStep(page, `money-${name}`, body);

/** A one-page PDF with a line of text, its cross-reference table offsets computed. */
function tinyPdf(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // the content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 12 Tf 20 70 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function fitsThePhone(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${what} is ${width}px wide on a ${PHONE.width}px phone`);
}

/** The row of a lines table whose category cell reads `category` exactly. */
function lineRow(page, table, category) {
  return page.locator(`${table} tbody tr`).filter({
    has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^\\s*${category}\\s*$`) }),
  }).filter({ has: page.locator('a[href^="/money/reports/lines/"]') });
}

let provinceId = '';
let trainingLineId = '';
let grantLineId = '';
let grantPath = '';
let coursePath = '';
let mistakePath = '';

test('a provincial expert sets the 1405 budget of Qazvin', { timeout: 90_000 }, async () => {
  const { context, foreign, problems } = await phoneContext();
  const page = await context.newPage();
  try {
    await step(page, 'budget', async () => {
      await logIn(page, EXPERT);
      await submit(page, page.locator('nav.app-nav a[href="/money/budget"]'), (u) => u.pathname === '/money/budget');
      await page.locator('#year').fill(persian(YEAR));
      await submit(page, page.locator('form.filters button[type="submit"]'), (u) => u.pathname === '/money/budget');
      provinceId = await page.locator('#province').inputValue();
      assert.match(provinceId, /^\d+$/);
      assert.match(await page.locator('#province option:checked').textContent(), /قزوین/);
      assert.match(await page.locator('h1.page-title').textContent(), new RegExp(persian(YEAR)));
      assert.equal(await page.locator('#year').inputValue(), persian(YEAR), 'the year box keeps Persian digits');

      const form = page.locator('#year-budget form');
      await form.locator('#year-county').selectOption(''); // the provincial office
      for (const [code, amount] of Object.entries(BUDGET)) {
        await form.locator(`#year-${code}`).fill(persianAmount(amount));
      }
      await form.locator('#year-description').fill('بودجهٔ مصوب ۱۴۰۵ استان قزوین');
      await shot(page, '50-budget-form-390x844');
      await submit(page, form.locator('button[type="submit"]'), (u) => u.pathname === '/money/budget');
      assert.match(await page.locator('.alert-success').textContent(), /بودجه ثبت شد/);

      const table = 'section.card table';
      assert.equal(await page.locator(`${table} tbody tr`).count(), 4, 'one line per category set');
      for (const [category, amount] of [
        [TRAINING, BUDGET.training],
        ['آماده‌سازی شغلی', BUDGET.job_preparation],
        [GRANT, BUDGET.grant],
        ['تقویت و تشکیل گروه', BUDGET.strengthening],
      ]) {
        const row = lineRow(page, table, category);
        assert.equal(await row.count(), 1, `the ${category} line`);
        assert.equal((await row.locator('td').nth(2).textContent()).trim(), rials(amount));
        assert.equal((await row.locator('td').nth(3).textContent()).trim(), rials(0));
        assert.equal((await row.locator('td').nth(5).textContent()).trim(), rials(amount));
      }
      const idOf = async (category) =>
        (await lineRow(page, table, category).locator('a[href$="/budget"]').getAttribute('href'))
          .match(/\/lines\/(\d+)\//)[1];
      trainingLineId = await idOf(TRAINING);
      grantLineId = await idOf(GRANT);
      await shot(page, '51-budget-lines-390x844');
      await fitsThePhone(page, 'the budget page');
    });
    assert.deepEqual(foreign, [], 'the browser requested hosts other than 127.0.0.1');
    assert.deepEqual(problems, [], 'the pages raised script errors');
  } finally {
    await context.close();
  }
});

test('a county expert proposes a grant in two tranches; the provincial expert approves the first', { timeout: 120_000 }, async () => {
  assert.ok(grantLineId, 'the budget test ran first');
  const county = await phoneContext();
  let page = await county.context.newPage();
  try {
    await step(page, 'grant-propose', async () => {
      await logIn(page, COUNTY);
      await submit(page, page.locator('nav.app-nav a[href="/money/grants"]'), (u) => u.pathname === '/money/grants');
      await page.goto(`${BASE_URL}/money/grants/new`);
      const form = page.locator('#grant-form');
      const group = form.locator('#group_id option', { hasText: GROUP_NAME });
      assert.equal(await group.count(), 1, 'the Takestan group is offered');
      await form.locator('#group_id').selectOption(await group.getAttribute('value'));
      const line = form.locator(`#line_id option[value="${grantLineId}"]`);
      assert.match(await line.textContent(), new RegExp(persianAmount(BUDGET.grant)));
      await form.locator('#line_id').selectOption(grantLineId);
      await form.locator('#grant_purpose').fill('سرمایه در گردش کارگاه خیاطی');
      await form.locator('#total').fill('۳۰۰٬۰۰۰٬۰۰۰');
      await form.locator('input[name="tranche_1_amount"]').fill('۱۵۰٬۰۰۰٬۰۰۰');
      await form.locator('input[name="tranche_1_planned_on"]').fill('۱۴۰۵/۰۹/۲۰');
      // The first tranche: the group is registered, and was visited on 1405/08/01.
      for (const code of ['group_registered', 'visited_recently']) {
        await form.locator(`input[name="tranche_1_conditions"][value="${code}"]`).check();
      }
      await form.locator('input[name="tranche_1_visit_days"]').fill('۹۰');
      // The second: once the first is paid (not yet, so it cannot be approved today).
      await form.locator('input[name="tranche_2_amount"]').fill('۱۵۰٬۰۰۰٬۰۰۰');
      await form.locator('input[name="tranche_2_planned_on"]').fill('۱۴۰۵/۱۲/۱۵');
      await form.locator('input[name="tranche_2_conditions"][value="previous_tranche_paid"]').check();
      await shot(page, '52-grant-form-390x844');
      await fitsThePhone(page, 'the grant form'); // its tranche table scrolls in its frame
      await submit(page, form.locator('button[type="submit"]'), (u) => /^\/money\/grants\/\d+$/.test(u.pathname));
      grantPath = new URL(page.url()).pathname;
      assert.match(await page.locator('.alert-success').textContent(), /کمک پیشنهاد شد/);
      assert.equal(await page.locator('article.tranche').count(), 2);
      assert.match(await page.locator('#summary').textContent(), new RegExp(persianAmount(300_000_000)));
      // The proposer may not decide.
      assert.equal(await page.locator('form[action$="/approve"]').count(), 0);
      await shot(page, '53-grant-proposed-390x844');
    });
    assert.deepEqual(county.foreign, [], 'the browser requested hosts other than 127.0.0.1');
    assert.deepEqual(county.problems, [], 'the pages raised script errors');
  } finally {
    await county.context.close();
  }

  const expert = await phoneContext();
  page = await expert.context.newPage();
  try {
    await step(page, 'grant-approve', async () => {
      await logIn(page, EXPERT);
      await page.goto(`${BASE_URL}/money/grants`);
      await submit(page, page.locator(`#grants-table a[href="${grantPath}"]`), (u) => u.pathname === grantPath);
      const [first, second] = [page.locator('article.tranche').nth(0), page.locator('article.tranche').nth(1)];
      const results = first.locator('ul.condition-results li');
      assert.equal(await results.count(), 2);
      assert.equal(await first.locator('li.condition-fail').count(), 0, 'every condition of the first tranche holds');
      for (let i = 0; i < 2; i++) {
        assert.match(await results.nth(i).textContent(), /✓/);
      }
      assert.match(await results.nth(0).textContent(), new RegExp(GROUP_NAME));
      assert.equal(await second.locator('li.condition-fail').count(), 1, 'the first tranche is not paid yet');
      assert.equal(await second.locator('form[action$="/approve"]').count(), 0);
      await shot(page, '54-grant-conditions-390x844');
      const acknowledge = first.locator('input[name="acknowledge_double_support"]');
      if (await acknowledge.count()) {
        await acknowledge.check();
      }
      await submit(page, first.locator('form[action$="/approve"] button[type="submit"]'), (u) => u.pathname === grantPath);
      assert.match(await page.locator('.alert-success').textContent(), /قسط تأیید و تعهد شد/);
      assert.equal((await page.locator('article.tranche').nth(0).locator('h3 .badge').textContent()).trim(), 'تأییدشده');
      assert.equal((await page.locator('article.tranche').nth(1).locator('h3 .badge').textContent()).trim(), 'پیشنهادشده');
      assert.match(await page.locator('article.tranche').nth(0).textContent(), /نتیجهٔ بررسی هنگام تأیید/);
      assert.match(await page.locator('#summary').textContent(), new RegExp(rials(150_000_000)));
      await shot(page, '55-grant-approved-390x844');
      await fitsThePhone(page, 'the grant page');
    });
    assert.deepEqual(expert.foreign, [], 'the browser requested hosts other than 127.0.0.1');
    assert.deepEqual(expert.problems, [], 'the pages raised script errors');
  } finally {
    await expert.context.close();
  }
});

/** The county expert proposes a payment against the training line; returns its path. */
async function proposePayment(page, { payee, amount, reference, description, evidence }) {
  await page.goto(`${BASE_URL}/money/payments/new`);
  await page.locator('#budget_line_id').selectOption(trainingLineId);
  await page.locator('#payee').fill(payee);
  await page.locator('#payee_kind').selectOption('course_provider');
  await page.locator('#amount').fill(persianAmount(amount));
  await page.locator('#reference').fill(reference);
  await page.locator('#description').fill(description);
  if (evidence) await page.locator('#evidence').setInputFiles(evidence);
  return page;
}

/** On a payment's page, presses the decision button of `action` and waits for the page again. */
async function decide(page, paymentPath, action, reason) {
  const form = page.locator(`form[action="${paymentPath}/${action}"]`);
  if (reason) await form.locator('input[name="reason"]').fill(reason);
  await submit(page, form.locator('button[type="submit"]'), (u) => u.pathname === paymentPath);
  assert.equal(await page.locator('.alert-error').count(), 0, `${action} was refused`);
}

const badge = async (page) => (await page.locator('h1.page-title .badge').textContent()).trim();

test('a training course is paid, and a mistaken payment is reversed', { timeout: 150_000 }, async () => {
  assert.ok(trainingLineId, 'the budget test ran first');
  const county = await phoneContext();
  const expert = await phoneContext();
  const countyPage = await county.context.newPage();
  const page = await expert.context.newPage();
  try {
    await step(countyPage, 'course-propose', async () => {
      await logIn(countyPage, COUNTY);
      await proposePayment(countyPage, {
        payee: 'آموزشگاه فنی‌وحرفه‌ای تاکستان',
        amount: COURSE,
        reference: 'ق-۱۴۰۵-۱۲',
        description: 'دورهٔ خیاطی صنعتی برای اعضای گروه خیاطی نور تاکستان',
        evidence: evidencePdf,
      });
      await shot(countyPage, '56-payment-form-390x844');
      await fitsThePhone(countyPage, 'the payment form');
      await submit(countyPage, countyPage.locator('form.form button[type="submit"]'), (u) => /^\/money\/payments\/\d+$/.test(u.pathname));
      coursePath = new URL(countyPage.url()).pathname;
      assert.equal(await badge(countyPage), 'پیشنهادشده');
      assert.match(await countyPage.locator('body').textContent(), /invoice\.pdf/);
      assert.equal(await countyPage.locator(`form[action="${coursePath}/approve"]`).count(), 0, 'the proposer may not approve');
    });

    await step(page, 'course-pay', async () => {
      await logIn(page, EXPERT);
      await page.goto(`${BASE_URL}${coursePath}`);
      await decide(page, coursePath, 'approve');
      assert.equal(await badge(page), 'تأییدشده');
      await decide(page, coursePath, 'pay');
      assert.equal(await badge(page), 'پرداخت‌شده');
      assert.match(await page.locator('body').textContent(), new RegExp(rials(COURSE)));
      // The evidence downloads as the PDF that was uploaded.
      const href = await page.locator('a[href*="/evidence/"]').first().getAttribute('href');
      const response = await page.request.get(`${BASE_URL}${href}`);
      assert.equal(response.status(), 200);
      assert.ok((await response.body()).subarray(0, 5).equals(Buffer.from('%PDF-')));
      await shot(page, '57-payment-paid-390x844');
      await fitsThePhone(page, 'the payment page');
    });

    await step(countyPage, 'mistake-propose', async () => {
      await proposePayment(countyPage, {
        payee: 'آموزشگاه فنی‌وحرفه‌ای تاکستان',
        amount: MISTAKE,
        reference: 'ق-۱۴۰۵-۱۲-تکرار',
        description: 'همان دوره، دوباره',
        evidence: evidencePdf,
      });
      await submit(countyPage, countyPage.locator('form.form button[type="submit"]'), (u) => /^\/money\/payments\/\d+$/.test(u.pathname));
      mistakePath = new URL(countyPage.url()).pathname;
      assert.notEqual(mistakePath, coursePath);
    });

    await step(page, 'mistake-cancel', async () => {
      await page.goto(`${BASE_URL}${mistakePath}`);
      await decide(page, mistakePath, 'approve');
      await decide(page, mistakePath, 'pay');
      assert.equal(await badge(page), 'پرداخت‌شده');
      await decide(page, mistakePath, 'cancel', 'پرداخت تکراری؛ همان دوره پیش‌تر پرداخت شده بود');
      assert.equal(await badge(page), 'لغوشده');
      const body = await page.locator('main').textContent();
      assert.match(body, /پرداخت تکراری/);
      for (const label of ['سند تعهد', 'سند پرداخت', 'سند برگشت پرداخت', 'سند برگشت تعهد']) {
        assert.match(body, new RegExp(`${label}:`), `the page lists «${label}»`);
      }
      await shot(page, '58-payment-cancelled-390x844');
    });

    await step(page, 'drill-downs', async () => {
      for (const figure of ['committed', 'paid']) {
        const drill = `/money/reports/lines/${trainingLineId}/${figure}`;
        await page.goto(`${BASE_URL}${drill}`);
        const rows = page.locator('main table tbody tr');
        const texts = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
        // The course, the mistake, and the mistake's reversal: all three stay on the books.
        assert.equal(texts.length, 3, `${figure}: ${texts.join(' | ')}`);
        assert.equal(texts.filter((t) => t.includes(persianAmount(COURSE))).length, 1, figure);
        assert.equal(texts.filter((t) => t.includes(persianAmount(MISTAKE))).length, 2, figure);
        assert.equal(texts.filter((t) => t.includes('برگشت سند')).length, 1, `${figure}: one reversal`);
        assert.match(await page.locator('main p').first().textContent(), new RegExp(rials(COURSE)));
        await shot(page, `59-drill-${figure}-390x844`);
      }
    });
    assert.deepEqual([...county.foreign, ...expert.foreign], [], 'the browser requested hosts other than 127.0.0.1');
    assert.deepEqual([...county.problems, ...expert.problems], [], 'the pages raised script errors');
  } finally {
    await county.context.close();
    await expert.context.close();
  }
});

test('the budget report shows it all and its figures drill down', { timeout: 90_000 }, async () => {
  assert.ok(provinceId && coursePath && grantPath, 'the earlier money tests ran first');
  const { context, foreign, problems } = await phoneContext();
  const page = await context.newPage();
  try {
    await step(page, 'report', async () => {
      await logIn(page, EXPERT);
      const report = `/money/reports/budget?year=${YEAR}&province=${provinceId}`;
      await page.goto(`${BASE_URL}${report}`);
      assert.equal(await page.locator('.alert-error, .field-error').count(), 0);
      assert.equal(await page.locator('#year').inputValue(), persian(YEAR));
      const training = lineRow(page, 'main table', TRAINING).first();
      const grant = lineRow(page, 'main table', GRANT).first();
      const cells = async (row) => (await row.locator('td').allTextContents()).map((t) => t.trim());
      const [, , tBudget, tCommitted, tPaid, tOpen, tLeft] = await cells(training);
      assert.deepEqual(
        [tBudget, tCommitted, tPaid, tOpen, tLeft],
        [rials(BUDGET.training), rials(COURSE), rials(COURSE), rials(0), rials(BUDGET.training - COURSE)],
      );
      const [, , gBudget, gCommitted, gPaid, gOpen, gLeft] = await cells(grant);
      assert.deepEqual(
        [gBudget, gCommitted, gPaid, gOpen, gLeft],
        [rials(BUDGET.grant), rials(150_000_000), rials(0), rials(150_000_000), rials(BUDGET.grant - 150_000_000)],
      );
      // The grand total of the budget is what was set.
      const total = Object.values(BUDGET).reduce((a, b) => a + b, 0);
      const totalRow = page.locator('tr.total');
      assert.equal((await totalRow.locator('td').nth(1).textContent()).trim(), rials(total));
      assert.equal((await totalRow.locator('td').nth(2).textContent()).trim(), rials(COURSE + 150_000_000));
      assert.match(await page.locator('p.headline').textContent(), /[۰-۹]/);
      assert.doesNotMatch(await page.locator('main table').first().textContent(), /[0-9]/, 'the figures are in Persian digits');
      await shot(page, '60-budget-report-390x844');
      await fitsThePhone(page, 'the budget report');

      // The grant line's committed figure opens its drill-down: the approved tranche.
      await submit(page, grant.locator('td').nth(3).locator('a'), (u) => u.pathname === `/money/reports/lines/${grantLineId}/committed`);
      const rows = page.locator('main table tbody tr');
      assert.equal(await rows.count(), 1);
      assert.match(await rows.first().textContent(), new RegExp(persianAmount(150_000_000)));
      await shot(page, '61-report-drill-grant-390x844');
      await submit(page, page.locator('main a', { hasText: /بازگشت/ }).first(), (u) => u.pathname === '/money/reports/budget');
      assert.equal(latin(new URL(page.url()).searchParams.get('year')), String(YEAR));
    });
    assert.deepEqual(foreign, [], 'the browser requested hosts other than 127.0.0.1');
    assert.deepEqual(problems, [], 'the pages raised script errors');
  } finally {
    await context.close();
  }
});
