// Finds (or, as root with apt, installs) what the test tiers need: a PostgreSQL server and Chromium.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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
