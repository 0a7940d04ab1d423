import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { ensureServerBuilt, serverBundle } from '../../../../scripts/build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface ServerProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Start `gisurg <args>` as a real child process (its own process group, so it can be killed whole). */
export function startGisurg(args: string[], env: Record<string, string>): ServerProcess {
  // One process, as `npm start` runs it: node on the server bundle (ADR 0017; rebuilt here when a source is newer).
  // These tests sign in as `admin` with a password only: MFA is not required here (its enforcement is tested in
  // medium/mfa.test.ts).
  ensureServerBuilt({ quiet: true });
  const child = spawn(process.execPath, ['--enable-source-maps', serverBundle, ...args], {
    cwd: root,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      GISURG_DEMO: '0',
      MFA_REQUIRED_ROLES: 'none',
      GISURG_ADMIN_PASSWORD: 'Admin-Passw0rd!',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so a kill reaches anything the server started.
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Signal the whole process group (the server and anything it started). */
export function signalGroup(p: ServerProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-p.child.pid!, signal);
  } catch {
    /* already gone */
  }
}

export function urlOf(p: ServerProcess): string {
  const m = /running at (http:\/\/localhost:\d+)/.exec(p.stdout());
  if (!m) throw new Error(`no URL in output: ${p.stdout()}`);
  return m[1]!;
}

/** Run one statement on the PostgreSQL database of `url`. */
async function onDatabase(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** A new empty database `<prefix>_<random>` on the server of `base` (TEST_DATABASE_URL): its URL and how to drop it. */
export async function aPostgresDatabase(base: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await onDatabase(base, `create database ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => onDatabase(base, `drop database if exists ${name} with (force)`) };
}
