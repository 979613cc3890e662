// Browser tests of the users part: the Users page (list, filters, a row
// opened to its actions, role change, removal with and without JS), the bulk invite with per-address results,
// invite -> mail -> accept in a second browser -> sign-in with the invited
// role, resend kills the old link, revoke, copy link (JS and no-JS), an
// expired link, the audit log, the role table in the UI, mobile and dark.
// Imported by run.mjs; the tests register with lib.mjs's test() and run
// with the others (problems seen here fail run.mjs's last test too).
// This module launches its own chromium and closes it in its last test.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, CONF, admin, makeFixtures, unlock, mailsTo, rnd, test, ok, eq, until, openPage, shot, luminance, signIn,
  sql,
} from './lib.mjs';

let browser = null;
let fx = null;

// ------------------------------------------------------------------ helpers

async function setup() {
  if (browser) return;
  fx = makeFixtures(['admin', 'creator', 'member', 'agent']);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}


// A page signed in as the fixture user of role (fixtures made at first use).
async function signedIn(label, role, opts = {}) {
  await setup();
  const user = fx.users[role];
  const { context, page } = await openPage(browser, label, opts);
  await signIn(page, user);
  return { context, page };
}

async function submit(page, locator) {
  const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
  return resp;
}

function linkOf(mail) {
  const m = /(https?:\/\/\S+\/invitations\/accept\?token=[A-Za-z0-9_-]{43})/.exec(mail.text);
  return m && m[1];
}

async function mailLink(address) {
  const mails = await until(() => { const m = mailsTo(address); return m.length ? m : null; },
    `a mail to ${address}`);
  return linkOf(mails[mails.length - 1]);
}

function row(page, text) { return page.locator('tbody tr:not(.row-panel)').filter({ hasText: text }); }

// The panel of actions of the open row (one at most).
function panel(page) { return page.locator('tbody tr.row-panel'); }

// Opens a row (its name is a button of the one GET form: the page comes
// back with that row's panel under it) and answers the panel's button.
async function rowAction(page, text, action) {
  await submit(page, row(page, text).locator('td').first().getByRole('button'));
  await panel(page).waitFor();
  return panel(page).getByRole('button', { name: action });
}

// ------------------------------------------------------------------ tests

test('U1. Users page: members with role, status, 2-step, times with offset; filter by role without JavaScript', async () => {
  const { context, page } = await signedIn('users', 'admin', { javaScriptEnabled: false });
  try {
    await page.goto('/settings');
    await Promise.all([page.waitForNavigation(), page.locator('a.entry[href="/settings/users"]').click()]);
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    for (const r of ['admin', 'creator', 'member', 'agent']) {
      ok(await row(page, fx.users[r].email).count() === 1, `${r} listed`);
    }
    const mia = row(page, fx.users.member.email);
    ok((await mia.innerText()).includes('2-step off'), '2-step state shown');
    ok(/\+0[12]:00/.test(await row(page, fx.users.admin.email).locator('td[data-label="Last sign-in"]').innerText()),
      'the last sign-in shows the account offset');
    ok(/^\d{1,2}\s[A-Z][a-z]{2}\s\d{4}$/.test((await mia.locator('td[data-label="Member since"]').innerText()).trim()),
      'member since is a date');
    eq((await mia.locator('td[data-label="Role"]').innerText()).trim(), 'Member', 'the role is shown');
    eq(await page.locator('tbody select, tbody form, tbody details').count(), 0, 'rows carry no form, select or menu');
    await shot(page, 'users');
    await page.getByLabel('Role', { exact: true }).last().selectOption('agent');
    await submit(page, page.getByRole('button', { name: 'Apply' }));
    ok(new URL(page.url()).searchParams.get('role') === 'agent', 'the filter is in the address');
    eq(await page.locator('tbody tr').count(), 1, 'one agent');
    ok(await row(page, fx.users.agent.email).count() === 1, 'the agent is the row');
    await page.getByRole('searchbox', { name: 'Search' }).fill('no-such-person');
    await submit(page, page.getByRole('button', { name: 'Apply' }));
    ok(await page.getByText('Nobody matches.').isVisible(), 'an empty result says so');
    ok(await page.getByRole('link', { name: 'Show everyone' }).isVisible(), 'with the way back to the whole list');
  } finally { await context.close(); }
});

test('U1b. without JavaScript: a row opens with the filter kept; role change and removal work', async () => {
  const { context, page } = await signedIn('users-nojs', 'admin', { javaScriptEnabled: false });
  const email = `nojs-${fx.tag}@example.com`;
  admin(['user-add', email, 'agent', '--account', fx.account, '--name', 'Nora Nojs'], `Pw${rnd(12)}`);
  try {
    await page.goto('/settings/users?role=agent');
    const role = await rowAction(page, email, 'Save role');
    const u = new URL(page.url());
    eq(u.searchParams.get('role'), 'agent', 'opening a row keeps the filter');
    ok(/^\d+$/.test(u.searchParams.get('member') || ''), 'the open row is in the address');
    ok((await panel(page).getByRole('heading').innerText()).includes('Nora Nojs'), 'the panel names the member');
    await shot(page, 'users-row-open');
    await panel(page).getByLabel('Role').selectOption('creator');
    await submit(page, role);
    ok(await page.getByRole('status').filter({ hasText: 'is now Creator' }).isVisible(), 'role change flash');
    eq((await row(page, email).locator('td[data-label="Role"]').innerText()).trim(), 'Creator', 'the new role shows');
    eq(await panel(page).count(), 0, 'the panel is closed after the change');
    await submit(page, await rowAction(page, email, /Remove from/));
    ok(await page.getByRole('status').filter({ hasText: 'was removed' }).isVisible(), 'removal flash');
    eq(await row(page, email).count(), 0, 'no longer listed');
  } finally { await context.close(); }
});

test('U2. bulk invite: a refused address keeps the list and shows a result per address; fixed, two invitations go out', async () => {
  const { context, page } = await signedIn('bulk', 'admin');
  try {
    page.expectStatus = [422];
    await page.goto('/settings/users');
    const a1 = `bulk1-${fx.tag}@example.com`, a2 = `bulk2-${fx.tag}@example.com`;
    const box = page.getByRole('region', { name: 'Invite users' });
    await box.getByLabel('Email addresses').fill(`${a1}\nnot-an-address, ${a2}`);
    await box.getByLabel('Role').selectOption('member');
    const resp = await submit(page, box.getByRole('button', { name: 'Send invitations' }));
    eq(resp.status(), 422, 'a list with a bad address answers 422');
    const results = page.getByRole('region', { name: 'Result per address' });
    ok((await results.innerText()).includes('not-an-address'), 'the bad address is listed');
    ok((await results.innerText()).includes('Enter an address like name@example.com.'), 'with the reason');
    ok((await box.getByLabel('Email addresses').inputValue()).includes('not-an-address'), 'the typed list is kept');
    eq(await box.getByLabel('Email addresses').getAttribute('aria-invalid'), 'true', 'the field is marked invalid');
    eq(mailsTo(a1).length, 0, 'nothing was sent');
    await shot(page, 'users-invite-results');
    await box.getByLabel('Email addresses').fill(`${a1}, ${a2}`);
    await page.locator('details.invite-message summary').click();
    await box.getByLabel('Personal message').fill('Welcome to the team!');
    await submit(page, box.getByRole('button', { name: 'Send invitations' }));
    eq(new URL(page.url()).pathname, '/settings/users', 'back on the Users page');
    const flash = page.getByRole('status').filter({ hasText: 'Invitations sent to 2 people' });
    await flash.waitFor();
    ok(await row(page, a1).count() === 1 && await row(page, a2).count() === 1, 'both listed as invited');
    ok((await row(page, a1).innerText()).includes('Invited'), 'status Invited');
    const m = await until(() => mailsTo(a2)[0], 'the mail');
    ok(m.text.includes('Welcome to the team!') && /multipart\/alternative/.test(m.text), 'the mail has the message and an HTML part');
  } finally { await context.close(); }
});

test('U3. invite -> mail -> accept in a second browser -> the new person is signed in with the invited role, and signs in again later', async () => {
  const { context, page } = await signedIn('invite-accept', 'admin');
  const addr = `newbie-${fx.tag}@example.com`;
  let second;
  try {
    await page.goto('/settings/users');
    const box = page.getByRole('region', { name: 'Invite users' });
    await box.getByLabel('Email addresses').fill(addr);
    await box.getByLabel('Role').selectOption('creator');
    await submit(page, box.getByRole('button', { name: 'Send invitations' }));
    const link = await mailLink(addr);
    ok(link, 'the mail holds the link');
    second = await openPage(browser, 'accept');
    const p2 = second.page;
    p2.expectStatus = [422];
    await p2.goto(link);
    await p2.getByRole('heading', { name: /Join/ }).waitFor();
    ok((await p2.locator('.accept-card').innerText()).includes('Creator'), 'the page names the role');
    eq(await p2.getByLabel('Email address').inputValue(), addr, 'the invited address is shown');
    await shot(p2, 'accept-new');
    await p2.getByLabel('Your name').fill('Nina Newbie');
    await p2.getByLabel('Choose a password').fill('short');
    await p2.getByLabel('Choose a password').evaluate(el => el.removeAttribute('minlength'));
    const r422 = await submit(p2, p2.getByRole('button', { name: 'Create login and join' }));
    eq(r422.status(), 422, 'a short password answers 422');
    ok(await p2.locator('#f-password').isVisible(), 'the password error is shown');
    eq(await p2.getByLabel('Your name').inputValue(), 'Nina Newbie', 'the name is kept');
    await shot(p2, 'accept-error');
    await p2.getByLabel('Choose a password').fill('A long and quiet harbour');
    await submit(p2, p2.getByRole('button', { name: 'Create login and join' }));
    eq(new URL(p2.url()).pathname, '/settings', 'lands on the overview');
    ok(await p2.getByRole('status').filter({ hasText: 'Welcome to Browser app' }).isVisible(), 'a welcome flash');
    await p2.locator('header summary.avatar').click();
    ok((await p2.locator('header .menu-panel.menu-right').innerText()).includes('Creator'), 'signed in as Creator');
    await second.context.close();
    second = await openPage(browser, 'accept-again');
    second.page.expectStatus = [410];
    const again = await second.page.goto(link);
    eq(again.status(), 410, 'the used link answers 410');
    ok(await second.page.getByRole('heading', { name: 'This invitation was already used' }).isVisible(), 'and says so');
    await shot(second.page, 'accept-used');
    await signIn(second.page, { email: addr, password: 'A long and quiet harbour' });
    eq(new URL(second.page.url()).pathname, '/settings', 'the new login signs in');
  } finally {
    await context.close();
    if (second) await second.context.close();
  }
});

test('U4. resend kills the old link (404 page); revoke kills the new one (410 page); an expired link has its own page', async () => {
  const { context, page } = await signedIn('resend', 'admin');
  const addr = `resend-${fx.tag}@example.com`;
  const anon = await openPage(browser, 'resend-anon');
  try {
    anon.page.expectStatus = [404, 410];
    await page.goto('/settings/users');
    const box = page.getByRole('region', { name: 'Invite users' });
    await box.getByLabel('Email addresses').fill(addr);
    await submit(page, box.getByRole('button', { name: 'Send invitations' }));
    const first = await mailLink(addr);
    await shot(page, 'users-invitation');
    const resend = await rowAction(page, addr, /Resend/);
    await shot(page, 'users-invitation-open', false);
    await submit(page, resend);
    ok(await page.getByRole('status').filter({ hasText: 'Invitation sent again' }).isVisible(), 'resend flash');
    const second = await until(() => { const m = mailsTo(addr); return m.length === 2 ? linkOf(m.find(x => !x.text.includes(first.split('token=')[1]))) : null; }, 'a second mail');
    ok(second && second !== first, 'a new link');
    let r = await anon.page.goto(first);
    eq(r.status(), 404, 'the old link answers 404');
    ok(await anon.page.getByRole('heading', { name: 'This invitation link is not valid' }).isVisible(), 'the old link page explains');
    await shot(anon.page, 'accept-invalid');
    r = await anon.page.goto(second);
    eq(r.status(), 200, 'the new link works');
    await submit(page, await rowAction(page, addr, /Revoke/));
    ok(await page.getByRole('status').filter({ hasText: 'revoked' }).isVisible(), 'revoke flash');
    eq(await row(page, addr).count(), 0, 'no longer listed');
    r = await anon.page.goto(second);
    eq(r.status(), 410, 'the revoked link answers 410');
    ok(await anon.page.getByRole('heading', { name: 'This invitation was withdrawn' }).isVisible(), 'and says so');
    // expiry: moved into the past in the database
    const exp = `expired-${fx.tag}@example.com`;
    await box.getByLabel('Email addresses').fill(exp);
    await submit(page, box.getByRole('button', { name: 'Send invitations' }));
    const elink = await mailLink(exp);
    sql(`UPDATE invitation SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE WHERE email = '${exp}'`);
    r = await anon.page.goto(elink);
    eq(r.status(), 410, 'an expired link answers 410');
    ok(await anon.page.getByRole('heading', { name: 'This invitation has expired' }).isVisible(), 'and says so');
    await shot(anon.page, 'accept-expired');
    await page.goto('/settings/users?status=expired');
    ok((await row(page, exp).innerText()).includes('Expired'), 'listed as Expired');
  } finally {
    await context.close();
    await anon.context.close();
  }
});

test('U5. copy link: with JavaScript to the clipboard in place; without, the page shows the link', async () => {
  const { context, page } = await signedIn('copy', 'admin');
  const addr = `copy-${fx.tag}@example.com`;
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/settings/users');
    const box = page.getByRole('region', { name: 'Invite users' });
    await box.getByLabel('Email addresses').fill(addr);
    await submit(page, box.getByRole('button', { name: 'Send invitations' }));
    const link = await mailLink(addr);
    await (await rowAction(page, addr, /Copy link/)).click();
    await page.getByRole('status').filter({ hasText: 'copied to the clipboard' }).waitFor();
    eq(new URL(page.url()).pathname, '/settings/users', 'no navigation');
    eq(await page.evaluate(() => navigator.clipboard.readText()), link, 'the clipboard holds the mailed link');
    await shot(page, 'users-copied');
  } finally { await context.close(); }
  const nojs = await signedIn('copy-nojs', 'admin', { javaScriptEnabled: false });
  try {
    await nojs.page.goto('/settings/users');
    await submit(nojs.page, await rowAction(nojs.page, addr, /Copy link/));
    const lb = nojs.page.getByRole('region', { name: /Invitation link for/ });
    await lb.waitFor();
    ok((await lb.getByLabel('Invitation link').inputValue()).includes('/invitations/accept?token='), 'the link is shown');
    await shot(nojs.page, 'users-link-nojs');
  } finally { await nojs.context.close(); }
});

test('U6. role change and the last Admin; removal ends the member\'s session at once', async () => {
  const { context, page } = await signedIn('roles', 'admin');
  const victim = await signedIn('victim', 'member');
  try {
    page.expectStatus = [422];
    await page.goto('/settings/users');
    const save = await rowAction(page, fx.users.admin.email, 'Save role');
    eq(await panel(page).getByRole('button', { name: /Remove/ }).count(), 0, 'one cannot remove oneself');
    await panel(page).getByLabel('Role').selectOption('member');
    const r = await submit(page, save);
    eq(r.status(), 422, 'demoting the last Admin answers 422');
    ok((await page.getByRole('alert').first().innerText()).includes('last Admin'), 'the reason is shown');
    await shot(page, 'users-last-admin');
    const save2 = await rowAction(page, fx.users.member.email, 'Save role');
    eq(await panel(page).getByLabel('Role').inputValue(), 'member', 'the panel shows the role');
    await panel(page).getByLabel('Role').selectOption('creator');
    await submit(page, save2);
    ok(await page.getByRole('status').filter({ hasText: 'is now Creator' }).isVisible(), 'role change flash');
    eq((await row(page, fx.users.member.email).locator('td[data-label="Role"]').innerText()).trim(), 'Creator', 'the new role shows');
    await submit(page, await rowAction(page, fx.users.member.email, /Remove from/));
    ok(await page.getByRole('status').filter({ hasText: 'was removed' }).isVisible(), 'removal flash');
    eq(await row(page, fx.users.member.email).count(), 0, 'no longer listed');
    await victim.page.reload();
    eq(new URL(victim.page.url()).pathname, '/login', 'the removed member\'s next page is the sign-in');
  } finally {
    await context.close();
    await victim.context.close();
  }
});

test('U7. role table in the UI: a Creator sees the list without role or remove controls; Member and Agent get no Users page', async () => {
  const cr = await signedIn('creator-users', 'creator');
  try {
    const mia = sql(`SELECT id FROM user WHERE email = '${fx.users.member.email}'`);
    await cr.page.goto(`/settings/users?member=${mia}`);
    eq(await row(cr.page, fx.users.member.email).getByRole('button').count(), 0, 'a member\'s row does not open');
    eq(await panel(cr.page).count(), 0, 'no panel for ?member=');
    eq(await cr.page.locator('form[action="/settings/users/role"]').count(), 0, 'no role forms');
    eq(await cr.page.locator('form[action="/settings/users/remove"]').count(), 0, 'no remove forms');
    eq(await cr.page.locator('form[action="/settings/users/invitations/revoke"]').count(), 0, 'no revoke');
    const roles = await cr.page.getByRole('region', { name: 'Invite users' }).getByLabel('Role').locator('option').allInnerTexts();
    eq(roles.join(','), 'Creator,Member,Agent', 'a Creator invites up to Creator');
    await shot(cr.page, 'users-creator');
  } finally { await cr.context.close(); }
  const ag = await signedIn('agent-users', 'agent');
  try {
    ag.page.expectStatus = [403];
    eq(await ag.page.locator('a.entry[href="/settings/users"]').count(), 0, 'no Users entry');
    eq(await ag.page.locator('a.entry[href="/settings/audit-log"]').count(), 0, 'no Audit Log entry');
    const r = await ag.page.goto('/settings/users');
    eq(r.status(), 403, '/settings/users answers 403');
    await ag.page.getByRole('heading', { name: 'Not allowed' }).waitFor();
  } finally { await ag.context.close(); }
});

test('U8. audit log: entries with actor, action, local time; the action filter; CSV download', async () => {
  const { context, page } = await signedIn('audit', 'admin');
  try {
    await page.goto('/settings');
    await Promise.all([page.waitForNavigation(), page.locator('a.entry[href="/settings/audit-log"]').click()]);
    await page.getByRole('heading', { name: 'Audit Log', level: 1 }).waitFor();
    ok(await page.locator('tbody tr').count() > 3, 'entries listed');
    ok(/\+0[12]:00/.test(await page.locator('tbody tr').first().locator('td').first().innerText()), 'times with the offset');
    await page.getByLabel('Action').selectOption('invite');
    await submit(page, page.getByRole('button', { name: 'Apply' }));
    const actions = await page.locator('tbody td[data-label="Action"]').allInnerTexts();
    ok(actions.length > 0 && actions.every(a => a.startsWith('invite.')), `only invite.* (${actions.join(' ')})`);
    await shot(page, 'audit-log');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    eq(dl.suggestedFilename(), 'audit-log.csv', 'the download is audit-log.csv');
    const text = fs.readFileSync(await dl.path(), 'utf8');
    ok(text.startsWith('"Time","Actor name"') && text.includes('\r\n') && text.includes('"invite.send"'), 'CSV content');
  } finally { await context.close(); }
});

test('U9. Users page on a phone and in dark mode: rows as cards, no sideways scrolling, dark surfaces', async () => {
  const m = await signedIn('users-mobile', 'admin',
    { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    await m.page.goto('/settings/users');
    const sw = await m.page.evaluate(() => document.documentElement.scrollWidth);
    ok(sw <= 390, `no horizontal scrolling (scrollWidth ${sw})`);
    const r = await m.page.locator('tbody tr').first().boundingBox();
    ok(r && r.width <= 390, 'a row fits the screen');
    await shot(m.page, 'users-mobile');
    await m.page.goto('/settings/audit-log');
    const sw2 = await m.page.evaluate(() => document.documentElement.scrollWidth);
    ok(sw2 <= 390, `audit log: no horizontal scrolling (scrollWidth ${sw2})`);
    await shot(m.page, 'audit-mobile');
  } finally { await m.context.close(); }
  const d = await signedIn('users-dark', 'admin', { colorScheme: 'dark' });
  try {
    await d.page.goto('/settings/users');
    const bg = await d.page.locator('.table-card').evaluate(el => getComputedStyle(el).backgroundColor);
    ok(luminance(bg) < 0.15, `the table is dark (${bg})`);
    await shot(d.page, 'users-dark');
  } finally { await d.context.close(); }
});

test('U10. keyboard: a row opens with Enter, focus lands in its panel, its actions are reachable, focus is visible', async () => {
  const { context, page } = await signedIn('users-keyboard', 'admin');
  try {
    await page.goto('/settings/users');
    const name = row(page, fx.users.agent.email).locator('td').first().getByRole('button');
    await name.focus();
    ok(await name.evaluate(el => document.activeElement === el), 'the row\'s name takes focus');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    await panel(page).waitFor();
    await until(async () => page.evaluate(() => document.activeElement && document.activeElement.id === 'm-role'),
      'focus on the panel\'s role select');
    const stops = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => document.activeElement && document.activeElement.textContent.trim()));
      if (/Remove from/.test(stops[stops.length - 1] || '')) break;
    }
    ok(/Remove from/.test(stops[stops.length - 1] || ''), `Tab reaches the panel's actions (got ${JSON.stringify(stops)})`);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    ok(outline !== 'none', 'focus ring visible');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), panel(page).getByRole('link', { name: 'Close' }).click()]);
    eq(await panel(page).count(), 0, 'Close closes the row');
  } finally {
    await context.close();
    if (browser) { await browser.close().catch(() => {}); browser = null; }
  }
});
