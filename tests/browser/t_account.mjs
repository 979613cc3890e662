// Browser tests of the account part (issue 5): Billing (usage chart and
// meters, card, plan change with its confirmation, the printable invoice),
// Organization, Account Timezone and passcode rotation, as a user sees
// them: light and dark, a phone, without JavaScript, by keyboard.
// Imported by run.mjs; its tests run with the others (lib.mjs's runner).
// The fixtures and the browser are its own, made at the first test.

import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, admin, makeFixtures, unlock, test, ok, eq, until, openPage, shot, luminance, signIn,
} from './lib.mjs';

let browser;
let fx;

async function setup() {
  if (browser) return;
  fx = makeFixtures(['admin', 'member', 'agent']);
  const today = new Date().toISOString().slice(0, 10);
  const first = today.slice(0, 8) + '01';
  // a month of usage so far, above the Free plan's daily share on some days
  for (const [day, dp, mau] of [[first, 41000, 120], [today, 52000, 700]]) {
    admin(['usage-add', '--account', fx.account, '--day', day, '--data-points', String(dp), '--mau', String(mau)]);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}


async function as(label, role, options = {}) {
  await setup();
  const { context, page } = await openPage(browser, label, options);
  await signIn(page, fx.users[role]);
  return { context, page };
}

async function submit(page, locator) {
  const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
  return resp;
}

async function noSideScroll(page, width) {
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  ok(sw <= width, `no horizontal scrolling at ${width}px (scrollWidth ${sw})`);
}

// ------------------------------------------------------------------ tests

test('account 1. Billing from the overview: meters, a bar per day with the allowance line, four plans', async () => {
  const { context, page } = await as('billing', 'admin');
  try {
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: /Billing/ }).first().click()]);
    eq(new URL(page.url()).pathname, '/settings/billing', 'the Billing entry leads to /settings/billing');
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    const bars = await page.locator('svg.chart-svg rect.bar').count();
    ok(bars >= 28 && bars <= 31, `one bar per day of the month (${bars})`);
    eq(await page.locator('svg.chart-svg line.chart-allowance').count(), 1, 'the allowance line is drawn');
    ok(await page.locator('.meter.meter-ok, .meter.meter-warn, .meter.meter-over').count() === 2, 'two meters');
    const mau = await page.locator('.meter').first().innerText();
    ok(/820 of 1,000/.test(mau), `MAU meter reads 820 of 1,000 (got ${JSON.stringify(mau)})`);
    ok(await page.locator('.meter').first().evaluate(el => el.classList.contains('meter-warn')),
      '82% of the MAU allowance warns');
    const plans = (await page.locator('.plan h3').allInnerTexts()).map(s => s.trim());
    eq(plans.join(','), 'Free,Essentials,Advanced,Enterprise', 'the four plans');
    ok(await page.locator('.plan.is-current').innerText().then(t => t.includes('Free')), 'Free is the current plan');
    // the legend's keys are drawn: a coloured square per series, a dashed line for the allowance
    const keys = await page.locator('.chart-legend .legend-key').evaluateAll(els => els.map(e => {
      const cs = getComputedStyle(e), r = e.getBoundingClientRect();
      return { cls: e.className, w: r.width, h: r.height, bg: cs.backgroundColor, border: `${cs.borderTopStyle} ${cs.borderTopWidth}` };
    }));
    eq(keys.length, 3, 'three legend keys');
    for (const k of keys.slice(0, 2)) {
      ok(k.w >= 8 && k.h >= 8 && k.bg !== 'rgba(0, 0, 0, 0)', `legend key ${k.cls} is a visible square (${JSON.stringify(k)})`);
    }
    ok(keys[0].bg !== keys[1].bg, `the bar and over keys differ (${keys[0].bg} / ${keys[1].bg})`);
    ok(keys[2].w >= 12 && /^dashed [1-9]/.test(keys[2].border), `the allowance key is a dashed line (${JSON.stringify(keys[2])})`);
    await page.getByText('Show the numbers').click();
    ok(await page.locator('.chart-table td.num').first().isVisible(), 'the numbers behind the chart can be read');
    await shot(page, 'billing');
    await noSideScroll(page, 1280);
  } finally { await context.close(); }
});

test('account 2. card: a wrong number is refused in place (holder kept, number not); a valid card is saved as brand and last 4', async () => {
  const { context, page } = await as('card', 'admin', { javaScriptEnabled: false });
  try {
    page.expectStatus = [422];
    await page.goto('/settings/billing');
    const box = page.getByRole('region', { name: 'Payment card' });
    await box.getByLabel('Name on the card').fill('Ada Admin');
    await box.getByLabel('Card number').fill('4242 4242 4242 4241');
    await box.getByLabel('Expiry month').fill('12');
    await box.getByLabel('Expiry year').fill('2031');
    await box.getByLabel('Security code').fill('123');
    let resp = await submit(page, box.getByRole('button', { name: 'Save card' }));
    eq(resp.status(), 422, 'a number failing the Luhn check answers 422');
    const again = page.getByRole('region', { name: 'Payment card' });
    eq(await again.getByLabel('Name on the card').inputValue(), 'Ada Admin', 'the holder is kept');
    eq(await again.getByLabel('Card number').inputValue(), '', 'the number is not written back');
    eq(await again.getByLabel('Card number').getAttribute('aria-invalid'), 'true', 'the number is marked invalid');
    ok(/not a valid card number/.test(await again.locator('#f-number').innerText()), 'the error says why');
    ok(!(await page.content()).includes('4242424242424241'), 'the page does not hold the number');
    await shot(page, 'billing-card-error');
    await again.getByLabel('Card number').fill('4242 4242 4242 4242');
    await again.getByLabel('Security code').fill('123');
    resp = await submit(page, again.getByRole('button', { name: 'Save card' }));
    eq(resp.status(), 200, 'a valid card ends on the Billing page');
    ok(await page.getByRole('status').filter({ hasText: 'Card saved: Visa ending in 4242.' }).isVisible(), 'flash');
    ok(/Visa ending in\s*4242/.test(await page.locator('.card-on-file').innerText()), 'the card on file');
    ok(!(await page.content()).includes('4242424242424242'), 'the page does not hold the number');
  } finally { await context.close(); }
});

test('account 3. upgrade: the confirmation shows the prorated charge, confirming issues an invoice that prints cleanly', async () => {
  const { context, page } = await as('upgrade', 'admin');
  try {
    await page.goto('/settings/billing');
    await submit(page, page.getByRole('link', { name: 'Upgrade to Essentials' }));
    await page.getByRole('heading', { name: 'Upgrade to Essentials', level: 1 }).waitFor();
    const due = (await page.locator('.amount-due').innerText()).trim();
    ok(/^\d[\d,]*\.\d\d\sUSD$/.test(due), `the amount due is shown (${JSON.stringify(due)})`);
    await shot(page, 'billing-plan');
    await submit(page, page.getByRole('button', { name: /^Upgrade/ }));
    eq(new URL(page.url()).pathname, '/settings/billing', 'back on Billing');
    const flash = await page.getByRole('status').innerText();
    ok(flash.includes('You are on the Essentials plan now.'), `flash ${JSON.stringify(flash)}`);
    ok(await page.locator('.plan.is-current h3').innerText().then(t => t === 'Essentials'), 'Essentials is current');
    const norm = (t) => t.replace(/\s+/g, ' ').trim();
    const row = page.locator('table.invoices tbody tr').first();
    ok(norm(await row.innerText()).includes(norm(due)), `the invoice is for ${due}`);
    await submit(page, row.getByRole('link'));
    await page.getByRole('heading', { name: /^Invoice \d+-\d{5}$/ }).waitFor();
    eq(norm(await page.locator('.invoice-total').innerText()), norm(due), 'the invoice total is the amount confirmed');
    ok(/\(UTC[+-]\d\d:\d\d\)/.test(await page.locator('.invoice-kv').innerText()), 'times with their UTC offset');
    await shot(page, 'invoice');
    await page.emulateMedia({ media: 'print' });
    ok(!(await page.locator('header.top').isVisible()), 'print: no site header');
    ok(!(await page.locator('nav.crumb').isVisible()), 'print: no breadcrumb');
    ok(!(await page.locator('nav.sidenav').isVisible()), 'print: no settings navigation');
    await page.getByRole('heading', { name: /^Invoice \d+-\d{5}$/, level: 1 }).waitFor();
    eq(await page.locator('h1').count(), 1, 'print: the one <h1> is the invoice title');
    const sheet = await page.locator('.invoice-sheet').boundingBox();
    ok(sheet && sheet.x < 40, `print: the sheet starts at the page's left edge (x ${sheet && sheet.x})`);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    ok(luminance(bg) > 0.9, `print: white paper (${bg})`);
    await shot(page, 'invoice-print');
  } finally { await context.close(); }
});

test('account 4. organization: an Admin edits it (422 keeps the typing), a Member reads it, an Agent is refused', async () => {
  const { context, page } = await as('org', 'admin');
  try {
    page.expectStatus = [422];
    await page.goto('/settings/organization');
    await page.getByLabel('Website').fill('ftp://example.com');
    await page.getByLabel('Legal name').fill('Browser Works Ltd');
    await page.getByLabel('Country').selectOption('GB');
    let resp = await submit(page, page.getByRole('button', { name: 'Save' }));
    eq(resp.status(), 422, 'a bad website answers 422');
    eq(await page.getByLabel('Legal name').inputValue(), 'Browser Works Ltd', 'the legal name is kept');
    eq(await page.getByLabel('Country').inputValue(), 'GB', 'the country is kept');
    eq(await page.getByLabel('Website').getAttribute('aria-invalid'), 'true', 'the website is marked');
    await shot(page, 'organization-error');
    await page.getByLabel('Website').fill('https://browser.example.com');
    await page.getByLabel('Allowed invite domains').fill('Example.com, example.org');
    // Requiring 2-step verification needs it on for this Admin first.
    await page.getByLabel('Require 2-step verification for every member').check();
    resp = await submit(page, page.getByRole('button', { name: 'Save' }));
    eq(resp.status(), 422, 'requiring 2-step without having it answers 422');
    ok((await page.locator('body').innerText()).includes('Turn on 2-step verification for yourself first'),
      'the form says why');
    await page.getByLabel('Require 2-step verification for every member').uncheck();
    resp = await submit(page, page.getByRole('button', { name: 'Save' }));
    eq(resp.status(), 200, 'saved');
    ok(await page.getByRole('status').filter({ hasText: 'Organization details saved.' }).isVisible(), 'flash');
    eq(await page.getByLabel('Allowed invite domains').inputValue(), 'example.com, example.org', 'domains normalised');
    ok(!(await page.getByLabel('Require 2-step verification for every member').isChecked()), 'policy off');
    await shot(page, 'organization');
  } finally { await context.close(); }
  const m = await as('org-member', 'member');
  try {
    await m.page.goto('/settings/organization');
    eq(await m.page.locator('form[action="/settings/organization"]').count(), 0, 'a Member has no form');
    ok((await m.page.locator('dl.kv').innerText()).includes('Browser Works Ltd'), 'a Member reads the legal name');
    await shot(m.page, 'organization-member');
  } finally { await m.context.close(); }
  const g = await as('org-agent', 'agent');
  try {
    g.page.expectStatus = [403];
    const resp = await g.page.goto('/settings/organization');
    eq(resp.status(), 403, 'an Agent gets 403');
    await g.page.getByRole('heading', { name: 'Not allowed' }).waitFor();
  } finally { await g.context.close(); }
});

test('account 5. timezone: zones grouped by region with offsets; an Admin picks one with the keyboard', async () => {
  const { context, page } = await as('timezone', 'admin');
  try {
    await page.goto('/settings');
    await submit(page, page.getByRole('main').getByRole('link', { name: /Account Timezone/ }));
    await page.getByRole('heading', { name: 'Account Timezone', level: 1 }).waitFor();
    eq((await page.locator('.tz-current').innerText()).trim(), 'Europe/Berlin', 'the current zone');
    const groups = await page.locator('#tz-select optgroup').evaluateAll(gs => gs.map(g => g.label));
    for (const r of ['Africa', 'America', 'Asia', 'Australia', 'Europe', 'Pacific']) ok(groups.includes(r), `region ${r}`);
    const label = await page.locator('#tz-select option[value="Asia/Kolkata"]').innerText();
    ok(/^Kolkata — UTC\+05:30, \d\d:\d\d$/.test(label), `option label ${JSON.stringify(label)}`);
    await page.locator('#tz-select').focus();
    await page.locator('#tz-select').selectOption('Asia/Tokyo');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.textContent.trim());
    eq(focused, 'Save timezone', 'Tab moves from the list to Save');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    eq((await page.locator('.tz-current').innerText()).trim(), 'Asia/Tokyo', 'saved with Enter');
    ok(/\(UTC\+09:00\)/.test(await page.locator('.tz-local').innerText()), 'local time in UTC+09:00');
    await shot(page, 'timezone');
    await page.locator('#tz-select').selectOption('Europe/Berlin');
    await submit(page, page.getByRole('button', { name: 'Save timezone' }));
  } finally { await context.close(); }
});

test('account 6. rotate: the overview offers it, a confirmation step, then a new passcode', async () => {
  const { context, page } = await as('rotate', 'admin');
  try {
    const before = admin(['passcode-show', '--account', fx.account]);
    await page.goto('/settings');
    await submit(page, page.getByRole('link', { name: 'Rotate passcode' }));
    await page.getByRole('heading', { name: 'Rotate passcode', level: 1 }).waitFor();
    await shot(page, 'rotate');
    await page.getByLabel('I understand that the current passcode stops working at once').check();
    await submit(page, page.getByRole('button', { name: 'Rotate passcode' }));
    eq(new URL(page.url()).pathname, '/settings', 'back on the overview');
    ok((await page.getByRole('status').innerText()).includes('rotated'), 'a flash says so');
    const after = admin(['passcode-show', '--account', fx.account]);
    ok(after && after !== before, 'steward-admin passcode-show prints a new passcode');
    await page.getByRole('button', { name: 'Reveal passcode' }).click();
    await until(async () => (await page.locator('#passcode').innerText()).trim() === after, 'the eye shows the new passcode');
  } finally { await context.close(); }
  const m = await as('rotate-member', 'member');
  try {
    eq(await m.page.getByRole('link', { name: 'Rotate passcode' }).count(), 0, 'a Member is not offered Rotate');
  } finally { await m.context.close(); }
});

test('account 7. Billing on a phone and in dark mode: stacked, readable, nothing scrolls sideways', async () => {
  const phone = await as('billing-mobile', 'admin',
    { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    for (const path of ['/settings/billing', '/settings/organization', '/settings/timezone']) {
      await phone.page.goto(path);
      await noSideScroll(phone.page, 390);
    }
    await phone.page.goto('/settings/billing');
    const boxes = await phone.page.locator('.boxes-top > section').evaluateAll(els => els.map(e => e.getBoundingClientRect().top));
    ok(boxes.length === 2 && boxes[1] > boxes[0], 'card and contact boxes stack');
    await shot(phone.page, 'billing-mobile');
  } finally { await phone.context.close(); }
  const dark = await as('billing-dark', 'admin', { colorScheme: 'dark' });
  try {
    await dark.page.goto('/settings/billing');
    const { bg, fg } = await dark.page.evaluate(() => {
      const cs = getComputedStyle(document.body);
      return { bg: cs.backgroundColor, fg: cs.color };
    });
    ok(luminance(bg) < 0.1 && luminance(fg) > 0.5, `dark page, light text (${bg} / ${fg})`);
    const plan = await dark.page.locator('.plan').first().evaluate(el => getComputedStyle(el).backgroundColor);
    ok(luminance(plan) < 0.15, `plan cards are dark too (${plan})`);
    await shot(dark.page, 'billing-dark');
    await dark.page.goto('/settings/timezone');
    await shot(dark.page, 'timezone-dark');
  } finally {
    await dark.context.close();
    await browser.close().catch(() => {});
  }
});
