// The CSS components (xslt/static/css/*.css, built into style.css) each
// define their own selectors: a selector defined in two component files is
// a style defined twice, the later file silently winning.  cssDuplicates()
// lists every such selector; run alone it prints them and exits 1:
//   node tests/browser/css_check.mjs

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../xslt/static/css');

// The top-level blocks of a stylesheet without comments: [{ head, body }].
function blocks(text) {
  const out = [];
  text = text.replace(/\/\*[\s\S]*?\*\//g, '');
  let i = 0;
  for (;;) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    let depth = 1, k = open + 1;
    while (depth && k < text.length) {
      if (text[k] === '{') depth++;
      else if (text[k] === '}') depth--;
      k++;
    }
    out.push({ head: text.slice(i, open).trim(), body: text.slice(open + 1, k - 1) });
    i = k;
  }
  return out;
}

// Every selector a file's rules name, at top level or inside @media.
function selectors(text) {
  const out = new Set();
  for (const b of blocks(text)) {
    const rules = b.head.startsWith('@') ? blocks(b.body) : [b];
    for (const r of rules) {
      if (r.head.startsWith('@')) continue;
      for (const s of r.head.split(',')) out.add(s.trim().replace(/\s+/g, ' '));
    }
  }
  return out;
}

// [{ selector, files: [...] }] for each selector in more than one file.
export function cssDuplicates(dir = CSS_DIR) {
  const owners = new Map();
  for (const f of fs.readdirSync(dir).filter(n => n.endsWith('.css')).sort()) {
    for (const s of selectors(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      if (!owners.has(s)) owners.set(s, []);
      owners.get(s).push(f);
    }
  }
  return [...owners].filter(([, files]) => files.length > 1).map(([selector, files]) => ({ selector, files }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dups = cssDuplicates();
  for (const d of dups) console.log(`${d.selector}\t${d.files.join(' ')}`);
  console.log(`${dups.length} selectors defined in more than one component`);
  process.exit(dups.length ? 1 : 0);
}
