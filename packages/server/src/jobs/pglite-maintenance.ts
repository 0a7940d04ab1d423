import { sql } from 'drizzle-orm';
import type { Database } from '../db/connection.js';

/**
 * PGlite runs PostgreSQL in single-user mode: there is no autovacuum, so table statistics never refresh
 * and dead rows (every edit, every session touch) are never reclaimed. Without fresh statistics the
 * planner picks sequential scans: patient search at 100,000 patients went from ~8 ms to seconds
 * (docs/performance.md). On PGlite the app therefore runs ANALYZE at start and VACUUM (ANALYZE) every
 * `intervalMs`. PostgreSQL's own autovacuum does this in server mode, so this job does nothing there.
 */
export class PgliteMaintenance {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly onError: (e: unknown) => void,
    private readonly intervalMs = 30 * 60_000,
  ) {}

  async start(): Promise<void> {
    if (this.database.engine !== 'pglite') return;
    await this.run('analyze');
    this.timer = setInterval(() => {
      this.running ??= this.run('vacuum').finally(() => (this.running = null));
    }, this.intervalMs);
    this.timer.unref();
  }

  async run(kind: 'analyze' | 'vacuum'): Promise<void> {
    try {
      await this.database.db.execute(kind === 'analyze' ? sql`analyze` : sql`vacuum (analyze)`);
    } catch (e) {
      this.onError(e);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }
}
