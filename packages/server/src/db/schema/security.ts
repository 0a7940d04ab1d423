import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './common.js';

/**
 * Failed sign-ins per client address in a fixed window (trust.md S9). Kept in the database, not in process
 * memory, so that the check and the count are one atomic statement on both engines and across processes.
 */
export const loginThrottle = pgTable('login_throttle', {
  address: text('address').primaryKey(),
  windowStart: tstz('window_start').notNull(),
  failures: integer('failures').notNull().default(0),
});
