import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { oncologyDiagnoses, operations } from '../../../db/schema/index.js';
import { AppError } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import type { DeleteRecord } from '@gisurg/contracts';
import { visiblePatientIds } from '../../patients/index.js';
import { deleteChildRecord } from '../delete-child-record.js';
import type { Deleted } from '../records.js';
import { findVisibleDiagnosis } from './queries.js';

/** Soft-delete a diagnosis with a reason; refused while live operations are linked to it. */
export async function deleteDiagnosis(ctx: UseCaseContext, id: string, input: DeleteRecord): Promise<Deleted> {
  return deleteChildRecord(
    ctx,
    {
      table: oncologyDiagnoses,
      action: 'oncology.diagnosis.delete',
      resourceType: 'diagnosis',
      find: (tx, actor) => findVisibleDiagnosis(tx, actor, id),
      rowId: () => id,
      patientId: (f) => f.patient.id,
      scope: (tx, actor) => inArray(oncologyDiagnoses.patientId, visiblePatientIds(tx, actor)),
      guard: async (tx) => {
        const [linked] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(operations)
          .where(and(eq(operations.diagnosisId, id), isNull(operations.deletedAt)));
        if ((linked?.n ?? 0) > 0) throw new AppError('INVALID_STATE', 'oncology.errors.diagnosisInUse', { operations: linked!.n });
      },
      details: (f) => ({ site: f.diagnosis.site, icd10: f.diagnosis.icd10 }),
    },
    input,
  );
}
