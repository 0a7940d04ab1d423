import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { breakGlassGrants, patients } from '../../db/schema/index.js';
import { findVisiblePatient } from './visibility.js';
import type { BreakGlassGrant } from '@gisurg/contracts/patients';

/**
 * Break-glass (issue 17, ADR 0015): open a patient outside one's normal scope, stating why. Only roles holding
 * `patient:break_glass` (home-hospital doctors and nurses; never external doctors, researchers, students or
 * administrators). The grant lasts BREAK_GLASS_HOURS; while it lives the patient is in the user's scope
 * (visibility.ts) and every audit row about the patient names the grant (audit/record.ts). The department head
 * sees every grant (GET /api/audit/break-glass). A patient already in scope needs no break-glass (409); one that
 * does not exist stays 404.
 */
export async function breakGlass(ctx: UseCaseContext, durationMs: number, patientId: string, reason: string): Promise<BreakGlassGrant> {
  const { db, actor, meta, clock } = ctx;
  const { breakGlass: _live, ...withoutGrants } = actor;
  if (await findVisiblePatient(db, withoutGrants, patientId)) throw new AppError('INVALID_STATE', 'patients.breakGlass.notNeeded');
  const [p] = await db
    .select({ id: patients.id, organizationId: patients.organizationId })
    .from(patients)
    .where(and(eq(patients.id, patientId), isNull(patients.deletedAt)))
    .limit(1);
  if (!p) throw notFound();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + durationMs);
  return db.transaction(async (tx) => {
    const [g] = await tx
      .insert(breakGlassGrants)
      .values({ userId: actor.userId, patientId, reason, createdAt: now, expiresAt })
      .returning({ id: breakGlassGrants.id });
    await recordAudit(tx, meta, actor, {
      action: 'patient.break_glass',
      outcome: 'success',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      details: { breakGlass: g!.id, reason, expiresAt: expiresAt.toISOString(), patientOrganizationId: p.organizationId },
    });
    return { id: g!.id, patientId, expiresAt: expiresAt.toISOString() };
  });
}
