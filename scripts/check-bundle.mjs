#!/usr/bin/env node
// The first load of the web app stays small and compressed (issue 16 item 9: one 1.2 MB chunk was served
// raw). Reads packages/web/dist after `vite build`: the scripts index.html loads before any page
// (entry + modulepreload) must stay under FIRST_LOAD_BR bytes as Brotli, every asset over 1 kB must have its
// .br and .gz copies, and no page may ride in the entry chunk (ECharts, the big pages load with their route).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIRST_LOAD_BR = 600_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'packages/web/dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const first = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const problems = [];
let firstBr = 0;
for (const f of first) {
  const br = path.join(dist, `${f}.br`);
  // Files under 1 kB are not worth compressing: counted as they are.
  firstBr += existsSync(br) ? statSync(br).size : statSync(path.join(dist, f)).size;
}
if (firstBr > FIRST_LOAD_BR) problems.push(`first load is ${firstBr} bytes as Brotli (limit ${FIRST_LOAD_BR})`);
for (const f of readdirSync(path.join(dist, 'assets'))) {
  if (!/\.(js|css)$/.test(f)) continue;
  const p = path.join(dist, 'assets', f);
  if (statSync(p).size >= 1024 && !(existsSync(`${p}.br`) && existsSync(`${p}.gz`))) problems.push(`${f}: no .br/.gz copy`);
}
const entry = first[0] ? readFileSync(path.join(dist, first[0]), 'utf8') : '';
if (/echarts/i.test(entry) && entry.includes('installCanvasRenderer')) problems.push('ECharts is in the entry chunk');
if (problems.length > 0) {
  console.error(`The web build's first load:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`First load: ${first.length} scripts, ${(firstBr / 1024).toFixed(0)} kB as Brotli (limit ${FIRST_LOAD_BR / 1000} kB).`);
