#!/usr/bin/env node
// Type-check every package, the tests included (strict TypeScript, no emit).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules/.bin/tsc');
const projects = [
  'packages/contracts/tsconfig.json',
  'packages/clinical/tsconfig.json',
  'packages/server/tsconfig.json',
  'packages/web/tsconfig.json',
  'e2e/tsconfig.json',
  'bench/tsconfig.json',
];
let failed = false;
for (const p of projects) {
  const r = spawnSync(tsc, ['-p', p, '--noEmit'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
