#!/usr/bin/env node
// `npm start`: build the web app and the server bundle when missing or older than their sources, then run the server
// (one Node process: API, OpenAPI docs and the web app) until Ctrl+C.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest, serverBuildIsStale, serverBundle } from './build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'packages/web/dist/index.html');

// Settings may come from a .env file beside package.json (not committed; see .env.example).
const envFile = path.join(root, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

const run = (cmd, args) =>
  new Promise((resolve) => spawn(cmd, args, { cwd: root, stdio: 'inherit' }).on('exit', (code) => resolve(code ?? 1)));

// The web app and the server (one JavaScript file, ADR 0017, with the empty-database template a first start copies,
// ADR 0019), each rebuilt when its sources changed — side by side on a first start (~7 s and ~6 s).
const sources = Math.max(newest(path.join(root, 'packages/web')), newest(path.join(root, 'packages/clinical/src')));
const builds = [];
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  process.stdout.write('Building the web app…\n');
  builds.push(run('npm', ['run', 'build', '-w', 'packages/web', '--silent']));
}
if (serverBuildIsStale()) {
  builds.push(run(process.execPath, [path.join(root, 'scripts/build-server.mjs')]));
}
for (const code of await Promise.all(builds)) if (code !== 0) process.exit(code);

const child = spawn(process.execPath, ['--enable-source-maps', serverBundle, 'serve', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
