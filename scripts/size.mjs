// First-load JavaScript, gzip: what index.html pulls in before any user action.
// Fails when mermaid or elkjs code is in it, or when the total is over the budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// 150 KB until the scenario schema gained volumes, Kafka retention, block timings and measurements,
// which a saved scenario must be checked against before the first render: 152 KB since then.
const BUDGET_KB = 152;
const dist = 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = new Set();
for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) files.add(m[1]);
for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) files.add(m[1]);
const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);

// Markers found only in those libraries' code, never in ours.
const HEAVY = [
  { name: 'mermaid', marker: 'Syntax error in text' },
  { name: 'elkjs', marker: 'org.eclipse.elk' },
];

let total = 0;
const rows = [];
const problems = [];
for (const f of files) {
  const text = readFileSync(join(dist, f.replace(/^\//, '')));
  const gz = gzipSync(text, { level: 9 }).length;
  total += gz;
  rows.push([f, text.length, gz]);
  for (const h of HEAVY) if (text.includes(h.marker)) problems.push(`${h.name} is in the first load (${f})`);
}
let cssTotal = 0;
for (const f of css)
  cssTotal += gzipSync(readFileSync(join(dist, f.replace(/^\//, ''))), { level: 9 }).length;

for (const [f, raw, gz] of rows)
  console.log(`${f}  ${(raw / 1024).toFixed(1)} KB raw  ${(gz / 1024).toFixed(1)} KB gzip`);
console.log(
  `first-load JS: ${(total / 1024).toFixed(1)} KB gzip in ${rows.length} file(s) (budget ${BUDGET_KB} KB)`,
);
console.log(`first-load CSS: ${(cssTotal / 1024).toFixed(1)} KB gzip`);
console.log(`mermaid in first load: ${problems.some((p) => p.startsWith('mermaid')) ? 'yes' : 'no'}`);
console.log(`elkjs in first load: ${problems.some((p) => p.startsWith('elkjs')) ? 'yes' : 'no'}`);
if (total / 1024 > BUDGET_KB)
  problems.push(`first-load JS ${(total / 1024).toFixed(1)} KB is over ${BUDGET_KB} KB`);
if (problems.length) {
  for (const p of problems) console.error(`size: ${p}`);
  process.exit(1);
}
