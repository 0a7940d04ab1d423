import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { consultationReferrals, consultations, organizations } from '../../db/schema/index.js';
import { subscribe, type EventContext, type EventOf } from '../../core/events.js';
import { recordTransferIn } from '../ward/index.js';
import { recordSentBack } from './on-discharged.js';

/**
 * When a patient with a booked referral is admitted, the referral is marked admitted and the stay records
 * 入院途径 "transfer in" from the asking hospital (in the admission's transaction).
 */
export async function markReferralAdmitted(ctx: EventContext, event: EventOf<'admitted'>): Promise<void> {
  const { tx, meta, actor, now } = ctx;
  const [ref] = await tx
    .select({ r: consultationReferrals, orgName: organizations.name })
    .from(consultationReferrals)
    .innerJoin(consultations, eq(consultations.id, consultationReferrals.consultationId))
    .innerJoin(organizations, eq(organizations.id, consultations.organizationId))
    .where(and(eq(consultationReferrals.patientId, event.patientId), eq(consultationReferrals.status, 'reserved')))
    .orderBy(consultationReferrals.expectedAdmissionDate)
    .limit(1);
  if (!ref) return;
  const at = event.at instanceof Date ? event.at : new Date(event.at);
  await tx
    .update(consultationReferrals)
    .set({ status: 'admitted', admissionId: event.admissionId, admittedAt: at, updatedAt: now, version: ref.r.version + 1 })
    .where(and(eq(consultationReferrals.id, ref.r.id), eq(consultationReferrals.status, 'reserved')));
  await recordTransferIn(tx, meta, actor, { admissionId: event.admissionId, institution: ref.orgName, now });
  await recordAudit(tx, meta, actor, {
    action: 'consultation.referral.admitted',
    outcome: 'success',
    resourceType: 'consultation',
    resourceId: ref.r.consultationId,
    patientId: event.patientId,
    details: { referralId: ref.r.id, admissionId: event.admissionId },
  });
}

export function subscribeConsultations(): void {
  subscribe('admitted', 'consultations.referral-admitted', markReferralAdmitted);
  subscribe('discharged', 'consultations.referral-sent-back', recordSentBack);
}
