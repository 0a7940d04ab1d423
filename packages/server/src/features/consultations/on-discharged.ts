import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { admissions, consultationReferrals } from '../../db/schema/index.js';
import type { EventContext, EventOf } from '../../core/events.js';

/** 离院方式 that send the patient back to a hospital: 医嘱转院 and 医嘱转社区/乡镇卫生院. */
export const SEND_BACK_DISPOSITIONS = ['transfer_hospital', 'transfer_community'] as const;

/**
 * Send back on discharge (issue 10): when the stay of a patient admitted through a referral ends with a
 * transfer to a (primary) hospital, the referral keeps what the asking doctor reads in the consultation —
 * discharge time, 离院方式, the receiving institution, the stay's diagnosis and procedure. Runs in the
 * discharge's transaction (core/events.ts); reads the stay from its row, never through the ward feature.
 */
export async function recordSentBack(ctx: EventContext, event: EventOf<'discharged'>): Promise<void> {
  if (!(SEND_BACK_DISPOSITIONS as readonly string[]).includes(event.disposition)) return;
  const { tx, meta, actor, now } = ctx;
  const [ref] = await tx
    .select()
    .from(consultationReferrals)
    .where(
      and(
        eq(consultationReferrals.admissionId, event.admissionId),
        eq(consultationReferrals.status, 'admitted'),
        isNull(consultationReferrals.dischargedAt),
      ),
    )
    .limit(1);
  if (!ref) return;
  const [stay] = await tx
    .select({ diagnosis: admissions.diagnosis, procedure: admissions.plannedProcedure, institution: admissions.dispositionInstitution })
    .from(admissions)
    .where(eq(admissions.id, event.admissionId));
  const at = event.at instanceof Date ? event.at : new Date(event.at);
  await tx
    .update(consultationReferrals)
    .set({
      dischargedAt: at,
      dischargeDisposition: event.disposition,
      dischargeInstitution: stay?.institution ?? null,
      dischargeDiagnosis: stay?.diagnosis ?? null,
      dischargeProcedure: stay?.procedure ?? null,
      updatedAt: now,
      version: ref.version + 1,
    })
    .where(eq(consultationReferrals.id, ref.id));
  await recordAudit(tx, meta, actor, {
    action: 'consultation.referral.sent_back',
    outcome: 'success',
    resourceType: 'consultation',
    resourceId: ref.consultationId,
    patientId: event.patientId,
    details: { referralId: ref.id, admissionId: event.admissionId, disposition: event.disposition },
  });
}
