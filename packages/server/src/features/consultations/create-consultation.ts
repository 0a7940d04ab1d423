import { and, count, eq } from 'drizzle-orm';
import { isExternal } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { consultations } from '../../db/schema/index.js';
import { AppError } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { todayIn } from '@gisurg/contracts';
import type { CreateConsultation } from '@gisurg/contracts/consultations';
import { findVisiblePatient } from '../patients/index.js';
import { deadlineHours, dueAtOf } from './settings.js';

/** Answered consultations a doctor may leave unsurveyed before opening a new one is refused. */
export const MAX_UNSURVEYED = 2;

/**
 * Open a consultation (external doctor, for a patient of their own hospital). The reply deadline is the
 * submission time plus the urgency's hours (settings). A doctor who left two answered consultations without
 * the close-out survey must close them first (409).
 */
export async function createConsultation(
  ctx: UseCaseContext,
  input: CreateConsultation,
): Promise<{ id: string; status: 'submitted'; dueAt: string }> {
  const { db, actor, meta, locale, clock, timeZone } = ctx;
  const now = clock.now();
  if (input.consent.obtainedOn > todayIn(timeZone, now))
    throw invalidField(locale, 'consent.obtainedOn', 'consultations.validation.consentFuture');
  return db.transaction(async (tx) => {
    const patient = await findVisiblePatient(tx, actor, input.patientId);
    const organizationId = isExternal(actor) ? actor.organizationId : patient?.sourceOrganizationId;
    if (!patient || !organizationId) throw invalidField(locale, 'patientId', 'consultations.validation.patientUnknown');
    const [pending] = await tx
      .select({ n: count() })
      .from(consultations)
      .where(and(eq(consultations.requestedBy, actor.userId), eq(consultations.status, 'answered')));
    if ((pending?.n ?? 0) >= MAX_UNSURVEYED)
      throw new AppError('CONFLICT', 'consultations.errors.surveysPending', { unsurveyed: pending!.n }, { n: pending!.n });
    const dueAt = dueAtOf(now, input.urgency, await deadlineHours(tx));
    const [row] = await tx
      .insert(consultations)
      .values({
        patientId: patient.id,
        organizationId,
        requestedBy: actor.userId,
        question: input.question,
        history: input.history ?? null,
        stage: input.stage ?? null,
        specialty: input.specialty ?? null,
        urgency: input.urgency,
        consentObtainedOn: input.consent.obtainedOn,
        consentMethod: input.consent.method,
        status: 'submitted',
        submittedAt: now,
        dueAt,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: consultations.id });
    await recordAudit(tx, meta, actor, {
      action: 'consultation.submit',
      outcome: 'success',
      resourceType: 'consultation',
      resourceId: row!.id,
      patientId: patient.id,
      details: { urgency: input.urgency, organizationId, dueAt: dueAt.toISOString(), consentMethod: input.consent.method },
    });
    return { id: row!.id, status: 'submitted' as const, dueAt: dueAt.toISOString() };
  });
}
