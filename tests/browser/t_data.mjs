// Browser tests of the data part (issue 6): Events, User Properties and CSV
// Uploads as a person sees them.  Imported by run.mjs; the tests register
// themselves (before run.mjs's own) and use a browser of their own, closed
// by the last of them.  Screenshots: $STEWARD_VAR/screenshots/data-*.png.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  URL_BASE, CHROMIUM, CHROMIUM_ARGS, VAR, makeFixtures, unlock, rnd, test, ok, eq, until, openPage, shot, signIn, ingest,
} from './lib.mjs';

let browser;
let fx;



async function session(label, user, options = {}) {
  const { context, page } = await openPage(browser, label, options);
  await signIn(page, user);
  return { context, page };
}

// The table row of an item by its name (a link to its panel, or plain).
function row(page, name) {
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('tbody tr').filter({ has: page.locator('.cell-main > a, .cell-main > strong', { hasText: exact }) });
}

async function noSideScroll(page, what) {
  const { sw, cw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
  ok(sw <= cw + 1, `${what}: nothing scrolls sideways (scrollWidth ${sw}, clientWidth ${cw})`);
}

test('data 1. Events: the schema with counts, badges and properties; the overview links to it', async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  fx = makeFixtures(['admin', 'creator', 'member']);
  const now = Math.floor(Date.now() / 1000);
  await ingest(fx, [
    { identity: 'b1', evtName: 'Purchase', evtData: { amount: 12.5, sku: 'A1', coupon: 'SPRING' }, ts: now - 30 },
    { identity: 'b2', evtName: 'Purchase', evtData: { amount: 3 } },
    { identity: 'b1', evtName: 'App Launched', evtData: {} },
    { identity: 'b3', evtName: 'Added to cart', evtData: { sku: 'B2' } },
    { identity: 'b1', profileData: { Name: 'Ann', Age: 31, Premium: true, Since: '2024-01-02', Tags: ['a', 'b'] } },
    { identity: 'b2', profileData: { Name: 'Bo' } },
  ]);
  const { context, page } = await session('data-events', fx.users.admin);
  try {
    const link = page.getByRole('link', { name: /Events/ }).first();
    await Promise.all([page.waitForNavigation(), link.click()]);
    eq(new URL(page.url()).pathname, '/settings/events', 'the overview entry leads to /settings/events');
    await page.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
    const purchase = row(page, 'Purchase');
    ok(await purchase.isVisible(), 'Purchase is listed');
    eq((await purchase.locator('td').nth(1).innerText()).trim(), '2', 'Purchase: 2 this month');
    ok(!/System/.test(await purchase.innerText()), 'Purchase carries no System badge');
    ok(/System/.test(await row(page, 'App Launched').innerText()), 'App Launched is System');
    ok(/Properties: amount, coupon, sku/.test(await purchase.innerText()), 'the properties seen with Purchase are listed');
    const when = await purchase.locator('time').first().getAttribute('datetime');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    eq(when, today, 'last seen is the day in the account time zone');
    const listed = await page.locator('tbody tr').count();
    eq((await page.locator('#list-h').innerText()).trim(), `${listed} events`, 'the heading counts what is listed');
    ok(await page.getByText('Up to 512 event names per account').isVisible(), 'the quota is a separate hint');
    ok(!/of 512/.test(await page.locator('main').innerText()), 'no "N of 512" as a result');
    eq(await page.locator('tbody form, tbody input[type="hidden"]').count(), 0, 'the rows hold no form and no hidden field');
    await shot(page, 'data-events');
  } finally { await context.close(); }
});

test('data 2. Events: describe (without JavaScript): the form, a refused value kept, then saved with a flash', async () => {
  const { context, page } = await session('data-describe', fx.users.creator, { javaScriptEnabled: false });
  try {
    page.expectStatus = [422];
    await page.goto('/settings/events');
    await Promise.all([page.waitForNavigation(), row(page, 'Purchase').getByRole('link', { name: 'Purchase' }).click()]);
    const form = page.getByRole('region', { name: /Describe Purchase/ });
    await form.waitFor();
    eq(await page.getByRole('link', { name: /Discard/ }).count() + await page.getByRole('button', { name: /Discard|Restore/ }).count(), 0,
      'a Creator sees no Discard or Restore');
    await form.getByLabel('Display name').fill('Order paid\tnow');
    await form.getByLabel('Description').fill('Sent when the payment went through.');
    const [resp] = await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: 'Save' }).click()]);
    eq(resp.status(), 422, 'a tab in the display name is refused with 422');
    const field = page.getByLabel('Display name');
    eq(await field.getAttribute('aria-invalid'), 'true', 'the field is marked invalid');
    eq(await page.getByLabel('Description').inputValue(), 'Sent when the payment went through.', 'the description typed is kept');
    await shot(page, 'data-describe-error');
    await field.fill('Order paid');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save' }).click()]);
    eq(new URL(page.url()).pathname, '/settings/events', 'back on the list');
    await page.getByRole('status').filter({ hasText: 'Saved the description of Purchase' }).waitFor();
    const r = row(page, 'Order paid');
    ok(await r.isVisible(), 'the display name is shown');
    ok(/Sent when the payment went through/.test(await r.innerText()), 'the description is shown');
    await shot(page, 'data-describe-saved');
  } finally { await context.close(); }
});

test('data 3. Events: discard asks for confirmation, says future data is dropped; restore', async () => {
  const { context, page } = await session('data-discard', fx.users.admin, { javaScriptEnabled: false });
  try {
    await page.goto('/settings/events');
    await Promise.all([page.waitForNavigation(), row(page, 'Added to cart').getByRole('link', { name: 'Added to cart' }).click()]);
    const panel = page.getByRole('region', { name: /Describe Added to cart/ });
    ok(/drops the data/.test(await panel.innerText()), 'the panel says what discarding does');
    await Promise.all([page.waitForNavigation(), panel.getByRole('link', { name: /Discard event/ }).click()]);
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    ok(/dropped/.test(await dialog.innerText()), 'the confirmation says future data is dropped');
    await shot(page, 'data-discard-confirm');
    await Promise.all([page.waitForNavigation(), dialog.getByRole('button', { name: 'Discard event' }).click()]);
    await page.getByRole('status').filter({ hasText: 'Discarded Added to cart' }).waitFor();
    ok(/Discarded/.test(await row(page, 'Added to cart').innerText()), 'the row is marked Discarded');
    const out = await ingest(fx, [{ identity: 'b9', evtName: 'Added to cart', evtData: {} }]);
    ok(/dropped="1"/.test(out), `the API drops it (${out})`);
    await page.reload();
    ok(/1 dropped/.test(await row(page, 'Added to cart').innerText()), 'the dropped record is counted on the page');
    await shot(page, 'data-discarded');
    // Restore from the row: a button of the page's one restore form (form=)
    eq(await page.locator('form#restore input[name="csrf"]').count(), 1, 'one restore form carries the token');
    eq(await page.locator('tbody input').count(), 0, 'the rows hold no hidden field');
    await Promise.all([page.waitForNavigation(), row(page, 'Added to cart').getByRole('button', { name: 'Restore Added to cart' }).click()]);
    await page.getByRole('status').filter({ hasText: 'Restored Added to cart' }).waitFor();
    ok(!/Discarded/.test(await row(page, 'Added to cart').innerText()), 'restored');
    // and the same from its panel: discard, then Restore there
    await page.goto('/settings/events');
    await Promise.all([page.waitForNavigation(), row(page, 'Added to cart').getByRole('link', { name: 'Added to cart' }).click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: /Discard event/ }).click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('alertdialog').getByRole('button', { name: 'Discard event' }).click()]);
    await Promise.all([page.waitForNavigation(), row(page, 'Added to cart').getByRole('link', { name: 'Added to cart' }).click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('region', { name: /Describe Added to cart/ }).getByRole('button', { name: 'Restore event' }).click()]);
    await page.getByRole('status').filter({ hasText: 'Restored Added to cart' }).waitFor();
    ok(!/Discarded/.test(await row(page, 'Added to cart').innerText()), 'restored from the panel');
  } finally { await context.close(); }
});

test('data 4. User Properties: inferred types, a Member sees no actions, dark and mobile', async () => {
  const { context, page } = await session('data-props', fx.users.member, { colorScheme: 'dark' });
  try {
    await page.goto('/settings/user-properties');
    await page.getByRole('heading', { name: 'User Properties', level: 1 }).waitFor();
    const types = {};
    for (const name of ['Name', 'Age', 'Premium', 'Since', 'Tags']) {
      types[name] = (await row(page, name).locator('td[data-label="Type"]').innerText()).replace('(inferred)', '').trim();
    }
    eq(JSON.stringify(types), JSON.stringify({ Name: 'String', Age: 'Number', Premium: 'Boolean', Since: 'Date', Tags: 'List' }), 'types inferred from the data');
    eq((await row(page, 'Name').locator('td.num').innerText()).trim(), '2', 'Name is on 2 profiles');
    eq(await page.locator('tbody a, tbody button').count(), 0, 'a Member sees no link to describe and no action');
    eq((await page.locator('#list-h').innerText()).trim(), '5 properties', 'the heading counts the properties');
    await shot(page, 'data-props-dark');
  } finally { await context.close(); }
  const { context: c2, page: p2 } = await session('data-mobile', fx.users.admin,
    { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    await p2.goto('/settings/events');
    await noSideScroll(p2, 'events on a phone');
    await shot(p2, 'data-events-mobile');
    await p2.goto('/settings/user-properties?edit=' + await p2.evaluate(async () => {
      const r = await fetch('/api/settings/user-properties');
      const d = new DOMParser().parseFromString(await r.text(), 'application/xml');
      return d.querySelector('item[name="Age"]').getAttribute('id');
    }));
    await noSideScroll(p2, 'the describe form on a phone');
    await shot(p2, 'data-props-edit-mobile');
  } finally { await c2.close(); }
});

test('data 5. keyboard: the search, sort and row actions are reachable with Tab and show focus', async () => {
  const { context, page } = await session('data-keyboard', fx.users.admin);
  try {
    await page.goto('/settings/events');
    const seen = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const d = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        return { name: (el.getAttribute('aria-label') || el.id || el.textContent || '').trim().slice(0, 40),
          outline: cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px' };
      });
      if (d) seen.push(d);
    }
    ok(seen.some(s => s.name === 'q'), 'the search field is reachable');
    ok(seen.some(s => s.name === 'sort'), 'the sort menu is reachable');
    ok(seen.some(s => /^(Added to cart|App Launched|Order paid|Purchase)$/.test(s.name)), `a row's link to its panel is reachable (${seen.map(s => s.name).join(' | ')})`);
    ok(seen.every(s => s.outline), `every stop shows a focus ring (${JSON.stringify(seen.filter(s => !s.outline))})`);
  } finally { await context.close(); }
});

function profilesCsv(n, bad) {
  const lines = ['email,name,age,vip'];
  for (let i = 0; i < n; i++) {
    lines.push(`csv${i}@example.com,"Person, ${i}",${bad.includes(i) ? 'n/a' : 20 + (i % 40)},${i % 2 ? 'yes' : 'no'}`);
  }
  return lines.join('\r\n') + '\r\n';
}

async function uploadFile(page, kind, name, text) {
  await page.goto('/settings/csv-uploads');
  await page.getByLabel(kind === 'events' ? /Events/ : /User profiles/).check();
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  const [resp] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Upload' }).click()]);
  return resp;
}

test('data 6. CSV upload (JavaScript on): upload, preview, map, watch it complete, download the refused rows', async () => {
  const { context, page } = await session('data-csv', fx.users.admin, { acceptDownloads: true });
  try {
    await page.goto('/settings/csv-uploads');
    await page.getByRole('heading', { name: 'CSV Uploads', level: 1 }).waitFor();
    await shot(page, 'data-csv-list-empty');
    await uploadFile(page, 'profiles', 'people.csv', profilesCsv(300, [5, 150]));
    await page.getByRole('status').filter({ hasText: 'Uploaded people.csv: 300 rows' }).waitFor();
    await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
    eq(await page.locator('.table-preview tbody tr').count(), 15, 'a preview of 15 rows');
    eq(await page.getByLabel('Import column email as').inputValue(), 'identity', 'the email column is guessed as the identity');
    await page.getByLabel('Type of column age').selectOption('number');
    await page.getByLabel('Property name for column name').fill('Full name');
    await shot(page, 'data-csv-mapping');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Start import' }).click()]);
    await page.getByRole('status').filter({ hasText: 'The import of people.csv is queued' }).waitFor();
    await page.locator('progress').waitFor();
    // data.js polls and reloads the page once the import is done
    await page.getByText('Completed with errors').waitFor({ timeout: 60000 });
    ok(/300 of 300 rows done · 298 imported · 2 refused/.test(await page.locator('#progress-text').innerText()),
      `progress text: ${await page.locator('#progress-text').innerText()}`);
    await shot(page, 'data-csv-done');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the refused rows (CSV)' }).click(),
    ]);
    eq(download.suggestedFilename(), 'errors.csv', 'the report downloads as errors.csv');
    const text = fs.readFileSync(await download.path(), 'utf8');
    eq(text, 'row,column,reason\r\n7,"age","not a number"\r\n152,"age","not a number"\r\n', 'the report names the 2 refused rows');
    await page.getByRole('link', { name: 'All uploads' }).click();
    await page.waitForURL(/\/settings\/csv-uploads$/);
    const row = page.locator('tbody tr').filter({ hasText: 'people.csv' });
    ok(/Completed with errors/.test(await row.innerText()) && /298/.test(await row.innerText()), `listed: ${await row.innerText()}`);
    await shot(page, 'data-csv-list');
  } finally { await context.close(); }
});

test('data 7. CSV upload without JavaScript: a refused file keeps the kind, an events file imports, Refresh shows progress', async () => {
  const { context, page } = await session('data-csv-nojs', fx.users.creator, { javaScriptEnabled: false });
  try {
    page.expectStatus = [422];
    const bad = await uploadFile(page, 'events', 'one-column.csv', 'id\r\n1\r\n2\r\n');
    eq(bad.status(), 422, 'a one-column file is refused with 422');
    ok(/at least two columns/.test(await page.locator('#f-file').innerText()), 'the file field says why');
    eq(await page.getByLabel('CSV file', { exact: true }).getAttribute('aria-describedby'), 'f-file file-hint', 'the file input points at its error and hint');
    ok(await page.getByLabel(/Events/).isChecked(), 'the kind chosen is kept');
    await shot(page, 'data-csv-refused');
    const now = Math.floor(Date.now() / 1000);
    await uploadFile(page, 'events', 'events.csv',
      `user,event,ts,amount\n${[...Array(40).keys()].map(i => `e${i},Checkout,${now - i},${i}`).join('\n')}\n`);
    eq(await page.getByLabel('Import column event as').inputValue(), 'event', 'the event column is guessed');
    eq(await page.getByLabel('Import column ts as').inputValue(), 'ts', 'the time column is guessed');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Start import' }).click()]);
    await until(async () => {
      const refresh = page.getByRole('link', { name: 'Refresh' });
      if (await refresh.count() === 0) return true;
      await Promise.all([page.waitForNavigation(), refresh.click()]);
      return false;
    }, 'the import completes (Refresh)', 60000);
    await page.getByText('Completed', { exact: true }).waitFor();
    ok(/40 imported/.test(await page.locator('#progress-text').innerText()), 'all 40 events imported');
    await shot(page, 'data-csv-events-done');
    await page.goto('/settings/events');
    eq((await row(page, 'Checkout').locator('td').nth(1).innerText()).trim(), '40', 'the events page counts them');
  } finally { await context.close(); }
  const { context: c2, page: p2 } = await session('data-csv-mobile', fx.users.admin,
    { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    await uploadFile(p2, 'profiles', 'mobile.csv', profilesCsv(20, []));
    await noSideScroll(p2, 'the mapping page on a phone');
    await shot(p2, 'data-csv-mapping-mobile');
  } finally { await c2.close(); }
});

test('data 8. Events: empty states, the pager keeps the search and sort, a lean page of 50 rows', async () => {
  const f2 = makeFixtures(['admin']);
  const { context, page } = await session('data-lean', f2.users.admin);
  try {
    await page.goto('/settings/events');
    eq((await page.locator('#list-h').innerText()).trim(), '0 events', 'an empty account lists 0 events');
    const empty = page.locator('.empty');
    eq((await empty.locator('.empty-title').innerText()).trim(), 'No events yet', 'the empty state says so');
    ok(/ingestion API/.test(await empty.innerText()), 'and how events arrive');
    await shot(page, 'data-events-empty');
    await page.goto('/settings/user-properties');
    eq((await page.locator('.empty-title').innerText()).trim(), 'No user properties yet', 'so does the properties page');
    const recs = [...Array(60).keys()].map(i => ({ identity: `l${i}`, evtName: `Lean event ${String(i).padStart(2, '0')}`, evtData: { a: i, b: 'x', c: true } }));
    const res = await fetch(`${URL_BASE}/api/1/upload`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Account-Id': f2.account, 'X-Account-Passcode': f2.passcode },
      body: JSON.stringify({ d: recs }),
    });
    eq(res.status, 200, 'ingested 60 events');
    await page.goto('/settings/events');
    const html = await page.content();
    ok(Buffer.byteLength(html) < 25000, `a page of 50 rows is lean (${Buffer.byteLength(html)} bytes)`);
    await page.getByLabel('Search').fill('lean');
    await page.getByLabel('Sort by').selectOption('count');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Search' }).click()]);
    eq((await page.locator('#list-h').innerText()).trim(), '60 events match “lean”', 'the heading counts the matches');
    const next = page.getByRole('navigation', { name: 'Pages of events' }).getByRole('link', { name: 'Next' });
    eq(await next.getAttribute('href'), '/settings/events?q=lean&sort=count&page=2', 'Next keeps the search and the sort');
    await Promise.all([page.waitForNavigation(), next.click()]);
    eq(await page.locator('tbody tr').count(), 10, 'page 2 holds the last 10');
    eq(await page.getByLabel('Search').inputValue(), 'lean', 'the search is kept on page 2');
    ok(/Page 2 of 2/.test(await page.locator('.pager').innerText()), 'the pager says page 2 of 2');
    await page.goto('/settings/events?q=zzz');
    eq((await page.locator('.empty-title').innerText()).trim(), 'No events match “zzz”', 'a search without a match says so');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Show all events' }).click()]);
    eq(new URL(page.url()).search, '', 'Show all events clears the search');
  } finally { await context.close(); }
});

test('data 9. (closes the data tests\' browser)', async () => {
  if (browser) await browser.close();
  browser = null;
});
