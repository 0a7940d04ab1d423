import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import { isExternal } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { consultationReferrals, consultations, organizations, patients } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import { toInstant, todayIn } from '@gisurg/contracts';
import type { Figures } from '@gisurg/contracts/consultations';
import { consultationScope } from './queries.js';
import { median } from './settings.js';

/**
 * Figures per asking hospital for a year (by submission date in the hospital's time zone): consultations,
 * answered, answered within the deadline, median hours from submission to answer (answered ones; one
 * decimal), recommendation mix, referrals admitted. External doctors see their own hospital only.
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
