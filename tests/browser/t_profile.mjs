// Browser tests of the profile part (issue 4): the Profile page (light,
// dark, phone), details, turning on 2-step verification with a code from
// oathtool (Debian) as a phone app would make it, the recovery codes and
// their download, signing in with the second step, ending a session from
// another browser, changing the password, the reset by mail (without
// JavaScript), the set-up an organization requires, and the page's
// "On this page" index of its cards.  Imported by run.mjs; screenshots go
// to var/screenshots/profile-*.png.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import {
  CHROMIUM, CHROMIUM_ARGS, CONF, admin, rnd, unlock, mailsTo,
  test, ok, eq, until, openPage, shot, luminance,
  sql,
} from './lib.mjs';

let own;          // this part's browser (run.mjs keeps its own to itself)
let fx;           // organization, account, users

async function browser() {
  if (!own) own = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return own;
}

function password() {
  return 'Pf' + rnd(10) + ' meadow lantern';
}

// A user of role in a new account; org: { org, account }.
function addUser(org, role, label, name) {
  const email = `bp-${label}-${org.tag}@example.com`;
  const pw = password();
  admin(['user-add', email, role, '--account', org.account, '--name', name], pw);
  return { email, password: pw, name, role, last: 0 };
}

function newOrg(label) {
  const tag = rnd(4);
  const out = admin(['org-create', `Profile ${label} ${tag}`, '--account-name', 'Profile app',
    '--region', 'eu1', '--timezone', 'Europe/Berlin']);
  const m = /org=(\d+)\s+account=(\S+)/.exec(out);
  if (!m) throw new Error(`org-create printed ${JSON.stringify(out)}`);
  return { tag, org: m[1], account: m[2] };
}

function fixtures() {
  if (fx) return fx;
  const org = newOrg('B');
  fx = {
    org,
    viewer: addUser(org, 'member', 'viewer', 'Mia Member'),
    tfa: addUser(org, 'admin', 'tfa', 'Theo Twostep'),
    sess: addUser(org, 'creator', 'sess', 'Sami Sessions'),
    pw: addUser(org, 'agent', 'pw', 'Pia Password'),
  };
  return fx;
}

// A TOTP code for a step after user.last that the server takes now.
async function totp(secret, user) {
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / 30);
    const want = Math.max(user.last + 1, now);
    if (want <= now + 1) {
      user.last = want;
      return execFileSync('oathtool', ['--totp', '-b', secret, '-N', `@${want * 30 + 15}`],
        { encoding: 'utf8' }).trim();
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

async function go(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

async function passwordStep(page, user) {
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await go(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    if (new URL(page.url()).pathname !== '/login') return;
    unlock(user.email);
  }
  throw new Error(`sign-in as ${user.email} ended on ${page.url()}`);
}

async function signedIn(label, user, opts = {}) {
  const { context, page } = await openPage(await browser(), label, opts);
  await passwordStep(page, user);
  eq(new URL(page.url()).pathname, '/settings', `${user.email} signed in`);
  return { context, page };
}

function card(page, name) { return page.getByRole('region', { name }); }

// ------------------------------------------------------------------ tests

test('profile 1. the Profile page: details, email, 2-step card, sessions; labelled, keyboard-usable, light, phone and dark', async () => {
  const f = fixtures();
  const { context, page } = await signedIn('profile-page', f.viewer);
  try {
    await page.locator('header summary.avatar').click();
    await go(page, () => page.locator('header .menu-panel').getByRole('link', { name: 'Profile' }).click());
    eq(new URL(page.url()).pathname, '/settings/profile', 'the profile menu leads to the Profile page');
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    for (const name of ['Your details', 'Sign-in email', /2-step verification/, 'Where you are signed in']) {
      ok(await card(page, name).isVisible(), `section ${name} visible`);
    }
    eq(await page.getByLabel('Name', { exact: true }).inputValue(), f.viewer.name, 'the name field holds the name');
    ok(await page.getByLabel('Phone (optional)').isVisible(), 'phone field labelled');
    ok((await card(page, 'Sign-in email').innerText()).includes(f.viewer.email), 'email shown');
    const emailText = await card(page, 'Sign-in email').innerText();
    ok(/current address/.test(emailText) && /notice/.test(emailText) && /24 hours/.test(emailText),
      'the email card says the current address stays in use and gets a notice');
    eq(await page.getByRole('heading', { level: 1 }).count(), 1, 'one h1 (the frame)');
    eq(await page.locator('main nav.crumb').count(), 1, 'the frame breadcrumb');
    const sessions = card(page, 'Where you are signed in');
    ok((await sessions.innerText()).includes('This session'), 'this session is marked');
    ok(/Headless Chrome|Chrome/.test(await sessions.innerText()), 'the browser is named');
    const since = await card(page, 'Your details').locator('time').first().getAttribute('datetime');
    ok(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/.test(since), `member since in Europe/Berlin (${since})`);
    // keyboard: Tab from the name field reaches the phone field
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.press('Tab');
    eq(await page.evaluate(() => document.activeElement.id), 'pf-phone', 'Tab moves from Name to Phone');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    ok(luminance(bg) > 0.6, `light page (${bg})`);
    await shot(page, 'profile-page');
    // the overview links to Profile and Password now
    await page.goto('/settings');
    ok(await page.locator('a.entry[href="/settings/profile"]').isVisible(), 'overview links to Profile');
    ok(await page.locator('a.entry[href="/settings/password"]').isVisible(), 'overview links to Password');
    // signed in, the pages of the mailed links are cards in the frame: one h1
    for (const [path, h1] of [['/password/forgot', 'Forgot your password?'], ['/password/reset?token=0000', 'This link does not work']]) {
      page.expectStatus = [404];
      await page.goto(path);
      eq(await page.getByRole('heading', { level: 1 }).count(), 1, `${path}: one h1`);
      await page.getByRole('heading', { name: h1, level: 1 }).waitFor();
      ok(await page.locator('main nav.crumb').isVisible(), `${path}: in the frame`);
    }
  } finally { await context.close(); }
  const phone = await signedIn('profile-phone', f.viewer, { viewport: { width: 390, height: 844 }, isMobile: true });
  try {
    await phone.page.goto('/settings/profile');
    const w = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    ok(w <= 390, `no sideways scrolling on a phone (${w}px)`);
    await shot(phone.page, 'profile-phone');
  } finally { await phone.context.close(); }
  const dark = await signedIn('profile-dark', f.viewer, { colorScheme: 'dark' });
  try {
    await dark.page.goto('/settings/profile');
    const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    ok(luminance(bg) < 0.1, `dark page (${bg})`);
    await shot(dark.page, 'profile-dark');
  } finally { await dark.context.close(); }
});

test('profile 2. details: a bad phone number gets its error under the field and keeps the typing; a good one is saved with a flash', async () => {
  const f = fixtures();
  const { context, page } = await signedIn('profile-details', f.viewer);
  try {
    page.expectStatus = [422];
    await page.goto('/settings/profile');
    await page.getByLabel('Phone (optional)').fill('030 1234567');
    await go(page, () => page.getByRole('button', { name: 'Save details' }).click());
    const err = page.locator('#f-phone');
    await err.waitFor({ state: 'visible' });
    ok(/international/i.test(await err.innerText()), 'the error explains the format');
    eq(await page.getByLabel('Phone (optional)').getAttribute('aria-describedby'), 'f-phone pf-phone-hint', 'the input is described by its error and hint');
    const summary = page.getByRole('alert');
    ok(await summary.evaluate(el => el === document.activeElement), 'the error summary has the focus');
    eq(await summary.getByRole('link').getAttribute('href'), '#f-phone', 'the summary links to the field error');
    eq(await page.locator('[autofocus]').count(), 1, 'one autofocus on the page');
    ok((await page.title()).startsWith('Error: '), 'the title says Error');
    eq(await page.getByLabel('Phone (optional)').inputValue(), '030 1234567', 'the typing is kept');
    eq(await page.getByLabel('Phone (optional)').getAttribute('aria-invalid'), 'true', 'aria-invalid');
    await shot(page, 'profile-details-error');
    await page.getByLabel('Name', { exact: true }).fill('Mia Müller-Member');
    await page.getByLabel('Phone (optional)').fill('+49 30 1234567');
    await go(page, () => page.getByRole('button', { name: 'Save details' }).click());
    await page.getByRole('status').filter({ hasText: 'Your profile was saved.' }).waitFor();
    eq(await page.getByLabel('Phone (optional)').inputValue(), '+49301234567', 'stored as E.164');
    ok((await page.locator('header summary.avatar').innerText()).includes('MM'), 'header initials follow the name');
    f.viewer.name = 'Mia Müller-Member';
  } finally { await context.close(); }
});

test('profile 3. turn on 2-step verification with an oathtool code, save the recovery codes (download), sign out, sign in with the second step', async () => {
  const f = fixtures();
  const u = f.tfa;
  const { context, page } = await signedIn('profile-2fa', u, { acceptDownloads: true });
  try {
    page.expectStatus = [422];
    await page.goto('/settings/profile');
    await go(page, () => page.getByRole('button', { name: 'Turn on 2-step verification' }).click());
    eq(new URL(page.url()).pathname, '/settings/profile/2fa', 'the set-up page');
    const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
    ok(await qr.isVisible(), 'the QR code is drawn');
    const box = await qr.boundingBox();
    ok(box && box.width >= 180, `the QR code is big enough to scan (${JSON.stringify(box)})`);
    const secret = (await page.locator('#pf-secret').innerText()).replace(/\s+/g, '');
    ok(/^[A-Z2-7]{32}$/.test(secret), `the key is shown as base32 (${secret})`);
    await shot(page, 'profile-2fa-setup');
    // a wrong code first
    await page.getByLabel('6-digit code').fill('000000');
    await go(page, () => page.getByRole('button', { name: 'Turn on' }).click());
    await page.locator('#f-code').waitFor({ state: 'visible' });
    eq(await page.locator('[autofocus]').count(), 1, 'one autofocus after a wrong code (the error summary)');
    await shot(page, 'profile-2fa-wrong-code');
    ok((await page.locator('#pf-secret').innerText()).replace(/\s+/g, '') === secret, 'the same key after a wrong code');
    await page.getByLabel('6-digit code').fill(await totp(secret, u));
    await go(page, () => page.getByRole('button', { name: 'Turn on' }).click());
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    const codes = (await page.locator('.pf-codes code').allInnerTexts()).map(s => s.trim());
    eq(codes.length, 10, 'ten recovery codes');
    ok(codes.every(c => /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(c)), `codes look right (${codes[0]})`);
    await shot(page, 'profile-recovery-codes');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download as text' }).click(),
    ]);
    eq(download.suggestedFilename(), 'steward-recovery-codes.txt', 'download file name');
    const text = fs.readFileSync(await download.path(), 'utf8');
    ok(codes.every(c => text.includes(c)) && text.includes(u.email), 'the download holds every code and the email');
    u.codes = codes;
    u.secret = secret;
    await go(page, () => page.getByRole('link', { name: 'I saved them' }).click());
    const tfaCard = card(page, /2-step verification/);
    ok((await tfaCard.innerText()).includes('On'), '2-step verification shows On');
    ok((await tfaCard.innerText()).includes('10 of 10 unused'), 'ten recovery codes unused');
    await shot(page, 'profile-2fa-on');
    ok(mailsTo(u.email).some(m => /turned on/.test(m.text)), 'a notice mail was sent');
    // sign out, sign in: the second step
    await page.locator('header summary.avatar').click();
    await go(page, () => page.locator('header .menu-panel').getByRole('button', { name: 'Sign out' }).click());
    await passwordStep(page, u);
    eq(new URL(page.url()).pathname, '/login/verify', 'the password leads to the second step');
    await page.getByRole('heading', { name: '2-step verification' }).waitFor();
    ok((await page.locator('main').innerText()).includes(u.email), 'the step names the login');
    await shot(page, 'profile-verify');
    eq(await page.evaluate(() => document.activeElement.id), 'vf-code', 'the code field has the focus');
    eq(await page.locator('[autofocus]').count(), 1, 'one autofocus');
    await page.getByLabel('Code').fill('123456');
    await go(page, () => page.getByRole('button', { name: 'Verify' }).click());
    await page.locator('#f-code').waitFor({ state: 'visible' });
    eq(await page.locator('[autofocus]').count(), 1, 'one autofocus after a wrong code');
    ok(await page.getByRole('alert').evaluate(el => el === document.activeElement), 'the error summary has the focus, not the code field');
    eq(await page.getByRole('heading', { level: 1 }).count(), 1, 'one h1 on the step');
    eq(new URL(page.url()).pathname, '/login/verify', 'a wrong code stays on the step');
    await shot(page, 'profile-verify-error');
    await page.getByLabel('Code').fill(await totp(secret, u));
    await go(page, () => page.getByRole('button', { name: 'Verify' }).click());
    eq(new URL(page.url()).pathname, '/settings', 'signed in after the second step');
  } finally { await context.close(); unlock(u.email); }
});

test('profile 4. a recovery code signs in once (phone, no JavaScript); the second time it is refused', async () => {
  const u = fixtures().tfa;
  ok(u.codes && u.codes.length === 10, 'test 3 left recovery codes');
  const { context, page } = await openPage(await browser(), 'profile-recovery',
    { javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true });
  try {
    page.expectStatus = [422];
    await passwordStep(page, u);
    eq(new URL(page.url()).pathname, '/login/verify', 'second step');
    await shot(page, 'profile-verify-phone');
    await page.getByLabel('Code').fill(u.codes[0].toLowerCase());
    await go(page, () => page.getByRole('button', { name: 'Verify' }).click());
    eq(new URL(page.url()).pathname, '/settings', 'a recovery code (typed in lower case) signs in');
    await page.getByRole('status').filter({ hasText: 'recovery code' }).waitFor();
    await context.clearCookies();
    await passwordStep(page, u);
    await page.getByLabel('Code').fill(u.codes[0]);
    await go(page, () => page.getByRole('button', { name: 'Verify' }).click());
    eq(new URL(page.url()).pathname, '/login/verify', 'the used code is refused');
    ok(await page.locator('#f-code').isVisible(), 'with an error');
  } finally { await context.close(); unlock(u.email); }
});

test('profile 5. end a session from one browser and see the other signed out', async () => {
  const u = fixtures().sess;
  const a = await signedIn('profile-sess-a', u);
  const b = await signedIn('profile-sess-b', u, { viewport: { width: 1024, height: 700 } });
  try {
    await a.page.goto('/settings/profile');
    const list = card(a.page, 'Where you are signed in');
    eq(await list.locator('li.pf-session').count(), 2, 'two sessions listed');
    await shot(a.page, 'profile-sessions');
    await go(a.page, () => list.getByRole('button', { name: /^End/ }).click());
    await a.page.getByRole('status').filter({ hasText: 'session was ended' }).waitFor();
    eq(await card(a.page, 'Where you are signed in').locator('li.pf-session').count(), 1, 'one session left');
    await b.page.reload();
    eq(new URL(b.page.url()).pathname, '/login', 'the other browser is signed out');
    await a.page.reload();
    eq(new URL(a.page.url()).pathname, '/settings/profile', 'this browser is still signed in');
  } finally { await a.context.close(); await b.context.close(); }
});

test('profile 6. change the password: a common one is refused with the reason, a good one is taken', async () => {
  const u = fixtures().pw;
  const { context, page } = await signedIn('profile-password', u);
  try {
    page.expectStatus = [422];
    await page.goto('/settings');
    await go(page, () => page.locator('a.entry[href="/settings/password"]').click());
    await page.getByRole('heading', { name: 'Password', level: 1 }).waitFor();
    await page.getByLabel('Current password').fill(u.password);
    await page.getByLabel('New password', { exact: true }).fill('password1234');
    await page.getByLabel('New password again').fill('password1234');
    await go(page, () => page.getByRole('button', { name: 'Change password' }).click());
    const err = page.locator('#f-new_password');
    await err.waitFor({ state: 'visible' });
    ok(/common/.test(await err.innerText()), 'the refusal says the password is common');
    await shot(page, 'profile-password-error');
    const fresh = 'Copper kettle whistles 88';
    await page.getByLabel('Current password').fill(u.password);
    await page.getByLabel('New password', { exact: true }).fill(fresh);
    await page.getByLabel('New password again').fill(fresh);
    await go(page, () => page.getByRole('button', { name: 'Change password' }).click());
    await page.getByRole('status').filter({ hasText: 'Your password was changed' }).waitFor();
    u.password = fresh;
    await shot(page, 'profile-password');
  } finally { await context.close(); }
});

test('profile 7. forgot password without JavaScript: the mailed link sets a new password that signs in', async () => {
  const u = fixtures().pw;
  const { context, page } = await openPage(await browser(), 'profile-forgot', { javaScriptEnabled: false });
  try {
    await page.goto('/login');
    await go(page, () => page.getByRole('link', { name: 'Forgot password?' }).click());
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await shot(page, 'profile-forgot');
    const before = mailsTo(u.email).length;
    await page.getByLabel('Email address').fill(u.email);
    await go(page, () => page.getByRole('button', { name: 'Send the link' }).click());
    eq(new URL(page.url()).pathname, '/login', 'back on the sign-in page');
    ok(await page.getByRole('status').filter({ hasText: 'on its way' }).isVisible(), 'the flash says a link is on its way');
    const mail = await until(() => { const m = mailsTo(u.email); return m.length > before ? m.find(x => /password\/reset\?token=/.test(x.text)) : null; },
      'the reset mail');
    const link = /(\/password\/reset\?token=[A-Za-z0-9_-]{43})/.exec(mail.text)[1];
    await page.goto(link);
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await shot(page, 'profile-reset');
    const fresh = 'Walnut harbor lantern 31';
    await page.getByLabel('New password', { exact: true }).fill(fresh);
    await page.getByLabel('New password again').fill(fresh);
    await go(page, () => page.getByRole('button', { name: 'Set password' }).click());
    eq(new URL(page.url()).pathname, '/login', 'back on the sign-in page');
    u.password = fresh;
    await passwordStep(page, u);
    eq(new URL(page.url()).pathname, '/settings', 'the new password signs in');
    page.expectStatus = [404];
    await page.goto(link);
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    await shot(page, 'profile-reset-used');
  } finally { await context.close(); }
});

test('profile 8. an organization that requires 2-step verification takes a member to the set-up right after sign-in', async () => {
  const org = newOrg('R');
  sql(`UPDATE organization SET require_2fa = TRUE WHERE id = ${Number(org.org)}`);
  const u = addUser(org, 'member', 'req', 'Rita Required');
  const { context, page } = await openPage(await browser(), 'profile-required');
  try {
    await passwordStep(page, u);
    eq(new URL(page.url()).pathname, '/settings/profile/2fa', 'the set-up right after sign-in');
    ok(await page.getByRole('status').filter({ hasText: 'requires 2-step verification' }).isVisible(), 'says why');
    await page.goto('/settings');
    eq(new URL(page.url()).pathname, '/settings/profile/2fa', 'nothing else opens');
    await shot(page, 'profile-required');
    await go(page, () => page.getByRole('button', { name: 'Show the QR code' }).click());
    const secret = (await page.locator('#pf-secret').innerText()).replace(/\s+/g, '');
    await page.getByLabel('6-digit code').fill(await totp(secret, u));
    await go(page, () => page.getByRole('button', { name: 'Turn on' }).click());
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await page.goto('/settings');
    eq(new URL(page.url()).pathname, '/settings', 'once set up, Account Settings opens');
  } finally { await context.close(); }
});

// The Profile page's index: the links of "On this page" in order, and the
// cards the page shows, each as { id, name } (name: the card's heading).
async function tocAndCards(page) {
  return page.evaluate(() => {
    const nav = document.querySelector('nav[aria-label="On this page"]');
    const links = nav ? [...nav.querySelectorAll('a')].map(a => ({ href: a.getAttribute('href'), text: a.textContent.trim() })) : [];
    const cards = [...document.querySelectorAll('main section.card')]
      .filter(c => c.checkVisibility())
      .map(c => ({ id: c.id, name: (document.getElementById(c.getAttribute('aria-labelledby')) || {}).textContent }));
    return { links, cards };
  });
}

// Follows the index link to card id with the keyboard (focus, Enter) and
// checks what a user notices: the address ends in #id, the card's heading
// is in view below the sticky header, the card is marked as the one
// reached, and Tab goes on from the card (into it, or past it when it
// holds no control), not from the top of the page.
async function followIndexLink(page, id, what) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const link = page.getByRole('navigation', { name: 'On this page' }).locator(`a[href="#${id}"]`);
  await link.focus();
  const ring = await link.evaluate(a => a.matches(':focus-visible') && getComputedStyle(a).outlineStyle !== 'none');
  ok(ring, `${what}: the focused link #${id} shows the focus ring`);
  await page.keyboard.press('Enter');
  await until(async () => (await page.evaluate(() => location.hash)) === `#${id}`, `${what}: the address ends in #${id}`);
  await page.waitForTimeout(100);
  const at = await page.evaluate((id) => {
    const card = document.getElementById(id);
    const h = document.getElementById(card.getAttribute('aria-labelledby'));
    const head = document.querySelector('header.top, .top').getBoundingClientRect().bottom;
    const r = h.getBoundingClientRect();
    const other = [...document.querySelectorAll('main section.card')].find(c => c !== card);
    return {
      headTop: r.top, headBottom: r.bottom, header: head, vh: innerHeight,
      target: card.matches(':target'),
      border: getComputedStyle(card).borderTopColor, otherBorder: getComputedStyle(other).borderTopColor,
    };
  }, id);
  ok(at.headTop >= at.header && at.headBottom <= at.vh,
    `${what}: the heading of #${id} is in view below the header (heading ${Math.round(at.headTop)}-${Math.round(at.headBottom)}, header ends ${at.header}, view ${at.vh})`);
  ok(at.target && at.border !== at.otherBorder, `${what}: #${id} is marked as the card reached (${at.border} vs ${at.otherBorder})`);
  await page.keyboard.press('Tab');
  const next = await page.evaluate((id) => {
    const card = document.getElementById(id);
    const el = document.activeElement;
    const controls = [...card.querySelectorAll('a[href], button:not([disabled]), input:not([type="hidden"]), select, textarea, summary')]
      .filter(c => c.checkVisibility());
    return {
      inside: card.contains(el), after: !!(card.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
      controls: controls.length, what: `${el.tagName.toLowerCase()}#${el.id || ''} ${(el.textContent || '').trim().slice(0, 30)}`,
    };
  }, id);
  ok(next.controls ? next.inside : next.after, `${what}: Tab after #${id} goes on from the card (to ${next.what})`);
}

test('profile 9. "On this page": the index lists exactly the cards shown, each link (keyboard, no JavaScript) brings its card into view; axe clean; light, dark, phone', async () => {
  const f = fixtures();
  const user = f.nav || (f.nav = addUser(f.org, 'agent', 'nav', 'Noor Navigator'));
  const { context, page } = await signedIn('profile-toc', user,
    { javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  try {
    await page.goto('/settings/profile');
    const nav = page.getByRole('navigation', { name: 'On this page' });
    ok(await nav.isVisible(), 'an "On this page" navigation is on the page');
    const box = await nav.boundingBox();
    ok(box.y + box.height < 800, `the index is in the first screen (ends at ${Math.round(box.y + box.height)}px)`);
    ok(await nav.evaluate(n => n.compareDocumentPosition(document.querySelector('main section.card')) & Node.DOCUMENT_POSITION_FOLLOWING),
      'the index comes before the first card');
    const { links, cards } = await tocAndCards(page);
    eq(cards.length, 6, `the Profile page shows six cards (${cards.map(c => c.id).join(', ')})`);
    eq(links.map(l => l.href).join(' '), cards.map(c => `#${c.id}`).join(' '),
      'the index links to exactly the cards shown, in their order');
    eq(links.map(l => l.text).join(' | '), 'Details | Sign-in email | 2-step verification | Passkeys | Sessions | API tokens',
      'the links are named for their cards');
    ok(cards.every(c => c.name && c.name.trim()), 'every card is a region named by its heading');
    ok(box.height < 60, `at 1280 px the index is one row (${Math.round(box.height)}px)`);
    await shot(page, 'profile-toc-nojs', false);
    for (const c of cards) await followIndexLink(page, c.id, '1280 px, no JavaScript');
    await shot(page, 'profile-toc-api-tokens', false);
    // a mouse click does the same
    await page.evaluate(() => window.scrollTo(0, 0));
    await nav.getByRole('link', { name: 'Passkeys' }).click();
    await until(async () => (await page.evaluate(() => location.hash)) === '#passkeys', 'a click follows the link');
    const top = await page.getByRole('region', { name: /^Passkeys/ }).evaluate(c => c.getBoundingClientRect().top);
    ok(top >= 56 && top < 200, `the clicked card is at the top, below the header (${Math.round(top)}px)`);
    await shot(page, 'profile-toc-passkeys', false);
    // a shared address opens at its card
    await page.goto('/settings/profile#sessions');
    const s = await page.getByRole('region', { name: 'Where you are signed in' }).evaluate(c => c.getBoundingClientRect().top);
    ok(s >= 56 && s < 200, `/settings/profile#sessions opens at the sessions card (${Math.round(s)}px)`);
  } finally { await context.close(); }
  for (const mode of [
    { key: 'light', options: { viewport: { width: 1280, height: 800 }, colorScheme: 'light' } },
    { key: 'dark', options: { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' } },
    { key: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'light' } },
    { key: 'phone-dark', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'dark' } },
  ]) {
    const p = await signedIn(`profile-toc-${mode.key}`, user, mode.options);
    try {
      await p.page.goto('/settings/profile');
      const nav = p.page.getByRole('navigation', { name: 'On this page' });
      ok(await nav.isVisible(), `${mode.key}: the index is shown`);
      const geo = await nav.evaluate(n => ({
        sw: document.documentElement.scrollWidth, vw: innerWidth,
        small: [...n.querySelectorAll('a')].filter(a => { const r = a.getBoundingClientRect(); return r.height < 24 || r.width < 24 || r.right > innerWidth; }).length,
      }));
      ok(geo.sw <= geo.vw, `${mode.key}: nothing scrolls sideways (${geo.sw} > ${geo.vw})`);
      eq(geo.small, 0, `${mode.key}: every link is a whole target of at least 24 px inside the screen`);
      const axe = await new AxeBuilder({ page: p.page }).analyze();
      eq(axe.violations.length, 0, `${mode.key}: axe ${axe.violations.map(v => `${v.id} (${v.nodes.map(n => n.target.join(' ')).slice(0, 2).join(', ')})`).join('; ')}`);
      await shot(p.page, `profile-toc-${mode.key}`, false);
      if (mode.key.startsWith('phone')) await followIndexLink(p.page, 'api-tokens', mode.key);
      else await followIndexLink(p.page, 'two-step', mode.key);
      const axe2 = await new AxeBuilder({ page: p.page }).analyze();
      eq(axe2.violations.length, 0, `${mode.key}, a card reached: axe ${axe2.violations.map(v => v.id).join(', ')}`);
      await shot(p.page, `profile-toc-${mode.key}-reached`, false);
    } finally { await p.context.close(); }
  }
});

test('profile 10. (closes this part\'s browser)', async () => {
  if (own) await own.close();
  own = null;
});
