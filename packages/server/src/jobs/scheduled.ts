import { PgliteMaintenance } from './pglite-maintenance.js';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.js';
import { purgeOldSessions } from '../auth/sessions.js';
import type { Config } from '../config.js';
import type { Database } from '../db/connection.js';
import { queryRows } from '../db/sql.js';
import type { JobDefinition } from './queue.js';

const HOUR = 3_600_000;

type JobContextDb = Parameters<JobDefinition['run']>[0]['db'];

async function countDeleted(db: JobContextDb, query: ReturnType<typeof sql>): Promise<number> {
  const [r] = await queryRows<{ n: string | number }>(db, sql`with d as (${query} returning 1) select count(*) as n from d`);
  return Number(r?.n ?? 0);
}

/**
 * The app's scheduled work (ADR 0012-scale-job-queue). Each runs once per slot across every app process.
 * - `housekeeping` (hourly, in one transaction with its audit row): ended sessions, expired sign-in and
 *   request-limit windows, job rows older than 30 days (finished, or never run: e.g. an embedded-database job after a move to PostgreSQL).
 * - `pglite.vacuum` (PGlite only, every 5 min): what autovacuum would do, table by table, since single-user PGlite
 *   has none (jobs/pglite-maintenance.ts `autovacuum()`; it also runs the start-up ANALYZE).
 */
export function scheduledJobs(config: Config, database: Database): JobDefinition[] {
  return [
    {
      name: 'housekeeping',
      everyMs: HOUR,
      mode: 'transaction',
      async run({ db, now, runKey, workerId }) {
        const windowCutoff = new Date(now.getTime() - config.login.ipWindowMs);
        const dayAgo = new Date(now.getTime() - 24 * HOUR);
        const monthAgo = new Date(now.getTime() - 30 * 24 * HOUR);
        const result = {
          sessions: await purgeOldSessions(db, now),
          loginThrottle: await countDeleted(db, sql`delete from login_throttle where window_start < ${windowCutoff}`),
          requestLimits: await countDeleted(db, sql`delete from request_limits where window_start < ${dayAgo}`),
          jobs: await countDeleted(db, sql`delete from jobs where finished_at < ${monthAgo} or run_at < ${monthAgo}`),
        };
        await recordAudit(db, { requestId: `job-housekeeping-${runKey}`, clientIp: null, userAgent: `gisurg job ${workerId}` }, null, {
          action: 'system.job',
          outcome: 'success',
          resourceType: 'job',
          resourceId: `housekeeping@${runKey}`,
          details: result,
        });
        return result;
      },
    },
    {
      name: 'pglite.vacuum',
      everyMs: 5 * 60_000,
      mode: 'lease',
      engines: ['pglite'],
      startAfterMs: 5 * 60_000,
      async run() {
        return new PgliteMaintenance(database, () => undefined).autovacuum();
      },
    },
  ];
}
