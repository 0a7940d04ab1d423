import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './common.js';

/** Small key/value facts about this installation (e.g. when the demo data was seeded). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});
