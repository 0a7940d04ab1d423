import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { complications, operations, pathologyReports, peritonealAssessments } from '../../../db/schema/index.js';
import { recordAudit } from '../../../audit/record.js';
import { AppError, notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { visiblePatientIds } from '../../patients/visibility.js';
import { softDeleteRow, type Deleted } from '../records.js';
import type { DeleteRecord } from '@gisurg/contracts';
import { findVisibleOperation } from './queries.js';

/** Soft-delete an operation with a reason; refused while live pathology, PCI/HIPEC or complications hang on it. */
export async function deleteOperation(ctx: UseCaseContext, id: string, input: DeleteRecord): Promise<Deleted> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const found = await findVisibleOperation(tx, actor, id);
    if (!found) throw notFound();
    const count = async (table: typeof complications | typeof pathologyReports | typeof peritonealAssessments) => {
      const t = table as typeof complications;
      const [r] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(t)
        .where(and(eq(t.operationId, id), isNull(t.deletedAt)));
      return r?.n ?? 0;
    };
    const linked = {
      complications: await count(complications),
      pathology: await count(pathologyReports),
      peritoneal: await count(peritonealAssessments),
    };
    if (linked.complications + linked.pathology + linked.peritoneal > 0)
      throw new AppError('INVALID_STATE', 'oncology.errors.operationHasRecords', linked);
    const version = await softDeleteRow(tx, operations, {
      id,
      version: input.version,
      actorId: actor.userId,
      reason: input.reason,
      now: clock.now(),
      scope: inArray(operations.patientId, visiblePatientIds(tx, actor)),
    });
    await recordAudit(tx, meta, actor, {
      action: 'oncology.operation.delete',
      outcome: 'success',
      resourceType: 'operation',
      resourceId: id,
      patientId: found.patient.id,
      details: { version, reason: input.reason },
    });
    return { id, version, deleted: true as const };
  });
}
