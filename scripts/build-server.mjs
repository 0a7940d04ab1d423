#!/usr/bin/env node
// The server as one JavaScript file (ADR 0017): packages/server/src/main.ts and the workspace packages it imports
// (contracts, clinical) bundled by esbuild into packages/server/dist/main.mjs; npm packages stay imports of
// node_modules. `npm start`, the browser tests and the process tests run this file with plain node — no
// TypeScript loader translating ~400 modules on every start (issue 18: start-up). Rebuilt only when a source is
// newer than the bundle. Usage: `node scripts/build-server.mjs [--force]`, or import { ensureServerBuilt }.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverDir = path.join(root, 'packages/server');
export const serverBundle = path.join(serverDir, 'dist/main.mjs');
const sources = ['packages/server/src', 'packages/contracts/src', 'packages/clinical/src'].map((d) => path.join(root, d));
const manifests = ['package-lock.json', 'scripts/build-server.mjs'].map((f) => path.join(root, f));

/** The newest modification time under a file or folder (node_modules and build output skipped). */
export function newest(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = s.mtimeMs;
  for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== 'dist') t = Math.max(t, newest(path.join(p, e)));
  return t;
}

/** npm packages bundled with the server although they are npm packages: Drizzle, for its `is()` (ADR 0023). */
const BUNDLED = new Set(['drizzle-orm']);

/** npm packages the server and its workspace packages use: imported from node_modules, not bundled. */
function externals() {
  const deps = new Set();
  for (const p of ['packages/server', 'packages/contracts', 'packages/clinical']) {
    const j = JSON.parse(readFileSync(path.join(root, p, 'package.json'), 'utf8'));
    for (const d of Object.keys({ ...j.dependencies, ...j.devDependencies })) if (!d.startsWith('@gisurg/') && !BUNDLED.has(d)) deps.add(d);
  }
  return [...deps].flatMap((d) => [d, `${d}/*`]);
}

/**
 * Drizzle asks `is(value, Class)` several times for every piece of every query it builds (a parameter is checked
 * against seven classes). When `instanceof` says no, `is()` walks the value's class chain looking for the class's
 * `entityKind` (so that two copies of Drizzle recognise each other's objects) — the same walk, with the same answer,
 * for every parameter of every query: 60 µs of JavaScript per row of a multi-row INSERT, a second of the first start
 * (issue 18). The answer depends only on the value's class and the asked class, both fixed, so the bundle keeps it
 * per pair (ADR 0023). Throws when Drizzle's `is()` no longer reads as expected: a Drizzle upgrade must look again.
 */
export function memoizeDrizzleIs(source) {
  const original = `function is(value, type) {
  if (!value || typeof value !== "object") {
    return false;
  }
  if (value instanceof type) {
    return true;
  }
  if (!Object.prototype.hasOwnProperty.call(type, entityKind)) {
    throw new Error(
      \`Class "\${type.name ?? "<unknown>"}" doesn't look like a Drizzle entity. If this is incorrect and the class is provided by Drizzle, please report this as a bug.\`
    );
  }
  let cls = Object.getPrototypeOf(value).constructor;
  if (cls) {
    while (cls) {
      if (entityKind in cls && cls[entityKind] === type[entityKind]) {
        return true;
      }
      cls = Object.getPrototypeOf(cls);
    }
  }
  return false;
}`;
  // The same answers: an object's class chain (its prototype's constructor and that class's parents) follows its
  // prototype chain — Drizzle never sets an object's prototype, and its alias proxies keep their target's — so
  // `instanceof` and the walk answer alike for every object of one class. Asked first, before `instanceof`.
  const memoized = `function is(value, type) {
  if (!value || typeof value !== "object") {
    return false;
  }
  const ctor = Object.getPrototypeOf(value).constructor;
  let answers = isMemo.get(ctor);
  if (answers === undefined) isMemo.set(ctor, (answers = new Map()));
  let answer = answers.get(type);
  if (answer !== undefined) return answer;
  answer = isUnremembered(value, type);
  answers.set(type, answer);
  return answer;
}
/** value's class → asked class → answer (scripts/build-server.mjs, memoizeDrizzleIs). */
const isMemo = new Map();
${original.replace('function is(', 'function isUnremembered(')}`;
  const normalized = source.replaceAll('\r\n', '\n');
  if (!normalized.includes(original))
    throw new Error("drizzle-orm's is() changed: look at memoizeDrizzleIs in scripts/build-server.mjs again");
  return normalized.replace(original, memoized);
}

/** The esbuild options of the bundle (into `outdir`), with the plugin that gives Drizzle's `is()` its memory. */
function bundleOptions(outdir) {
  return {
    entryPoints: [path.join(serverDir, 'src/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Split at the dynamic imports of src/main.ts: the entry loads only the command line and the configuration, each
    // command its own chunk (so `serve` can start the embedded database before Fastify and the features load).
    // Chunks sit beside main.mjs: code that finds files next to itself (import.meta.url) finds them there.
    outdir,
    entryNames: path.basename(serverBundle, '.mjs'),
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    external: externals(),
    sourcemap: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'drizzle-is-memo',
        setup(build) {
          build.onLoad({ filter: /[\\/]drizzle-orm[\\/]entity\.js$/ }, (args) => ({
            contents: memoizeDrizzleIs(readFileSync(args.path, 'utf8')),
            loader: 'js',
          }));
        },
      },
    ],
  };
}

export function serverBuildIsStale() {
  if (!existsSync(serverBundle)) return true;
  const built = statSync(serverBundle).mtimeMs;
  return [...sources, ...manifests].some((p) => newest(p) > built);
}

/**
 * Build the bundle (and copy what it reads beside itself: the migrations and the PGlite worker). Synchronous, so
 * test helpers can call it before spawning; built in a folder of its own and renamed into place, so two test
 * processes building at once never leave a half-written dist/.
 */
export function buildServer() {
  const dist = path.dirname(serverBundle);
  const tmp = `${dist}-${process.pid}-${Date.now()}`;
  // esbuild runs plugins only in its asynchronous build: this file runs it in a child (`--bundle-into`).
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--bundle-into', tmp], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`the server bundle failed to build (exit ${r.status ?? r.signal})`);
  }
  // Files the code finds next to itself (import.meta.url): src/db/migrations and src/db/pglite-worker.mjs.
  cpSync(path.join(serverDir, 'src/db/migrations'), path.join(tmp, 'migrations'), { recursive: true });
  cpSync(path.join(serverDir, 'src/db/pglite-worker.mjs'), path.join(tmp, 'pglite-worker.mjs'));
  rmSync(dist, { recursive: true, force: true });
  try {
    renameSync(tmp, dist);
  } catch {
    // Another process put its build (of the same sources) in place meanwhile.
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Build when a source is newer than the bundle (or `force`). */
export function ensureServerBuilt({ force = false, quiet = false } = {}) {
  if (!force && !serverBuildIsStale()) return;
  if (!quiet) process.stdout.write('Building the server…\n');
  buildServer();
  makePgliteTemplate();
}

/**
 * The empty embedded database a first start copies instead of running initdb and the migrations (ADR 0019;
 * packages/server/src/db/pglite-template.ts): made by the new bundle once per PGlite version and set of migrations
 * (~5 s), kept in node_modules/.cache/gisurg. A failure here only warns: the first start then runs initdb itself.
 */
export function makePgliteTemplate() {
  const r = spawnSync(process.execPath, [serverBundle, 'pglite-template'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0)
    process.stderr.write(`warning: the empty-database template was not made (a first start runs initdb):\n${r.stderr ?? ''}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const into = process.argv.indexOf('--bundle-into');
  if (into > 0) await createRequire(import.meta.url)('esbuild').build(bundleOptions(process.argv[into + 1]));
  else ensureServerBuilt({ force: process.argv.includes('--force') });
}
