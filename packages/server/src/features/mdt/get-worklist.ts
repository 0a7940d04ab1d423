import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { queryTrackedItems, statusFilter } from './find-tracked-items.js';
import { findCaseSummaries } from './queries.js';
import type { CaseSummaryDto } from '@gisurg/contracts/mdt';
import type { StuckDto, TrackingRowDto } from '@gisurg/contracts/mdt';
import { WORKLIST_WHERE, findStuck } from './worklists.js';

/** The coordinator's worklist: cases to triage, overdue plan items, and anything stuck for over 48 h. Audited. */
export async function getWorklist(
  ctx: UseCaseContext,
): Promise<{ triage: CaseSummaryDto[]; overdue: TrackingRowDto[]; stuck: StuckDto[] }> {
  const { db, actor, meta, clock, timeZone } = ctx;
  const now = clock.now();
  const today = todayIn(timeZone, now);
  return db.transaction(async (tx) => {
    const triage = await findCaseSummaries(tx, actor, { where: WORKLIST_WHERE.triage, today, limit: 200 });
    const overdue = await queryTrackedItems(tx, actor, { where: statusFilter('overdue', today), today, limit: 200 });
    const stuck = await findStuck(tx, actor, now);
    const patientIds = new Set([
      ...triage.items.map((c) => c.patient.id),
      ...overdue.items.map((i) => i.patientId),
      ...stuck.flatMap((s) => (s.patientId ? [s.patientId] : [])),
    ]);
    await recordAudit(tx, meta, actor, {
      action: 'mdt.worklist.read',
      outcome: 'success',
      resourceType: 'mdt_case',
      details: { patientIds: [...patientIds] },
    });
    return { triage: triage.items, overdue: overdue.items, stuck: stuck.map(({ patientId: _p, ...s }) => s) };
  });
}
