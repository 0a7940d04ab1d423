import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import { queryRows } from '../db/sql.js';

/** Written at a clean stop after the statistics were refreshed; removed at start (so a crash leaves none). */
const FRESH_MARKER = 'statistics-fresh.json';

/**
 * PGlite runs PostgreSQL in single-user mode: there is no autovacuum, so table statistics never refresh
 * and dead rows (every edit, every session touch) are never reclaimed. Without fresh statistics the
 * planner picks sequential scans: patient search at 100,000 patients went from ~8 ms to seconds
 * (docs/performance.md). On PGlite the app therefore keeps the statistics fresh itself:
 * - at a clean stop, ANALYZE of the tables this run changed enough (autovacuum's own rule: more than
 *   50 + 10 % of their rows), then a marker file in DATA_DIR;
 * - at start, a full ANALYZE before serving — unless the marker says the last run stopped cleanly with fresh
 *   statistics and no migration ran since (pg_statistic is kept on disk; PGlite's activity counters are not, so
 *   only the stopping run knows what it changed). A warm start thus skips a multi-second ANALYZE (issue 18:
 *   start-up), a first start, a crash or an upgrade does not;
 * - every 5 minutes through the job queue (`pglite.vacuum` in jobs/scheduled.ts), what autovacuum would do
 *   (`autovacuum()`): VACUUM (ANALYZE) each table with enough dead or newly inserted rows, ANALYZE each table changed
 *   enough, by autovacuum's own thresholds — one table per statement, so that requests run between them. (A whole-
 *   database `VACUUM (ANALYZE)` every 30 minutes held the single embedded connection for ~1.8 s in the P10 soak, with
 *   135 requests waiting; docs/performance.md.)
 * PostgreSQL's own autovacuum does this in server mode, so this does nothing there.
 */
export class PgliteMaintenance {
  constructor(
    private readonly database: Database,
    private readonly onError: (e: unknown) => void,
    /** DATA_DIR, where the marker lives; without it every start runs ANALYZE. */
    private readonly dataDir: string | null = null,
  ) {}

  private get marker(): string | null {
    return this.dataDir ? path.join(this.dataDir, FRESH_MARKER) : null;
  }

  private async migrationCount(): Promise<number> {
    const [r] = await queryRows<{ n: number }>(this.database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return r?.n ?? 0;
  }

  /**
   * Before serving. Returns whether ANALYZE ran. `seeded`: this process has just written the demo seed, each step
   * followed by analyzeChanged — then only the tables not analyzed since the database opened are analyzed (the
   * small ones the seed left under the threshold, and those it did not touch), not again the large ones the steps
   * analyzed (a full ANALYZE of the fresh demo database: ~0.5 s of the first start, issue 18).
   */
  async start(opts: { seeded?: boolean } = {}): Promise<boolean> {
    if (this.database.engine !== 'pglite') return false;
    if (opts.seeded) {
      const rest = await queryRows<{ name: string }>(
        this.database.db,
        sql`select quote_ident(schemaname) || '.' || quote_ident(relname) as name from pg_stat_user_tables
            where coalesce(last_analyze, '-infinity') < pg_postmaster_start_time() order by relname`,
      );
      await this.analyze(rest.map((r) => r.name));
      if (this.marker) rmSync(this.marker, { force: true });
      return rest.length > 0;
    }
    const marker = this.marker;
    let fresh = false;
    if (marker && existsSync(marker)) {
      try {
        const saved = JSON.parse(readFileSync(marker, 'utf8')) as { migrations?: unknown };
        fresh = saved.migrations === (await this.migrationCount());
      } catch {
        fresh = false;
      }
      rmSync(marker, { force: true });
    }
    if (fresh) return false;
    await this.run('analyze');
    return true;
  }

  async run(kind: 'analyze' | 'vacuum'): Promise<void> {
    try {
      await this.database.db.execute(kind === 'analyze' ? sql`analyze` : sql`vacuum (analyze)`);
    } catch (e) {
      this.onError(e);
    }
  }

  /**
   * What autovacuum would do now (PostgreSQL's default thresholds): VACUUM (ANALYZE) a table whose dead rows exceed
   * 50 + 20 % of its rows or whose rows inserted since its last vacuum exceed 1,000 + 20 %; otherwise ANALYZE it when
   * the rows changed since its last analyze exceed 50 + 10 %. The table sizes come from pg_class (kept on disk); the
   * counters are PGlite's activity statistics (since this process started). One statement per table.
   */
  async autovacuum(): Promise<{ vacuumed: string[]; analyzed: string[] }> {
    const done = { vacuumed: [] as string[], analyzed: [] as string[] };
    if (this.database.engine !== 'pglite') return done;
    const db = this.database.db;
    for (const t of await this.tablesDue()) {
      if (t.vacuum) {
        await db.execute(sql.raw(`vacuum (analyze) ${t.name}`));
        done.vacuumed.push(t.name);
      } else if (t.analyze) {
        await db.execute(sql.raw(`analyze ${t.name}`));
        done.analyzed.push(t.name);
      }
    }
    return done;
  }

  /**
   * Each table and what autovacuum's thresholds ask of it now (see autovacuum). The activity counters reach
   * pg_stat_user_tables at most once a second: they are flushed first.
   */
  private async tablesDue(): Promise<{ name: string; vacuum: boolean; analyze: boolean }[]> {
    const db = this.database.db;
    await db.execute(sql`select pg_stat_force_next_flush()`);
    return queryRows<{ name: string; vacuum: boolean; analyze: boolean }>(
      db,
      sql`select quote_ident(s.schemaname) || '.' || quote_ident(s.relname) as name,
            (s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0) or s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)) as vacuum,
            s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) as analyze
          from pg_stat_user_tables s join pg_class c on c.oid = s.relid
          order by s.relname`,
    );
  }

  /** ANALYZE these tables (quoted names) in one statement; nothing when there are none. */
  private async analyze(tables: string[]): Promise<void> {
    if (tables.length > 0) await this.database.db.execute(sql.raw(`analyze ${tables.join(', ')}`));
  }

  /**
   * ANALYZE, in one statement, the tables whose changes pass autovacuum's analyze threshold (the same rule as the
   * 5-minute job); returns their names. At a clean stop, and between the steps of the first start's demo seed: a
   * step's queries over the rows the steps before it wrote would otherwise be planned on empty-table estimates (the
   * board snapshots of `mdt-history` took 12 ms per query instead of 0.5 ms — 2.4 s of the cold start).
   */
  async analyzeChanged(): Promise<string[]> {
    if (this.database.engine !== 'pglite') return [];
    const stale = (await this.tablesDue()).filter((t) => t.analyze).map((t) => t.name);
    await this.analyze(stale);
    return stale;
  }

  /** At a clean stop: ANALYZE what this run changed enough, then leave the marker for the next start. */
  async stop(): Promise<void> {
    const marker = this.marker;
    if (this.database.engine !== 'pglite' || !marker) return;
    try {
      await this.analyzeChanged();
      writeFileSync(marker, JSON.stringify({ migrations: await this.migrationCount(), at: new Date().toISOString() }));
    } catch (e) {
      this.onError(e);
    }
  }
}
