import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/sql.js';
import { PgliteMaintenance } from '../../src/jobs/pglite-maintenance.js';
import { aPatient } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

const reltuples = async () =>
  Number((await queryRows<{ n: number }>(w.db, sql`select reltuples::int as n from pg_class where relname = 'patients'`))[0]?.n ?? -1);

describe('database maintenance', () => {
  it('refreshes planner statistics on the embedded database (no autovacuum there); PostgreSQL keeps its own', async () => {
    for (let i = 0; i < 30; i += 1) await aPatient(w.homeOrgId).build(w.db);
    const errors: unknown[] = [];
    const job = new PgliteMaintenance(w.database, (e) => errors.push(e));
    await job.start();
    await job.run('vacuum');
    await job.stop();
    expect(errors).toEqual([]);
    if (w.database.engine === 'pglite') expect(await reltuples()).toBeGreaterThanOrEqual(30);
  });

  it('vacuums and analyzes table by table what autovacuum would, and leaves quiet tables alone (PGlite)', async () => {
    const job = new PgliteMaintenance(w.database, () => undefined);
    if (w.database.engine !== 'pglite') {
      expect(await job.autovacuum()).toEqual({ vacuumed: [], analyzed: [] });
      return;
    }
    await job.autovacuum(); // whatever the suite's set-up left
    // Changed rows: 120 new patients, each edited once (HOT updates: pruned as they go, so no VACUUM is due).
    const ids: string[] = [];
    for (let i = 0; i < 120; i += 1) ids.push((await aPatient(w.homeOrgId).build(w.db)).id);
    for (const id of ids) await w.db.execute(sql`update patients set phone = '13800000000' where id = ${id}`);
    // Dead rows: 1,500 inserted and 1,000 of them deleted.
    await w.db.execute(sql`create table maintenance_scratch (n int)`);
    await w.db.execute(sql`insert into maintenance_scratch select generate_series(1, 1500)`);
    await w.db.execute(sql`delete from maintenance_scratch where n <= 1000`);
    const first = await job.autovacuum();
    expect(first.analyzed).toContain('public.patients');
    expect(first.vacuumed).toContain('public.maintenance_scratch');
    expect([...first.analyzed, ...first.vacuumed]).not.toContain('public.organizations');
    expect(await reltuples()).toBeGreaterThanOrEqual(120);
    const [scratch] = await queryRows<{ dead: number; live: number }>(
      w.db,
      sql`select n_dead_tup::int as dead, (select reltuples::int from pg_class where relname = 'maintenance_scratch') as live
          from pg_stat_user_tables where relname = 'maintenance_scratch'`,
    );
    expect(scratch).toEqual({ dead: 0, live: 500 });
    // Nothing changed since: nothing to do.
    expect(await job.autovacuum()).toEqual({ vacuumed: [], analyzed: [] });
  });

  it('analyzes in one statement the tables changed enough since (between demo seed steps), then nothing', async () => {
    const job = new PgliteMaintenance(w.database, () => undefined);
    if (w.database.engine !== 'pglite') {
      expect(await job.analyzeChanged()).toEqual([]);
      return;
    }
    await job.analyzeChanged(); // whatever the suite's set-up left
    const before = await reltuples();
    const n = 60 + Math.ceil(0.1 * before); // past autovacuum's analyze threshold, 50 + 10 % of the rows
    for (let i = 0; i < n; i += 1) await aPatient(w.homeOrgId).build(w.db);
    const changed = await job.analyzeChanged();
    expect(changed).toContain('public.patients');
    expect(changed).not.toContain('public.organizations');
    expect(await reltuples()).toBeGreaterThanOrEqual(before + n);
    expect(await job.analyzeChanged()).toEqual([]);
  });

  it('after a first start seeded in this process, analyzes only the tables not analyzed since the database opened (PGlite)', async () => {
    const job = new PgliteMaintenance(w.database, () => undefined);
    if (w.database.engine !== 'pglite') {
      expect(await job.start({ seeded: true })).toBe(false);
      return;
    }
    const lastAnalyze = async () =>
      new Map(
        (
          await queryRows<{ relname: string; at: string | null }>(
            w.db,
            sql`select relname, last_analyze::text as at from pg_stat_user_tables where relname in ('patients', 'maintenance_probe')`,
          )
        ).map((r) => [r.relname, r.at]),
      );
    // A table the seed left unanalyzed (made here: the suite's earlier starts analyzed every other one).
    await w.db.execute(sql`create table maintenance_probe (x int)`);
    try {
      await w.db.execute(sql`insert into maintenance_probe select generate_series(1, 10)`);
      await w.db.execute(sql`analyze patients`);
      const before = await lastAnalyze();
      expect(before.get('maintenance_probe')).toBeNull();
      expect(await job.start({ seeded: true })).toBe(true);
      const after = await lastAnalyze();
      expect(after.get('maintenance_probe')).not.toBeNull();
      expect(after.get('patients')).toBe(before.get('patients')); // analyzed since the database opened: left alone
      expect(await job.start({ seeded: true })).toBe(false);
    } finally {
      await w.db.execute(sql`drop table maintenance_probe`);
    }
  });

  it('a warm start skips the start-up ANALYZE only after a clean stop left fresh statistics and no migration ran since', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gisurg-maint-'));
    const marker = path.join(dir, 'statistics-fresh.json');
    try {
      const errors: unknown[] = [];
      const job = () => new PgliteMaintenance(w.database, (e) => errors.push(e), dir);
      if (w.database.engine !== 'pglite') {
        // PostgreSQL: autovacuum's business; nothing runs, nothing is written.
        expect(await job().start()).toBe(false);
        await job().stop();
        expect(existsSync(marker)).toBe(false);
        return;
      }
      expect(await job().start()).toBe(true); // no marker: a first start or a crash
      const before = await reltuples();
      for (let i = 0; i < 80; i += 1) await aPatient(w.homeOrgId).build(w.db);
      await job().stop();
      expect(JSON.parse(readFileSync(marker, 'utf8'))).toMatchObject({ migrations: expect.any(Number) });
      expect(await reltuples()).toBeGreaterThanOrEqual(before + 80); // the stop analyzed what this run changed
      expect(await job().start()).toBe(false); // clean stop: no ANALYZE before serving
      expect(existsSync(marker)).toBe(false); // …and a crash of this run would not find the marker
      expect(await job().start()).toBe(true);
      // A marker from before a migration (another count) or an unreadable one does not count.
      writeFileSync(marker, JSON.stringify({ migrations: 1 }));
      expect(await job().start()).toBe(true);
      writeFileSync(marker, '{not json');
      expect(await job().start()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
