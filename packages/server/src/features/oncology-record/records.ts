import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type {
  complications,
  oncologyDiagnoses,
  operations,
  pathologyReports,
  performanceStatus,
  peritonealAssessments,
  tumorMarkers,
} from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { AppError, notFound } from '../../core/app-error.js';

/** The tables of the oncology record: all carry id, version, deleted_at/by and delete_reason. */
export type OncologyTable =
  | typeof oncologyDiagnoses
  | typeof tumorMarkers
  | typeof performanceStatus
  | typeof operations
  | typeof pathologyReports
  | typeof peritonealAssessments
  | typeof complications;

/**
 * Soft delete with a reason and optimistic concurrency (trust.md S14): only the version the user saw is
 * deleted; `scope` repeats the organization scope in the WHERE clause. Returns the new version, or throws
 * 409 (stale) / 404 (gone). The columns are the same in every OncologyTable, so one statement serves all.
 */
export async function softDeleteRow(
  tx: Db,
  table: OncologyTable,
  args: { id: string; version: number; actorId: string; reason: string; now: Date; scope: SQL },
): Promise<number> {
  const t = table as typeof tumorMarkers;
  const [row] = await tx
    .update(t)
    .set({
      deletedAt: args.now,
      deletedBy: args.actorId,
      deleteReason: args.reason,
      version: args.version + 1,
      updatedAt: args.now,
      updatedBy: args.actorId,
    })
    .where(and(eq(t.id, args.id), eq(t.version, args.version), isNull(t.deletedAt), args.scope))
    .returning({ version: t.version });
  if (row) return row.version;
  await throwStaleOrMissing(tx, table, args.id);
  return 0;
}

/** After an UPDATE … WHERE version = v matched nothing: 409 with the current version if the row is live, else 404. */
export async function throwStaleOrMissing(tx: Db, table: OncologyTable, id: string): Promise<never> {
  const t = table as typeof tumorMarkers;
  const [still] = await tx
    .select({ version: t.version })
    .from(t)
    .where(and(eq(t.id, id), isNull(t.deletedAt)));
  if (!still) throw notFound();
  throw new AppError('CONFLICT', 'errors.stale', { currentVersion: still.version });
}

/** Response of every soft delete. */
export interface Deleted {
  id: string;
  version: number;
  deleted: true;
}
