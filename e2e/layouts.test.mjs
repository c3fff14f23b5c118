// End-to-end: every page fits a phone and a laptop (issue 17). On the demo province, logged in
// as each role in turn, the test walks every page the role can reach — starting from the home
// page and the route table's pages without parameters, then following the links each page
// offers (a group, a woman's file, a grant, a payment, a drill-down of the budget report, …) —
// and measures each page at 390×844 and at 1366×768 in Persian, and each page once more at
// 390×844 in English (as the first role to reach it). On every page:
//   - the page itself never scrolls sideways (document.documentElement.scrollWidth <= the
//     window's width); the element that sticks out is named when it does;
//   - no number is cut: every piece of text with a digit lies wholly inside the window and
//     inside every ancestor that clips or scrolls (a table scrolled sideways in its wrapper
//     shows the tail of a number: that is a cut number), and no number breaks over two lines;
//   - charts stay readable: every <text> of an SVG lies inside the SVG, is drawn at 11 px or
//     more, and overlaps no other text of the same chart.
// Then the route table (crates/web/src/router.rs) is read back: every GET page in it must have
// been measured by some role, or be one of the few named below that are not pages (downloads,
// fragments, the one-time setup link). A new page is measured as soon as a link leads to it.
//
// The social worker first starts a dry run of an import (two rows, one of them wrong), so the
// import job's page has something to show; it changes nothing in the registry.
//
// Run through e2e/run.sh after the demo server's dashboard test; it passes:
//   HAMYAR_URL          base URL of the running demo server (`serve --demo`)
//   HAMYAR_DEMO_USERS   the demo's printed users, one per line: username password role scope
// Optional: HAMYAR_CHROMIUM, HAMYAR_ARTIFACTS (screenshots go to <artifacts>/layouts/).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ARTIFACTS,
  BASE_URL as baseUrl,
  PHONE,
  launchBrowser,
  logIn,
  phoneContext,
  requiredEnv,
} from './support.mjs';

const BASE_URL = baseUrl();
const LAPTOP = { width: 1366, height: 768 };
const SHOTS = path.join(ARTIFACTS, 'layouts');
const ROUTER = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..', 'crates', 'web', 'src', 'router.rs',
);

/**
 * GET routes that are not pages a person reads, and why they are not measured; besides these,
 * every template ending in a file name (.pdf, .xlsx, .csv, .json) or in `{format}` is a download.
 */
const NOT_PAGES = new Map([
  ['/healthz', 'operations'],
  ['/metrics', 'operations'],
  ['/assets/{*path}', 'static files'],
  ['/setup/{token}', 'the one-time first-run link, gone once an administrator exists'],
  ['/women/member-row', 'an htmx fragment of the registration form'],
  ['/women/import/jobs/{id}/status', 'an htmx fragment of the import job page'],
  ['/women/export', 'a download'],
  ['/money/payments/{id}/evidence/{evidence_id}', 'a download'],
  ['/money/history/{id}/evidence', 'a download'],
  ['/field/manifest.webmanifest', "the field app's web manifest"],
  ['/field/sw.js', "the field app's service worker"],
  // /money/history itself is measured; the demo imports no paper history, so no batch page
  // is linked (its table and forms are the payment list's and the payment page's patterns).
  ['/money/history/{id}', 'the demo has no batch of paper history to link to'],
]);

/** Files, not pages: a path template ending in a file name, a `{format}` or `/export`. */
const isDownload = (template) => /\.(pdf|xlsx|csv|json)$|\{format\}$|\/export$/.test(template);
const notAPage = (template) => NOT_PAGES.has(template) || isDownload(template);

/** One account of each role, as the demo printed them. */
function demoUsers() {
  const byRole = new Map();
  for (const line of requiredEnv('HAMYAR_DEMO_USERS').split('\n')) {
    const [username, password, role] = line.trim().split(/\s+/);
    if (username && password && role && !byRole.has(role)) {
      byRole.set(role, { username, password, role });
    }
  }
  // The provincial expert first: the pictures are of the first role to reach a page, and
  // hers are the fullest (the demo province's figures).
  return [...byRole.values()].sort((a, b) => (b.role === 'provincial_expert') - (a.role === 'provincial_expert'));
}

/** The GET path templates of the route table, as written in router.rs. */
function getTemplates() {
  const source = readFileSync(ROUTER, 'utf8');
  const templates = new Set();
  for (const match of source.matchAll(/\.get\(\s*"([^"]+)"/g)) {
    templates.add(match[1]);
  }
  assert.ok(templates.size > 20, `only ${templates.size} GET routes read from ${ROUTER}`);
  return [...templates];
}

/** The template a path answers to: literal segments win over parameters, as in axum. */
function templateMatcher(templates) {
  const compiled = templates.map((template) => {
    const segments = template.split('/').slice(1);
    return { template, segments, literals: segments.filter((s) => !s.startsWith('{')).length };
  });
  compiled.sort((a, b) => b.literals - a.literals);
  return (pathname) => {
    const parts = pathname.split('/').slice(1);
    for (const { template, segments } of compiled) {
      if (segments.at(-1)?.startsWith('{*')) {
        if (parts.length >= segments.length - 1
          && segments.slice(0, -1).every((s, i) => s.startsWith('{') || s === parts[i])) {
          return template;
        }
        continue;
      }
      if (segments.length === parts.length
        && segments.every((s, i) => (s.startsWith('{') ? parts[i] !== '' : s === parts[i]))) {
        return template;
      }
    }
    return null;
  };
}

/**
 * Runs in the page: what sticks out, what is cut and what is unreadable. Returns a list of
 * problems, each naming the element (a CSS path) and the text it shows.
 */
function measurePage() {
  const problems = [];
  const vw = window.innerWidth;
  const DIGIT = /[0-9\u06F0-\u06F9\u0660-\u0669]/;
  const NUMBER = /[0-9\u06F0-\u06F9\u0660-\u0669](?:[0-9\u06F0-\u06F9\u0660-\u0669\u066B\u066C,./]*[0-9\u06F0-\u06F9\u0660-\u0669])?/g;
  const name = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 5; e = e.parentElement) {
      let part = e.tagName.toLowerCase();
      if (e.id) {
        parts.unshift(`${part}#${e.id}`);
        break;
      }
      const cls = [...e.classList].slice(0, 2).join('.');
      if (cls) part += `.${cls}`;
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const short = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 60);
  // Not drawn: display none, visibility hidden (checkVisibility), or .visually-hidden (kept
  // for screen readers, clipped to a pixel). Remembered per element: a page has thousands.
  const hiddenCache = new Map();
  const hidden = (el) => {
    if (!el) return false;
    if (hiddenCache.has(el)) return hiddenCache.get(el);
    let result;
    if (!el.checkVisibility({ visibilityProperty: true })) {
      result = true;
    } else {
      const cs = getComputedStyle(el);
      const clipped = (cs.clipPath !== 'none' || (cs.position === 'absolute' && cs.overflow === 'hidden'))
        && el.getBoundingClientRect().width <= 1;
      result = clipped || hidden(el.parentElement);
    }
    hiddenCache.set(el, result);
    return result;
  };

  // 1. The page never scrolls sideways; name the outermost elements that stick out.
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > vw) {
    const culprits = [];
    const walk = (el) => {
      for (const child of el.children) {
        const r = child.getBoundingClientRect();
        if ((r.right > vw + 0.5 || r.left < -0.5) && r.width > 0 && !hidden(child)) {
          // The deepest element that still sticks out on its own names the cause best.
          const before = culprits.length;
          walk(child);
          if (culprits.length === before) culprits.push(`${name(child)} (${Math.round(r.left)}…${Math.round(r.right)})`);
        } else {
          walk(child);
        }
        if (culprits.length >= 3) return;
      }
    };
    walk(document.body);
    problems.push(`the page is ${pageWidth}px wide in a ${vw}px window: ${culprits.join('; ') || 'no element found'}`);
  }

  // 2. No number is cut, pushed out of the window, or broken over two lines.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const clippers = new Map();
  const clipperOf = (el) => {
    if (!clippers.has(el)) {
      const cs = getComputedStyle(el);
      const x = cs.overflowX !== 'visible';
      const y = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
      clippers.set(el, x || y ? { x, y } : null);
    }
    return clippers.get(el);
  };
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!DIGIT.test(node.data)) continue;
    const el = node.parentElement;
    if (!el || el.closest('svg, script, style, template, select, option, textarea, noscript')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (rects.length === 0 || hidden(el)) continue;
    const box = {
      left: Math.min(...rects.map((r) => r.left)),
      right: Math.max(...rects.map((r) => r.right)),
      top: Math.min(...rects.map((r) => r.top)),
      bottom: Math.max(...rects.map((r) => r.bottom)),
    };
    const text = short(node.data);
    const report = (what) => {
      const key = `${name(el)}|${what}`;
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(`${what}: ${name(el)} «${text}»`);
      }
    };
    if (box.left < -0.5 || box.right > vw + 0.5) {
      report(`a number outside the ${vw}px window (${Math.round(box.left)}…${Math.round(box.right)})`);
    }
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      const clip = clipperOf(a);
      if (!clip) continue;
      const r = a.getBoundingClientRect();
      const left = r.left + a.clientLeft;
      const top = r.top + a.clientTop;
      const cutX = clip.x && (box.left < left - 0.5 || box.right > left + a.clientWidth + 0.5);
      const cutY = clip.y && (box.top < top - 0.5 || box.bottom > top + a.clientHeight + 0.5);
      if (cutX || cutY) {
        report(`a number cut by ${name(a)} (overflow ${getComputedStyle(a).overflowX})`);
        break;
      }
    }
    for (const match of node.data.matchAll(NUMBER)) {
      if (match[0].length < 2) continue;
      const part = document.createRange();
      part.setStart(node, match.index);
      part.setEnd(node, match.index + match[0].length);
      const lines = new Set(
        [...part.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)),
      );
      if (lines.size > 1) report(`a number broken over ${lines.size} lines («${match[0]}»)`);
    }
  }

  // 3. The menu shows the current page: its entry lies inside the menu's visible part (on a
  //    phone the menu is a strip that scrolls sideways).
  const menu = document.querySelector('nav.app-nav');
  const current = menu?.querySelector('[aria-current="page"]');
  if (current) {
    const strip = menu.getBoundingClientRect();
    const entry = current.getBoundingClientRect();
    const left = strip.left + menu.clientLeft;
    if (entry.left < left - 0.5 || entry.right > left + menu.clientWidth + 0.5 || entry.right > vw + 0.5 || entry.left < -0.5) {
      problems.push(`the current menu entry «${short(current.textContent)}» is out of sight (${Math.round(entry.left)}…${Math.round(entry.right)} in a menu showing ${Math.round(left)}…${Math.round(left + menu.clientWidth)})`);
    }
  }

  // 4. Charts: every text inside its SVG, readable, and clear of the others.
  for (const svg of document.querySelectorAll('svg')) {
    const frame = svg.getBoundingClientRect();
    if (frame.width === 0 || hidden(svg)) continue;
    const texts = [...svg.querySelectorAll('text')]
      .map((t) => ({ t, r: t.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0);
    const small = [];
    for (const { t, r } of texts) {
      const label = `${name(svg)} text «${short(t.textContent)}»`;
      if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5
        || r.top < frame.top - 0.5 || r.bottom > frame.bottom + 0.5) {
        problems.push(`chart text cut by its SVG (text ${Math.round(r.left)}…${Math.round(r.right)}, SVG ${Math.round(frame.left)}…${Math.round(frame.right)}): ${label}`);
      }
      const size = parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1);
      if (size < 10.95) small.push({ size, text: short(t.textContent) });
    }
    if (small.length) {
      const smallest = small.reduce((a, b) => (a.size <= b.size ? a : b));
      problems.push(`${small.length} chart texts drawn under 11px, the smallest at ${smallest.size.toFixed(1)}px («${smallest.text}»): ${name(svg)}`);
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r;
        const b = texts[j].r;
        const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (overlapX > 1 && overlapY > 2) {
          problems.push(`chart texts overlap: ${name(svg)} «${short(texts[i].t.textContent)}» and «${short(texts[j].t.textContent)}»`);
        }
      }
    }
  }
  return problems;
}

/** Same-origin links a page offers, without downloads. */
function linksOf() {
  return [...document.querySelectorAll('a[href]')]
    .filter((a) => !a.hasAttribute('download'))
    .map((a) => a.href);
}

let browser;
const findings = [];
const measured = new Map(); // template -> [role …]
const downloads = new Set(); // templates that answered with a file, not a page
const files = new Set(); // URLs that answered with a file

/**
 * Pages only: a navigation that answers with anything but HTML (a PDF, a spreadsheet, an
 * attachment) is recorded and replaced by an empty page, so the browser neither downloads it
 * nor opens its PDF viewer.
 */
async function onlyPages(page) {
  await page.route('**/*', async (route) => {
    const request = route.request();
    if (request.resourceType() !== 'document' || request.method() !== 'GET') return route.fallback();
    const url = new URL(request.url());
    if (url.hostname !== new URL(BASE_URL).hostname) return route.fallback();
    const response = await route.fetch({ maxRedirects: 0 });
    const type = response.headers()['content-type'] ?? '';
    if (response.status() === 200 && !type.startsWith('text/html')) {
      files.add(request.url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>a file</title>' });
    }
    return route.fulfill({ response });
  });
}
let pagesMeasured = 0;
const timing = { load: 0, measure: 0, shots: 0 };

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  const report = findings.length ? findings.join('\n') : 'no problem found';
  writeFileSync(path.join(ARTIFACTS, 'layouts.txt'), `${report}\n`);
});

const shotNames = new Set();
async function measureAt(page, viewport, where) {
  await page.setViewportSize(viewport);
  // One frame for layout and container queries to settle after a resize.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  let clock = Date.now();
  const problems = await page.evaluate(measurePage);
  timing.measure += Date.now() - clock;
  pagesMeasured += 1;
  const file = `${where.lang}-${viewport.width}-${where.template.replace(/[^a-z0-9]+/gi, '_')}`;
  if (problems.length > 0) {
    for (const problem of problems) {
      findings.push(`${where.lang} ${viewport.width}px ${where.role} ${where.url}: ${problem}`);
    }
  }
  // One picture of each page on the phone in Persian (the first role to reach it), and of
  // every page with a problem at the size and in the language it has it.
  const shotName = problems.length ? `FAILED-${file}-${where.role}` : file;
  if ((problems.length || (where.lang === 'fa' && viewport.width === PHONE.width)) && !shotNames.has(shotName)) {
    shotNames.add(shotName);
    clock = Date.now();
    await page.screenshot({ path: path.join(SHOTS, `${shotName}.png`), fullPage: true });
    timing.shots += Date.now() - clock;
  }
}

/**
 * Walks every page `who` can reach: the templates without parameters, then every link to a
 * template not yet measured for this role. Measures each at 390 and 1366 in Persian and
 * returns the URLs measured, for the English pass.
 */
async function crawl(page, who, matchTemplate, templates, seeds) {
  const visited = new Set();
  const urls = [];
  const queue = [
    '/',
    ...templates.filter((t) => !t.includes('{') && !notAPage(t) && t !== '/login'),
    ...seeds,
  ];
  let guessed = false;
  while (queue.length || !guessed) {
    if (!queue.length) {
      // No link led to some pages: try them with the id of a page of the same family
      // (/groups/{id}/roster with the id of /groups/{id}); the server still decides.
      guessed = true;
      queue.push(...unlinked(templates, urls, visited));
      continue;
    }
    const pathname = queue.shift();
    const url = new URL(pathname, BASE_URL);
    const template = matchTemplate(url.pathname);
    if (!template || notAPage(template) || visited.has(template)) continue;
    visited.add(template);
    const response = await page.goto(url.href);
    if (files.has(url.href)) {
      downloads.add(template);
      continue;
    }
    const status = response?.status();
    if (status === 403 || status === 404) continue;
    assert.equal(status, 200, `${who.role} ${url.pathname}${url.search}: HTTP ${status}`);
    if (new URL(page.url()).pathname === '/login') {
      throw new Error(`${who.role} was sent to the login page from ${url.href}`);
    }
    const where = { lang: 'fa', role: who.role, url: `${url.pathname}${url.search}`, template };
    await measureAt(page, PHONE, where);
    await measureAt(page, LAPTOP, where);
    await page.setViewportSize(PHONE);
    urls.push({ href: url.href, template });
    measured.set(template, [...(measured.get(template) ?? []), who.role]);
    for (const href of await page.evaluate(linksOf)) {
      const link = new URL(href);
      if (link.origin !== new URL(BASE_URL).origin) continue;
      const linked = matchTemplate(link.pathname);
      if (linked && !visited.has(linked) && !notAPage(linked)) {
        queue.push(`${link.pathname}${link.search}`);
      }
    }
  }
  return urls;
}

/** Paths for the templates with one parameter not visited yet, from visited pages' ids. */
function unlinked(templates, urls, visited) {
  const paths = [];
  for (const template of templates) {
    const segments = template.split('/');
    const params = segments.filter((part) => part.startsWith('{'));
    if (params.length !== 1 || visited.has(template) || notAPage(template)) continue;
    const at = segments.indexOf(params[0]);
    const prefix = segments.slice(0, at).join('/');
    for (const { href, template: seen } of urls) {
      const seenSegments = seen.split('/');
      if (seenSegments.slice(0, at).join('/') !== prefix || !seenSegments[at]?.startsWith('{')) continue;
      const value = new URL(href).pathname.split('/')[at];
      paths.push(segments.map((part, index) => (index === at ? value : part)).join('/'));
      break;
    }
  }
  return paths;
}

async function switchLanguage(page, code) {
  await page.goto(`${BASE_URL}/account`);
  const form = page.locator('form.lang-switch');
  if ((await form.locator('input[name="lang"]').inputValue()) !== code) return;
  await Promise.all([page.waitForURL((url) => url.pathname === '/account'), form.locator('button').click()]);
  assert.equal(await page.locator('html').getAttribute('lang'), code);
}

/** A dry run of an import of two rows, one wrong, as the social worker: the job's page. */
async function importJob(page) {
  await page.goto(`${BASE_URL}/women/import`);
  const csv = 'کد ملی,نام,نام خانوادگی,تاریخ تولد,شهرستان,نوع سکونت,علت سرپرستی\n'
    + '0000000000,مریم,احمدی,1360/01/10,تاکستان,شهری,همسر فوت‌شده\n'
    + '1234567891,زهرا,کریمی,1362/02/11,تاکستان,شهری,همسر فوت‌شده\n';
  await page.locator('input[name="file"]').setInputFiles({
    name: 'women.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8'),
  });
  await page.locator('input[name="mode"][value="dry_run"]').check();
  await Promise.all([
    page.waitForURL((url) => url.pathname.startsWith('/women/import/jobs/')),
    page.locator('form[action="/women/import"] button[type="submit"]').click(),
  ]);
  // Let the job finish so its page shows the rows, not the progress.
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(200);
    await page.reload();
    if ((await page.locator('table').count()) > 0) break;
  }
  return new URL(page.url()).pathname;
}

test('no page scrolls sideways or cuts a number at 390 or 1366 px, in Persian and English', async () => {
  const started = Date.now();
  const templates = getTemplates();
  const matchTemplate = templateMatcher(templates);
  const users = demoUsers();
  assert.ok(users.length >= 8, `the demo printed ${users.length} roles`);

  // Logged out: the login page and a page that does not exist.
  {
    const { context } = await phoneContext(browser);
    const page = await context.newPage();
    for (const lang of ['fa', 'en']) {
      await context.addCookies([{ name: 'hamyar_lang', value: lang, url: BASE_URL }]);
      for (const pathname of ['/login', '/no-such-page']) {
        await page.goto(`${BASE_URL}${pathname}`);
        const where = { lang, role: 'nobody', url: pathname, template: pathname };
        await measureAt(page, PHONE, where);
        if (lang === 'fa') await measureAt(page, LAPTOP, where);
        await page.setViewportSize(PHONE);
      }
    }
    measured.set('/login', ['nobody']);
    await context.close();
  }

  // Then two roles at a time (the machine's two cores: one renders while the other measures).
  const inEnglish = new Set();
  const walk = async (who) => {
    const { context, foreign, problems } = await phoneContext(browser);
    const page = await context.newPage();
    await onlyPages(page);
    await logIn(page, who);
    await switchLanguage(page, 'fa');
    const seeds = who.role === 'social_worker' ? [await importJob(page)] : [];
    // A job plan is linked only from its woman's file, which the crawl may not open: the
    // demo's first plan (a woman of Qazvin province) is measured as her province's expert.
    if (who.role === 'provincial_expert') seeds.push('/training/job-plans/1');
    // A decided exit proposal is linked only from its woman's outcomes page: the demo's first
    // (a graduate's, approved by the province) is measured as the province's expert.
    if (who.role === 'provincial_expert') seeds.push('/outcomes/exits/1');
    // A recorded form is linked only from its woman's outcomes page, which the crawl may not
    // open: the demo's first form (a woman of Qazvin province) as the province's expert.
    if (who.role === 'provincial_expert') seeds.push('/outcomes/forms/1');
    const urls = await crawl(page, who, matchTemplate, templates, seeds);
    assert.ok(urls.length > 2, `${who.role} reached ${urls.length} pages`);
    // English, on the phone: each page once, by the first role to get there.
    const mine = urls.filter(({ template }) => !inEnglish.has(template));
    mine.forEach(({ template }) => inEnglish.add(template));
    if (mine.length) {
      await switchLanguage(page, 'en');
      for (const { href, template } of mine) {
        await page.goto(href);
        const url = new URL(href);
        await measureAt(page, PHONE, { lang: 'en', role: who.role, url: `${url.pathname}${url.search}`, template });
      }
      await switchLanguage(page, 'fa');
    }
    for (const href of foreign) findings.push(`${who.role}: fetched from outside 127.0.0.1: ${href}`);
    for (const problem of problems) findings.push(`${who.role}: ${problem}`);
    await context.close();
  };
  // The provincial expert alone first, so the pictures of the pages she reaches are hers.
  const waiting = [...users];
  await walk(waiting.shift());
  await Promise.all([1, 2].map(async () => {
    while (waiting.length) await walk(waiting.shift());
  }));

  const unmeasured = templates.filter((t) => !notAPage(t) && !downloads.has(t) && !measured.has(t));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`# ${pagesMeasured} page measurements of ${measured.size} pages by ${users.length} roles in ${seconds} s`
    + ` (measuring ${(timing.measure / 1000).toFixed(1)} s, pictures ${(timing.shots / 1000).toFixed(1)} s)`);
  assert.deepEqual(unmeasured, [], 'pages of the route table that no role reached: link them or seed them here');
  assert.ok(
    findings.length === 0,
    `${findings.length} layout problems (all in e2e/artifacts/layouts.txt):\n${findings.slice(0, 80).join('\n')}`,
  );
});
