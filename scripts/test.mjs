#!/usr/bin/env node
// `npm test`: type-check, lint and every test tier, in that order, stopping at the first failure.
// Tiers: small + web (vitest), medium on PGlite, medium on PostgreSQL (TEST_DATABASE_URL, or a local
// server found or installed here), e2e in Debian's Chromium. A tier that cannot run here is named loudly.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureNode22, ensurePostgres } from './test-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const skipped = [];
const ran = [];

function step(title, cmd, args, env = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${title} ===\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (r.status !== 0) {
    process.stdout.write(`\n✗ ${title} failed (${secs} s)\n`);
    summary();
    process.exit(r.status ?? 1);
  }
  ran.push(`${title} (${secs} s)`);
}

function summary() {
  process.stdout.write('\n=== npm test summary ===\n');
  for (const r of ran) process.stdout.write(`  ✓ ${r}\n`);
  for (const s of skipped) process.stdout.write(`  !! NOT RUN: ${s}\n`);
}

/**
 * Independent steps side by side, as many at a time as there are cores (each is one single-threaded process):
 * their output is kept and printed whole, in the listed order, as each ends; any failure stops `npm test` after
 * the others have ended.
 */
async function together(steps) {
  const cores = Math.max(2, os.availableParallelism());
  const started = Date.now();
  const results = new Array(steps.length);
  let next = 0;
  let printed = 0;
  const flush = () => {
    while (printed < steps.length && results[printed]) {
      const [title] = steps[printed];
      const r = results[printed];
      process.stdout.write(`\n=== ${title} ===\n${r.output}`);
      printed += 1;
    }
  };
  const runOne = async () => {
    while (next < steps.length) {
      const i = next++;
      const [, cmd, args] = steps[i];
      const t0 = Date.now();
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const status = await new Promise((resolve) => {
        child.on('error', (e) => ((output += `${e}\n`), resolve(1)));
        child.on('close', (code) => resolve(code));
      });
      results[i] = { output, status, secs: ((Date.now() - t0) / 1000).toFixed(0) };
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(cores, steps.length) }, runOne));
  const failed = steps.filter((_, i) => results[i].status !== 0).map(([title]) => title);
  steps.forEach(([title], i) => {
    if (results[i].status === 0) ran.push(`${title} (${results[i].secs} s)`);
  });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (failed.length > 0) {
    process.stdout.write(`\n✗ ${failed.join(', ')} failed (${secs} s for the group)\n`);
    summary();
    process.exit(1);
  }
  ran.push(`(${steps.map(([title]) => title).join(' + ')}: side by side, ${secs} s)`);
}

step('dependencies run on the stated Node', process.execPath, [path.join(root, 'scripts/check-engines.mjs')]);
// The server bundle the process and browser tiers start, as `npm start` does (ADR 0017): built once, fresh.
step('server bundle builds', process.execPath, [path.join(root, 'scripts/build-server.mjs'), '--force']);
await together([
  ['type-check', process.execPath, [path.join(root, 'scripts/typecheck.mjs')]],
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['format (Prettier)', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['clinical package builds on its own', 'npm', ['run', 'build', '-w', 'packages/clinical', '--silent']],
]);

// Chromium and the CJK fonts first: the medium tier renders PDFs (MDT letters) with the CJK font too.
const chromium = ensureChromium();
const pg = await ensurePostgres();
const node22 = ensureNode22();
const maxWorkers = ['--maxWorkers', String(Math.max(2, os.availableParallelism() - 1))];
const vitestEnv = pg.url ? { TEST_DATABASE_URL: pg.url } : { TEST_DATABASE_URL: '' };
if (!pg.url)
  skipped.push(`medium tier on PostgreSQL — ${pg.reason}. Enable: set TEST_DATABASE_URL=postgres://user@host:5432/db (PostgreSQL 15+).`);
try {
  if (node22.path && !node22.current) {
    // Node 22 LTS is the recommended runtime; the machine's Node (20) must keep working too. Each server tier runs
    // once, split over the two: small and medium on PGlite (with the process tier) on Node 22, medium on
    // PostgreSQL and web on this Node — no tier twice, so the suite costs what it cost on one Node.
    step(
      `vitest on Node 22 (${node22.version}): small, medium`,
      node22.path,
      [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...maxWorkers, '--project', 'small', '--project', 'medium'],
      vitestEnv,
    );
    const rest = ['web', ...(pg.url ? ['medium-pg'] : [])];
    step(
      `vitest on Node ${process.versions.node}: ${rest.join(', ')}`,
      bin('vitest'),
      ['run', ...maxWorkers, ...rest.flatMap((p) => ['--project', p])],
      vitestEnv,
    );
  } else {
    if (!node22.path)
      skipped.push(
        `server tiers on Node 22 — ${node22.reason}. Enable: set GISURG_NODE22=/path/to/node22 (they ran on Node ${process.versions.node}).`,
      );
    const projects = ['small', 'web', 'medium', ...(pg.url ? ['medium-pg'] : [])];
    // Vitest's default is one worker fewer than the cores: one worker on the 2-core CI machine, where the medium
    // suites spend much of their time waiting on PostgreSQL. Two workers at least.
    step(`vitest: ${projects.join(', ')}`, bin('vitest'), ['run', ...maxWorkers, ...projects.flatMap((p) => ['--project', p])], vitestEnv);
  }
} finally {
  await pg.cleanup();
}

step('web build', 'npm', ['run', 'build', '-w', 'packages/web', '--silent']);
step('web first load small and compressed', process.execPath, [path.join(root, 'scripts/check-bundle.mjs')]);

if (chromium.path) {
  step('e2e in Chromium', bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], { CHROMIUM_PATH: chromium.path });
} else {
  skipped.push(`e2e tier in Chromium — ${chromium.reason}. Enable: apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH.`);
}

summary();
if (skipped.length > 0) {
  process.stdout.write('\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n');
  process.stdout.write(`!! ${skipped.length} test tier(s) could NOT run on this machine; see above.\n`);
  process.stdout.write('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n');
}
