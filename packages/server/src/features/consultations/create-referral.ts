import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { consultationReferrals } from '../../db/schema/index.js';
import { AppError } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { addDays, todayIn } from '@gisurg/contracts';
import type { CreateReferral } from '@gisurg/contracts/consultations';
import { holdWardBed } from '../ward/index.js';
import { withConsultation } from './act.js';
import { checkAnswerer } from './answer-consultation.js';

/** Days a referral's bed is held from the expected admission date (the date and the day after). */
export const REFERRAL_HOLD_DAYS = 1;

/**
 * Book the referral of a consultation answered with `transfer`: the expected admission date and a general
 * ward bed held for it through the ward feature (bed_reservations). One referral per consultation (409);
 * 409 when no bed is free on that date.
 */
export async function createReferral(
  ctx: UseCaseContext,
  id: string,
  input: CreateReferral,
): Promise<{ id: string; bedReservation: { id: string; bedId: string } }> {
  const { actor, meta, locale, timeZone } = ctx;
  return withConsultation(ctx, id, async (tx, row, now) => {
    const today = todayIn(timeZone, now);
    if (input.expectedAdmissionDate < today) throw invalidField(locale, 'expectedAdmissionDate', 'consultations.validation.referralPast');
    if (row.recommendation !== 'transfer' || (row.status !== 'answered' && row.status !== 'closed'))
      throw new AppError('INVALID_STATE', 'consultations.errors.notTransfer');
    checkAnswerer(ctx, { ...row, status: 'assigned' });
    const [existing] = await tx
      .select({ id: consultationReferrals.id })
      .from(consultationReferrals)
      .where(and(eq(consultationReferrals.consultationId, row.id), inArray(consultationReferrals.status, ['reserved', 'admitted'])));
    if (existing) throw new AppError('CONFLICT', 'consultations.errors.referralExists', { referralId: existing.id });
    const held = await holdWardBed(tx, meta, actor, {
      patientId: row.patientId,
      fromDate: input.expectedAdmissionDate,
      toDate: addDays(input.expectedAdmissionDate, REFERRAL_HOLD_DAYS),
      today,
      now,
      reason: 'referral',
    });
    if (!held) throw new AppError('CONFLICT', 'consultations.errors.noBed', { date: input.expectedAdmissionDate });
    const [ref] = await tx
      .insert(consultationReferrals)
      .values({
        consultationId: row.id,
        patientId: row.patientId,
        expectedAdmissionDate: input.expectedAdmissionDate,
        bedReservationId: held.id,
        bedId: held.bedId,
        status: 'reserved',
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: consultationReferrals.id });
    await recordAudit(tx, meta, actor, {
      action: 'consultation.referral.create',
      outcome: 'success',
      resourceType: 'consultation',
      resourceId: row.id,
      patientId: row.patientId,
      details: { referralId: ref!.id, expectedAdmissionDate: input.expectedAdmissionDate, bedId: held.bedId, reservationId: held.id },
    });
    return { id: ref!.id, bedReservation: held };
  });
}
