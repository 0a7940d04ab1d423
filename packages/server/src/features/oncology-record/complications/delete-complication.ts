import { inArray } from 'drizzle-orm';
import { complications } from '../../../db/schema/index.js';
import type { UseCaseContext } from '../../../core/context.js';
import type { DeleteRecord } from '@gisurg/contracts';
import { deleteChildRecord } from '../delete-child-record.js';
import type { Deleted } from '../records.js';
import { findVisibleComplication, refreshComplicationIndex, visibleOperationIds } from '../operations/queries.js';

/** Soft-delete a complication with a reason; the operation's CCI is recomputed without it. */
export async function deleteComplication(ctx: UseCaseContext, id: string, input: DeleteRecord): Promise<Deleted> {
  return deleteChildRecord(
    ctx,
    {
      table: complications,
      action: 'oncology.complication.delete',
      resourceType: 'complication',
      find: (tx, actor) => findVisibleComplication(tx, actor, id),
      rowId: () => id,
      patientId: (f) => f.complication.patientId,
      scope: (tx, actor) => inArray(complications.operationId, visibleOperationIds(tx, actor)),
      details: (f) => ({ operationId: f.operation.id }),
      after: (tx, f) => refreshComplicationIndex(tx, f.operation.id, f.operation.operationDate),
    },
    input,
  );
}
