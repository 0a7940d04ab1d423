import { inArray } from 'drizzle-orm';
import { performanceStatus, tumorMarkers } from '../../../db/schema/index.js';
import { recordAudit } from '../../../audit/record.js';
import { notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { visiblePatientIds } from '../../patients/visibility.js';
import { findVisibleOwned } from './queries.js';
import { softDeleteRow, type Deleted } from '../records.js';
import type { DeleteRecord } from '@gisurg/contracts';

const KINDS = {
  marker: { table: tumorMarkers, resourceType: 'tumor_marker', action: 'oncology.marker.delete' },
  performanceStatus: { table: performanceStatus, resourceType: 'performance_status', action: 'oncology.performance_status.delete' },
} as const;

/** Soft-delete a tumour marker or performance-status entry with a reason (audited with the reason). */
export async function deletePatientRecord(
  ctx: UseCaseContext,
  kind: keyof typeof KINDS,
  id: string,
  input: DeleteRecord,
): Promise<Deleted> {
  const { db, actor, meta, clock } = ctx;
  const { table, resourceType, action } = KINDS[kind];
  return db.transaction(async (tx) => {
    const found = await findVisibleOwned(tx, actor, table, id);
    if (!found) throw notFound();
    const version = await softDeleteRow(tx, table, {
      id,
      version: input.version,
      actorId: actor.userId,
      reason: input.reason,
      now: clock.now(),
      scope: inArray(table.patientId, visiblePatientIds(tx, actor)),
    });
    await recordAudit(tx, meta, actor, {
      action,
      outcome: 'success',
      resourceType,
      resourceId: id,
      patientId: found.patient.id,
      details: { version, reason: input.reason },
    });
    return { id, version, deleted: true as const };
  });
}
