import { and, eq, inArray, isNull } from 'drizzle-orm';
import { pathologyReports } from '../../../db/schema/index.js';
import { recordAudit } from '../../../audit/record.js';
import { notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { findVisibleOperation, visibleOperationIds } from '../operations/queries.js';
import { softDeleteRow, type Deleted } from '../records.js';
import type { DeleteRecord } from '@gisurg/contracts';

/** Soft-delete the pathology report of an operation with a reason. */
export async function deletePathology(ctx: UseCaseContext, operationId: string, input: DeleteRecord): Promise<Deleted> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const found = await findVisibleOperation(tx, actor, operationId);
    if (!found) throw notFound();
    const [current] = await tx
      .select()
      .from(pathologyReports)
      .where(and(eq(pathologyReports.operationId, operationId), isNull(pathologyReports.deletedAt)));
    if (!current) throw notFound();
    const version = await softDeleteRow(tx, pathologyReports, {
      id: current.id,
      version: input.version,
      actorId: actor.userId,
      reason: input.reason,
      now: clock.now(),
      scope: inArray(pathologyReports.operationId, visibleOperationIds(tx, actor)),
    });
    await recordAudit(tx, meta, actor, {
      action: 'oncology.pathology.delete',
      outcome: 'success',
      resourceType: 'pathology_report',
      resourceId: current.id,
      patientId: found.patient.id,
      details: { version, reason: input.reason, operationId },
    });
    return { id: current.id, version, deleted: true as const };
  });
}
