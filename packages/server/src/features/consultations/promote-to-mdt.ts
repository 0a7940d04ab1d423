import { recordAudit } from '../../audit/record.js';
import { consultations } from '../../db/schema/index.js';
import { AppError } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { and, eq, isNull } from 'drizzle-orm';
import type { PromoteToMdt } from '@gisurg/contracts/consultations';
import { promoteToBoard } from '../mdt/index.js';
import { withConsultation } from './act.js';
import { checkAnswerer } from './answer-consultation.js';

/**
 * Promote a consultation answered with "MDT" to a tumor board in one step: the MDT case carries the
 * question, history and patient, is submitted in the asking hospital's name (its doctors then read the
 * case and its letter) and goes on the next scheduled inter-hospital board (or the one given). Once only.
 */
export async function promoteToMdt(
  ctx: UseCaseContext,
  id: string,
  input: PromoteToMdt,
): Promise<{ mdtCaseId: string; meetingId: string }> {
  const { actor, meta, timeZone } = ctx;
  return withConsultation(ctx, id, async (tx, row, now) => {
    if (row.recommendation !== 'mdt' || (row.status !== 'answered' && row.status !== 'closed'))
      throw new AppError('INVALID_STATE', 'consultations.errors.notMdt');
    if (row.mdtCaseId) throw new AppError('CONFLICT', 'consultations.errors.alreadyPromoted', { mdtCaseId: row.mdtCaseId });
    checkAnswerer(ctx, { ...row, status: 'assigned' });
    const summary = [row.stage ? `${row.stage}` : null, row.history, row.advice].filter(Boolean).join('\n\n') || null;
    const promoted = await promoteToBoard(tx, meta, actor, {
      patientId: row.patientId,
      question: row.question,
      summary,
      urgency: row.urgency,
      submittingOrganizationId: row.organizationId,
      meetingId: input.meetingId,
      now,
      timeZone,
      source: { type: 'consultation', id: row.id },
    });
    if (!promoted) throw new AppError('CONFLICT', 'consultations.errors.noBoard');
    const [updated] = await tx
      .update(consultations)
      .set({ mdtCaseId: promoted.caseId, updatedAt: now, updatedBy: actor.userId, version: row.version + 1 })
      .where(and(eq(consultations.id, row.id), eq(consultations.version, row.version), isNull(consultations.mdtCaseId)))
      .returning({ id: consultations.id });
    if (!updated) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: row.version });
    await recordAudit(tx, meta, actor, {
      action: 'consultation.promote_mdt',
      outcome: 'success',
      resourceType: 'consultation',
      resourceId: row.id,
      patientId: row.patientId,
      details: { mdtCaseId: promoted.caseId, meetingId: promoted.meetingId },
    });
    return { mdtCaseId: promoted.caseId, meetingId: promoted.meetingId };
  });
}
