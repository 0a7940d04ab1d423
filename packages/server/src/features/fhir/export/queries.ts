import { and, asc, count, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../auth/actor.js';
import { admissions, mdtCases, mdtMeetings, patients } from '../../../db/schema/index.js';
import type { Db } from '../../../db/types.js';
import { patientScope } from '../../patients/index.js';
import type { PatientRowForFhir, StayRow } from '../mappers.js';
import { patientColumns } from '../queries.js';

/**
 * Reads of the bulk export. The patients are the ones the caller may see (`patientScope`, in the WHERE clause),
 * for a Group only the patients of that tumor-board meeting's cases; they are read in pages by id (keyset), so
 * an export of any size holds one page at a time.
 */

/** A Group is a tumor-board (MDT) meeting: its patients are those of its cases (not rejected ones). */
function groupWhere(groupId: string | null): SQL | undefined {
  if (!groupId) return undefined;
  return inArray(
    patients.id,
    // eslint-disable-next-line no-restricted-syntax
    sql`(select ${mdtCases.patientId} from ${mdtCases} where ${mdtCases.meetingId} = ${groupId} and ${mdtCases.status} <> 'rejected')`,
  );
}

export function exportWhere(actor: Actor, groupId: string | null): SQL {
  return and(patientScope(actor), groupWhere(groupId))!;
}

/** Does the meeting exist, and may the caller see at least one of its patients? (Otherwise the Group is 404.) */
export async function groupVisible(db: Db, actor: Actor, groupId: string): Promise<boolean> {
  const [meeting] = await db.select({ id: mdtMeetings.id }).from(mdtMeetings).where(eq(mdtMeetings.id, groupId)).limit(1);
  if (!meeting) return false;
  const [row] = await db.select({ id: patients.id }).from(patients).where(exportWhere(actor, groupId)).limit(1);
  return !!row;
}

export async function countExportPatients(db: Db, actor: Actor, groupId: string | null): Promise<number> {
  const [row] = await db.select({ n: count() }).from(patients).where(exportWhere(actor, groupId));
  return Number(row?.n ?? 0);
}

/** The next page of patients after `afterId` (ordered by id). */
export async function exportPatientPage(
  db: Db,
  actor: Actor,
  groupId: string | null,
  afterId: string | null,
  size: number,
): Promise<PatientRowForFhir[]> {
  return db
    .select(patientColumns)
    .from(patients)
    .where(and(exportWhere(actor, groupId), afterId ? gt(patients.id, afterId) : undefined))
    .orderBy(asc(patients.id))
    .limit(size);
}

/** The stays of a page of patients, by patient, oldest first (as `staysOf` for one). */
export async function staysOfPatients(db: Db, patientIds: readonly string[]): Promise<Map<string, StayRow[]>> {
  const out = new Map<string, StayRow[]>(patientIds.map((id) => [id, []]));
  if (patientIds.length === 0) return out;
  const rows = await db
    .select({
      id: admissions.id,
      patientId: admissions.patientId,
      status: admissions.status,
      admittedAt: admissions.admittedAt,
      dischargedAt: admissions.dischargedAt,
      source: admissions.source,
      disposition: admissions.disposition,
      updatedAt: admissions.updatedAt,
    })
    .from(admissions)
    .where(inArray(admissions.patientId, [...patientIds]))
    .orderBy(asc(admissions.admittedAt));
  for (const r of rows) out.get(r.patientId)?.push(r);
  return out;
}
