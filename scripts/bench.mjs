#!/usr/bin/env node
// `npm run bench`: every benchmark in bench/ (not part of npm test). Figures go to docs/performance.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];
const benches = ['startup.ts', 'patient-search.ts', 'stats.ts', 'throughput.ts'].filter((b) => !only || b.startsWith(only));
for (const b of benches) {
  process.stdout.write(`\n=== bench/${b} ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', b)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
