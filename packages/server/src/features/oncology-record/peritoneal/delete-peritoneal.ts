import { and, eq, inArray, isNull } from 'drizzle-orm';
import { peritonealAssessments } from '../../../db/schema/index.js';
import { recordAudit } from '../../../audit/record.js';
import { notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { softDeleteRow, type Deleted } from '../records.js';
import type { DeleteRecord } from '@gisurg/contracts';
import { findVisibleOperation, visibleOperationIds } from '../operations/queries.js';

/** Soft-delete the peritoneal record (PCI, CC, HIPEC) of an operation with a reason. */
export async function deletePeritoneal(ctx: UseCaseContext, operationId: string, input: DeleteRecord): Promise<Deleted> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const found = await findVisibleOperation(tx, actor, operationId);
    if (!found) throw notFound();
    const [current] = await tx
      .select()
      .from(peritonealAssessments)
      .where(and(eq(peritonealAssessments.operationId, operationId), isNull(peritonealAssessments.deletedAt)));
    if (!current) throw notFound();
    const version = await softDeleteRow(tx, peritonealAssessments, {
      id: current.id,
      version: input.version,
      actorId: actor.userId,
      reason: input.reason,
      now: clock.now(),
      scope: inArray(peritonealAssessments.operationId, visibleOperationIds(tx, actor)),
    });
    await recordAudit(tx, meta, actor, {
      action: 'oncology.peritoneal.delete',
      outcome: 'success',
      resourceType: 'peritoneal_assessment',
      resourceId: current.id,
      patientId: found.patient.id,
      details: { version, reason: input.reason, operationId },
    });
    return { id: current.id, version, deleted: true as const };
  });
}
