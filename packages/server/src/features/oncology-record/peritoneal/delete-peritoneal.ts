import { inArray } from 'drizzle-orm';
import { peritonealAssessments } from '../../../db/schema/index.js';
import type { UseCaseContext } from '../../../core/context.js';
import type { DeleteRecord } from '@gisurg/contracts';
import { deleteChildRecord } from '../delete-child-record.js';
import { findLiveRecordOfOperation, visibleOperationIds } from '../operations/queries.js';
import type { Deleted } from '../records.js';

/** Soft-delete the peritoneal record (PCI, CC, HIPEC) of an operation with a reason. */
export async function deletePeritoneal(ctx: UseCaseContext, operationId: string, input: DeleteRecord): Promise<Deleted> {
  return deleteChildRecord(
    ctx,
    {
      table: peritonealAssessments,
      action: 'oncology.peritoneal.delete',
      resourceType: 'peritoneal_assessment',
      find: (tx, actor) => findLiveRecordOfOperation(tx, actor, peritonealAssessments, operationId),
      rowId: (f) => f.row.id,
      patientId: (f) => f.patient.id,
      scope: (tx, actor) => inArray(peritonealAssessments.operationId, visibleOperationIds(tx, actor)),
      details: () => ({ operationId }),
    },
    input,
  );
}
