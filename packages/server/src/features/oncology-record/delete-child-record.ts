import type { SQL } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import type { Actor } from '../../auth/actor.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import type { Db } from '../../db/types.js';
import type { DeleteRecord } from '@gisurg/contracts';
import { softDeleteRow, type Deleted, type OncologyTable } from './records.js';

/** What differs between the soft deletes of the oncology record's rows; everything else is done once below. */
export interface SoftDeleteSpec<Found> {
  table: OncologyTable;
  /** Audit action and resource type (e.g. `oncology.pathology.delete`, `pathology_report`). */
  action: string;
  resourceType: string;
  /** The live row and its patient as the actor may reach them, or null (404). */
  find: (tx: Db, actor: Actor) => Promise<Found | null>;
  rowId: (found: Found) => string;
  patientId: (found: Found) => string;
  /** The organization scope repeated in the UPDATE's WHERE clause. */
  scope: (tx: Db, actor: Actor) => SQL;
  /** Refuse the delete (throw) while something depends on the row. */
  guard?: (tx: Db, found: Found) => Promise<void>;
  /** Work after the row is deleted, in the same transaction; returns audit details to add. */
  after?: (tx: Db, found: Found) => Promise<Record<string, unknown>>;
  /** Audit details after `version` and `reason`. */
  details?: (found: Found) => Record<string, unknown>;
}

/**
 * The one soft-delete use case of the oncology record (issue 15): find what the actor may reach (404 otherwise),
 * check the guard, delete the version the user saw with a reason (409 when stale), run `after`, audit with
 * the reason, all in one transaction.
 */
export async function deleteChildRecord<Found>(ctx: UseCaseContext, spec: SoftDeleteSpec<Found>, input: DeleteRecord): Promise<Deleted> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const found = await spec.find(tx, actor);
    if (!found) throw notFound();
    await spec.guard?.(tx, found);
    const id = spec.rowId(found);
    const version = await softDeleteRow(tx, spec.table, {
      id,
      version: input.version,
      actorId: actor.userId,
      reason: input.reason,
      now: clock.now(),
      scope: spec.scope(tx, actor),
    });
    const extra = spec.after ? await spec.after(tx, found) : {};
    await recordAudit(tx, meta, actor, {
      action: spec.action,
      outcome: 'success',
      resourceType: spec.resourceType,
      resourceId: id,
      patientId: spec.patientId(found),
      details: { version, reason: input.reason, ...spec.details?.(found), ...extra },
    });
    return { id, version, deleted: true as const };
  });
}
