// Browser tests of passkeys (issue 17) at http://localhost:PORT (browsers
// refuse WebAuthn on an IP address): chromium's virtual authenticator over
// CDP (WebAuthn.addVirtualAuthenticator: ctap2, internal transport, a
// resident key, user verification) registers a passkey on the Profile
// page, signs in without a password, serves as the second step and meets
// the organization's 2-step rule; a removed passkey and a browser without
// the credential are refused; without JavaScript the pages say so.
// Imported by run.mjs; screenshots go to var/screenshots/passkeys-*.png.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import {
  URL_BASE, CHROMIUM, CHROMIUM_ARGS, CONF, admin, rnd, unlock, mailsTo,
  test, ok, eq, until, openPage, shot,
  sql,
} from './lib.mjs';

// The stack by name: 127.0.0.1 becomes localhost (same port).
const LOCAL = URL_BASE.replace('://127.0.0.1', '://localhost');

let own;          // this part's browser
let org;          // organization, account
const users = {};

async function browser() {
  if (!own) own = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return own;
}

function newOrg() {
  const tag = rnd(4);
  const out = admin(['org-create', `Passkeys ${tag}`, '--account-name', 'Passkeys app',
    '--region', 'eu1', '--timezone', 'Europe/Berlin']);
  const m = /org=(\d+)\s+account=(\S+)/.exec(out);
  if (!m) throw new Error(`org-create printed ${JSON.stringify(out)}`);
  return { tag, org: m[1], account: m[2] };
}

function addUser(label, name) {
  const email = `pk-${label}-${org.tag}@example.com`;
  const password = 'Pk' + rnd(10) + ' harbour lantern';
  admin(['user-add', email, 'admin', '--account', org.account, '--name', name], password);
  return { email, password, name };
}

async function go(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

// A page at localhost with a virtual platform authenticator (or none).
// The virtual authenticator answers the sign-in page's autofill request
// (conditional mediation) at once, as if the person picked the passkey
// from the email field's suggestions; noAutofill: the person ignores them.
async function pageWithAuthenticator(label, withAuthenticator = true, opts = {}, noAutofill = false) {
  const { context, page } = await openPage(await browser(), label, { baseURL: LOCAL, ...opts });
  if (noAutofill) {
    await context.addInitScript(() => {
      if (window.PublicKeyCredential) PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);
    });
  }
  if (withAuthenticator) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2', transport: 'internal', hasResidentKey: true,
        hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true,
      },
    });
    page.authenticator = { cdp, id: authenticatorId };
  }
  return { context, page };
}

async function credentials(page) {
  const { credentials: list } = await page.authenticator.cdp.send('WebAuthn.getCredentials',
    { authenticatorId: page.authenticator.id });
  return list;
}

async function passwordStep(page, user) {
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await go(page, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
    if (new URL(page.url()).pathname !== '/login') return;
    unlock(user.email);
  }
  throw new Error(`sign-in as ${user.email} ended on ${page.url()}`);
}

async function signOut(page) {
  await page.locator('header summary').last().click();
  await go(page, () => page.locator('header .menu-panel').getByRole('button', { name: 'Sign out' }).click());
  eq(new URL(page.url()).pathname, '/login', 'signed out');
}

function card(page) { return page.getByRole('region', { name: /^Passkeys/ }); }

async function addPasskey(page, name) {
  await page.goto('/settings/profile');
  await card(page).getByLabel('Device').fill(name);
  await go(page, () => card(page).getByRole('button', { name: 'Add a passkey' }).click());
}

// The passkey button of /login or /login/verify.
async function usePasskey(page) {
  await go(page, () => page.getByRole('button', { name: 'Use a passkey' }).click());
}

// ------------------------------------------------------------------ tests

test('passkeys 1. add a passkey on the Profile page (mailed, audited), sign out, sign in without the password', async () => {
  org = newOrg();
  users.ann = addUser('ann', 'Ann Passkey');
  const { context, page } = await pageWithAuthenticator('passkeys-add');
  try {
    await passwordStep(page, users.ann);
    eq(new URL(page.url()).origin, LOCAL, 'the stack answers at localhost');
    await page.goto('/settings/profile');
    ok(await card(page).getByText('You have no passkeys yet.').isVisible(), 'the card starts empty');
    await card(page).scrollIntoViewIfNeeded();
    await shot(page, 'passkeys-profile-empty');

    await addPasskey(page, 'Work laptop');
    eq(new URL(page.url()).pathname, '/settings/profile', 'back on the profile');
    ok(await page.getByText('Passkey “Work laptop” added.').isVisible(), 'the flash names it');
    const row = card(page).locator('.pk-item');
    eq(await row.count(), 1, 'one passkey listed');
    ok((await row.innerText()).includes('Work laptop'), 'by its name');
    ok((await row.innerText()).includes('Last used never'), 'never used yet');
    eq((await credentials(page)).length, 1, 'the authenticator holds one credential (resident)');
    await until(() => mailsTo(users.ann.email).some(m => /A passkey was added/.test(m.text)),
      'a mail tells the owner a passkey was added');
    eq(sql(`SELECT COUNT(*) FROM audit_log a JOIN user u ON u.id = a.actor_id WHERE u.email = '${users.ann.email}' AND a.action = 'passkey.add'`),
      '1', 'passkey.add audited');
    const api = await page.evaluate(() => fetch('/api/settings/profile').then(r => r.text()));
    ok(/<passkey id="\d+" name="Work laptop"/.test(api), '/api/settings/profile lists it');
    ok(!/public_key|cred_id|credential/.test(api), 'no key material in the API');
    await card(page).scrollIntoViewIfNeeded();
    await shot(page, 'passkeys-profile-added');

    await signOut(page);
    // the email field's autofill offers the passkey; picking it signs in
    await page.waitForURL('**/settings');
    eq(new URL(page.url()).pathname, '/settings', 'signed in with the passkey alone (autofill)');
    eq(sql(`SELECT COUNT(*) FROM audit_log a JOIN user u ON u.id = a.actor_id WHERE u.email = '${users.ann.email}' AND a.action = 'login.passkey'`),
      '1', 'login.passkey audited');
    await page.goto('/settings/profile');
    ok(!(await card(page).locator('.pk-item').innerText()).includes('Last used never'), 'last use shown');
  } finally { await context.close(); }
});

test('passkeys 2. the button signs in too; with the organization requiring 2-step the password is followed by the passkey, and the rule is met', async () => {
  users.bob = addUser('bob', 'Bob Second');
  const { context, page } = await pageWithAuthenticator('passkeys-step', true, {}, true);
  try {
    await passwordStep(page, users.bob);
    await addPasskey(page, 'Phone');
    await signOut(page);
    await shot(page, 'passkeys-login');
    await usePasskey(page);
    eq(new URL(page.url()).pathname, '/settings', '"Use a passkey" signs in without the password');
    await signOut(page);
    sql(`UPDATE organization SET require_2fa = TRUE WHERE id = ${Number(org.org)}`);
    await passwordStep(page, users.bob);
    eq(new URL(page.url()).pathname, '/login/verify', 'the password alone is not enough');
    ok(await page.getByRole('button', { name: 'Use a passkey' }).isVisible(), 'the passkey is offered');
    eq(await page.locator('#vf-code').count(), 0, 'no code field: Bob has no authenticator app');
    await shot(page, 'passkeys-verify');
    await usePasskey(page);
    eq(new URL(page.url()).pathname, '/settings', 'the passkey was the second step; no 2-step set-up is forced');
    eq(sql(`SELECT COUNT(*) FROM audit_log a JOIN user u ON u.id = a.actor_id WHERE u.email = '${users.bob.email}' AND a.action = 'login.passkey-step'`),
      '1', 'login.passkey-step audited');
  } finally {
    sql(`UPDATE organization SET require_2fa = FALSE WHERE id = ${Number(org.org)}`);
    await context.close();
  }
});

test('passkeys 3. rename, then remove with the password; the removed passkey no longer signs in', async () => {
  users.cy = addUser('cy', 'Cy Remove');
  const { context, page } = await pageWithAuthenticator('passkeys-remove', true, {}, true);
  page.expectStatus = [422];	// a wrong password, then the removed passkey: refused on purpose
  try {
    await passwordStep(page, users.cy);
    await addPasskey(page, 'Old key');
    const row = card(page).locator('.pk-item');
    await row.getByText('Rename or remove').click();
    await row.getByLabel('New name').fill('Desk key');
    await go(page, () => row.getByRole('button', { name: 'Rename' }).click());
    ok((await card(page).locator('.pk-item').innerText()).includes('Desk key'), 'renamed');

    await card(page).locator('.pk-item').getByText('Rename or remove').click();
    await card(page).locator('.pk-item').getByLabel('Current password').fill('not the password');
    await go(page, () => card(page).getByRole('button', { name: 'Remove passkey' }).click());
    ok(await page.getByRole('alert').filter({ hasText: 'The password is not correct.' }).isVisible(),
      'a wrong password is refused');
    eq(await card(page).locator('.pk-item').count(), 1, 'still there');
    await card(page).scrollIntoViewIfNeeded();
    await shot(page, 'passkeys-remove-refused');
    await card(page).locator('.pk-item').getByLabel('Current password').fill(users.cy.password);
    await go(page, () => card(page).getByRole('button', { name: 'Remove passkey' }).click());
    ok(await page.getByText('Passkey “Desk key” removed.').isVisible(), 'removed, with a flash');
    eq(await card(page).locator('.pk-item').count(), 0, 'the list is empty');

    await signOut(page);
    await usePasskey(page);
    eq(new URL(page.url()).pathname, '/login/passkey', 'the removed passkey does not sign in (the refusal is drawn where the form posted)');
    ok(await page.getByRole('alert').filter({ hasText: 'That passkey did not sign you in' }).isVisible(),
      'the same answer as for any refused passkey');
    await shot(page, 'passkeys-refused');
  } finally { await context.close(); }
});

test('passkeys 4. a browser whose authenticator holds no passkey for the site is refused, and says so', async () => {
  const { context, page } = await pageWithAuthenticator('passkeys-other', true, {}, true);
  try {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    const status = page.locator('.pk-signin .pk-status');
    await until(async () => (await status.innerText()).includes('No passkey was used'),
      'the page says no passkey was used');
    eq(new URL(page.url()).pathname, '/login', 'still signed out');
    await shot(page, 'passkeys-no-credential');
  } finally { await context.close(); }
});

test('passkeys 5. without JavaScript the sign-in and Profile pages say passkeys need it; the password still works', async () => {
  const { context, page } = await pageWithAuthenticator('passkeys-nojs', false, { javaScriptEnabled: false });
  page.expectStatus = [422];	// the add form posted without the browser's answer: refused on purpose
  try {
    await page.goto('/login');
    ok(await page.getByText('Passkeys need JavaScript').isVisible(), 'the sign-in page says so');
    await shot(page, 'passkeys-login-nojs');
    await passwordStep(page, users.ann);
    eq(new URL(page.url()).pathname, '/settings', 'the password path stays');
    await page.goto('/settings/profile');
    ok(await card(page).getByText('Passkeys need JavaScript').isVisible(), 'the card says so');
    await card(page).getByLabel('Device').fill('No script');
    await go(page, () => card(page).getByRole('button', { name: 'Add a passkey' }).click());
    ok(await page.getByRole('alert').filter({ hasText: 'Your browser did not make a passkey' }).isVisible(),
      'posting the form anyway gets a plain answer');
    await card(page).scrollIntoViewIfNeeded();
    await shot(page, 'passkeys-profile-nojs');
  } finally { await context.close(); }
});

test('passkeys 6. (closes this part\'s browser)', async () => {
  if (own) await own.close();
  own = null;
});
