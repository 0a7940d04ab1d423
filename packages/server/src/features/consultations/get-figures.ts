import { and, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import { isExternal, type Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { consultationReferrals, consultations, organizations, outreachActivities, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { UseCaseContext } from '../../core/context.js';
import { toInstant, todayIn } from '@gisurg/contracts';
import type { Figures } from '@gisurg/contracts/consultations';
import { consultationScope } from './queries.js';
import { median } from './settings.js';
import { outreachScope } from './outreach.js';
import { yearRange } from './reach-common.js';

type SurveyRow = { referralAvoided: boolean | null; willFollowAdvice: boolean | null; educational: boolean | null };

const share = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);

/** Close-out survey results: yes counts and shares (0–1, three decimals) over closed consultations. */
export function surveyOf(rows: readonly SurveyRow[]) {
  const count = rows.length;
  const referralAvoided = rows.filter((r) => r.referralAvoided === true).length;
  const willFollowAdvice = rows.filter((r) => r.willFollowAdvice === true).length;
  const educational = rows.filter((r) => r.educational === true).length;
  return {
    count,
    referralAvoided,
    willFollowAdvice,
    educational,
    referralAvoidedShare: share(referralAvoided, count),
    willFollowAdviceShare: share(willFollowAdvice, count),
    educationalShare: share(educational, count),
  };
}

/** Guidance visits and tele-sessions per reached hospital in a year (a session reaching three counts for each). */
async function outreachPerHospital(db: Db, actor: Actor, year: number) {
  const r = yearRange(year);
  const rows = await db
    .select({ kind: outreachActivities.kind, organizationIds: outreachActivities.organizationIds })
    .from(outreachActivities)
    .where(and(outreachScope(actor), gte(outreachActivities.date, r.from), lte(outreachActivities.date, r.to)));
  const ids = [...new Set(rows.flatMap((x) => x.organizationIds))];
  const names = new Map(
    ids.length
      ? (await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids))).map(
          (o) => [o.id, o.name],
        )
      : [],
  );
  const out = new Map<string, { name: string; visits: number; teleSessions: number }>();
  for (const x of rows)
    for (const id of x.organizationIds) {
      if (isExternal(actor) && id !== actor.organizationId) continue;
      const o = out.get(id) ?? { name: names.get(id) ?? '', visits: 0, teleSessions: 0 };
      if (x.kind === 'visit') o.visits += 1;
      else o.teleSessions += 1;
      out.set(id, o);
    }
  return out;
}

/**
 * Figures per asking hospital for a year (by submission date in the hospital's time zone): consultations,
 * answered, answered within the deadline, median hours from submission to answer (answered ones; one
 * decimal), recommendation mix, referrals admitted and sent back, survey results, outreach reaching the hospital
 * (by visit date). External doctors see their own hospital only.
 */
export async function getFigures(ctx: UseCaseContext, requestedYear: number | undefined): Promise<Figures> {
  const { db, actor, meta, timeZone, clock } = ctx;
  const year = requestedYear ?? Number(todayIn(timeZone, clock.now()).slice(0, 4));
  const from = toInstant(`${year}-01-01T00:00`, timeZone);
  const to = toInstant(`${year + 1}-01-01T00:00`, timeZone);
  const where: SQL[] = [consultationScope(actor), gte(consultations.submittedAt, from), lt(consultations.submittedAt, to)];
  if (isExternal(actor)) where.push(eq(consultations.organizationId, actor.organizationId));
  const rows = await db
    .select({
      organizationId: consultations.organizationId,
      organizationName: organizations.name,
      submittedAt: consultations.submittedAt,
      dueAt: consultations.dueAt,
      answeredAt: consultations.answeredAt,
      recommendation: consultations.recommendation,
      referralStatus: consultationReferrals.status,
      referralDischargedAt: consultationReferrals.dischargedAt,
      status: consultations.status,
      referralAvoided: consultations.surveyReferralAvoided,
      willFollowAdvice: consultations.surveyWillFollowAdvice,
      educational: consultations.surveyEducational,
    })
    .from(consultations)
    .innerJoin(patients, eq(patients.id, consultations.patientId))
    .innerJoin(organizations, eq(organizations.id, consultations.organizationId))
    .leftJoin(consultationReferrals, eq(consultationReferrals.consultationId, consultations.id))
    .where(and(...where));
  const byOrg = new Map<string, { name: string; rows: typeof rows }>();
  for (const r of rows) {
    const g = byOrg.get(r.organizationId) ?? { name: r.organizationName, rows: [] };
    g.rows.push(r);
    byOrg.set(r.organizationId, g);
  }
  const outreach = await outreachPerHospital(db, actor, year);
  for (const [organizationId, o] of outreach) if (!byOrg.has(organizationId)) byOrg.set(organizationId, { name: o.name, rows: [] });
  const hospitals = [...byOrg.entries()]
    .map(([organizationId, g]) => {
      const answered = g.rows.filter((r) => r.answeredAt !== null);
      const hours = answered.map((r) => (r.answeredAt!.getTime() - r.submittedAt.getTime()) / 3_600_000);
      const m = median(hours);
      const mix = { manage_locally: 0, mdt: 0, transfer: 0 };
      for (const r of answered) if (r.recommendation) mix[r.recommendation] += 1;
      return {
        organizationId,
        organizationName: g.name,
        consultations: g.rows.length,
        answered: answered.length,
        answeredWithinDeadline: answered.filter((r) => r.answeredAt!.getTime() <= r.dueAt.getTime()).length,
        medianHoursToAnswer: m === null ? null : Math.round(m * 10) / 10,
        recommendations: mix,
        referralsAdmitted: g.rows.filter((r) => r.referralStatus === 'admitted').length,
        referralsSentBack: g.rows.filter((r) => r.referralDischargedAt !== null).length,
        survey: surveyOf(g.rows.filter((r) => r.status === 'closed')),
        outreachVisits: outreach.get(organizationId)?.visits ?? 0,
        teleSessions: outreach.get(organizationId)?.teleSessions ?? 0,
      };
    })
    .sort((a, b) => b.consultations - a.consultations || a.organizationName.localeCompare(b.organizationName));
  await recordAudit(db, meta, actor, {
    action: 'consultation.figures',
    outcome: 'success',
    resourceType: 'consultation',
    details: { year },
  });
  return { year, hospitals };
}
