#!/usr/bin/env node
// Browser tests for Steward: playwright-core driving Debian's chromium
// against the live stack (./steward up).  Each test asserts what a user
// sees.  Screenshots of every page go to $STEWARD_VAR/screenshots/NAME.png.
// The last line printed is "N passed, N failed"; exit 1 when anything failed.
//
// Environment: STEWARD_URL, STEWARD_ADMIN, STEWARD_CONF, STEWARD_VAR
// (defaults: http://127.0.0.1:8080, fcgi/steward-admin, var/steward.conf, var).
// An argument runs only the tests whose names start with it:
//   node tests/browser/run.mjs pages     (the page tour, axe, the gallery)

import { chromium } from 'playwright-core';
import {
  URL_BASE, CHROMIUM, CHROMIUM_ARGS, SHOT_DIR,
  makeFixtures, unlock, mailsTo, rnd, signIn,
  test, runAll, ok, eq, until, openPage, shot, luminance, problems, visited,
} from './lib.mjs';
import './t_users.mjs';
import './t_account.mjs';	// the account part's tests (issue 5)
import './t_profile.mjs';
import './t_data.mjs';
import './t_manage.mjs';
import './t_passkeys.mjs';	// passkeys (issue 17), at localhost
import './t_tokens.mjs';	// API tokens (issue 16)
import './t_pages.mjs';

let browser;
let fx;

// ------------------------------------------------------------------ helpers

function cred(page) { return page.getByRole('region', { name: 'Account credentials' }); }
function inviteBox(page) { return page.getByRole('region', { name: 'Invite a user' }); }
function kv(page, name) { return cred(page).locator(`dt:text-is("${name}") + dd`); }

// Fill the sign-in form on the current page and submit it.
async function submitLogin(page, email, password) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}


async function signedInPage(label, user, contextOptions = {}) {
  const { context, page } = await openPage(browser, label, contextOptions);
  await signIn(page, user);
  return { context, page };
}

async function assertMasked(page, what) {
  const dd = kv(page, 'Passcode');
  const text = await dd.innerText();
  ok(text.includes('•'), `${what}: passcode shown as dots (got ${JSON.stringify(text)})`);
  ok(!text.includes(fx.passcode), `${what}: passcode text is not shown`);
  const html = await page.content();
  ok(!html.includes(fx.passcode), `${what}: passcode is nowhere in the page's DOM`);
}

async function entryTitles(page, section) {
  const region = page.getByRole('region', { name: section });
  if (await region.count() === 0) return [];
  return (await region.locator('.entry-title').allInnerTexts()).map(s => s.trim());
}

// ------------------------------------------------------------------ tests

test('1. sign in through the form and see Account Settings with the credentials box', async () => {
  const { context, page } = await openPage(browser, 'signin');
  try {
    await page.goto('/settings');
    eq(new URL(page.url()).pathname, '/login', 'signed out, /settings leads to the sign-in page');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    ok(luminance(bg) > 0.6, `light scheme: body background is light (got ${bg})`);
    await shot(page, 'signin');

    await submitLogin(page, fx.users.admin.email, fx.users.admin.password);
    eq(new URL(page.url()).pathname, '/settings', 'after sign-in the browser is on /settings');
    await page.getByRole('heading', { name: 'Account Settings', level: 1 }).waitFor();
    ok(await cred(page).isVisible(), 'credentials box visible');
    eq((await kv(page, 'Account name').innerText()).trim(), 'Browser app', 'Account name');
    eq((await kv(page, 'Account ID').innerText()).trim(), fx.account, 'Account ID');
    eq((await kv(page, 'Region').innerText()).trim(), 'eu1', 'Region');
    await assertMasked(page, 'after sign-in');
    ok(await inviteBox(page).isVisible(), 'Admin sees the invite box');
    await shot(page, 'settings-admin');
  } finally { await context.close(); }
});

test('2a. eye icon (JavaScript on) reveals the passcode in place and hides it again', async () => {
  const { context, page } = await signedInPage('reveal-js', fx.users.admin);
  try {
    const eye = cred(page).getByRole('button', { name: 'Reveal passcode' });
    ok(await eye.isVisible(), 'Admin sees the eye button');
    await eye.click();
    await until(async () => (await page.locator('#passcode').innerText()).trim() === fx.passcode,
      'passcode appears after clicking the eye');
    eq(new URL(page.url()).pathname, '/settings', 'revealed in place (no navigation)');
    const hideBtn = cred(page).getByRole('button', { name: 'Hide passcode' });
    eq(await hideBtn.getAttribute('aria-pressed'), 'true', 'eye button is pressed');
    ok(await page.locator('#passcode-note').isVisible(), 'audit note shown with the passcode');
    await shot(page, 'revealed');
    await hideBtn.click();
    await until(async () => !(await page.locator('#passcode').innerText()).includes(fx.passcode),
      'passcode masked after the second click');
    await assertMasked(page, 'after hiding');
    eq(await cred(page).getByRole('button', { name: 'Reveal passcode' }).getAttribute('aria-pressed'),
      'false', 'eye button no longer pressed');
  } finally { await context.close(); }
});

test('2b. eye icon without JavaScript: the form POST renders the page with the passcode', async () => {
  const { context, page } = await signedInPage('reveal-nojs', fx.users.admin, { javaScriptEnabled: false });
  try {
    await assertMasked(page, 'no-JS page before reveal');
    let status = 0;
    const [resp] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      cred(page).getByRole('button', { name: 'Reveal passcode' }).click(),
    ]);
    status = resp ? resp.status() : 0;
    eq(status, 200, 'reveal POST answers 200');
    await page.getByRole('heading', { name: 'Account Settings', level: 1 }).waitFor();
    eq((await page.locator('#passcode').innerText()).trim(), fx.passcode, 'passcode shown after the POST');
    await shot(page, 'revealed-nojs');
    const hide = cred(page).getByRole('link', { name: 'Hide passcode' });
    ok(await hide.isVisible(), 'a "Hide passcode" control is offered');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), hide.click()]);
    eq(new URL(page.url()).pathname, '/settings', 'hiding goes back to /settings');
    await assertMasked(page, 'no-JS page after hiding');
  } finally { await context.close(); }
});

test('3a. invite from the invite box: confirmation flash and a mail', async () => {
  const { context, page } = await signedInPage('invite', fx.users.admin);
  try {
    const addr = `invitee-${fx.tag}-${rnd(3)}@example.com`;
    const box = inviteBox(page);
    const roles = (await box.getByLabel('Role').locator('option').allInnerTexts()).map(s => s.trim());
    eq(roles.join(','), 'Admin,Creator,Member,Agent', 'Admin may grant every role');
    await box.getByLabel('Email').fill(addr);
    await box.getByLabel('Role').selectOption({ label: 'Creator' });
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      box.getByRole('button', { name: 'Invite' }).click(),
    ]);
    eq(new URL(page.url()).pathname, '/settings', 'after inviting, back on /settings');
    const flash = page.getByRole('status').filter({ hasText: 'Invitation sent' });
    await flash.waitFor({ state: 'visible' });
    eq((await flash.innerText()).trim(), `Invitation sent to ${addr} as Creator.`, 'confirmation flash');
    await shot(page, 'invite-confirmation');
    const mails = await until(() => { const m = mailsTo(addr); return m.length ? m : null; },
      `an .eml for ${addr} in var/mail`);
    eq(mails.length, 1, `exactly one mail to ${addr}`);
    ok(/accept|invit/i.test(mails[0].text), 'the mail is an invitation');
    // the flash is shown once: reloading drops it
    await page.reload();
    eq(await page.getByRole('status').filter({ hasText: 'Invitation sent' }).count(), 0,
      'the flash is gone after a reload');
  } finally { await context.close(); }
});

test('3b. invite with an address the browser accepts but the server refuses', async () => {
  const { context, page } = await signedInPage('invite-error', fx.users.admin);
  try {
    page.expectStatus = [422];
    const bad = 'a@b';
    const box = inviteBox(page);
    await box.getByLabel('Email').fill(bad);
    await box.getByLabel('Role').selectOption({ label: 'Member' });
    const [resp] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      box.getByRole('button', { name: 'Invite' }).click(),
    ]);
    eq(resp && resp.status(), 422, 'the refused invite answers 422');
    const box2 = inviteBox(page);
    const input = box2.getByLabel('Email');
    const err = page.locator('#f-email');
    await err.waitFor({ state: 'visible' });
    ok(/name@example\.com/.test(await err.innerText()), `field error explains the format (got ${JSON.stringify(await err.innerText())})`);
    eq(await input.getAttribute('aria-invalid'), 'true', 'aria-invalid on the email field');
    ok((await input.getAttribute('aria-describedby') || '').split(/\s+/).includes('f-email'),
      'the email field is described by its error');
    eq(await input.inputValue(), bad, 'the typed address is kept');
    eq(await box2.getByLabel('Role').inputValue(), 'member', 'the chosen role is kept');
    const ib = await input.boundingBox(), eb = await err.boundingBox();
    ok(ib && eb && eb.y >= ib.y + ib.height - 1 && eb.y - (ib.y + ib.height) < 40 && Math.abs(eb.x - ib.x) < 40,
      `the error sits right under the field (input ${JSON.stringify(ib)}, error ${JSON.stringify(eb)})`);
    eq(await page.getByRole('status').filter({ hasText: 'Invitation sent' }).count(), 0, 'no confirmation flash');
    eq(mailsTo(bad).length, 0, 'no mail for the refused address');
    await shot(page, 'invite-error');
  } finally { await context.close(); }
});

test('4. profile icon menu: name, email, Settings, Sign out; signed out /settings goes to sign-in', async () => {
  const { context, page } = await signedInPage('profile-menu', fx.users.admin);
  try {
    const vw = page.viewportSize().width;
    const avatar = page.locator('header summary.avatar');
    const ab = await avatar.boundingBox();
    ok(ab && ab.x + ab.width > vw * 0.85 && ab.y < 100, `profile icon at the top right (${JSON.stringify(ab)})`);
    eq((await avatar.innerText()).replace(/Profile menu:\s*/, '').trim(), 'AA', 'profile icon shows the initials');
    const panel = page.locator('header .menu-panel.menu-right');
    ok(!(await panel.isVisible()), 'menu closed at first');
    await avatar.click();
    await panel.waitFor({ state: 'visible' });
    const text = await panel.innerText();
    ok(text.includes(fx.users.admin.name), `menu shows the name (got ${JSON.stringify(text)})`);
    ok(text.includes(fx.users.admin.email), 'menu shows the email');
    ok(text.includes('Admin'), 'menu shows the role');
    const settingsLink = panel.getByRole('link', { name: 'Settings' });
    const signOut = panel.getByRole('button', { name: 'Sign out' });
    ok(await settingsLink.isVisible(), 'menu has Settings');
    ok(await signOut.isVisible(), 'menu has Sign out');
    await shot(page, 'profile-menu');
    // Escape closes it (app.js)
    await page.keyboard.press('Escape');
    await until(async () => !(await panel.isVisible()), 'Escape closes the menu');
    // seed steps 1-2: profile icon -> Settings
    await avatar.click();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), settingsLink.click()]);
    eq(new URL(page.url()).pathname, '/settings', 'Settings leads to /settings');
    await page.getByRole('heading', { name: 'Account Settings', level: 1 }).waitFor();

    await page.locator('header summary.avatar').click();
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('header .menu-panel').getByRole('button', { name: 'Sign out' }).click(),
    ]);
    eq(new URL(page.url()).pathname, '/login', 'Sign out lands on the sign-in page');
    const flash = page.getByRole('status').filter({ hasText: 'You have signed out.' });
    ok(await flash.isVisible(), '"You have signed out." is shown');
    await shot(page, 'signed-out');
    await page.goto('/settings');
    const u = new URL(page.url());
    eq(u.pathname, '/login', 'after sign-out, /settings goes to the sign-in page');
    eq(u.searchParams.get('next'), '/settings', 'and remembers where the user wanted to go');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    eq(await page.locator('header summary.avatar').count(), 0, 'no profile icon when signed out');
  } finally { await context.close(); }
});

test('5. an Agent sees the credentials without the eye, no invite box, only Agent entries', async () => {
  const { context, page } = await signedInPage('agent', fx.users.agent);
  try {
    await page.getByRole('heading', { name: 'Account Settings', level: 1 }).waitFor();
    ok(await cred(page).isVisible(), 'credentials box visible');
    eq((await kv(page, 'Account ID').innerText()).trim(), fx.account, 'Account ID');
    eq((await kv(page, 'Region').innerText()).trim(), 'eu1', 'Region');
    await assertMasked(page, 'Agent');
    eq(await page.getByRole('button', { name: /Reveal passcode/ }).count(), 0, 'no eye button');
    eq(await page.locator('form.reveal').count(), 0, 'no reveal form');
    eq(await inviteBox(page).count(), 0, 'no invite box');
    eq(await page.locator('form[action="/settings/users/invite"]').count(), 0, 'no invite form');
    const account = await entryTitles(page, 'Account');
    const manage = await entryTitles(page, 'Manage');
    eq(account.join(', '), 'Profile, Account Timezone, Password', 'Agent Account entries');
    eq(manage.join(', '), 'My Downloads', 'Agent Manage entries');
    const all = [...account, ...manage];
    for (const hidden of ['Billing', 'Users', 'Organization', 'Events', 'User Properties',
      'My Reports', 'Labels', 'CSV Uploads', 'Audit Log']) {
      ok(!all.includes(hidden), `Agent does not see ${hidden}`);
    }
    await shot(page, 'settings-agent');
  } finally { await context.close(); }
});

test('5b. a Creator may invite only Creator, Member, Agent and has no eye', async () => {
  const { context, page } = await signedInPage('creator', fx.users.creator);
  try {
    ok(await inviteBox(page).isVisible(), 'Creator sees the invite box');
    const roles = (await inviteBox(page).getByLabel('Role').locator('option').allInnerTexts()).map(s => s.trim());
    eq(roles.join(','), 'Creator,Member,Agent', 'roles a Creator may grant');
    eq(await page.getByRole('button', { name: /Reveal passcode/ }).count(), 0, 'no eye for a Creator');
    await assertMasked(page, 'Creator');
    const all = [...await entryTitles(page, 'Account'), ...await entryTitles(page, 'Manage')];
    ok(!all.includes('Billing'), 'Creator does not see Billing');
    ok(!all.includes('Audit Log'), 'Creator does not see Audit Log');
    ok(all.includes('Events') && all.includes('Labels'), 'Creator sees Events and Labels');
    await shot(page, 'settings-creator');
  } finally { await context.close(); }
});

test('6. wrong password: an error on the form, the email kept', async () => {
  const { context, page } = await openPage(browser, 'signin-error');
  try {
    page.expectStatus = [422, 429];
    await page.goto('/login');
    const [resp] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      (async () => {
        await page.getByLabel('Email').fill(fx.users.admin.email);
        await page.getByLabel('Password').fill('definitely-not-the-password');
        await page.getByRole('button', { name: 'Sign in' }).click();
      })(),
    ]);
    eq(resp && resp.status(), 422, 'a wrong password answers 422');
    eq(new URL(page.url()).pathname, '/login', 'still on the sign-in page');
    const alert = page.getByRole('alert');
    await alert.first().waitFor({ state: 'visible' });
    const msg = (await alert.first().innerText()).trim();
    ok(msg.length > 5, `an error message is shown (got ${JSON.stringify(msg)})`);
    eq(await page.getByLabel('Email').inputValue(), fx.users.admin.email, 'the email is kept');
    eq(await page.getByLabel('Password').inputValue(), '', 'the password is not echoed');
    await shot(page, 'signin-error');

    // no user enumeration: an unknown email gets the same message
    await page.getByLabel('Email').fill(`nobody-${fx.tag}@example.com`);
    await page.getByLabel('Password').fill('definitely-not-the-password');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Sign in' }).click()]);
    eq((await page.getByRole('alert').first().innerText()).trim(), msg, 'unknown email: the same message');
  } finally {
    await context.close();
    unlock(fx.users.admin.email);
    unlock(`nobody-${fx.tag}@example.com`);
  }
});

test('7. keyboard: Tab reaches the eye and Invite, every stop with a visible focus ring', async () => {
  const { context, page } = await signedInPage('keyboard', fx.users.admin);
  try {
    await page.goto('/settings');
    const stops = [];
    let eyeAt = -1, inviteAt = -1;
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const s = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {
          desc: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
            ' "' + (el.getAttribute('aria-label') || el.title || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '"',
          eye: el.tagName === 'BUTTON' && !!el.closest('form.reveal'),
          invite: el.tagName === 'BUTTON' && el.textContent.trim() === 'Invite',
          fv: el.matches(':focus-visible'),
          outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
          shadow: cs.boxShadow && cs.boxShadow !== 'none',
          style: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} / ${cs.boxShadow}`,
          onscreen: r.width > 0 && r.height > 0,
        };
      });
      if (!s) break;                    // wrapped past the end of the page
      stops.push(s);
      if (s.eye && eyeAt < 0) eyeAt = i;
      if (s.invite && inviteAt < 0) { inviteAt = i; break; }
    }
    ok(stops.length > 0 && /skip/.test(stops[0].desc), `first Tab stop is the skip link (got ${stops[0] && stops[0].desc})`);
    ok(eyeAt >= 0, `Tab reaches the eye button; stops: ${stops.map(s => s.desc).join(' | ')}`);
    ok(inviteAt > eyeAt, 'Tab reaches the Invite button after the eye');
    for (const s of [stops[eyeAt], stops[inviteAt]]) {
      ok(s.fv, `${s.desc} matches :focus-visible`);
      ok(s.outline || s.shadow, `${s.desc} has a visible focus indicator (${s.style})`);
    }
    const bare = stops.filter(s => !(s.fv && (s.outline || s.shadow)) || !s.onscreen);
    ok(bare.length === 0, `every Tab stop shows focus: ${bare.map(s => `${s.desc} [${s.style}]`).join(' | ')}`);
    // Enter on the focused eye reveals (keyboard users get the same feature)
    await cred(page).getByRole('button', { name: 'Reveal passcode' }).focus();
    await page.keyboard.press('Enter');
    await until(async () => (await page.locator('#passcode').innerText()).trim() === fx.passcode,
      'Enter on the eye reveals the passcode');
    await shot(page, 'keyboard-focus');
  } finally { await context.close(); }
});

test('8a. mobile 390x844: the boxes stack, nothing scrolls sideways', async () => {
  const { context, page } = await signedInPage('mobile', fx.users.admin,
    { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    const c = await cred(page).boundingBox();
    const i = await inviteBox(page).boundingBox();
    ok(c && i, 'both boxes laid out');
    ok(i.y >= c.y + c.height, `invite box (top ${i.y}) below the credentials box (bottom ${c.y + c.height})`);
    ok(c.width <= 390 && i.width <= 390, 'boxes fit the viewport width');
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    ok(sw <= 390, `no horizontal scrolling (scrollWidth ${sw})`);
    const ab = await page.locator('header summary.avatar').boundingBox();
    ok(ab && ab.x + ab.width <= 390, 'profile icon inside the viewport');
    await shot(page, 'mobile');
    await shot(page, 'mobile-viewport', false);
    await page.locator('header summary.avatar').click();
    const pb = await page.locator('header .menu-panel.menu-right').boundingBox();
    ok(pb && pb.x >= 0 && pb.x + pb.width <= 390, `profile menu inside the viewport (${JSON.stringify(pb)})`);
    await shot(page, 'mobile-menu', false);
  } finally { await context.close(); }
});

test('8b. dark colour scheme: dark background, light text', async () => {
  const { context, page } = await openPage(browser, 'dark', { colorScheme: 'dark' });
  try {
    await page.goto('/login');
    const lb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    ok(luminance(lb) < 0.1, `sign-in page body is dark (got ${lb})`);
    await shot(page, 'signin-dark');
    await signIn(page, fx.users.admin);
    const { bg, fg } = await page.evaluate(() => {
      const cs = getComputedStyle(document.body);
      return { bg: cs.backgroundColor, fg: cs.color };
    });
    ok(luminance(bg) < 0.1, `settings body background is dark (got ${bg})`);
    ok(luminance(fg) > 0.5, `settings text is light (got ${fg})`);
    const cardBg = await cred(page).evaluate(el => getComputedStyle(el).backgroundColor);
    ok(luminance(cardBg) < 0.15, `credentials card is dark too (got ${cardBg})`);
    await shot(page, 'dark');
  } finally { await context.close(); }
});

test('9. 404 page: rendered in the layout, signed in and out', async () => {
  const { context, page } = await signedInPage('404', fx.users.admin);
  try {
    page.expectStatus = [404];
    const resp = await page.goto(`/no-such-page-${fx.tag}`);
    eq(resp.status(), 404, 'unknown path answers 404');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    ok(await page.locator('header summary.avatar').isVisible(), 'signed in: the header is there');
    const back = page.getByRole('link', { name: 'Back to Account Settings' });
    ok(await back.isVisible(), 'a way back to Account Settings');
    await shot(page, '404');
    await Promise.all([page.waitForNavigation(), back.click()]);
    eq(new URL(page.url()).pathname, '/settings', 'the way back works');
  } finally { await context.close(); }
  const { context: c2, page: p2 } = await openPage(browser, '404-signed-out');
  try {
    p2.expectStatus = [404];
    const resp = await p2.goto(`/no-such-page-${fx.tag}`);
    eq(resp.status(), 404, 'signed out: unknown path answers 404');
    await p2.getByRole('heading', { name: 'Page not found' }).waitFor();
    ok(await p2.getByRole('link', { name: 'Sign in' }).isVisible(), 'signed out: a Sign in link');
    await shot(p2, '404-signed-out');
  } finally { await c2.close(); }
});

test('10. no console errors, page errors or CSP violations on any page visited', async () => {
  ok(visited.size > 5, `pages were visited (${visited.size})`);
  ok(problems.length === 0, `problems:\n          ${problems.join('\n          ')}`);
});

// ------------------------------------------------------------------ main

let result = { passed: 0, failed: 1 };
// The stack may be restarting (./steward up by someone else): wait for it.
async function waitForStack(seconds = 30) {
  const end = Date.now() + seconds * 1000;
  let last = '';
  while (Date.now() < end) {
    try {
      const r = await fetch(`${URL_BASE}/healthz`, { redirect: 'manual' });
      if (r.status === 200) return;
      last = `status ${r.status}`;
    } catch (e) { last = e.cause ? e.cause.code || e.message : e.message; }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`${URL_BASE}/healthz not answering 200 after ${seconds}s (${last})`);
}

try {
  await waitForStack();
  fx = makeFixtures(['admin', 'agent', 'creator']);
  console.log(`# ${URL_BASE}  account ${fx.account}  screenshots in ${SHOT_DIR}/`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  result = await runAll(process.argv[2]);
} catch (e) {
  console.log(`FAIL  set-up: ${e && e.stack || e}`);
} finally {
  if (browser) await browser.close().catch(() => {});
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
