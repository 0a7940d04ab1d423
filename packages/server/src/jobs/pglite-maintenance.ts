import { sql } from 'drizzle-orm';
import type { Database } from '../db/connection.js';

/**
 * PGlite runs PostgreSQL in single-user mode: there is no autovacuum, so table statistics never refresh
 * and dead rows (every edit, every session touch) are never reclaimed. Without fresh statistics the
 * planner picks sequential scans: patient search at 100,000 patients went from ~8 ms to seconds
 * (docs/performance.md). On PGlite the app therefore runs ANALYZE at start (here) and VACUUM (ANALYZE)
 * every 30 minutes through the job queue (`pglite.vacuum` in jobs/scheduled.ts). PostgreSQL's own
 * autovacuum does this in server mode, so this does nothing there.
 */
export class PgliteMaintenance {
  constructor(
    private readonly database: Database,
    private readonly onError: (e: unknown) => void,
  ) {}

  async start(): Promise<void> {
    if (this.database.engine !== 'pglite') return;
    await this.run('analyze');
  }

  async run(kind: 'analyze' | 'vacuum'): Promise<void> {
    try {
      await this.database.db.execute(kind === 'analyze' ? sql`analyze` : sql`vacuum (analyze)`);
    } catch (e) {
      this.onError(e);
    }
  }

  /** Nothing runs in the background here any more (the queue owns the periodic VACUUM). */
  async stop(): Promise<void> {}
}
