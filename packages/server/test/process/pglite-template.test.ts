import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt, serverBundle } from '../../../../scripts/build-server.mjs';
import { signalGroup, startGisurg, urlOf, waitFor, type ServerProcess } from './support.js';

// The empty-database template of the build (ADR 0019, db/pglite-template.ts) in a cache folder of this test's own.
const cache = mkdtempSync(path.join(os.tmpdir(), 'gisurg-template-cache-'));
const fromTemplate = mkdtempSync(path.join(os.tmpdir(), 'gisurg-template-a-'));
const fromInitdb = mkdtempSync(path.join(os.tmpdir(), 'gisurg-template-b-'));
const started: ServerProcess[] = [];
afterAll(() => {
  for (const p of started) signalGroup(p, 'SIGKILL');
  for (const d of [cache, fromTemplate, fromInitdb]) rmSync(d, { recursive: true, force: true });
});

async function firstStart(dataDir: string, env: Record<string, string>): Promise<string> {
  const p = startGisurg(['serve'], { DATA_DIR: dataDir, GISURG_PGLITE_TEMPLATE_CACHE: cache, ...env });
  started.push(p);
  await waitFor(() => p.stdout().includes('Ready in') || p.child.exitCode !== null, 120_000, `first start (stderr: ${p.stderr()})`);
  const signIn = await fetch(`${urlOf(p)}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Admin-Passw0rd!' }),
  });
  expect(signIn.status).toBe(200);
  signalGroup(p, 'SIGTERM');
  expect(await p.exited).toBe(0);
  return p.stdout();
}

/** The schema and the applied migrations of a stopped data folder, as text to compare. */
async function schemaOf(dataDir: string): Promise<{ columns: string[]; indexes: string[]; migrations: number }> {
  const db = new PGlite(path.join(dataDir, 'pglite'));
  try {
    const columns = await db.query<{ c: string }>(
      `select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') as c
         from information_schema.columns where table_schema in ('public', 'drizzle') order by 1`,
    );
    const indexes = await db.query<{ d: string }>(`select indexdef as d from pg_indexes where schemaname = 'public' order by 1`);
    const migrations = await db.query<{ n: number }>(`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return { columns: columns.rows.map((r) => r.c), indexes: indexes.rows.map((r) => r.d), migrations: migrations.rows[0]!.n };
  } finally {
    await db.close();
  }
}

describe("a first start from the build's empty-database template", () => {
  it('is made once per PGlite and migrations, copied by a first start, and gives the database initdb and the migrations give', async () => {
    // The bundle as the starts below will run it (they rebuild it when a source is newer; the template's key covers
    // the migrations the bundle carries).
    ensureServerBuilt({ quiet: true });
    const make = () =>
      spawnSync(process.execPath, [serverBundle, 'pglite-template'], {
        env: { ...process.env, GISURG_PGLITE_TEMPLATE_CACHE: cache },
        encoding: 'utf8',
      });
    const first = make();
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Empty database template made in [\d.]+ s: /);
    expect(readdirSync(cache)).toEqual([expect.stringMatching(/^pglite-[0-9a-f]{16}$/)]);
    const again = make(); // present: nothing to do
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('');

    const copied = await firstStart(fromTemplate, { GISURG_DEMO: '0' });
    expect(copied).toContain("Database open and migrated (new, from the build's empty-database template, ");
    const made = await firstStart(fromInitdb, { GISURG_DEMO: '0', GISURG_PGLITE_TEMPLATE: '0' });
    expect(made).toContain('Database open and migrated (new, initdb, ');

    const a = await schemaOf(fromTemplate);
    const b = await schemaOf(fromInitdb);
    expect(a.migrations).toBeGreaterThan(0);
    expect(a).toEqual(b);

    // A second start of a folder that holds a database never copies over it.
    const warm = startGisurg(['serve'], { DATA_DIR: fromTemplate, GISURG_PGLITE_TEMPLATE_CACHE: cache, GISURG_DEMO: '0' });
    started.push(warm);
    await waitFor(() => warm.stdout().includes('Ready in') || warm.child.exitCode !== null, 120_000, 'warm start');
    expect(warm.stdout()).toMatch(/Database open and migrated \([\d.]+ s\)/);
    signalGroup(warm, 'SIGTERM');
    expect(await warm.exited).toBe(0);
  }, 240_000);
});
