import { and, eq } from 'drizzle-orm';
import { can } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { mdtCases } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { loadClinicalSnapshot } from './clinical-snapshot.js';
import { buildCaseDetail } from './get-case.js';
import { findVisibleCase, recordCaseEvent } from './queries.js';
import type { CaseDetailDto } from '@gisurg/contracts/mdt';

/**
 * "Refresh from record": take the clinical snapshot again before the board discusses the case. Once the
 * board decided, the snapshot is what it saw and stays as it is.
 */
export async function refreshSnapshot(ctx: UseCaseContext, id: string): Promise<CaseDetailDto> {
  const { db, actor, meta, clock, timeZone } = ctx;
  return db.transaction(async (tx) => {
    const found = await findVisibleCase(tx, actor, id);
    if (!found) throw notFound();
    const { c } = found;
    if (!can(actor, 'mdt:manage') && c.submittingOrganizationId !== actor.organizationId) throw notFound();
    if (!['submitted', 'scheduled', 'deferred'].includes(c.status)) throw new AppError('INVALID_STATE', 'mdt.errors.caseLocked');
    const now = clock.now();
    const snapshot = await loadClinicalSnapshot(tx, c.patientId, { now, timeZone });
    const [row] = await tx
      .update(mdtCases)
      .set({ snapshot, snapshotAt: now, version: c.version + 1, updatedAt: now, updatedBy: actor.userId })
      .where(and(eq(mdtCases.id, id), eq(mdtCases.version, c.version)))
      .returning({ version: mdtCases.version });
    if (!row) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: c.version });
    await recordCaseEvent(tx, { caseId: id, at: now, action: 'refresh_snapshot', actorId: actor.userId });
    await recordAudit(tx, meta, actor, {
      action: 'mdt.case.refresh_snapshot',
      outcome: 'success',
      resourceType: 'mdt_case',
      resourceId: id,
      patientId: c.patientId,
    });
    return buildCaseDetail(tx, actor, id, todayIn(timeZone, now));
  });
}
