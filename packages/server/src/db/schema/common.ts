import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every stored timestamp is timestamptz (trust.md S27); the API emits ISO-8601 with Z. */
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Columns every editable record carries: who/when, and a version for optimistic concurrency (S14). */
export const recordColumns = {
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
  version: integer('version').notNull().default(1),
};
