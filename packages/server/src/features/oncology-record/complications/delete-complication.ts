import { inArray } from 'drizzle-orm';
import { complications } from '../../../db/schema/index.js';
import { recordAudit } from '../../../audit/record.js';
import { notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { softDeleteRow, type Deleted } from '../records.js';
import type { DeleteRecord } from '@gisurg/contracts';
import { findVisibleComplication, refreshComplicationIndex, visibleOperationIds } from '../operations/queries.js';

/** Soft-delete a complication with a reason; the operation's CCI is recomputed without it. */
export async function deleteComplication(ctx: UseCaseContext, id: string, input: DeleteRecord): Promise<Deleted> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const found = await findVisibleComplication(tx, actor, id);
    if (!found) throw notFound();
    const version = await softDeleteRow(tx, complications, {
      id,
      version: input.version,
      actorId: actor.userId,
      reason: input.reason,
      now: clock.now(),
      scope: inArray(complications.operationId, visibleOperationIds(tx, actor)),
    });
    const cci = await refreshComplicationIndex(tx, found.operation.id, found.operation.operationDate);
    await recordAudit(tx, meta, actor, {
      action: 'oncology.complication.delete',
      outcome: 'success',
      resourceType: 'complication',
      resourceId: id,
      patientId: found.complication.patientId,
      details: { version, reason: input.reason, operationId: found.operation.id, ...cci },
    });
    return { id, version, deleted: true as const };
  });
}
