import { sql } from 'drizzle-orm';
import { auditLog } from '../db/schema/index.js';
import { Grouper } from '../db/group.js';
import { prepared } from '../db/prepared.js';
import type { Db } from '../db/types.js';
import type { Actor } from '../auth/actor.js';
import type { RequestMeta } from '../core/context.js';
import { auditRow, type AuditEntry, type AuditWho } from './record.js';

type AuditRow = typeof auditLog.$inferInsert;

/** Rows per INSERT at most (one array per column, so no bind-parameter limit; bounded to keep one commit short). */
const MAX_BATCH = 1000;

/** The columns of a batch, one array each, in the order of the statement below. */
const COLUMNS = [
  'actorId',
  'actorRole',
  'organizationId',
  'action',
  'resourceType',
  'resourceId',
  'patientId',
  'outcome',
  'clientIp',
  'userAgent',
  'requestId',
  'details',
] as const;

/**
 * One INSERT for any number of rows: each column is a text array unnested (issue 18), so the statement text never
 * changes with the batch size — a named prepared statement, parsed and planned once per connection, where a
 * multi-row VALUES list was a new statement (built by Drizzle and planned by PostgreSQL) for every batch size.
 * Drizzle's INSERT … SELECT lists every column of audit_log in table order, the identity `id` too: the select
 * therefore starts with OVERRIDING SYSTEM VALUE (it follows the column list) and takes the id from the identity's
 * own sequence, as the default would; `at` is the column default (clock_timestamp(), per row); the chain columns
 * stay null for the sealer. audit.test.ts checks the ids keep increasing and the chain verifies.
 */
function insertBatch(db: Db) {
  return prepared(db, 'audit_read_batch', (d, name) => {
    const col = (c: (typeof COLUMNS)[number]) => sql`${sql.placeholder(c)}::text[]`;
    return d
      .insert(auditLog)
      .select(
        sql`overriding system value select nextval(pg_get_serial_sequence('audit_log', 'id')), clock_timestamp(), v.actor_id::uuid, v.actor_role, v.organization_id::uuid, v.action, v.resource_type, v.resource_id,
          v.patient_id::uuid, v.outcome, v.client_ip, v.user_agent, v.request_id, v.details::jsonb, null::bigint, null::text, null::text
          from unnest(${sql.join(COLUMNS.map(col), sql`, `)})
          as v(actor_id, actor_role, organization_id, action, resource_type, resource_id, patient_id, outcome, client_ip, user_agent, request_id, details)`,
      )
      .prepare(name);
  });
}

/** Audit rows in one INSERT (one statement: committed together or not at all). */
export function insertRows(db: Db, rows: AuditRow[]): Promise<unknown> {
  return insertBatch(db).execute(columnsOf(rows));
}

/** The rows as one text array per column (every column is text or a uuid, but `details`: JSON text, as Drizzle sent jsonb). */
function columnsOf(rows: AuditRow[]): Record<(typeof COLUMNS)[number], (string | null)[]> {
  const out = Object.fromEntries(COLUMNS.map((c) => [c, [] as (string | null)[]])) as Record<(typeof COLUMNS)[number], (string | null)[]>;
  for (const r of rows) {
    for (const c of COLUMNS) {
      const v = r[c];
      out[c].push(v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));
    }
  }
  return out;
}

/**
 * Group commit for the audit rows of reads (issue 18). A read has nothing to roll back, so its audit row
 * need not share the read's transaction — but the response must follow the row's commit. `record` resolves
 * only after the row is committed; rows that arrive while an INSERT is in flight wait and go together in the
 * next one (one statement, so one transaction and one commit for many requests). Nothing waits for a timer:
 * a lone request is written at once. If a batch fails, its rows are retried one by one so that one bad row
 * fails only its own request. Writes keep recording their audit row in their own transaction (recordAudit).
 *
 * No state outlives the promise: a crash loses only rows whose requests have not been answered.
 */
export class AuditWriter {
  private readonly group: Grouper<AuditRow, undefined>;

  constructor(
    /** Commits the rows (one statement); the database's is `insertRows` — tests pass a stand-in to hold a batch open. */
    writeRows: (rows: AuditRow[]) => Promise<unknown>,
    /** INSERTs in flight at once (each uses one pool connection). */
    maxInFlight = 2,
  ) {
    this.group = new Grouper(
      async (rows) => {
        await writeRows(rows);
        return rows.map(() => undefined);
      },
      { maxInFlight, maxGroup: MAX_BATCH, retrySingly: true },
    );
  }

  async record(meta: RequestMeta, actor: Actor | AuditWho | null, entry: AuditEntry): Promise<void> {
    await this.group.run(auditRow(meta, actor, entry));
  }
}

const writers = new WeakMap<Db, AuditWriter>();

/** The audit writer of a database handle (one per handle; created on first use). */
export function auditWriterFor(db: Db): AuditWriter {
  let w = writers.get(db);
  if (!w) {
    w = new AuditWriter((rows) => insertRows(db, rows));
    writers.set(db, w);
  }
  return w;
}

/**
 * Audit a read of patient data outside any transaction: resolves once the row is committed (batched with
 * other requests' rows). Call it before returning the data; never for a write (use recordAudit in its
 * transaction so the change and its audit row commit or roll back together).
 */
export function recordReadAudit(db: Db, meta: RequestMeta, actor: Actor | AuditWho | null, entry: AuditEntry): Promise<void> {
  return auditWriterFor(db).record(meta, actor, entry);
}
