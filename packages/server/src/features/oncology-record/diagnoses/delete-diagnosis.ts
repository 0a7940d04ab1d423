import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { oncologyDiagnoses, operations } from '../../../db/schema/index.js';
import { recordAudit } from '../../../audit/record.js';
import { AppError, notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { visiblePatientIds } from '../../patients/visibility.js';
import { findVisibleDiagnosis } from './queries.js';
import { softDeleteRow, type Deleted } from '../records.js';
import type { DeleteRecord } from '@gisurg/contracts';

/** Soft-delete a diagnosis with a reason; refused while live operations are linked to it. */
export async function deleteDiagnosis(ctx: UseCaseContext, id: string, input: DeleteRecord): Promise<Deleted> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const found = await findVisibleDiagnosis(tx, actor, id);
    if (!found) throw notFound();
    const [linked] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(operations)
      .where(and(eq(operations.diagnosisId, id), isNull(operations.deletedAt)));
    if ((linked?.n ?? 0) > 0) throw new AppError('INVALID_STATE', 'oncology.errors.diagnosisInUse', { operations: linked!.n });
    const version = await softDeleteRow(tx, oncologyDiagnoses, {
      id,
      version: input.version,
      actorId: actor.userId,
      reason: input.reason,
      now: clock.now(),
      scope: inArray(oncologyDiagnoses.patientId, visiblePatientIds(tx, actor)),
    });
    await recordAudit(tx, meta, actor, {
      action: 'oncology.diagnosis.delete',
      outcome: 'success',
      resourceType: 'diagnosis',
      resourceId: id,
      patientId: found.patient.id,
      details: { version, reason: input.reason, site: found.diagnosis.site, icd10: found.diagnosis.icd10 },
    });
    return { id, version, deleted: true as const };
  });
}
