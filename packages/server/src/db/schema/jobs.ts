import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { tstz } from './common.js';

/**
 * Scheduled work (jobs/queue.ts, ADR "job queue"): one row per job and run slot. `(name, run_key)` is unique,
 * so however many app processes schedule the same slot, only one row exists; a worker claims it with
 * `FOR UPDATE SKIP LOCKED`, so only one process runs it.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** The run slot, e.g. the start of the hour for an hourly job ("2026-12-05T10:00:00.000Z"). */
    runKey: text('run_key').notNull(),
    runAt: tstz('run_at').notNull(),
    state: text('state', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** Which process ran it ("host:pid"), and until when a non-transactional run holds its lease. */
    lockedBy: text('locked_by'),
    lockedUntil: tstz('locked_until'),
    finishedAt: tstz('finished_at'),
    result: jsonb('result'),
    lastError: text('last_error'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('jobs_name_run_key_uq').on(t.name, t.runKey), index('jobs_due_idx').on(t.state, t.runAt)],
);

/**
 * Fixed-window request counters shared by every app process (e.g. the public follow-up questionnaire): the
 * check and the count are one upsert, as for login_throttle.
 */
export const requestLimits = pgTable(
  'request_limits',
  {
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    windowStart: tstz('window_start').notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key] })],
);
