// In a real browser: crates/web/assets/js/places.js turns a county select grouped by province
// into "province first, then its counties" (issue 17: Iran's 484 counties ship). Needs no
// server: the select is written into a blank page and the script added from the file.
//
//   node --test e2e/place-select.test.mjs
//
// Optional: HAMYAR_CHROMIUM (default /usr/bin/chromium).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './support.mjs';

const SCRIPT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..', 'crates', 'web', 'assets', 'js', 'places.js',
);

const FORM = (selected) => `<!doctype html><html lang="fa" dir="rtl"><body>
<form id="f">
  <div class="form-field"><label for="county">شهرستان</label>
  <select id="county" name="county" data-narrow-label="استان" data-narrow-blank="انتخاب کنید">
    <option value="">انتخاب کنید</option>
    <optgroup label="قزوین">
      <option value="20">قزوین</option><option value="21"${selected === 21 ? ' selected' : ''}>آبیک</option>
    </optgroup>
    <optgroup label="تهران">
      <option value="40">تهران</option><option value="41">ری</option><option value="42">ورامین</option>
    </optgroup>
  </select></div>
</form></body></html>`;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function open(selected) {
  const page = await browser.newPage();
  await page.setContent(FORM(selected));
  await page.addScriptTag({ path: SCRIPT });
  return page;
}

const offered = (page) =>
  page.$$eval('#county option', (options) => options.map((o) => o.value));

test('the county select offers nothing until a province is chosen, then only its counties', async () => {
  const page = await open(null);
  assert.equal(await page.locator('#county-province').count(), 1, 'a province select is added');
  assert.equal(await page.locator('label[for="county-province"]').textContent(), 'استان');
  assert.deepEqual(await offered(page), ['']);
  await page.selectOption('#county-province', { label: 'تهران' });
  assert.deepEqual(await offered(page), ['', '40', '41', '42']);
  await page.selectOption('#county', '42');
  await page.selectOption('#county-province', { label: 'قزوین' });
  assert.deepEqual(await offered(page), ['', '20', '21']);
  assert.equal(await page.inputValue('#county'), '', 'a county of another province is not kept');
  const submitted = await page.$eval('#f', (form) => [...new FormData(form).keys()]);
  assert.deepEqual(submitted, ['county'], 'the province select is not submitted');
  await page.close();
});

test('a form drawn again opens on the province of the county already chosen', async () => {
  const page = await open(21);
  assert.equal(
    await page.$eval('#county-province', (s) => s.options[s.selectedIndex].textContent),
    'قزوین',
  );
  assert.deepEqual(await offered(page), ['', '20', '21']);
  assert.equal(await page.inputValue('#county'), '21');
  await page.close();
});
