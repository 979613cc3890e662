// Helpers for tests/browser/run.mjs: environment, fixtures made with
// steward-admin, a tiny test runner, assertions, and page bookkeeping
// (console errors, CSP violations, screenshots).

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const URL_BASE = (process.env.STEWARD_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const ADMIN = process.env.STEWARD_ADMIN || 'fcgi/steward-admin';
export const CONF = process.env.STEWARD_CONF || 'var/steward.conf';
export const VAR = process.env.STEWARD_VAR || 'var';
export const MAIL_DIR = path.join(VAR, 'mail');
export const SHOT_DIR = path.join(VAR, 'screenshots');

export const CHROMIUM = process.env.STEWARD_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// ---------------------------------------------------------------- admin

export function admin(args, input) {
  try {
    return execFileSync(ADMIN, ['-c', CONF, ...args], {
      input: input === undefined ? '' : input + '\n',
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 30000,
    }).trim();
  } catch (e) {
    throw new Error(`steward-admin ${args.join(' ')} failed (exit ${e.status}): ${(e.stderr || e.message || '').trim()}`);
  }
}

export function rnd(n = 6) {
  return randomBytes(n).toString('hex');
}

// A password of 24 letters/digits that cannot contain the email's local part
// (which always holds a '-').
function password() {
  return 'Pw' + randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, 'x');
}

// A fresh organization + account + one user per role asked for.
export function makeFixtures(roles = ['admin', 'agent', 'creator']) {
  const tag = rnd(4);
  const out = admin(['org-create', `Browser ${tag}`, '--account-name', 'Browser app',
    '--region', 'eu1', '--timezone', 'Europe/Berlin']);
  const m = /org=(\d+)\s+account=(\S+)/.exec(out);
  if (!m) throw new Error(`org-create printed ${JSON.stringify(out)}`);
  const fx = { tag, org: m[1], account: m[2], users: {} };
  const names = { admin: 'Ada Admin', agent: 'Otto Agent', creator: 'Cleo Creator', member: 'Mia Member' };
  for (const role of roles) {
    const email = `b-${role}-${tag}@example.com`;
    const pw = password();
    admin(['user-add', email, role, '--account', fx.account, '--name', names[role]], pw);
    fx.users[role] = { email, password: pw, name: names[role], role };
  }
  fx.passcode = admin(['passcode-show', '--account', fx.account]);
  if (!fx.passcode) throw new Error('passcode-show printed nothing');
  return fx;
}

export function unlock(email) {
  try { admin(['user-unlock', email, '--ip', '127.0.0.1']); } catch { /* best effort */ }
}

// ---------------------------------------------------------------- session

// One SQL statement on the stack's database (tests only: fixtures and
// checks of what a page changed); its output, trimmed.
export function sql(q) {
  const conf = fs.readFileSync(CONF, 'utf8');
  const get = (k) => (new RegExp(`^\\s*${k}\\s*=\\s*(.*)$`, 'm').exec(conf) || [])[1] || '';
  return execFileSync('mariadb', ['-N', '-B', '-S', get('db_socket'), '-u', get('db_user') || 'steward',
    get('db_name') || 'steward', '-e', q],
  { env: { ...process.env, MYSQL_PWD: get('db_password') }, encoding: 'utf8', timeout: 30000 }).trim();
}

// Signs user in through the form; ends on /settings.  A throttled sign-in
// (other suites fail sign-ins from 127.0.0.1 too) is unlocked and retried
// once; a failure names where it ended and the page's alerts.
export async function signIn(page, user) {
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Sign in' }).click()]);
    if (new URL(page.url()).pathname === '/settings') return;
    unlock(user.email);
  }
  const alert = await page.getByRole('alert').allInnerTexts().catch(() => []);
  throw new Error(`sign-in as ${user.email} ended on ${page.url()} ${JSON.stringify(alert)}`);
}

// Sends records to the ingestion API as fx's account; answers the body.
export async function ingest(fx, records) {
  const res = await fetch(`${URL_BASE}/api/1/upload`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Account-Id': fx.account, 'X-Account-Passcode': fx.passcode },
    body: JSON.stringify({ d: records }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${text}`);
  return text;
}

// ---------------------------------------------------------------- mail

export function mailsTo(address) {
  let names;
  try { names = fs.readdirSync(MAIL_DIR); } catch { return []; }
  const out = [];
  for (const n of names) {
    if (!n.endsWith('.eml')) continue;
    const p = path.join(MAIL_DIR, n);
    let text;
    try { text = fs.readFileSync(p, 'utf8'); } catch { continue; }
    const head = text.split(/\r?\n\r?\n/, 1)[0];
    const to = /^To:(.*(?:\r?\n[ \t].*)*)/mi.exec(head);
    if (to && to[1].toLowerCase().includes(address.toLowerCase())) out.push({ path: p, text });
  }
  return out;
}

// ---------------------------------------------------------------- runner

const tests = [];
export function test(name, fn) { tests.push({ name, fn }); }

// Runs the registered tests in order; with `only`, those whose name starts
// with it (node tests/browser/run.mjs pages).
export async function runAll(only) {
  let passed = 0, failed = 0;
  for (const t of tests) {
    if (only && !t.name.startsWith(only)) continue;
    const t0 = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`ok    ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL  ${t.name} (${Date.now() - t0} ms)`);
      for (const line of String(e && e.stack || e).split('\n').slice(0, 6)) console.log(`        ${line}`);
    }
  }
  return { passed, failed };
}

// ---------------------------------------------------------------- assert

export class AssertionError extends Error {}

export function ok(cond, msg) {
  if (!cond) throw new AssertionError(msg);
}

export function eq(actual, expected, msg) {
  if (actual !== expected) {
    throw new AssertionError(`${msg}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

// Polls fn() until it returns a truthy value (or timeout); returns it.
export async function until(fn, msg, timeout = 5000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try { last = await fn(); } catch (e) { last = undefined; }
    if (last) return last;
    if (Date.now() > end) throw new AssertionError(`timed out: ${msg}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------- pages

// Every console error, page error and CSP violation seen on any page.
export const problems = [];
// Every URL a page landed on (for the report).
export const visited = new Set();

const CSP_HOOK = `
  document.addEventListener('securitypolicyviolation', function (e) {
    console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI +
      ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
`;

// A page in a fresh context, watched for console errors and CSP violations.
// `expectStatus` entries (e.g. 404, 422) are statuses of a main document the
// test asks for on purpose: Chromium logs "Failed to load resource" for them,
// which is not a fault of the page.
export async function openPage(browser, label, contextOptions = {}) {
  const context = await browser.newContext({ baseURL: URL_BASE, ...contextOptions });
  context.setDefaultTimeout(20000);
  context.setDefaultNavigationTimeout(30000);
  await context.addInitScript(CSP_HOOK);
  const page = await context.newPage();
  const docStatus = new Map();
  page.on('response', (res) => {
    if (res.request().resourceType() === 'document' || res.request().resourceType() === 'fetch') {
      docStatus.set(res.url(), res.status());
    }
  });
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) visited.add(f.url()); });
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && !/Content Security Policy|CSP violation/i.test(msg.text())) return;
    const text = msg.text();
    const loc = msg.location() && msg.location().url;
    const m = /Failed to load resource: the server responded with a status of (\d+)/.exec(text);
    if (m && page.expectStatus && page.expectStatus.includes(Number(m[1]))) return;
    problems.push(`[${label}] console ${msg.type()}: ${text}${loc ? ` (${loc})` : ''}`);
  });
  page.on('pageerror', (err) => problems.push(`[${label}] page error: ${err.message}`));
  page.expectStatus = [];
  page.docStatus = docStatus;
  return { context, page };
}

export async function shot(page, name, fullPage = true) {
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  const p = path.join(SHOT_DIR, `${name}.png`);
  await page.screenshot({ path: p, fullPage });
  return p;
}

// Relative luminance (WCAG) of a CSS rgb()/rgba() colour; null if unparsable.
export function luminance(css) {
  const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?/.exec(css || '');
  if (!m) return null;
  const ch = [m[1], m[2], m[3]].map(Number).map(v => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}
