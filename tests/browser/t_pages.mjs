// The page tour: every page, signed in and out, at desktop width in light
// and dark and at phone width (390 px).  On each: axe-core finds no
// violation, nothing scrolls sideways, and a screenshot goes into the
// gallery ($STEWARD_VAR/screenshots/index.html).  Sub-pages share one
// back-link style and one <h1> offset (measured, not assumed).  Imported
// by run.mjs; the tests register themselves and use a browser of their own.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { cssDuplicates } from './css_check.mjs';
import {
  URL_BASE, CHROMIUM, CHROMIUM_ARGS, SHOT_DIR, makeFixtures, unlock, rnd, test, ok, eq, openPage, signIn, ingest,
} from './lib.mjs';

let browser;
let fx;

// The three ways a page is looked at.
const MODES = [
  { key: 'light', label: 'Desktop, light', options: { viewport: { width: 1366, height: 900 }, colorScheme: 'light' } },
  { key: 'dark', label: 'Desktop, dark', options: { viewport: { width: 1366, height: 900 }, colorScheme: 'dark' } },
  { key: 'phone', label: 'Phone (390 px)', options: { viewport: { width: 390, height: 844 }, colorScheme: 'light', isMobile: true, hasTouch: true } },
];

// Every page a signed-in Admin can open (path, gallery name); the invoice
// is added when the account has one.  `sub`: a sub-page of the overview,
// which must show the one back link and the <h1> at the one offset.
const SIGNED_IN = [
  { path: '/settings', name: 'settings' },
  { path: '/settings/users', name: 'users', sub: true },
  { path: '/settings/audit-log', name: 'audit-log', sub: true },
  { path: '/settings/billing', name: 'billing', sub: true },
  { path: '/settings/billing/plan?plan=advanced', name: 'billing-plan', sub: true },
  { path: '/settings/organization', name: 'organization', sub: true },
  { path: '/settings/timezone', name: 'timezone', sub: true },
  { path: '/settings/credentials/rotate', name: 'rotate', sub: true },
  { path: '/settings/profile', name: 'profile', sub: true },
  { path: '/settings/profile/2fa', name: 'profile-2fa', sub: true },
  { path: '/settings/password', name: 'password', sub: true },
  { path: '/settings/events', name: 'events', sub: true },
  { path: '/settings/user-properties', name: 'user-properties', sub: true },
  { path: '/settings/csv-uploads', name: 'csv-uploads', sub: true },
  { path: '/settings/labels', name: 'labels', sub: true },
  { path: '/settings/reports', name: 'reports', sub: true },
  { path: '/settings/reports/edit', name: 'report-new', sub: true },
  { path: '/settings/downloads', name: 'downloads', sub: true },
  { path: '/settings/no-such-page', name: 'not-found', status: 404 },
];

const SIGNED_OUT = [
  { path: '/login', name: 'login' },
  { path: '/password/forgot', name: 'password-forgot' },
  { path: '/password/reset?token=0000', name: 'password-reset-bad' },
  { path: '/invitations/accept?token=0000', name: 'invitation-bad' },
  { path: '/settings/no-such-page', name: 'not-found-signed-out' },
];

// Results of the tour, read by the later tests and the gallery.
const seen = [];        // { name, path, mode, file, violations: [...], back, h1 }

// The browser and the fixtures, made by whichever test runs first.
async function ready() {
  if (browser) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  fx = makeFixtures(['admin', 'member']);
}



// Looks at the current page: axe, sideways scroll, the back link and the
// <h1>, a full-page screenshot.
async function look(page, entry, mode) {
  const axe = await new AxeBuilder({ page }).analyze();
  const geo = await page.evaluate(() => {
    const h1 = document.querySelector('h1');
    const back = document.querySelector('main .crumb a, main .back a, main a.pf-crumb, main a[href="/settings"]');
    const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { top: Math.round(r.top + scrollY), left: Math.round(r.left) }; };
    return {
      sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth,
      h1: box(h1),
      back: back ? { ...box(back), cls: back.closest('.crumb') ? 'crumb' : (back.className || back.parentElement.className || 'plain'),
        font: getComputedStyle(back).fontSize, color: getComputedStyle(back).color } : null,
    };
  });
  const file = `tour-${entry.name}-${mode.key}.png`;
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOT_DIR, file), fullPage: true });
  seen.push({
    name: entry.name, path: entry.path, mode: mode.key, file, sub: !!entry.sub,
    violations: axe.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length,
      target: v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', ') })),
    sideways: geo.sw > geo.cw + 1 ? `${geo.sw} > ${geo.cw}` : '', h1: geo.h1, back: geo.back,
  });
}

// Every form a user can get wrong: the page, the form's action, what is
// typed (name -> value; '' empties it).  Each must answer 422 with the
// error summary focused, "Error:" in the title, and every link of the
// summary reaching the message beside its field.
const BAD_FORMS = [
  { path: '/settings', action: '/settings/users/invite', fill: { email: 'not an address' } },
  { path: '/settings/users', action: '/settings/users/invite', fill: { emails: 'bad@@example' } },
  { path: '/settings/organization', action: '/settings/organization', fill: { name: '', website: 'not a url' } },
  { path: '/settings/timezone', action: '/settings/timezone', fill: { timezone: 'Mars/Olympus' } },
  { path: '/settings/credentials/rotate', action: '/settings/credentials/rotate', fill: { confirm: '' } },
  { path: '/settings/billing', action: '/settings/billing/card', fill: { holder: '', number: '1234' } },
  { path: '/settings/billing', action: '/settings/billing/contact', fill: { name: '', email: 'bad' } },
  { path: '/settings/profile', action: '/settings/profile', fill: { name: '' } },
  { path: '/settings/profile', action: '/settings/profile/email', fill: { email: 'bad' } },
  { path: '/settings/password', action: '/settings/password', fill: { new_password: '' } },
  { path: '/settings/labels', action: '/settings/labels/save', fill: { name: '' } },
  { path: '/settings/reports/edit', action: '/settings/reports/save', fill: { name: '' } },
  { path: '/password/forgot', action: '/password/forgot', fill: { email: 'bad' }, signedOut: true },
];

// Sets the named controls of the form (a <select> gets the option it
// lacks), drops the browser's own checks and submits; returns the status.
async function submitBad(page, action, fill) {
  const form = page.locator(`form[action="${action}"]`).first();
  await form.waitFor({ state: 'attached' });
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    form.evaluate((f, values) => {
      f.noValidate = true;
      for (const [name, value] of Object.entries(values)) {
        for (const el of f.querySelectorAll(`[name="${name}"]`)) {
          if (el.tagName === 'SELECT' && ![...el.options].some(o => o.value === value)) el.add(new Option(value, value));
          el.value = value;
        }
      }
      f.requestSubmit();
    }, fill),
  ]);
  return res ? res.status() : 0;
}

function writeGallery() {
  const esc = (s) => String(s).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  const names = [...new Set(seen.map(s => s.name))];
  let html = '<!doctype html><html lang="en"><meta charset="utf-8"><title>Steward — every page</title>' +
    '<style>body{font:14px system-ui;margin:24px}section{margin:0 0 40px}h2{font-size:16px}' +
    '.row{display:flex;gap:16px;align-items:flex-start}figure{margin:0}figcaption{color:#555;margin:4px 0}' +
    'img{border:1px solid #ccc;max-height:900px}.d img{width:420px}.p img{width:160px}.bad{color:#b00}</style>' +
    `<h1>Every page (${names.length} pages × ${MODES.length} views)</h1>`;
  for (const n of names) {
    const shots = seen.filter(s => s.name === n);
    html += `<section><h2>${esc(n)} <code>${esc(shots[0].path)}</code></h2><div class="row">`;
    for (const s of shots) {
      const v = s.violations.length ? `<span class="bad">${s.violations.map(x => esc(x.id)).join(', ')}</span>` : 'axe: 0 violations';
      html += `<figure class="${s.mode === 'phone' ? 'p' : 'd'}"><figcaption>${esc(MODES.find(m => m.key === s.mode).label)} · ${v}</figcaption>` +
        `<a href="${esc(s.file)}"><img src="${esc(s.file)}" alt="${esc(n)}, ${esc(s.mode)}" loading="lazy"></a></figure>`;
    }
    html += '</div></section>';
  }
  fs.writeFileSync(path.join(SHOT_DIR, 'index.html'), html + '</html>\n');
}

test('pages 0. CSS: no selector is defined in two components (xslt/static/css/)', async () => {
  const dups = cssDuplicates();
  ok(dups.length === 0, `defined twice:\n          ${dups.map(d => `${d.selector} in ${d.files.join(', ')}`).join('\n          ')}`);
});

test('pages 1. tour: every page in light, dark and at 390 px, screenshots in the gallery', async () => {
  await ready();
  const now = Math.floor(Date.now() / 1000);
  await ingest(fx, [
    { identity: `tour-${rnd(3)}`, ts: now - 60, type: 'event', evtName: 'Tour Viewed', evtData: { plan: 'pro', seats: 3 } },
    { identity: `tour-${rnd(3)}`, ts: now - 30, type: 'profile', profileData: { Name: 'Tour', Score: 4 } },
  ]);
  for (const mode of MODES) {
    const { context, page } = await openPage(browser, `tour-${mode.key}`, mode.options);
    try {
      page.expectStatus.push(404);
      for (const e of SIGNED_OUT) {
        await page.goto(e.path);
        await look(page, e, mode);
      }
      await signIn(page, fx.users.admin);
      for (const e of SIGNED_IN) {
        const res = await page.goto(e.path);
        eq(res.status(), e.status || 200, `${e.path} answers`);
        await look(page, e, mode);
      }
    } finally { await context.close(); }
  }
  writeGallery();
  ok(seen.length === (SIGNED_IN.length + SIGNED_OUT.length) * MODES.length, `every page looked at (${seen.length})`);
});

test('pages 2. axe-core: 0 violations on every page, light, dark and 390 px', async () => {
  ok(seen.length > 0, 'the tour looked at pages');
  const bad = seen.filter(s => s.violations.length);
  const total = bad.reduce((n, s) => n + s.violations.length, 0);
  console.log(`        axe: ${total} violations on ${bad.length} of ${seen.length} page views`);
  ok(bad.length === 0, `violations:\n          ${bad.map(s => `${s.name} (${s.mode}): ` +
    s.violations.map(v => `${v.id} ×${v.nodes} [${v.target}]`).join('; ')).join('\n          ')}`);
});

test('pages 3. no page scrolls sideways at 390 px', async () => {
  ok(seen.length > 0, 'the tour looked at pages');
  const bad = seen.filter(s => s.sideways);
  ok(bad.length === 0, `scrolls sideways: ${bad.map(s => `${s.name} (${s.mode}) ${s.sideways}`).join(', ')}`);
});

test('pages 5. every refused form: the error summary, focused, "Error:" title, links that reach their fields', async () => {
  await ready();
  const bad = [];
  for (const signedOut of [true, false]) {
    const { context, page } = await openPage(browser, `summary-${signedOut ? 'out' : 'in'}`, MODES[0].options);
    page.expectStatus.push(422);
    try {
      if (!signedOut) await signIn(page, fx.users.admin);
      for (const f of BAD_FORMS.filter(x => !!x.signedOut === signedOut)) {
        await page.goto(f.path);
        const status = await submitBad(page, f.action, f.fill);
        const got = await page.evaluate(() => {
          const box = document.querySelector('.error-summary');
          const links = box ? [...box.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1)) : [];
          return {
            box: !!box, role: box && box.getAttribute('role'), focused: !!box && document.activeElement === box,
            title: document.title, items: box ? box.querySelectorAll('li').length : 0,
            missing: links.filter(id => !document.getElementById(id)),
            undescribed: links.filter(id => !document.querySelector(`[aria-describedby~="${id}"][aria-invalid="true"]`)),
          };
        });
        const why = [];
        if (status !== 422) why.push(`status ${status}`);
        if (!got.box) why.push('no error summary');
        else {
          if (got.role !== 'alert') why.push(`role ${got.role}`);
          if (!got.focused) why.push('summary not focused');
          if (got.items < 1) why.push('summary lists nothing');
          if (got.missing.length) why.push(`links to missing #${got.missing.join(', #')}`);
          if (got.undescribed.length) why.push(`no invalid field described by #${got.undescribed.join(', #')}`);
        }
        if (!got.title.startsWith('Error: ')) why.push(`title "${got.title}"`);
        if (why.length) bad.push(`${f.action} on ${f.path}: ${why.join('; ')}`);
        if (f.path === '/settings/organization') {
          await page.screenshot({ path: path.join(SHOT_DIR, 'error-summary-organization.png') });
          // with JavaScript, a link of the summary puts the cursor in its field
          await page.locator('.error-summary a').first().click();
          const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('name'));
          if (focused !== 'name') bad.push(`organization: the summary's first link focused ${focused}, not the name field`);
        }
      }
    } finally { await context.close(); }
  }
  ok(bad.length === 0, `forms:\n          ${bad.join('\n          ')}`);
});

test('pages 6. the settings navigation: what the role may see, the current page marked, folded on phones without script', async () => {
  await ready();
  const nav = (page) => page.getByRole('navigation', { name: 'Settings' });
  for (const [user, expect, absent] of [[fx.users.admin, ['Billing', 'Users', 'Audit Log', 'Labels'], []],
    [fx.users.member, ['Profile', 'Password'], ['Billing', 'Users', 'Audit Log']]]) {
    const { context, page } = await openPage(browser, `nav-${user.role}`, MODES[0].options);
    try {
      await signIn(page, user);
      await page.goto('/settings/profile');
      const links = (await nav(page).getByRole('link').allInnerTexts()).map(t => t.trim());
      for (const t of expect) ok(links.includes(t), `${user.role}: the navigation offers ${t} (has ${links.join(', ')})`);
      for (const t of absent) ok(!links.includes(t), `${user.role}: the navigation hides ${t}`);
      eq(await nav(page).locator('[aria-current="page"]').innerText(), 'Profile', `${user.role}: the current page is marked`);
      ok(await nav(page).getByRole('link', { name: 'Profile' }).isVisible(), `${user.role}: the sidebar is open at 1366 px`);
    } finally { await context.close(); }
  }
  const { context, page } = await openPage(browser, 'nav-phone', { ...MODES[2].options, javaScriptEnabled: false });
  try {
    await signIn(page, fx.users.admin);
    await page.goto('/settings/events');
    const toggle = nav(page).locator('summary');
    ok(await toggle.isVisible(), 'phone: a "Settings" line stands for the navigation');
    ok(/Events/.test(await toggle.innerText()), 'phone: the folded line names the current page');
    ok(!(await nav(page).getByRole('link', { name: 'Labels' }).isVisible()), 'phone: the list is folded');
    await toggle.click();
    ok(await nav(page).getByRole('link', { name: 'Labels' }).isVisible(), 'phone: a tap unfolds it, without script');
    await Promise.all([page.waitForNavigation(), nav(page).getByRole('link', { name: 'Labels' }).click()]);
    eq(new URL(page.url()).pathname, '/settings/labels', 'phone: its links lead to the page');
  } finally { await context.close(); }
});

test('pages 4. one back-link style and one <h1> offset on every sub-page', async () => {
  try {
    for (const mode of ['light', 'phone']) {
      const subs = seen.filter(s => s.sub && s.mode === mode);
      const noBack = subs.filter(s => !s.back || s.back.cls !== 'crumb');
      ok(noBack.length === 0, `${mode}: the breadcrumb back link on ${noBack.map(s => `${s.name} (${s.back ? s.back.cls : 'none'})`).join(', ')}`);
      const tops = new Set(subs.map(s => s.h1 && s.h1.top));
      ok(tops.size === 1, `${mode}: <h1> tops ${JSON.stringify(subs.map(s => [s.name, s.h1 && s.h1.top]))}`);
      const backs = new Set(subs.map(s => `${s.back.top}/${s.back.left}/${s.back.font}`));
      ok(backs.size === 1, `${mode}: back links at ${JSON.stringify(subs.map(s => [s.name, s.back]))}`);
    }
  } finally { await browser.close().catch(() => {}); browser = null; }
});
