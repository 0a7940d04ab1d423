import { todayIn } from '@gisurg/contracts';
import { and, eq, ne } from 'drizzle-orm';
import type { TimelineProvider } from '../../core/patient-timeline.js';
import { admissions } from '../../db/schema/index.js';

/** Stays: the admission (its diagnosis) and the discharge (its disposition); cancelled admissions are left out. */
export const wardTimeline: TimelineProvider = async (db, patientId, timeZone) => {
  const rows = await db
    .select({
      admittedAt: admissions.admittedAt,
      dischargedAt: admissions.dischargedAt,
      diagnosis: admissions.diagnosis,
      disposition: admissions.disposition,
    })
    .from(admissions)
    .where(and(eq(admissions.patientId, patientId), ne(admissions.status, 'cancelled')));
  return rows.flatMap((r) => [
    { date: todayIn(timeZone, r.admittedAt), kind: 'admission' as const, code: null, text: r.diagnosis },
    ...(r.dischargedAt ? [{ date: todayIn(timeZone, r.dischargedAt), kind: 'discharge' as const, code: r.disposition, text: null }] : []),
  ]);
};
