import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './common.js';
import { organizations } from './organizations.js';

/**
 * FHIR Bulk Data exports (issue 13, docs/fhir.md "Bulk export"): one row per `$export` kick-off. The work runs as
 * an on-demand job of the job queue (jobs/queue.ts, run key = this id); the NDJSON files live under
 * `DATA_DIR/fhir-exports/<id>/`. Only the caller who started it (a user, or an API client with the scopes of its
 * token) reads the status and the files; the row keeps what is needed to act as that caller in the job.
 */
export const fhirExports = pgTable(
  'fhir_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A signed-in user (`user`, actor_id = users.id) or an API client (`client`, actor_id = fhir_clients.id). */
    actorKind: text('actor_kind', { enum: ['user', 'client'] }).notNull(),
    actorId: uuid('actor_id').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The client token's scopes at kick-off (null for users). */
    scopes: text('scopes').array(),
    level: text('level', { enum: ['system', 'patient', 'group'] }).notNull(),
    /** Group exports: the tumor-board meeting (mdt_meetings.id) whose cases' patients are exported. */
    groupId: uuid('group_id'),
    types: text('types').array().notNull(),
    since: tstz('since'),
    /** The kick-off URL as requested (the manifest's `request`). */
    requestUrl: text('request_url').notNull(),
    /** Request id, client IP and user agent of the kick-off, for the audit row the job writes. */
    requestMeta: jsonb('request_meta').notNull(),
    state: text('state', { enum: ['queued', 'running', 'complete', 'failed', 'cancelled', 'expired'] })
      .notNull()
      .default('queued'),
    patientsDone: integer('patients_done').notNull().default(0),
    patientsTotal: integer('patients_total'),
    transactionTime: tstz('transaction_time'),
    /** `[{ type, file, count }]` once complete. */
    output: jsonb('output'),
    error: text('error'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('fhir_exports_actor_idx').on(t.actorId, t.createdAt), index('fhir_exports_expires_idx').on(t.state, t.expiresAt)],
);
