import { wallClock } from '@gisurg/contracts';
import { and, asc, inArray, ne } from 'drizzle-orm';
import { admissions } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

/** A patient's hospital stays as calendar dates (hospital time zone); cancelled admissions are left out. */
export interface Stay {
  patientId: string;
  admittedOn: string;
  dischargedOn: string | null;
  disposition: string | null;
}

/** The stays of some patients, oldest first (the quality feature's single-disease export, issue 12). */
export async function staysOf(db: Db, patientIds: readonly string[], timeZone: string): Promise<Stay[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .select({
      patientId: admissions.patientId,
      admittedAt: admissions.admittedAt,
      dischargedAt: admissions.dischargedAt,
      disposition: admissions.disposition,
    })
    .from(admissions)
    .where(and(inArray(admissions.patientId, [...patientIds]), ne(admissions.status, 'cancelled')))
    .orderBy(asc(admissions.admittedAt));
  return rows.map((r) => ({
    patientId: r.patientId,
    admittedOn: wallClock(r.admittedAt, timeZone).date,
    dischargedOn: r.dischargedAt ? wallClock(r.dischargedAt, timeZone).date : null,
    disposition: r.disposition,
  }));
}
