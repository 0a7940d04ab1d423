import { auditLog } from '../db/schema/index.js';
import type { Db } from '../db/types.js';
import type { Actor } from '../auth/actor.js';
import type { RequestMeta } from '../core/context.js';
import { auditRow, type AuditEntry, type AuditWho } from './record.js';

type AuditRow = typeof auditLog.$inferInsert;

interface Pending {
  row: AuditRow;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Rows per INSERT at most (PostgreSQL's 65,535 bind parameters / 12 columns, with room to spare). */
const MAX_BATCH = 1000;

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
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly db: Db,
    /** INSERTs in flight at once (each uses one pool connection). */
    private readonly maxInFlight = 2,
  ) {}

  record(meta: RequestMeta, actor: Actor | AuditWho | null, entry: AuditEntry): Promise<void> {
    const row = auditRow(meta, actor, entry);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.db.insert(auditLog).values(batch.map((p) => p.row));
      for (const p of batch) p.resolve();
    } catch (e) {
      if (batch.length === 1) {
        batch[0]!.reject(e);
        return;
      }
      for (const p of batch) {
        try {
          await this.db.insert(auditLog).values(p.row);
          p.resolve();
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }
}

const writers = new WeakMap<Db, AuditWriter>();

/** The audit writer of a database handle (one per handle; created on first use). */
export function auditWriterFor(db: Db): AuditWriter {
  let w = writers.get(db);
  if (!w) {
    w = new AuditWriter(db);
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
