#!/usr/bin/env node
// `npm start`: build the web app and the server bundle when missing or older than their sources, then run the server
// (one Node process: API, OpenAPI docs and the web app) until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServerBuilt, newest, serverBundle } from './build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'packages/web/dist/index.html');

// Settings may come from a .env file beside package.json (not committed; see .env.example).
const envFile = path.join(root, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

const sources = Math.max(newest(path.join(root, 'packages/web')), newest(path.join(root, 'packages/clinical/src')));
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  process.stdout.write('Building the web app…\n');
  const r = spawnSync('npm', ['run', 'build', '-w', 'packages/web', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The server as one JavaScript file, rebuilt when its sources changed (ADR 0017; ~1 s).
ensureServerBuilt();

const child = spawn(process.execPath, ['--enable-source-maps', serverBundle, 'serve', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
