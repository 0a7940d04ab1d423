import { inArray } from 'drizzle-orm';
import { performanceStatus, tumorMarkers } from '../../../db/schema/index.js';
import type { UseCaseContext } from '../../../core/context.js';
import type { DeleteRecord } from '@gisurg/contracts';
import { visiblePatientIds } from '../../patients/index.js';
import { deleteChildRecord } from '../delete-child-record.js';
import type { Deleted } from '../records.js';
import { findVisibleOwned } from './queries.js';

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
  const { table, resourceType, action } = KINDS[kind];
  return deleteChildRecord(
    ctx,
    {
      table,
      action,
      resourceType,
      find: (tx, actor) => findVisibleOwned(tx, actor, table, id),
      rowId: () => id,
      patientId: (f) => f.patient.id,
      scope: (tx, actor) => inArray(table.patientId, visiblePatientIds(tx, actor)),
    },
    input,
  );
}
