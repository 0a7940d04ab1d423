import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { signalGroup, startGisurg, urlOf, waitFor, type ServerProcess } from './support.js';

/**
 * Issue 18 acceptance 3: the embedded database with demo data → `gisurg move-to-postgres` → the app starts on
 * PostgreSQL, signs in, `gisurg audit verify` passes, row counts equal. Needs TEST_DATABASE_URL.
 */
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  process.stderr.write(
    '\n*** SKIPPED: test/process/move-to-postgres.test.ts needs PostgreSQL — set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) ***\n\n',
  );
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gisurg-move-'));
const dbName = `gisurg_mv_${randomBytes(5).toString('hex')}`;
const started: ServerProcess[] = [];
const DEMO = { GISURG_DEMO: '1', GISURG_DEMO_PATIENTS: '10', GISURG_DEMO_PASSWORD: 'Demo-Passw0rd!' };

afterAll(async () => {
  for (const p of started) signalGroup(p, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  if (!base) return;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`drop database if exists ${dbName} with (force)`);
  await c.end();
});

async function run(args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const p = startGisurg(args, { DATA_DIR: dataDir, ...env });
  started.push(p);
  await p.exited;
  return p;
}

async function serveUntilReady(env: Record<string, string>): Promise<ServerProcess> {
  const p = startGisurg(['serve'], { DATA_DIR: dataDir, ...env });
  started.push(p);
  await waitFor(() => p.stdout().includes('Ready in') || p.child.exitCode !== null, 150_000, 'server');
  if (p.child.exitCode !== null) throw new Error(`server exited: ${p.stderr()}`);
  return p;
}

async function signIn(at: string, username: string, password: string): Promise<number> {
  const res = await fetch(`${at}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function counts(query: (text: string) => Promise<{ rows: unknown[] }>): Promise<Record<string, number>> {
  const tables = (
    await query(`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)
  ).rows as { t: string }[];
  const out: Record<string, number> = {};
  for (const { t } of tables) out[t] = Number(((await query(`select count(*)::int as n from "${t}"`)).rows[0] as { n: number }).n);
  return out;
}

describe.runIf(base)('gisurg move-to-postgres', () => {
  it('moves an embedded database with demo data to PostgreSQL, where the app starts, signs in and the audit chain verifies', async () => {
    // 1. An embedded installation with demo data and some use.
    const embedded = await serveUntilReady(DEMO);
    expect(await signIn(urlOf(embedded), 'admin', 'Admin-Passw0rd!')).toBe(200);
    expect(await signIn(urlOf(embedded), 'admin', 'wrong')).toBe(401);
    signalGroup(embedded, 'SIGTERM');
    expect(await embedded.exited).toBe(0);

    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(base!);
    u.pathname = `/${dbName}`;
    const url = u.toString();

    // 2. The move.
    const move = await run(['move-to-postgres', '--to', url], {});
    expect(move.stderr()).toBe('');
    expect(move.child.exitCode).toBe(0);
    expect(move.stdout()).toMatch(/row counts equal; audit chain OK: \d+ entries verified/);
    expect(move.stdout()).toContain(`DATABASE_URL=${url} DATA_DIR=${dataDir}`);

    // Counts equal, table by table (the embedded database is left as it was).
    const lite = new PGlite(path.join(dataDir, 'pglite'));
    const before = await counts((t) => lite.query(t));
    await lite.close();
    const target = new pg.Client({ connectionString: url });
    await target.connect();
    const after = await counts((t) => target.query(t));
    await target.end();
    expect(after).toEqual(before);
    expect(before.patients).toBeGreaterThanOrEqual(10);
    expect(before.audit_log).toBeGreaterThan(0);

    // A second move into the now non-empty database is refused.
    const again = await run(['move-to-postgres', '--to', url], {});
    expect(again.child.exitCode).toBe(2);
    expect(again.stderr()).toContain('not empty');

    // 3. The app on PostgreSQL: starts (no re-seeding), signs in as admin and as a demo account.
    const server = await serveUntilReady({ ...DEMO, DATABASE_URL: url });
    expect(server.stdout()).toContain('Database: PostgreSQL');
    expect(server.stdout()).not.toContain('Demo data seeded');
    expect(await signIn(urlOf(server), 'admin', 'Admin-Passw0rd!')).toBe(200);
    expect(await signIn(urlOf(server), 'surgeon', 'Demo-Passw0rd!')).toBe(200);
    signalGroup(server, 'SIGTERM');
    expect(await server.exited).toBe(0);

    // 4. `gisurg audit verify` on the copy, against the anchors the embedded installation wrote.
    const verify = await run(['audit', 'verify'], { DATABASE_URL: url });
    expect(verify.stderr()).toBe('');
    expect(verify.child.exitCode).toBe(0);
    expect(verify.stdout()).toMatch(/Audit chain OK: \d+ entries verified/);
  }, 400_000);
});
