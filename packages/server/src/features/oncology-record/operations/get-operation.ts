import { recordAudit } from '../../../audit/record.js';
import { notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { findVisibleOperation, loadOperationDto } from './queries.js';
import type { OperationDto } from '@gisurg/contracts/oncology-record';

/** One operation with everything recorded about it; the read is audited. */
export async function getOperation(ctx: UseCaseContext, id: string): Promise<OperationDto> {
  const { db, actor, meta } = ctx;
  return db.transaction(async (tx) => {
    const found = await findVisibleOperation(tx, actor, id);
    if (!found) throw notFound();
    await recordAudit(tx, meta, actor, {
      action: 'oncology.operation.read',
      outcome: 'success',
      resourceType: 'operation',
      resourceId: id,
      patientId: found.patient.id,
    });
    return loadOperationDto(tx, found.operation);
  });
}
