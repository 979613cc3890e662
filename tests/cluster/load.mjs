// tests/cluster/load.mjs — the load of ./steward cluster check.
//
//   node load.mjs run DIR      readers (signed-in GET /settings) and writers
//                              (POST /api/settings/users/invite, one new
//                              address each) against $STEWARD_URL until the
//                              file DIR/stop exists; writes DIR/requests.tsv
//                              (ms, kind, status; 0 = no answer) and
//                              DIR/acked.txt (the addresses whose invitation
//                              was acknowledged: 303)
//   node load.mjs outage DIR   for each fault of DIR/faults.tsv (name, start
//                              ms, end ms) the failed requests between its
//                              start and 3 s after its end, and the outage:
//                              first to last failure (0 when none failed)
//
// Environment: STEWARD_URL, LOAD_COOKIE (Cookie header), LOAD_CSRF,
// LOAD_TAG (part of every address), LOAD_READERS (6), LOAD_WRITERS (2).
import fs from 'node:fs';
import path from 'node:path';

const [mode, dir] = process.argv.slice(2);

async function run() {
  const url = process.env.STEWARD_URL;
  const cookie = process.env.LOAD_COOKIE;
  const csrf = process.env.LOAD_CSRF;
  const tag = process.env.LOAD_TAG;
  const readers = Number(process.env.LOAD_READERS || 6);
  const writers = Number(process.env.LOAD_WRITERS || 2);
  const stopFile = path.join(dir, 'stop');
  const log = [];
  const acked = [];
  let stop = false;
  const timer = setInterval(() => { if (fs.existsSync(stopFile)) stop = true; }, 100);

  // one request: its status (0 when nothing came back), logged
  async function req(kind, target, init) {
    const t = Date.now();
    let status = 0;
    try {
      const res = await fetch(url + target, { ...init, redirect: 'manual', signal: AbortSignal.timeout(10000) });
      status = res.status;
      await res.arrayBuffer();
    } catch { status = 0; }
    log.push(`${t}\t${kind}\t${status}`);
    return status;
  }

  async function reader() {
    while (!stop) await req('GET', '/settings', { headers: { cookie } });
  }

  async function writer(w) {
    for (let i = 0; !stop; i++) {
      const email = `cl-${tag}-${w}-${i}@example.com`;
      const body = new URLSearchParams({ email, role: 'member', csrf });
      const status = await req('POST', '/api/settings/users/invite', {
        method: 'POST', body,
        headers: { cookie, origin: url, 'content-type': 'application/x-www-form-urlencoded' },
      });
      if (status === 303) acked.push(email);
    }
  }

  const tasks = [];
  for (let i = 0; i < readers; i++) tasks.push(reader());
  for (let w = 0; w < writers; w++) tasks.push(writer(w));
  await Promise.all(tasks);
  clearInterval(timer);
  fs.writeFileSync(path.join(dir, 'requests.tsv'), log.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'acked.txt'), acked.join('\n') + (acked.length ? '\n' : ''));
}

// "fault<TAB>failed GETs<TAB>failed POSTs<TAB>outage ms<TAB>requests" a line
function outage() {
  const rows = fs.readFileSync(path.join(dir, 'requests.tsv'), 'utf8').trim().split('\n')
    .map((l) => l.split('\t')).map(([t, kind, status]) => ({ t: Number(t), kind, status: Number(status) }));
  const faults = fs.readFileSync(path.join(dir, 'faults.tsv'), 'utf8').trim().split('\n')
    .map((l) => l.split('\t'));
  for (const [name, start, end] of faults) {
    const from = Number(start), to = Number(end) + 3000;
    const inside = rows.filter((r) => r.t >= from && r.t <= to);
    const failed = inside.filter((r) => !(r.status >= 200 && r.status < 400));
    const span = failed.length ? Math.max(...failed.map((r) => r.t)) - Math.min(...failed.map((r) => r.t)) : 0;
    const gets = failed.filter((r) => r.kind === 'GET').length;
    console.log([name, gets, failed.length - gets, span, inside.length].join('\t'));
  }
}

if (mode === 'run') await run();
else if (mode === 'outage') outage();
else { console.error('usage: load.mjs run|outage DIR'); process.exit(1); }
