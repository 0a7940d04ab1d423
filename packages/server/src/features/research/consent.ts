import { todayIn } from '@gisurg/contracts';
import type { EnrolBody, WithdrawBody } from '@gisurg/contracts/research';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import { researchCohortMembers, researchParticipants } from '../../db/schema/index.js';
import { findVisiblePatient } from '../patients/index.js';
import { newDateOffset, pseudonym } from './deidentify.js';
import { requireProject } from './queries.js';

/**
 * POST /api/research/projects/:id/patients: enrol a patient with the date consent was obtained. The patient's
 * date offset is drawn now and kept for the project (every export shifts their dates by it).
 */
export async function enrolPatient(ctx: UseCaseContext, projectId: string, input: EnrolBody): Promise<{ pseudonym: string }> {
  const today = todayIn(ctx.timeZone, ctx.clock.now());
  if (input.consent.obtainedOn > today) throw validationError([fieldIssue(ctx.locale, 'consent.obtainedOn', 'research.validation.future')]);
  return ctx.db.transaction(async (tx) => {
    const project = await requireProject(tx, ctx.actor, projectId);
    const patient = await findVisiblePatient(tx, ctx.actor, input.patientId);
    if (!patient) throw notFound();
    const [existing] = await tx
      .select({ id: researchParticipants.id })
      .from(researchParticipants)
      .where(and(eq(researchParticipants.projectId, projectId), eq(researchParticipants.patientId, input.patientId)));
    if (existing) throw new AppError('CONFLICT', 'research.errors.alreadyEnrolled');
    const [inCohort] = await tx
      .select({ id: researchCohortMembers.patientId })
      .from(researchCohortMembers)
      .where(and(eq(researchCohortMembers.projectId, projectId), eq(researchCohortMembers.patientId, input.patientId)));
    await tx
      .insert(researchParticipants)
      .values({
        projectId,
        patientId: input.patientId,
        consentObtainedOn: input.consent.obtainedOn,
        dateOffsetDays: newDateOffset(),
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      })
      .onConflictDoNothing();
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'research.consent.enrol',
      outcome: 'success',
      resourceType: 'research_project',
      resourceId: projectId,
      patientId: input.patientId,
      details: { consentObtainedOn: input.consent.obtainedOn, fromFrozenCohort: Boolean(inCohort) },
    });
    return { pseudonym: pseudonym(project.exportSecret, input.patientId) };
  });
}

/** POST /api/research/projects/:id/patients/:patientId/withdraw: consent withdrawn on a date; the next export leaves the patient out. */
export async function withdrawPatient(
  ctx: UseCaseContext,
  projectId: string,
  patientId: string,
  input: WithdrawBody,
): Promise<{ withdrawnOn: string }> {
  const today = todayIn(ctx.timeZone, ctx.clock.now());
  if (input.date > today) throw validationError([fieldIssue(ctx.locale, 'date', 'research.validation.future')]);
  return ctx.db.transaction(async (tx) => {
    await requireProject(tx, ctx.actor, projectId);
    const [row] = await tx
      .select()
      .from(researchParticipants)
      .where(and(eq(researchParticipants.projectId, projectId), eq(researchParticipants.patientId, patientId)))
      .for('update');
    if (!row) throw notFound();
    if (row.withdrawnOn) throw new AppError('INVALID_STATE', 'research.errors.alreadyWithdrawn');
    if (input.date < row.consentObtainedOn)
      throw validationError([fieldIssue(ctx.locale, 'date', 'research.validation.withdrawBeforeConsent')]);
    await tx
      .update(researchParticipants)
      .set({
        withdrawnOn: input.date,
        updatedAt: sql`now()`,
        updatedBy: ctx.actor.userId,
        version: sql`${researchParticipants.version} + 1`,
      })
      .where(eq(researchParticipants.id, row.id));
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'research.consent.withdraw',
      outcome: 'success',
      resourceType: 'research_project',
      resourceId: projectId,
      patientId,
      details: { withdrawnOn: input.date },
    });
    return { withdrawnOn: input.date };
  });
}
