import { sql } from 'drizzle-orm';
import { AppError } from './app-error.js';
import { queryRows } from '../db/sql.js';
import type { Db } from '../db/types.js';

/**
 * A fixed-window limiter for public routes (questionnaire, event registration and check-in; per client address): guessing tokens is
 * hopeless with 256 bits, this keeps a script from hammering the database. The counter lives in the
 * database (`request_limits`), checked and counted in one upsert, so every app process behind a load
 * balancer shares it (docs/performance.md "Several processes"); the hourly housekeeping job clears old windows.
 */
export function windowLimiter(bucket: string, limit: number, windowMs: number) {
  return async (db: Db, key: string, now: Date): Promise<void> => {
    const cutoff = new Date(now.getTime() - windowMs);
    const [row] = await queryRows<{ hits: number }>(
      db,
      sql`insert into request_limits (bucket, key, window_start, hits) values (${bucket}, ${key}, ${now}, 1)
          on conflict (bucket, key) do update set
            hits = case when request_limits.window_start <= ${cutoff} then 1 else request_limits.hits + 1 end,
            window_start = case when request_limits.window_start <= ${cutoff} then ${now} else request_limits.window_start end
          returning hits`,
    );
    if (Number(row?.hits ?? 0) > limit) throw new AppError('RATE_LIMITED', 'errors.rateLimited');
  };
}
