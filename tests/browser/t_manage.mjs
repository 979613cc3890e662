// Browser tests of the manage part (issue 7): Labels, My Reports and My
// Downloads as a person sees them.  Imported by run.mjs; the tests register
// themselves and use a browser of their own, closed by the last of them.
// Screenshots: $STEWARD_VAR/screenshots/manage-*.png.

import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import {
  URL_BASE, CHROMIUM, CHROMIUM_ARGS, makeFixtures, unlock, test, ok, eq, until, openPage, shot, signIn, ingest,
} from './lib.mjs';

let browser;
let fx;



async function session(label, user, options = {}) {
  const { context, page } = await openPage(browser, label, options);
  await signIn(page, user);
  return { context, page };
}

async function submit(page, button) {
  const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  return resp;
}

async function flash(page) {
  return (await page.getByRole('status').first().innerText()).trim();
}

async function noSideScroll(page, what) {
  const { sw, cw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
  ok(sw <= cw + 1, `${what}: nothing scrolls sideways (scrollWidth ${sw}, clientWidth ${cw})`);
}

// The colour picker drawn as a row of chips: each as tall as a chip, none
// overlapping another, its colour's name readable, the chosen one ringed.
async function swatchesLookRight(page, what) {
  const boxes = await page.locator('label.swatch').evaluateAll(els => els.map(el => {
    const r = el.getBoundingClientRect();
    const chip = el.querySelector('.lbl');
    return { x: r.x, y: r.y, w: r.width, h: r.height, text: chip.innerText.trim(),
      checked: el.querySelector('input').checked, ring: getComputedStyle(chip).boxShadow };
  }));
  eq(boxes.length, 10, `${what}: ten colours`);
  for (const b of boxes) {
    ok(b.h >= 28 && b.w >= 60, `${what}: the ${b.text} chip is ${Math.round(b.w)}×${Math.round(b.h)} px`);
    ok(b.text.length > 0, `${what}: a chip shows its colour's name`);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const apart = a.x + a.w <= b.x + 0.5 || b.x + b.w <= a.x + 0.5 || a.y + a.h <= b.y + 0.5 || b.y + b.h <= a.y + 0.5;
      ok(apart, `${what}: ${a.text} and ${b.text} overlap`);
    }
  }
  const chosen = boxes.filter(b => b.checked);
  eq(chosen.length, 1, `${what}: one colour chosen`);
  ok(chosen[0].ring !== 'none', `${what}: the chosen ${chosen[0].text} is ringed (${chosen[0].ring})`);
  ok(boxes.filter(b => !b.checked).every(b => b.ring === 'none'), `${what}: only the chosen one is ringed`);
}

async function contrastOk(page, what) {
  const axe = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  eq(axe.violations.length, 0, `${what}: axe color-contrast ${axe.violations.map(v =>
    v.nodes.map(n => n.target.join(' ')).join(', ')).join('; ')}`);
}

function reportRow(page, name) {
  return page.locator('tbody tr').filter({ has: page.getByRole('link', { name }) });
}

test('manage 1. create a label, attach it to a report, run the report, watch My Downloads go from queued to ready, download the CSV', async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  fx = makeFixtures(['admin', 'member', 'agent']);
  await ingest(fx, [
    { identity: 'b1', evtName: 'Purchase', evtData: { amount: 12.5 } },
    { identity: 'b2', evtName: 'Purchase', evtData: { amount: 3 } },
    { identity: 'b1', evtName: 'App Launched', evtData: {} },
  ]);
  const { context, page } = await session('manage-flow', fx.users.admin);
  try {
    // the overview links to the three pages
    for (const t of ['Labels', 'My Reports', 'My Downloads']) {
      ok(await page.getByRole('link', { name: new RegExp(t) }).first().isVisible(), `the overview links to ${t}`);
    }
    await submit(page, page.getByRole('link', { name: /Labels/ }).first());
    eq(new URL(page.url()).pathname, '/settings/labels', 'Labels page');
    await page.getByRole('heading', { name: 'Labels', level: 1 }).waitFor();
    ok(await page.getByText('No labels yet').isVisible(), 'an empty list says so');
    ok(await page.getByRole('heading', { name: '0 labels', level: 2 }).isVisible(), 'the heading counts what is listed');
    await swatchesLookRight(page, 'the picker at 1366 px');
    await page.getByLabel('Name').fill('Launch');
    await page.locator('label.swatch', { hasText: 'Purple' }).click();
    await page.getByLabel('Description').fill('Spring launch');
    await submit(page, page.getByRole('button', { name: 'Create label' }));
    eq(await flash(page), 'Created the label Launch.', 'flash after creating');
    const chip = page.locator('tbody .lbl', { hasText: 'Launch' });
    ok(await chip.isVisible(), 'the new label is listed as a chip');
    ok((await chip.getAttribute('class')).includes('lbl-purple'), 'in the chosen colour');
    ok(await page.getByRole('heading', { name: '1 label', level: 2 }).isVisible(), 'the heading counts the label');
    ok(/up to 100 labels/.test(await page.locator('.toolbar').innerText()), 'the quota is a hint');
    await contrastOk(page, 'labels, light');
    await shot(page, 'manage-labels');

    await page.goto('/settings/reports');
    await submit(page, page.getByRole('link', { name: 'New report' }));
    eq(new URL(page.url()).pathname, '/settings/reports/edit', 'the form');
    await page.getByLabel('Name', { exact: true }).fill('Weekly events');
    ok(await page.getByRole('radio', { name: /Events summary/ }).isChecked(), 'events summary is the default');
    await contrastOk(page, 'the report form (a chosen radio card with its hint), light');
    ok(!(await page.getByRole('radio', { name: /Invoices/ }).isDisabled()), 'an Admin may choose invoices');
    // JavaScript hides what the choice does not use
    ok(!(await page.getByLabel('First day', { exact: true }).isVisible()), 'custom dates hidden until chosen');
    await page.getByLabel('Date range', { exact: true }).selectOption('custom');
    ok(await page.getByLabel('First day', { exact: true }).isVisible(), 'custom dates shown when chosen');
    await page.getByLabel('Date range', { exact: true }).selectOption('last-30-days');
    await page.locator('label.seg', { hasText: 'Weekly' }).click();
    ok(await page.getByLabel('Day of the week', { exact: true }).isVisible(), 'the weekday once weekly');
    ok(!(await page.getByLabel('Day of the month', { exact: true }).isVisible()), 'no month day for weekly');
    await page.getByLabel('Day of the week', { exact: true }).selectOption('monday');
    await page.getByLabel('At', { exact: true }).selectOption('9');
    await page.locator('label.check', { hasText: 'Launch' }).click();
    await shot(page, 'manage-report-form');
    await submit(page, page.getByRole('button', { name: 'Save report' }));
    eq(new URL(page.url()).pathname, '/settings/reports', 'back on the list');
    eq(await flash(page), 'Saved the report Weekly events.', 'flash after saving');
    const row = reportRow(page, 'Weekly events');
    ok(/Weekly on Monday at 09:00/.test(await row.innerText()), 'the schedule is shown');
    ok(await row.locator('.lbl', { hasText: 'Launch' }).isVisible(), 'the label is on the report');
    ok(/\+0[12]:00/.test(await row.locator('td').nth(2).innerText()), 'the next run carries the account offset');
    await shot(page, 'manage-reports');

    await submit(page, row.getByRole('button', { name: /Run now/ }));
    eq(new URL(page.url()).pathname, '/settings/downloads', 'Run now leads to My Downloads');
    const dl = page.locator('tbody tr').first();
    const first = (await dl.getAttribute('data-status'));
    ok(['queued', 'running', 'ready'].includes(first), `the run is listed (${first})`);
    if (first !== 'ready') {
      await shot(page, 'manage-downloads-queued');
      ok(await page.getByRole('link', { name: 'Refresh' }).isVisible(), 'a Refresh link while it runs');
    }
    // manage.js polls and reloads: no click needed
    await until(async () => (await page.locator('tbody tr').first().getAttribute('data-status')) === 'ready',
      'the export becomes ready on its own', 20000);
    const ready = page.locator('tbody tr').first();
    ok(/Ready/.test(await ready.innerText()), 'the Ready badge');
    await shot(page, 'manage-downloads');
    const [download] = await Promise.all([page.waitForEvent('download'),
      ready.getByRole('link', { name: /Download/ }).click()]);
    ok(/^Weekly events \d{4}-\d\d-\d\d\.csv$/.test(download.suggestedFilename()),
      `the file's name (${download.suggestedFilename()})`);
    const text = fs.readFileSync(await download.path(), 'utf8');
    ok(text.startsWith('event,display_name,description,type,status'), `the CSV header (${text.slice(0, 60)})`);
    ok(/"Purchase","","","custom","active",[^\r]*,"2"/.test(text), `Purchase with its count (${text})`);
  } finally { await context.close(); }
});

test('manage 2. without JavaScript: every report field shows; a refused recipient keeps what was typed, with the error by the field', async () => {
  const { context, page } = await session('manage-nojs', fx.users.admin, { javaScriptEnabled: false });
  try {
    page.expectStatus = [422];
    await page.goto('/settings/reports/edit');
    ok(await page.getByLabel('First day', { exact: true }).isVisible(), 'custom dates are shown without JavaScript');
    ok(await page.getByLabel('Day of the month', { exact: true }).isVisible(), 'every schedule field is shown');
    await page.getByLabel('Name', { exact: true }).fill('Outsiders');
    await page.getByLabel(/Mail a link/).fill('someone@elsewhere.example');
    const resp = await submit(page, page.getByRole('button', { name: 'Save report' }));
    eq(resp.status(), 422, 'the refusal answers 422');
    const field = page.getByLabel(/Mail a link/);
    eq(await field.inputValue(), 'someone@elsewhere.example', 'the address is kept');
    eq(await page.getByLabel('Name', { exact: true }).inputValue(), 'Outsiders', 'the name is kept');
    eq(await field.getAttribute('aria-invalid'), 'true', 'the field is marked invalid');
    const err = page.locator('#f-recipients');
    ok(/neither a member/.test(await err.innerText()), `the error says why (${await err.innerText()})`);
    ok((await field.getAttribute('aria-describedby')).includes('f-recipients'), 'the error describes the field');
    ok(await page.getByRole('alert').getByRole('link', { name: /neither a member/ }).isVisible(),
      'the error summary links to it');
    await shot(page, 'manage-report-error');
  } finally { await context.close(); }
});

test('manage 3. deleting a label in use asks first and says from how many it is removed', async () => {
  const { context, page } = await session('manage-label-delete', fx.users.admin, { javaScriptEnabled: false });
  try {
    await page.goto('/settings/labels');
    const row = page.locator('tbody tr', { hasText: 'Launch' });
    ok(/1 report/.test(await row.innerText()), 'where it is used');
    await submit(page, row.getByRole('link', { name: /Delete/ }));
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    ok(/attached to 1 report and 0 CSV uploads/.test(await dialog.innerText()), `the count (${await dialog.innerText()})`);
    await shot(page, 'manage-label-confirm');
    await submit(page, dialog.getByRole('button', { name: 'Delete label' }));
    eq(await flash(page), 'Deleted the label Launch and removed it from 1 report.', 'the flash names the count');
    await page.goto('/settings/reports');
    eq(await reportRow(page, 'Weekly events').locator('.lbl').count(), 0, 'the report no longer carries it');
  } finally { await context.close(); }
});

test('manage 4. roles: a Member sees labels without the form and may not choose members or invoices; an Agent has only My Downloads', async () => {
  const { context, page } = await session('manage-member', fx.users.member);
  try {
    await page.goto('/settings/labels');
    eq(await page.getByRole('button', { name: 'Create label' }).count(), 0, 'no form for a Member');
    ok(await page.getByText('Admins and Creators can create and change labels.').isVisible(), 'says who can');
    await page.goto('/settings/reports/edit');
    ok(await page.getByRole('radio', { name: /Members/ }).isDisabled(), 'the members kind is off for a Member');
    ok(/Your role cannot see this data/.test(await page.locator('label.radio', { hasText: 'Members' }).innerText()),
      'and says why');
    ok(await page.getByRole('radio', { name: /Invoices/ }).isDisabled(), 'the invoices kind is off for a Member');
  } finally { await context.close(); }
  const { context: c2, page: p2 } = await session('manage-agent', fx.users.agent);
  try {
    await p2.goto('/settings/downloads');
    await p2.getByRole('heading', { name: 'My Downloads', level: 1 }).waitFor();
    eq(await p2.getByRole('region', { name: 'Export a list' }).count(), 0, 'no export form for an Agent');
    ok(/No exports yet/.test(await p2.locator('main').innerText()), 'an empty state');
    await shot(p2, 'manage-downloads-agent');
  } finally { await c2.close(); }
});

test('manage 5. another person\'s download is a 404 page', async () => {
  const { context, page } = await session('manage-404', fx.users.member);
  try {
    page.expectStatus = [404];
    const id = await (async () => {
      const { context: c, page: p } = await session('manage-404-owner', fx.users.admin);
      try {
        await p.goto('/settings/downloads');
        return await p.locator('tbody tr').first().getAttribute('data-id');
      } finally { await c.close(); }
    })();
    const resp = await page.goto(`/settings/downloads/file?id=${id}`);
    eq(resp.status(), 404, 'answers 404');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  } finally { await context.close(); }
});

test('manage 6. phone and dark: the three pages fit the screen and stay readable', async () => {
  const { context, page } = await session('manage-mobile', fx.users.admin,
    { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  try {
    for (const [path, name] of [['/settings/labels', 'labels'], ['/settings/reports', 'reports'],
      ['/settings/reports/edit', 'report-form'], ['/settings/downloads', 'downloads']]) {
      await page.goto(path);
      await noSideScroll(page, name);
      await contrastOk(page, `${name}, 390 px dark`);
      await shot(page, `manage-${name}-mobile-dark`);
    }
    await page.goto('/settings/labels');
    await swatchesLookRight(page, 'the picker at 390 px, dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    ok(/rgb\(14, 16, 20\)/.test(bg), `dark background (${bg})`);
    await page.goto('/settings/labels');
    await page.getByLabel('Name').fill('Dark check');
    await page.locator('label.swatch', { hasText: 'Amber' }).click();
    await submit(page, page.getByRole('button', { name: 'Create label' }));
    const chip = page.locator('tbody .lbl', { hasText: 'Dark check' });
    const { c, b } = await chip.evaluate(el => ({ c: getComputedStyle(el).color, b: getComputedStyle(el).backgroundColor }));
    eq(c, 'rgb(254, 223, 137)', 'the dark amber chip text');
    eq(b, 'rgb(74, 47, 10)', 'on the dark amber background');
  } finally { await context.close(); }
});

test('manage 7. keyboard: the colour swatches and label form are reachable and show focus', async () => {
  const { context, page } = await session('manage-keyboard', fx.users.admin);
  try {
    await page.goto('/settings/labels');
    await page.getByLabel('Name').focus();
    await page.keyboard.type('Keyboard');
    await page.keyboard.press('Tab');
    const radio = await page.evaluate(() => document.activeElement && document.activeElement.name);
    eq(radio, 'color', 'Tab moves to the colour radios');
    const ring = await page.evaluate(() => {
      const sw = document.activeElement.closest('.swatch');
      const cs = getComputedStyle(sw);
      return cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px';
    });
    ok(ring, 'the focused swatch shows a focus ring');
    await page.keyboard.press('ArrowRight');
    const picked = await page.evaluate(() => document.querySelector('input[name="color"]:checked').value);
    ok(picked !== 'blue', `arrow keys change the colour (${picked})`);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Typed with the keyboard');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    eq(await flash(page), 'Created the label Keyboard.', 'Enter submits the form');
  } finally { await context.close(); }
});

test('manage 9. (closes the manage tests\' browser)', async () => {
  if (browser) await browser.close();
  browser = null;
});
