// End-to-end: the offline field app (issue 21), tried as a social worker would, on the demo.
//
// The social worker of the capital's county, on a phone (390×844), opens /field, sets a PIN
// (Persian digits) and prepares: her groups and their members come to the phone. The browser
// goes offline. She records a meeting of a group that keeps a fund — the first member present
// with two shares, the others absent — which queues a meeting and a fund meeting, and a visit
// to the same group. She closes the app and opens /field again, still offline: the service
// worker serves it, a wrong PIN is refused without harm, the right one shows three queued
// records. Meanwhile the county expert records that group's meeting of the same day (through
// the API, with a token she makes on her account page), so the phone's meeting will conflict.
// Back online, the first sync's answer is lost on the way (the server did the work): the queue
// stays whole; the second sync lands the fund meeting and the visit as repeats and shows the
// meeting as a conflict, which she settles as a second meeting of the day; the next sync lands
// it. Then every sync request the phone sent is sent again: nothing new is recorded. The
// group's life page and the fund's API show each record exactly once. Logging out leaves no
// field database or cache on the phone and ends its token; prepared again, the phone's data
// is wiped when it is opened after its keep period. No page scrolls sideways.
//
// Two more: the demo's facilitator is offered only fund meetings (her role records no group
// life), on groups with an open fund; and a member who left while the phone was offline (the
// county expert records it on the group's page) makes the phone's meeting a conflict naming
// her, settled by dropping her mark — the meeting then lands once, although she had revoked
// the phone's token on her account page meanwhile (the phone gets a new one with her session).
//
// Run through e2e/run.sh after the demo server is up; it passes:
//   HAMYAR_URL          base URL of the running demo server (`serve --demo`)
//   HAMYAR_DEMO_USERS   the demo's printed users, one per line: username password role scope
// Optional: HAMYAR_CHROMIUM, HAMYAR_ARTIFACTS (screenshots go to <artifacts>/field-*.png).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL as baseUrl,
  PHONE,
  latin,
  launchBrowser,
  logIn,
  persian,
  phoneContext,
  requiredEnv,
  shot,
  step as namedStep,
} from './support.mjs';

const BASE_URL = baseUrl();

/** A named step, said on stderr as it starts, so a hang shows where it is. */
function step(page, name, body) {
  process.stderr.write(`[field] ${name}\n`);
  return namedStep(page, name, body);
}
const PIN = persian('2580');
const TOPICS = 'جلسه‌ی میدانی آزمون: پس‌انداز ماهانه و فروش بازارچه';
const PURPOSE = 'بازدید میدانی آزمون: پیگیری کد بهداشتی';

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

/** The number the queue line shows (Persian digits), 0 when it says the queue is empty. */
async function queued(page) {
  const text = latin(await page.locator('#field-queue-count').textContent());
  const match = text.match(/\d+/);
  return match ? Number(match[0]) : 0;
}

/** A write token of `user`, made on her account page as a person would. */
async function tokenOf(browser, user) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, user);
  await page.goto(`${BASE_URL}/account`);
  const form = page.locator('form[action="/account/tokens"]');
  await form.locator('[name="name"]').fill('آزمون کار میدانی');
  await form.locator('input[name="access"][value="write"]').check();
  await Promise.all([page.waitForURL(`${BASE_URL}/account/tokens`), form.locator('button[type="submit"]').click()]);
  const secret = await page.locator('input[value^="hmy_"]').first().inputValue();
  return { context, secret };
}

async function apiCall(context, secret, method, path, body, key) {
  const response = await context.request.fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${secret}`,
      ...(key ? { 'Idempotency-Key': key } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    data: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status(), json: text ? JSON.parse(text) : null };
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test(
  'a social worker records offline, reopens the app, syncs once and settles a conflict',
  { timeout: 300_000 },
  async () => {
    const { context, foreign, problems } = await phoneContext(browser);
    context.on('page', (p) => p.on('dialog', (dialog) => dialog.accept()));
    const sent = [];
    context.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/sync') {
        sent.push({ body: request.postData(), auth: request.headers().authorization });
      }
    });
    let page = await context.newPage();
    const county = await tokenOf(browser, demoUser('demo.county'));
    let group = null;
    let today = '';
    let fundBefore = null;
    try {
      await logIn(page, demoUser('demo.worker.qazvin'));

      await step(page, 'field-prepare', async () => {
        await page.goto(`${BASE_URL}/field`);
        await page.locator('#field-setup').waitFor({ state: 'visible' });
        await fitsThePhone(page, 'the field app before preparing');
        await shot(page, 'field-setup');
        await page.locator('#field-new-pin').fill(PIN);
        await page.locator('#field-new-pin-again').fill(PIN);
        await page.locator('#field-setup-form button[type="submit"]').click();
        await page.locator('#field-message.alert-success').waitFor({ timeout: 60_000 });
        const options = page.locator('#field-meeting-group option');
        assert.ok((await options.count()) > 1, 'her groups came to the phone');
        // The service worker holds the shell before the network goes.
        await page.waitForFunction(
          async () => {
            await navigator.serviceWorker.ready;
            return Boolean(navigator.serviceWorker.controller) && Boolean(await caches.match('/field'));
          },
          null,
          { timeout: 30_000 },
        );
        // The phone keeps only ciphertext: no member's name in IndexedDB.
        const stored = await page.evaluate(
          () =>
            new Promise((resolve) => {
              const open = indexedDB.open(`hamyar-field-${document.getElementById('main').dataset.user}`);
              open.onsuccess = () => {
                const get = open.result.transaction('vault').objectStore('vault').get('data');
                get.onsuccess = () => {
                  const value = get.result;
                  resolve({ bytes: value.data.byteLength, iv: value.iv.length });
                  open.result.close();
                };
              };
            }),
        );
        assert.equal(stored.iv, 12);
        assert.ok(stored.bytes > 100);
      });

      await step(page, 'field-pick-group', async () => {
        today = latin(await page.locator('#field-meeting-date').inputValue());
        assert.match(today, /^14\d\d\/\d\d\/\d\d$/);
        // A group with an open fund whose meeting of today is not recorded yet (the fund test
        // before this one records a meeting of the capital's first fund today).
        const funds = page.locator('#field-meeting-group option', { hasText: 'صندوق باز' });
        assert.ok((await funds.count()) > 0, 'one of her groups keeps an open fund');
        for (let i = 0; i < (await funds.count()) && !group; i += 1) {
          const id = Number(await funds.nth(i).getAttribute('value'));
          const fund = (await apiCall(county.context, county.secret, 'GET', `/api/v1/groups/${id}/fund`)).json;
          if (fund.cycle && fund.last_meeting_on !== today) {
            group = { id };
            fundBefore = fund;
          }
        }
        assert.ok(group, 'a fund without a meeting today');
      });

      await context.setOffline(true);

      await step(page, 'field-record-offline', async () => {
        await page.locator('#field-network.field-offline').waitFor();
        await page.locator('#field-meeting-panel summary').click();
        await page.locator('#field-meeting-group').selectOption(String(group.id));
        await page.locator('#field-meeting-topics').fill(TOPICS);
        const members = page.locator('#field-members li');
        assert.ok((await members.count()) >= 2, 'the group has members');
        for (let i = 1; i < (await members.count()); i += 1) {
          await members.nth(i).locator('input[type="checkbox"]').uncheck();
        }
        await members.first().locator('.field-shares').fill(persian('2'));
        await fitsThePhone(page, 'the offline meeting form');
        await shot(page, 'field-meeting-offline');
        await page.locator('#field-meeting button[type="submit"]').click();
        await page.waitForFunction(() => document.querySelectorAll('#field-queue li').length === 2);

        await page.locator('#field-visit-panel summary').click();
        await page.locator('#field-visit-group').selectOption(String(group.id));
        await page.locator('#field-visit-purpose').fill(PURPOSE);
        await page.locator('#field-visit-findings').fill('گروه فعال است.');
        await page.locator('#field-visit button[type="submit"]').click();
        await page.waitForFunction(() => document.querySelectorAll('#field-queue li').length === 3);
        assert.equal(await queued(page), 3);
        await fitsThePhone(page, 'the field app with its queue');
        await shot(page, 'field-queued');
      });

      await step(page, 'field-reopen-offline', async () => {
        await page.close();
        page = await context.newPage();
        await page.goto(`${BASE_URL}/field`);
        await page.locator('#field-unlock').waitFor({ state: 'visible' });
        await page.locator('#field-pin').fill(persian('1111'));
        await page.locator('#field-unlock-form button[type="submit"]').click();
        await page.locator('#field-message.alert-error').waitFor();
        assert.match(await page.locator('#field-message').textContent(), /رمز درست نیست/);
        await page.locator('#field-pin').fill(PIN);
        await page.locator('#field-unlock-form button[type="submit"]').click();
        await page.locator('#field-work').waitFor({ state: 'visible' });
        assert.equal(await queued(page), 3, 'the three records survived closing the app');
        await shot(page, 'field-reopened-offline');
      });

      // Meanwhile the county expert records the group's meeting of the same day.
      await step(page, 'field-same-day-meeting', async () => {
        const answer = await apiCall(
          county.context,
          county.secret,
          'POST',
          `/api/v1/groups/${group.id}/meetings`,
          {
            held_on: today,
            topics: 'جلسه‌ی ثبت‌شده در دفتر',
            attendance: fundBefore.members.map((m) => ({ woman_id: m.woman_id, attendance: 'present' })),
          },
          `e2e-office-${Date.now()}`,
        );
        assert.equal(answer.status, 201, JSON.stringify(answer.json));
      });

      await context.setOffline(false);

      await step(page, 'field-sync-lost-answer', async () => {
        await page.locator('#field-network:not(.field-offline)').waitFor();
        // The first answer is lost on the way back: the server did the work, the phone never
        // hears of it.
        await page.route(
          '**/api/v1/sync',
          async (route) => {
            await route.fetch();
            await route.abort('connectionreset');
          },
          { times: 1 },
        );
        await page.locator('#field-sync').click();
        await page.locator('#field-message.alert-error').waitFor();
        assert.equal(await queued(page), 3, 'a lost answer leaves the queue whole');
      });

      await step(page, 'field-sync-conflict', async () => {
        await page.locator('#field-sync').click();
        await page.locator('#field-conflicts').waitFor({ state: 'visible' });
        const conflicts = page.locator('#field-conflict-list > li');
        assert.equal(await conflicts.count(), 1, 'one conflict');
        assert.match(await conflicts.first().textContent(), /همین روز قبلاً ثبت شده/);
        assert.equal(await queued(page), 1, 'the fund meeting and the visit landed');
        await fitsThePhone(page, 'the conflict');
        await shot(page, 'field-conflict');
        await conflicts.first().locator('button[data-action="confirm"]').click();
        await page.locator('#field-conflicts').waitFor({ state: 'hidden' });
        await page.locator('#field-sync').click();
        await page.locator('#field-message.alert-success').waitFor();
        await page.waitForFunction(() => document.querySelectorAll('#field-queue li').length === 0);
        await shot(page, 'field-synced');
      });

      await step(page, 'field-sync-again', async () => {
        // A copy: the requests sent again here are seen by the listener too.
        const phone = [...sent];
        assert.equal(phone.length, 3, 'three sync requests went: lost, conflict, settled');
        for (const request of phone) {
          const answer = await page.evaluate(
            async ({ body, auth }) => {
              for (let attempt = 0; ; attempt += 1) {
                const response = await fetch('/api/v1/sync', {
                  method: 'POST',
                  headers: { Authorization: auth, 'Content-Type': 'application/json' },
                  body,
                });
                if (response.status === 429 && attempt < 5) {
                  // The token's budget of calls: wait as the server says.
                  const seconds = Number(response.headers.get('Retry-After')) || 1;
                  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
                  continue;
                }
                return {
                  status: response.status,
                  retry: response.headers.get('Retry-After'),
                  ...(await response.json()),
                };
              }
            },
            request,
          );
          assert.equal(answer.status, 200, JSON.stringify(answer));
          for (const outcome of answer.outcomes) {
            assert.notEqual(outcome.outcome, 'recorded', `resent, ${outcome.key} landed again`);
          }
        }
      });

      await step(page, 'field-landed-once', async () => {
        const life = await county.context.newPage();
        await life.goto(`${BASE_URL}/groups/${group.id}/life`);
        const body = await life.content();
        assert.equal(body.split(TOPICS).length - 1, 1, 'the meeting is recorded once');
        assert.equal(body.split(PURPOSE).length - 1, 1, 'the visit is recorded once');
        await life.close();
        const fund = (await apiCall(county.context, county.secret, 'GET', `/api/v1/groups/${group.id}/fund`)).json;
        assert.equal(fund.last_meeting_on, today, JSON.stringify(fund));
        const price = fund.cycle.share_price;
        const savings = (f) => f.members.reduce((sum, m) => sum + Number(m.savings ?? 0), 0);
        assert.equal(savings(fund) - savings(fundBefore), 2 * price, 'two shares saved, once');
      });

      await step(page, 'field-logout-wipes', async () => {
        const auth = sent[0].auth;
        await page.goto(`${BASE_URL}/`);
        await Promise.all([
          page.waitForURL((url) => url.pathname === '/login'),
          page.locator('form[action="/logout"] button[type="submit"]').click(),
        ]);
        const left = await page.evaluate(async () => ({
          databases: (await indexedDB.databases()).map((d) => d.name).filter((n) => n.startsWith('hamyar-field-')),
          caches: (await caches.keys()).filter((n) => n.startsWith('hamyar-field-')),
        }));
        assert.deepEqual(left, { databases: [], caches: [] }, 'logging out wiped the phone');
        const status = await page.evaluate(
          async (authorization) => (await fetch('/api/v1/groups', { headers: { Authorization: authorization } })).status,
          auth,
        );
        assert.equal(status, 401, "the phone's token ended with the session");
      });

      await step(page, 'field-expired-wipes', async () => {
        await logIn(page, demoUser('demo.worker.qazvin'));
        await page.goto(`${BASE_URL}/field`);
        await page.locator('#field-new-pin').fill(PIN);
        await page.locator('#field-new-pin-again').fill(PIN);
        await page.locator('#field-setup-form button[type="submit"]').click();
        await page.locator('#field-message.alert-success').waitFor({ timeout: 60_000 });
        // Fourteen days later: the keep period (kept in the clear beside the ciphertext) is over.
        await page.evaluate(
          () =>
            new Promise((resolve, reject) => {
              const open = indexedDB.open(`hamyar-field-${document.getElementById('main').dataset.user}`);
              open.onsuccess = () => {
                const tx = open.result.transaction('meta', 'readwrite');
                const store = tx.objectStore('meta');
                const get = store.get('meta');
                get.onsuccess = () => store.put({ ...get.result, expires_at: Date.now() - 1000 }, 'meta');
                tx.oncomplete = () => {
                  open.result.close();
                  resolve();
                };
                tx.onerror = () => reject(tx.error);
              };
            }),
        );
        await page.reload();
        await page.locator('#field-setup').waitFor({ state: 'visible' });
        assert.match(await page.locator('#field-message').textContent(), /پایان مهلت نگه‌داری/);
        await shot(page, 'field-expired');
      });

      assert.deepEqual(foreign, [], 'only 127.0.0.1 was contacted');
      assert.deepEqual(problems, [], 'no script errors');
    } finally {
      await county.context.close();
      await context.close();
    }
  },
);

test('a facilitator is offered only what her role records: fund meetings', { timeout: 120_000 }, async () => {
  const { context, foreign, problems } = await phoneContext(browser);
  const page = await context.newPage();
  try {
    await logIn(page, demoUser('demo.facilitator'));
    await step(page, 'field-facilitator', async () => {
      await page.goto(`${BASE_URL}/field`);
      await page.locator('#field-new-pin').fill(PIN);
      await page.locator('#field-new-pin-again').fill(PIN);
      await page.locator('#field-setup-form button[type="submit"]').click();
      await page.locator('#field-message.alert-success').waitFor({ timeout: 60_000 });
      assert.equal(await page.locator('#main').getAttribute('data-kinds'), 'fund_meeting');
      assert.equal(await page.locator('#field-visit-panel').count(), 0, 'no visit form');
      assert.equal(await page.locator('#field-meeting-topics').count(), 0, 'no group-life meeting');
      // Her meeting form offers only groups with an open fund (a meeting there is the fund's).
      await page.locator('#field-meeting-panel summary').click();
      const offered = page.locator('#field-meeting-group option:not([value=""])');
      process.stderr.write(`[field] the facilitator is offered ${await offered.count()} fund group(s)\n`);
      for (let i = 0; i < (await offered.count()); i += 1) {
        assert.match(await offered.nth(i).textContent(), /صندوق باز/);
      }
      await fitsThePhone(page, "the facilitator's field app");
      await shot(page, 'field-facilitator');
    });
    assert.deepEqual(foreign, [], 'only 127.0.0.1 was contacted');
    assert.deepEqual(problems, [], 'no script errors');
  } finally {
    await context.close();
  }
});

test('a member who left while the phone was offline is a conflict she settles', { timeout: 180_000 }, async () => {
  const { context, foreign, problems } = await phoneContext(browser);
  const page = await context.newPage();
  const county = await tokenOf(browser, demoUser('demo.county'));
  const topics = 'جلسه‌ی میدانی آزمون: عضوی که در این میان رفت';
  try {
    await logIn(page, demoUser('demo.worker.qazvin'));
    let group = 0;
    let today = '';
    await step(page, 'field-left-prepare', async () => {
      await page.goto(`${BASE_URL}/field`);
      await page.locator('#field-new-pin').fill(PIN);
      await page.locator('#field-new-pin-again').fill(PIN);
      await page.locator('#field-setup-form button[type="submit"]').click();
      await page.locator('#field-message.alert-success').waitFor({ timeout: 60_000 });
      await page.waitForFunction(async () => Boolean(await caches.match('/field')), null, { timeout: 30_000 });
      // A group without a fund: this meeting is group life only.
      const plain = page.locator('#field-meeting-group option:not([value=""])', { hasNotText: 'صندوق باز' });
      group = Number(await plain.last().getAttribute('value'));
      today = latin(await page.locator('#field-meeting-date').inputValue());
    });

    await context.setOffline(true);
    await step(page, 'field-left-record', async () => {
      await page.locator('#field-meeting-panel summary').click();
      await page.locator('#field-meeting-group').selectOption(String(group));
      await page.locator('#field-meeting-topics').fill(topics);
      await page.locator('#field-meeting button[type="submit"]').click();
      await page.waitForFunction(() => document.querySelectorAll('#field-queue li').length === 1);
    });

    // Meanwhile the county expert records, on the group's page, that a member left yesterday.
    let left = null;
    await step(page, 'field-left-leave', async () => {
      const detail = (await apiCall(county.context, county.secret, 'GET', `/api/v1/groups/${group}`)).json;
      left = detail.members.find((m) => !m.left_on);
      const [year, month, day] = today.split('/').map(Number);
      assert.ok(day > 1, 'the test needs a day before today in the same month');
      const yesterday = `${year}/${String(month).padStart(2, '0')}/${String(day - 1).padStart(2, '0')}`;
      const office = await county.context.newPage();
      await office.goto(`${BASE_URL}/groups/${group}`);
      const form = office.locator(`form[action="/groups/${group}/members/${left.membership_id}/leave"]`);
      await form.locator('xpath=ancestor::details[1]/summary').click();
      await form.locator('[name="left_on"]').fill(persian(yesterday));
      await form.locator('[name="leave_reason"]').selectOption({ index: 1 });
      await Promise.all([office.waitForURL(/done=groups-member_left/), form.locator('button[type="submit"]').click()]);
      await office.close();
    });

    await context.setOffline(false);
    // She also revoked her phones' tokens on her account page: the phone asks for a new one
    // with her session when its token is refused, and sends.
    await step(page, 'field-left-revoke', async () => {
      const account = await context.newPage();
      await account.goto(`${BASE_URL}/account`);
      const live = account.locator('tr', { hasText: 'گوشی — کار میدانی' }).locator('form[action$="/revoke"]');
      assert.ok((await live.count()) > 0, "the phone's token is listed on her account page");
      while ((await live.count()) > 0) {
        await Promise.all([
          account.waitForURL(/done=api_tokens-revoked/),
          live.first().locator('button[type="submit"]').click(),
        ]);
      }
      await account.close();
    });
    await step(page, 'field-left-settle', async () => {
      await page.locator('#field-network:not(.field-offline)').waitFor();
      await page.locator('#field-sync').click();
      const conflict = page.locator('#field-conflict-list > li');
      await conflict.first().waitFor();
      assert.equal(await conflict.count(), 1);
      const text = await conflict.first().textContent();
      assert.match(text, /عضو گروه نبودند/);
      assert.ok(text.includes(left.name), `the conflict names ${left.name}: ${text}`);
      await fitsThePhone(page, 'the conflict of a member who left');
      await shot(page, 'field-conflict-left');
      await conflict.first().locator('button[data-action="drop"]').click();
      await page.locator('#field-conflicts').waitFor({ state: 'hidden' });
      await page.locator('#field-sync').click();
      await page.waitForFunction(() => document.querySelectorAll('#field-queue li').length === 0);
      await page.locator('#field-message.alert-success').waitFor();
    });

    await step(page, 'field-left-landed', async () => {
      const life = await county.context.newPage();
      await life.goto(`${BASE_URL}/groups/${group}/life`);
      const body = await life.content();
      assert.equal(body.split(topics).length - 1, 1, 'the meeting is recorded once, without her');
      await life.close();
    });
    assert.deepEqual(foreign, [], 'only 127.0.0.1 was contacted');
    assert.deepEqual(problems, [], 'no script errors');
  } finally {
    await county.context.close();
    await context.close();
  }
});
