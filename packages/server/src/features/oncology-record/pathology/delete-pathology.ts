import { inArray } from 'drizzle-orm';
import { pathologyReports } from '../../../db/schema/index.js';
import type { UseCaseContext } from '../../../core/context.js';
import type { DeleteRecord } from '@gisurg/contracts';
import { deleteChildRecord } from '../delete-child-record.js';
import { findLiveRecordOfOperation, visibleOperationIds } from '../operations/queries.js';
import type { Deleted } from '../records.js';

/** Soft-delete the pathology report of an operation with a reason. */
export async function deletePathology(ctx: UseCaseContext, operationId: string, input: DeleteRecord): Promise<Deleted> {
  return deleteChildRecord(
    ctx,
    {
      table: pathologyReports,
      action: 'oncology.pathology.delete',
      resourceType: 'pathology_report',
      find: (tx, actor) => findLiveRecordOfOperation(tx, actor, pathologyReports, operationId),
      rowId: (f) => f.row.id,
      patientId: (f) => f.patient.id,
      scope: (tx, actor) => inArray(pathologyReports.operationId, visibleOperationIds(tx, actor)),
      details: () => ({ operationId }),
    },
    input,
  );
}
