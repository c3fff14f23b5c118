// Hamyar field app (issue 21) — the page /field on a facilitator's or social worker's phone.
//
// Before leaving she sets a PIN and prepares the phone: the server gives this phone a write
// token of its own (POST /field/device, with her session and CSRF token), and the app takes
// her groups and their current members through the JSON API with it. Offline she records
// meetings (attendance, and each present member's shares when the group keeps an open fund)
// and visits; each record gets its idempotency key (crypto.randomUUID) when it is made and
// keeps it until it lands. Back online "send" posts the queue to /api/v1/sync: what is
// recorded (or was already, under its key) leaves the queue; every conflict stays, shown
// with what she may do about it; nothing is dropped without her say.
//
// What the phone keeps, all in IndexedDB (database hamyar-field-<her user id>):
//   meta  (plain): the PBKDF2 salt and iteration count, when the data was taken, and when it
//                  is to be wiped — nothing about anyone;
//   vault (AES-GCM ciphertext, a fresh 12-byte IV per write): the device token, her groups
//                  (id, code, name), their members (woman id and name — never a national ID),
//                  the open fund's rules and cash, and the queue.
// The key is derived from the PIN (PBKDF2-SHA256, 310,000 iterations, random 16-byte salt)
// and lives only in memory while the app is open and unlocked. A wrong PIN fails the
// decryption and changes nothing. The data is wiped by the wipe button, on logout (the
// server's Clear-Site-Data answer, and it revokes the token), and on opening once the keep
// period (the token's lifetime, 14 days) is over.
//
// No framework; only same-origin requests (the page, /field/device, /api/v1). The strict
// CSP allows no inline script, so the page's words come as data (#field-messages).
'use strict';

(() => {
  const root = document.getElementById('main');
  if (!root || !root.dataset.user || !document.getElementById('field-messages')) {
    return;
  }
  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------------------------------
  // Words, digits, dates

  const MSG = {};
  for (const el of document.querySelectorAll('#field-messages [data-id]')) {
    MSG[el.dataset.id.replace('fieldapp-js_', '')] = el.textContent;
  }
  const PERSIAN_UI = document.documentElement.lang === 'fa';
  const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
  const AR_DIGITS = '٠١٢٣٤٥٦٧٨٩';
  /** Persian or Arabic digits read as Latin ones. */
  const toLatin = (text) =>
    String(text)
      .replace(/[۰-۹]/g, (d) => String(FA_DIGITS.indexOf(d)))
      .replace(/[٠-٩]/g, (d) => String(AR_DIGITS.indexOf(d)));
  /** Latin digits written in the interface's digits. */
  const shown = (text) =>
    PERSIAN_UI ? String(text).replace(/[0-9]/g, (d) => FA_DIGITS[Number(d)]) : String(text);

  /** Today in Tehran as a Jalali `1405/09/16`, or the day the page was drawn. */
  function todayJalali() {
    try {
      const parts = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
        timeZone: 'Asia/Tehran',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).formatToParts(new Date());
      const part = (type) => (parts.find((p) => p.type === type)?.value || '').replace(/\D/g, '');
      const text = `${part('year')}/${part('month')}/${part('day')}`;
      if (/^\d{4}\/\d{2}\/\d{2}$/.test(text)) {
        return text;
      }
    } catch {
      // An old browser without the Persian calendar: the server's date below.
    }
    return root.dataset.today;
  }

  /** A typed Jalali date as `1405/09/16`, or null. */
  function readDate(raw) {
    const match = toLatin(raw).trim().replace(/[-.]/g, '/').match(/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/);
    if (!match) {
      return null;
    }
    const [, year, month, day] = match;
    if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) {
      return null;
    }
    return `${year}/${month.padStart(2, '0')}/${day.padStart(2, '0')}`;
  }

  /** An instant as her calendar writes a day. */
  function dayOf(millis) {
    const locale = PERSIAN_UI ? 'fa-IR-u-ca-persian' : 'en-US-u-ca-persian';
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Asia/Tehran' }).format(
      new Date(millis),
    );
  }

  // ---------------------------------------------------------------------------------------
  // IndexedDB: a `meta` store in the clear, a `vault` store of ciphertext

  const DB_NAME = `hamyar-field-${root.dataset.user}`;
  let dbPromise = null;

  function db() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore('meta');
          request.result.createObjectStore('vault');
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    return dbPromise;
  }

  /** Runs one request on `store` in its own transaction; resolves when it is committed. */
  async function idb(store, mode, run) {
    const database = await db();
    return new Promise((resolve, reject) => {
      const tx = database.transaction(store, mode);
      const request = run(tx.objectStore(store));
      let result;
      request.onsuccess = () => {
        result = request.result;
      };
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }
  const getMeta = () => idb('meta', 'readonly', (s) => s.get('meta'));
  const putMeta = (value) => idb('meta', 'readwrite', (s) => s.put(value, 'meta'));
  const getVault = () => idb('vault', 'readonly', (s) => s.get('data'));
  const putVault = (value) => idb('vault', 'readwrite', (s) => s.put(value, 'data'));

  async function deleteDatabase() {
    if (dbPromise) {
      (await dbPromise).close();
      dbPromise = null;
    }
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(DB_NAME);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }

  // ---------------------------------------------------------------------------------------
  // Crypto: PBKDF2-SHA256 → AES-GCM-256

  const ITERATIONS = 310000;
  const AAD = new TextEncoder().encode(DB_NAME);

  async function deriveKey(pin, salt, iterations) {
    const material = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(pin),
      'PBKDF2',
      false,
      ['deriveKey'],
    );
    return crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  }

  async function seal(key, value) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plain = new TextEncoder().encode(JSON.stringify(value));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: AAD }, key, plain);
    return { iv, data };
  }

  async function unseal(key, sealed) {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.iv, additionalData: AAD },
      key,
      sealed.data,
    );
    return JSON.parse(new TextDecoder().decode(plain));
  }

  // ---------------------------------------------------------------------------------------
  // State: while unlocked, the key and the decrypted data live in memory only

  let key = null;
  /** { token, token_id, kinds, groups, queue, prepared_at, sent } */
  let data = null;
  let meta = null;

  const save = async () => putVault(await seal(key, data));
  const newKey = () => crypto.randomUUID();
  const may = (kind) => (data?.kinds || root.dataset.kinds.split(' ')).includes(kind);

  // ---------------------------------------------------------------------------------------
  // Requests: the session's (the device token) and the token's (the API)

  function csrfHeaders() {
    return { 'X-CSRF-Token': root.dataset.csrf, Accept: 'application/json' };
  }

  /** The token's budget of calls is spent: wait as the server says (at most 10 s), a few times. */
  const RETRIES_WHEN_BUSY = 5;
  const pause = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

  async function api(path, options = {}) {
    let response;
    for (let attempt = 0; ; attempt += 1) {
      response = await fetch(path, {
        ...options,
        credentials: 'omit',
        cache: 'no-store',
        headers: {
          Authorization: `Bearer ${data.token}`,
          Accept: 'application/json',
          ...(options.body ? { 'Content-Type': 'application/json' } : {}),
        },
      });
      if (response.status !== 429 || attempt >= RETRIES_WHEN_BUSY) {
        break;
      }
      await pause(Math.min(Number(response.headers.get('Retry-After')) || 1, 10));
    }
    if (!response.ok) {
      const error = new Error(`HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  // ---------------------------------------------------------------------------------------
  // What she sees

  function say(text, kind = 'info') {
    const box = $('field-message');
    box.textContent = text;
    box.className = `alert alert-${kind} field-message`;
    box.hidden = !text;
  }

  function showNetwork() {
    $('field-network').textContent = navigator.onLine ? MSG.online : MSG.offline;
    $('field-network').classList.toggle('field-offline', !navigator.onLine);
  }

  function showOnly(section) {
    for (const id of ['field-setup', 'field-unlock', 'field-work']) {
      $(id).hidden = id !== section;
    }
  }

  const kindLabel = (kind) => MSG[`kind_${kind}`] || kind;
  const groupOf = (id) => data.groups.find((g) => g.id === id);

  function womanName(group, womanId) {
    const member = group?.members.find((m) => m.woman_id === womanId);
    return member ? member.name : `#${shown(womanId)}`;
  }

  function recordDay(record) {
    return shown(record.body.held_on || record.body.visited_on || '');
  }

  function renderSummary() {
    const parts = [`${shown(data.groups.length)} ${MSG.groups}`];
    if (data.prepared_at) {
      parts.push(`${MSG.prepared_at} ${dayOf(data.prepared_at)}`);
    }
    if (meta?.expires_at) {
      parts.push(`${MSG.wipe_on} ${dayOf(meta.expires_at)}`);
    }
    $('field-summary').textContent = parts.join(' · ');
    const waiting = data.queue.length;
    $('field-queue-count').textContent = waiting ? `${shown(waiting)} ${MSG.in_queue}` : MSG.queue_empty;
  }

  function renderQueue() {
    const list = $('field-queue');
    list.replaceChildren();
    for (const record of data.queue) {
      const item = document.createElement('li');
      item.className = `field-queued field-state-${record.status}`;
      item.dataset.key = record.key;
      item.textContent = `${kindLabel(record.kind)} · ${record.group_name} · ${recordDay(record)}`;
      list.append(item);
    }
  }

  function settleButton(text, action, record) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = action === 'discard' ? 'btn btn-secondary btn-small' : 'btn btn-primary btn-small';
    button.textContent = text;
    button.dataset.action = action;
    button.addEventListener('click', () => settle(record.key, action));
    return button;
  }

  function renderConflicts() {
    const open = data.queue.filter((r) => r.status === 'conflict' || r.status === 'refused');
    $('field-conflicts').hidden = open.length === 0;
    const list = $('field-conflict-list');
    list.replaceChildren();
    for (const record of open) {
      const group = groupOf(record.group_id);
      const item = document.createElement('li');
      item.className = 'card field-conflict';
      item.dataset.key = record.key;
      const title = document.createElement('p');
      title.className = 'field-conflict-title';
      title.textContent = `${kindLabel(record.kind)} · ${record.group_name} · ${recordDay(record)}`;
      const what = document.createElement('p');
      let text;
      if (record.status === 'refused') {
        text = `${MSG.refused} ${problemText(record.problem)}`;
      } else if (record.not_members?.length) {
        text = `${MSG.conflict_not_members} ${record.not_members.map((id) => womanName(group, id)).join('، ')}`;
      } else if (record.kind === 'meeting') {
        text = MSG.conflict_duplicate;
      } else {
        text = `${MSG.conflict_other} ${problemText(record.problem)}`;
      }
      what.textContent = text;
      const actions = document.createElement('div');
      actions.className = 'button-row';
      if (record.status === 'conflict' && record.not_members?.length) {
        actions.append(settleButton(MSG.settle_drop, 'drop', record));
      } else if (record.status === 'conflict' && record.kind === 'meeting') {
        actions.append(settleButton(MSG.settle_confirm, 'confirm', record));
      }
      actions.append(settleButton(MSG.settle_discard, 'discard', record));
      item.append(title, what, actions);
      list.append(item);
    }
  }

  function problemText(problem) {
    if (!problem) {
      return '';
    }
    const detail = PERSIAN_UI ? problem.detail_fa : problem.detail_en;
    const fields = (problem.errors || []).map((e) => (PERSIAN_UI ? e.message_fa : e.message_en) || e.message);
    return [detail || problem.detail, ...fields].filter(Boolean).join(' — ');
  }

  function fillGroupSelects() {
    for (const id of ['field-meeting-group', 'field-visit-group']) {
      const select = $(id);
      if (!select) {
        continue;
      }
      const chosen = select.value;
      select.replaceChildren();
      const none = document.createElement('option');
      none.value = '';
      none.textContent = data.groups.length ? '—' : MSG.no_groups;
      select.append(none);
      // Without group-life meetings (a facilitator), a meeting here is a fund's: only groups
      // with an open fund are offered.
      const offered =
        id === 'field-meeting-group' && !may('meeting') ? data.groups.filter((g) => g.fund) : data.groups;
      for (const group of offered) {
        const option = document.createElement('option');
        option.value = String(group.id);
        option.textContent = `${group.name} (${shown(group.code)})${group.fund ? ` · ${MSG.fund_open}` : ''}`;
        select.append(option);
      }
      select.value = chosen;
    }
    renderMembers();
  }

  /** The attendance list of the meeting form's group, with shares when it keeps a fund. */
  function renderMembers() {
    const list = $('field-members');
    if (!list) {
      return;
    }
    list.replaceChildren();
    const group = groupOf(Number($('field-meeting-group').value));
    const withShares = Boolean(group?.fund) && may('fund_meeting');
    $('field-fund-hint').hidden = !withShares;
    for (const member of group?.members || []) {
      const item = document.createElement('li');
      item.className = 'field-member';
      const label = document.createElement('label');
      label.className = 'check';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'present';
      box.value = String(member.woman_id);
      box.checked = true;
      label.append(box, ` ${member.name}`);
      item.append(label);
      if (withShares) {
        const shares = document.createElement('input');
        shares.type = 'text';
        shares.inputMode = 'numeric';
        shares.name = `shares-${member.woman_id}`;
        shares.className = 'ltr field-shares';
        shares.setAttribute('aria-label', `${MSG.shares} — ${member.name}`);
        shares.placeholder = MSG.shares;
        item.append(shares);
      }
      list.append(item);
    }
  }

  function renderWork() {
    renderSummary();
    renderQueue();
    renderConflicts();
  }

  function presetDates() {
    for (const input of document.querySelectorAll('.field-date')) {
      if (!input.value) {
        input.value = shown(todayJalali());
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Preparing: the device token, then her groups

  /** A token for this phone, made with her session (which must still be open). */
  async function newDevice() {
    const response = await fetch('/field/device', {
      method: 'POST',
      credentials: 'same-origin',
      headers: csrfHeaders(),
    });
    if (!response.ok || response.redirected) {
      throw new Error(`HTTP ${response.status}`);
    }
    return response.json();
  }

  /**
   * Runs `work` with the phone's token; when the token was refused (revoked on her account
   * page, say) and her session is open, the phone gets a new one and `work` runs once more.
   * The keep period stays as it was: the data is not kept longer than first promised.
   */
  async function withToken(work) {
    try {
      return await work();
    } catch (error) {
      if (error.status !== 401) {
        throw error;
      }
      const device = await newDevice();
      data.token = device.token;
      data.token_id = device.token_id;
      data.kinds = device.kinds;
      await save();
      return work();
    }
  }

  /** The PIN as digits, or null when it is not at least four digits. */
  function readPin(raw) {
    const pin = toLatin(raw).trim();
    return /^\d{4,}$/.test(pin) ? pin : null;
  }

  async function setUp(event) {
    event.preventDefault();
    const pin = readPin($('field-new-pin').value);
    if (!pin) {
      say(MSG.pin_short, 'error');
      return;
    }
    if (pin !== readPin($('field-new-pin-again').value)) {
      say(MSG.pin_mismatch, 'error');
      return;
    }
    if (!navigator.onLine) {
      say(MSG.need_online, 'warning');
      return;
    }
    say(MSG.preparing);
    let device;
    try {
      device = await newDevice();
    } catch {
      say(MSG.prepare_failed, 'error');
      return;
    }
    const salt = crypto.getRandomValues(new Uint8Array(16));
    key = await deriveKey(pin, salt, ITERATIONS);
    meta = {
      salt,
      iterations: ITERATIONS,
      created_at: Date.now(),
      expires_at: Date.parse(device.expires_at),
    };
    data = {
      token: device.token,
      token_id: device.token_id,
      kinds: device.kinds,
      groups: [],
      queue: [],
      prepared_at: null,
      sent: 0,
    };
    await putMeta(meta);
    await save();
    $('field-setup-form').reset();
    showOnly('field-work');
    await prepare();
  }

  /** The open fund of a group as the meeting needs it, or null (none, or not hers to keep). */
  async function fundOf(groupId) {
    if (!may('fund_meeting')) {
      return null;
    }
    try {
      const fund = await api(`/api/v1/groups/${groupId}/fund`);
      const cycle = fund.cycle;
      if (!cycle) {
        return null; // no open cycle: no savings to record
      }
      const number = (...names) => {
        for (const name of names) {
          const value = cycle[name] ?? fund[name];
          if (value !== undefined && value !== null && String(value).trim() !== '') {
            return Number(toLatin(value));
          }
        }
        return 0;
      };
      const sharePrice = number('share_price', 'share_price_rials', 'share_rials');
      if (!sharePrice) {
        return null;
      }
      return {
        share_price: sharePrice,
        social: number('social_contribution', 'social_rials', 'social_contribution_rials'),
        cash: number('cash_in_box', 'cash_rials', 'cash_in_box_rials', 'cash'),
      };
    } catch {
      return null;
    }
  }

  async function prepare() {
    if (!navigator.onLine) {
      say(MSG.need_online, 'warning');
      return;
    }
    say(MSG.preparing);
    try {
      const summaries = [];
      for (let page = 1; page <= 20; page += 1) {
        const answer = await withToken(() => api(`/api/v1/groups?page=${page}`));
        summaries.push(...answer.items);
        if (!answer.has_next) {
          break;
        }
      }
      const groups = [];
      for (const summary of summaries) {
        const detail = await api(`/api/v1/groups/${summary.id}`);
        groups.push({
          id: detail.id,
          code: detail.code,
          name: detail.name,
          // The minimum: who she may mark, by id and name; never a national ID.
          members: detail.members
            .filter((m) => !m.left_on)
            .map((m) => ({ woman_id: m.woman_id, name: m.name })),
          fund: await fundOf(detail.id),
        });
      }
      data.groups = groups;
      data.prepared_at = Date.now();
      await save();
      fillGroupSelects();
      renderWork();
      say(MSG.prepared, 'success');
    } catch {
      say(MSG.prepare_failed, 'error');
    }
  }

  // ---------------------------------------------------------------------------------------
  // Unlocking, locking, wiping

  async function unlock(event) {
    event.preventDefault();
    const pin = readPin($('field-pin').value);
    if (!pin) {
      say(MSG.pin_short, 'error');
      return;
    }
    const candidate = await deriveKey(pin, meta.salt, meta.iterations);
    try {
      data = await unseal(candidate, await getVault());
    } catch {
      say(MSG.pin_wrong, 'error');
      return;
    }
    key = candidate;
    $('field-pin').value = '';
    showOnly('field-work');
    fillGroupSelects();
    presetDates();
    renderWork();
    say(MSG.unlocked, 'success');
  }

  function lock() {
    key = null;
    data = null;
    showOnly('field-unlock');
    say('');
  }

  /** Forgets everything this app kept on the phone; revokes the token when it can. */
  async function wipeLocal(tokenId) {
    if (tokenId && navigator.onLine) {
      try {
        await fetch(`/field/device/${tokenId}/revoke`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: csrfHeaders(),
        });
      } catch {
        // Offline: the token dies at logout or when it expires.
      }
    }
    key = null;
    data = null;
    meta = null;
    await deleteDatabase();
    if (window.caches) {
      for (const name of await caches.keys()) {
        if (name.startsWith('hamyar-field-')) {
          await caches.delete(name);
        }
      }
    }
  }

  async function wipe() {
    if (!window.confirm(MSG.wipe_confirm)) {
      return;
    }
    await wipeLocal(data?.token_id);
    showOnly('field-setup');
    say(MSG.wiped, 'success');
  }

  // ---------------------------------------------------------------------------------------
  // Recording offline

  async function enqueue(records) {
    data.queue.push(...records);
    await save();
    renderWork();
    say(MSG.queued, 'success');
  }

  /** The fund meeting's lines and cash from the attendance and the shares typed. */
  function fundBody(heldOn, fund, lines) {
    let cameIn = 0;
    for (const line of lines) {
      cameIn += Number(line.shares) * fund.share_price + Number(line.social);
    }
    return {
      held_on: heldOn,
      lines,
      to_bank: '0',
      cash_counted: String(fund.cash + cameIn),
      note: '',
    };
  }

  async function recordMeeting(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const group = groupOf(Number(form.elements.group.value));
    if (!group) {
      say(MSG.pick_group, 'error');
      return;
    }
    const heldOn = readDate(form.elements.held_on.value);
    if (!heldOn) {
      say(MSG.date_invalid, 'error');
      return;
    }
    const topics = form.elements.topics ? form.elements.topics.value.trim() : '';
    if (may('meeting') && !topics) {
      say(MSG.required, 'error');
      form.elements.topics.focus();
      return;
    }
    const present = new Set(
      [...form.querySelectorAll('input[name="present"]:checked')].map((box) => Number(box.value)),
    );
    const records = [];
    const made_at = Date.now();
    if (may('meeting')) {
      records.push({
        key: newKey(),
        kind: 'meeting',
        group_id: group.id,
        group_name: group.name,
        made_at,
        status: 'queued',
        confirm_duplicate: false,
        body: {
          held_on: heldOn,
          place: '',
          topics,
          decisions: form.elements.decisions ? form.elements.decisions.value.trim() : '',
          attendance: group.members.map((m) => ({
            woman_id: m.woman_id,
            attendance: present.has(m.woman_id) ? 'present' : 'absent',
          })),
        },
      });
    }
    if (group.fund && may('fund_meeting')) {
      const lines = group.members.map((m) => {
        const here = present.has(m.woman_id);
        const typed = form.elements[`shares-${m.woman_id}`]?.value || '';
        const shares = here ? Number(toLatin(typed).replace(/\D/g, '') || '0') : 0;
        return {
          woman_id: m.woman_id,
          present: here,
          shares: String(shares),
          social: String(here ? group.fund.social : 0),
          repayment: '0',
          fine: '0',
        };
      });
      records.push({
        key: newKey(),
        kind: 'fund_meeting',
        group_id: group.id,
        group_name: group.name,
        made_at,
        status: 'queued',
        confirm_duplicate: false,
        fund: group.fund,
        body: fundBody(heldOn, group.fund, lines),
      });
    }
    if (!records.length) {
      say(MSG.pick_group, 'error');
      return;
    }
    await enqueue(records);
    form.reset();
    presetDates();
    renderMembers();
  }

  async function recordVisit(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const group = groupOf(Number(form.elements.group.value));
    if (!group) {
      say(MSG.pick_group, 'error');
      return;
    }
    const visitedOn = readDate(form.elements.visited_on.value);
    if (!visitedOn) {
      say(MSG.date_invalid, 'error');
      return;
    }
    const purpose = form.elements.purpose.value.trim();
    if (!purpose) {
      say(MSG.required, 'error');
      form.elements.purpose.focus();
      return;
    }
    await enqueue([
      {
        key: newKey(),
        kind: 'visit',
        group_id: group.id,
        group_name: group.name,
        made_at: Date.now(),
        status: 'queued',
        confirm_duplicate: false,
        body: {
          visited_on: visitedOn,
          visitor_name: '',
          purpose,
          findings: form.elements.findings.value.trim(),
          requests: [],
          referrals: [],
          referral_other: '',
          follow_up_due: '',
        },
      },
    ]);
    form.reset();
    presetDates();
  }

  // ---------------------------------------------------------------------------------------
  // Syncing and settling

  /** The request body for the records waiting to go: the same keys every time. */
  function syncRequest() {
    return {
      records: data.queue
        .filter((r) => r.status === 'queued')
        .slice(0, 600)
        .map((r) => ({
          key: r.key,
          kind: r.kind,
          group_id: r.group_id,
          body: r.body,
          confirm_duplicate: r.confirm_duplicate,
        })),
    };
  }

  async function sync() {
    if (!navigator.onLine) {
      say(MSG.need_online, 'warning');
      return;
    }
    const request = syncRequest();
    if (!request.records.length) {
      renderWork();
      say(data.queue.length ? `${shown(data.queue.length)} ${MSG.conflicts}` : MSG.queue_empty);
      return;
    }
    say(MSG.syncing);
    let answer;
    try {
      answer = await withToken(() => api('/api/v1/sync', { method: 'POST', body: JSON.stringify(request) }));
    } catch {
      // A lost answer is safe: the same keys go again next time and land once.
      say(MSG.sync_failed, 'error');
      return;
    }
    for (const outcome of answer.outcomes) {
      const record = data.queue.find((r) => r.key === outcome.key);
      if (!record) {
        continue;
      }
      if (outcome.outcome === 'recorded' || outcome.outcome === 'repeated') {
        data.queue = data.queue.filter((r) => r !== record);
        data.sent = (data.sent || 0) + 1;
      } else {
        record.status = outcome.outcome === 'conflict' ? 'conflict' : 'refused';
        record.problem = outcome.problem || null;
        record.not_members = outcome.not_members || [];
      }
    }
    await save();
    renderWork();
    const waiting = data.queue.filter((r) => r.status !== 'queued').length;
    say(waiting ? `${shown(waiting)} ${MSG.conflicts}` : MSG.synced, waiting ? 'warning' : 'success');
  }

  /** Her decision on a conflict: drop the marks named, confirm a second meeting, or discard. */
  async function settle(recordKey, action) {
    const record = data.queue.find((r) => r.key === recordKey);
    if (!record) {
      return;
    }
    if (action === 'discard') {
      if (!window.confirm(MSG.discard_confirm)) {
        return;
      }
      data.queue = data.queue.filter((r) => r !== record);
    } else {
      if (action === 'drop') {
        const gone = new Set(record.not_members);
        if (record.kind === 'fund_meeting') {
          const lines = record.body.lines.filter((l) => !gone.has(l.woman_id));
          record.body = fundBody(record.body.held_on, record.fund, lines);
        } else {
          record.body.attendance = record.body.attendance.filter((m) => !gone.has(m.woman_id));
        }
      } else if (action === 'confirm') {
        record.confirm_duplicate = true;
      }
      // Another record now: a key of its own, so the first answer is not what it gets.
      record.key = newKey();
      record.status = 'queued';
      record.problem = null;
      record.not_members = [];
    }
    await save();
    renderWork();
    say(MSG.settled, 'success');
  }

  // ---------------------------------------------------------------------------------------
  // Start

  async function start() {
    showNetwork();
    window.addEventListener('online', showNetwork);
    window.addEventListener('offline', showNetwork);
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register(root.dataset.worker, { scope: '/field' }).catch(() => {});
    }
    $('field-setup-form').addEventListener('submit', setUp);
    $('field-unlock-form').addEventListener('submit', unlock);
    $('field-sync').addEventListener('click', sync);
    $('field-refresh').addEventListener('click', prepare);
    $('field-lock').addEventListener('click', lock);
    $('field-wipe').addEventListener('click', wipe);
    $('field-meeting')?.addEventListener('submit', recordMeeting);
    $('field-visit')?.addEventListener('submit', recordVisit);
    $('field-meeting-group')?.addEventListener('change', renderMembers);
    presetDates();
    meta = (await getMeta()) || null;
    if (meta && !(await getVault())) {
      meta = null;
    }
    if (meta && Date.now() >= meta.expires_at) {
      await wipeLocal(null);
      showOnly('field-setup');
      say(MSG.expired, 'warning');
      return;
    }
    showOnly(meta ? 'field-unlock' : 'field-setup');
  }

  start().catch(() => say(MSG.prepare_failed, 'error'));
})();
