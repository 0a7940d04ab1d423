import { and, eq, isNotNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { AppError } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { consultationReferrals } from '../../db/schema/index.js';
import type { DischargeNote } from '@gisurg/contracts/consultations';
import { withConsultation } from './act.js';

/** The team's note to the asking doctor on a patient sent back on discharge (409 before the discharge). */
export async function writeDischargeNote(ctx: UseCaseContext, id: string, input: DischargeNote): Promise<{ ok: true }> {
  const { actor, meta } = ctx;
  return withConsultation(ctx, id, async (tx, row, now) => {
    const [ref] = await tx
      .update(consultationReferrals)
      .set({ dischargeNote: input.note, updatedAt: now, updatedBy: actor.userId })
      .where(and(eq(consultationReferrals.consultationId, row.id), isNotNull(consultationReferrals.dischargedAt)))
      .returning({ id: consultationReferrals.id });
    if (!ref) throw new AppError('INVALID_STATE', 'consultations.errors.notSentBack');
    await recordAudit(tx, meta, actor, {
      action: 'consultation.referral.discharge_note',
      outcome: 'success',
      resourceType: 'consultation',
      resourceId: row.id,
      patientId: row.patientId,
      details: { referralId: ref.id },
    });
    return { ok: true as const };
  });
}
