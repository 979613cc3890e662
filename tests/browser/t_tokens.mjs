// Browser tests of the API tokens card of the Profile page (issue 16):
// create a token (name, expiry, a scope), see it once, use it as a script
// would (fetch with Authorization: Bearer), see it listed and no longer
// shown, revoke it and see the script refused; a Member is offered only
// what the role allows; light, phone and dark.  Imported by run.mjs;
// screenshots go to var/screenshots/tokens-*.png.

import { chromium } from 'playwright-core';
import {
  URL_BASE, CHROMIUM, CHROMIUM_ARGS, makeFixtures, signIn,
  test, ok, eq, openPage, shot, luminance,
} from './lib.mjs';

let own;          // this part's browser
let fx;           // organization, account, an Admin and a Member

async function browser() {
  if (!own) own = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return own;
}

function fixtures() {
  if (!fx) fx = makeFixtures(['admin', 'member']);
  return fx;
}

async function go(page, action) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

function card(page) { return page.getByRole('region', { name: 'API tokens' }); }

// GET path as a script with token: the status.
async function scriptGet(token, path) {
  const res = await fetch(URL_BASE + path, { headers: { Authorization: `Bearer ${token}` } });
  return res.status;
}

test('tokens 1. create a token on the Profile page: shown once, works for a script, listed; revoke it and the script is refused', async () => {
  const f = fixtures();
  const { context, page } = await openPage(await browser(), 'tokens-card', { viewport: { width: 1366, height: 900 } });
  try {
    await signIn(page, f.users.admin);
    await page.goto('/settings/profile');
    const c = card(page);
    ok(await c.isVisible(), 'the API tokens card is on the Profile page');
    ok((await c.innerText()).includes('No API tokens yet'), 'an empty list says so');
    await c.getByLabel('Token name').fill('Nightly export');
    await c.getByLabel('Expires').selectOption('30');
    await c.getByRole('checkbox', { name: /users:write/ }).check();
    ok(await c.getByRole('checkbox', { name: /^read/ }).isChecked(), 'read is ticked by default');
    await go(page, () => c.getByRole('button', { name: 'Create token' }).click());
    const secret = (await page.locator('#tk-secret').innerText()).trim();
    ok(/^stw_[a-z2-7]{10}_[A-Za-z0-9_-]{43}$/.test(secret), `the token is shown (${secret.slice(0, 16)}…)`);
    ok((await page.getByRole('status').allInnerTexts()).some(t => /shown only this once/.test(t)),
      'the page says it is shown once');
    await shot(page, 'tokens-created');
    eq(await scriptGet(secret, '/api/settings/users'), 200, 'a script lists the users with it');
    eq(await scriptGet(secret, '/api/settings/billing'), 403, 'billing is outside its scopes');

    await page.goto('/settings/profile');
    ok(!(await page.content()).includes(secret.slice(15)), 'the token is not shown again');
    const row = card(page).getByRole('row', { name: /Nightly export/ });
    ok(await row.isVisible(), 'the token is listed');
    const rowText = await row.innerText();
    ok(rowText.includes('read users:write') && rowText.includes(secret.slice(0, 14)),
      `its scopes and prefix are listed (${rowText.replace(/\s+/g, ' ')})`);
    ok(/127\.0\.0\.1/.test(rowText), 'its last use (address) is listed');
    await shot(page, 'tokens-list');

    await go(page, () => row.getByRole('button', { name: /Revoke/ }).click());
    ok((await page.locator('.flash').innerText()).includes('was revoked'), 'a flash says it was revoked');
    eq(await card(page).getByRole('row', { name: /Nightly export/ }).count(), 0, 'the token is gone from the list');
    eq(await scriptGet(secret, '/api/settings/users'), 401, 'the script is refused after the revoke');
  } finally {
    await context.close();
  }
});

test('tokens 2. a bad name keeps the form with its error; a Member is offered read only; phone and dark', async () => {
  const f = fixtures();
  const { context, page } = await openPage(await browser(), 'tokens-member',
    { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  try {
    await signIn(page, f.users.member);
    await page.goto('/settings/profile');
    const c = card(page);
    eq(await c.getByRole('checkbox').count(), 1, 'one scope offered to a Member');
    ok(await c.getByRole('checkbox', { name: /^read/ }).isVisible(), 'and it is read');
    eq(await c.locator('option[value="never"]').count(), 0, 'no "never" for a Member');
    await c.getByRole('checkbox', { name: /^read/ }).uncheck();
    await c.getByLabel('Token name').fill('no scope');
    page.expectStatus.push(422);
    await go(page, () => c.getByRole('button', { name: 'Create token' }).click());
    ok((await page.locator('.error-summary').innerText()).includes('at least one scope'),
      'the error summary names the missing scope');
    eq(await card(page).getByLabel('Token name').inputValue(), 'no scope', 'the name is kept');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    ok(width <= 390, `nothing scrolls sideways at 390 px (${width})`);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    ok(luminance(bg) < 0.2, `dark page (${bg})`);
    await shot(page, 'tokens-phone-dark');
  } finally {
    await context.close();
    if (own) { await own.close(); own = null; }
  }
});
