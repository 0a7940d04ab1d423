import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { complications, operations, pathologyReports, peritonealAssessments } from '../../../db/schema/index.js';
import { AppError } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import type { DeleteRecord } from '@gisurg/contracts';
import { visiblePatientIds } from '../../patients/index.js';
import { deleteChildRecord } from '../delete-child-record.js';
import type { Deleted } from '../records.js';
import { findVisibleOperation } from './queries.js';

/** Soft-delete an operation with a reason; refused while live pathology, PCI/HIPEC or complications hang on it. */
export async function deleteOperation(ctx: UseCaseContext, id: string, input: DeleteRecord): Promise<Deleted> {
  return deleteChildRecord(
    ctx,
    {
      table: operations,
      action: 'oncology.operation.delete',
      resourceType: 'operation',
      find: (tx, actor) => findVisibleOperation(tx, actor, id),
      rowId: () => id,
      patientId: (f) => f.patient.id,
      scope: (tx, actor) => inArray(operations.patientId, visiblePatientIds(tx, actor)),
      guard: async (tx) => {
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
      },
    },
    input,
  );
}
