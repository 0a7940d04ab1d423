import { toInstant } from '@gisurg/contracts';
import { and, eq, gte, lt } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { consultationReferrals, consultations, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { consultationScope } from './queries.js';
import { median } from './settings.js';

/**
 * The consultation network's figures for a period, summed over hospitals (the quality feature's annual
 * report): same population and rules as GET /api/consultations/figures — consultations submitted in the
 * period (hospital time zone), answered ones, median hours from submission to answer over all answered
 * ones (one decimal), and the close-out survey ("referral avoided").
 */
export interface ConsultationPeriodSummary {
  received: number;
  hospitals: number;
  answered: number;
  answeredWithinDeadline: number;
  medianHoursToAnswer: number | null;
  recommendations: { manage_locally: number; mdt: number; transfer: number };
  /** Closed with the survey, and of those the asking doctor said a referral was avoided. */
  surveyed: number;
  referralAvoided: number;
  referralsAdmitted: number;
}

export async function consultationPeriodSummary(
  db: Db,
  actor: Actor,
  period: { from: string; toExclusive: string; timeZone: string },
): Promise<ConsultationPeriodSummary> {
  const rows = await db
    .select({
      organizationId: consultations.organizationId,
      submittedAt: consultations.submittedAt,
      dueAt: consultations.dueAt,
      answeredAt: consultations.answeredAt,
      recommendation: consultations.recommendation,
      referralAvoided: consultations.surveyReferralAvoided,
      referralStatus: consultationReferrals.status,
    })
    .from(consultations)
    .innerJoin(patients, eq(patients.id, consultations.patientId))
    .leftJoin(consultationReferrals, eq(consultationReferrals.consultationId, consultations.id))
    .where(
      and(
        consultationScope(actor),
        gte(consultations.submittedAt, toInstant(`${period.from}T00:00`, period.timeZone)),
        lt(consultations.submittedAt, toInstant(`${period.toExclusive}T00:00`, period.timeZone)),
      ),
    );
  const answered = rows.filter((r) => r.answeredAt !== null);
  const m = median(answered.map((r) => (r.answeredAt!.getTime() - r.submittedAt.getTime()) / 3_600_000));
  const recommendations = { manage_locally: 0, mdt: 0, transfer: 0 };
  for (const r of answered) if (r.recommendation) recommendations[r.recommendation] += 1;
  return {
    received: rows.length,
    hospitals: new Set(rows.map((r) => r.organizationId)).size,
    answered: answered.length,
    answeredWithinDeadline: answered.filter((r) => r.answeredAt!.getTime() <= r.dueAt.getTime()).length,
    medianHoursToAnswer: m === null ? null : Math.round(m * 10) / 10,
    recommendations,
    surveyed: rows.filter((r) => r.referralAvoided !== null).length,
    referralAvoided: rows.filter((r) => r.referralAvoided === true).length,
    referralsAdmitted: rows.filter((r) => r.referralStatus === 'admitted').length,
  };
}
