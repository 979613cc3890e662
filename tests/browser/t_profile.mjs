// Browser tests of the profile part (issue 4): the Profile page (light,
// dark, phone), details, turning on 2-step verification with a code from
// oathtool (Debian) as a phone app would make it, the recovery codes and
// their download, signing in with the second step, ending a session from
// another browser, changing the password, the reset by mail (without
// JavaScript), and the set-up an organization requires.  Imported by
// run.mjs; screenshots go to var/screenshots/profile-*.png.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
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

test('profile 9. (closes this part\'s browser)', async () => {
  if (own) await own.close();
  own = null;
});
