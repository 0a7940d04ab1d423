import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { maskIdNumber } from '@gisurg/clinical';
import { organizations, patients, patientSearchTerms } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Actor } from '../../auth/actor.js';
import { can, isExternal } from '../../auth/actor.js';
import { ageOn } from '@gisurg/contracts';
import { patientSearchTerms as termsFor } from './search-terms.js';
import type { PatientDto } from '@gisurg/contracts/patients';

export type PatientRow = typeof patients.$inferSelect;

/**
 * Which patients an actor may reach (ARCHITECTURE.md: authorize in the use case AND in the WHERE clause).
 * Home-hospital staff: the patients their hospital keeps. External doctors: the patients their own
 * organization referred or shared (sourceOrganizationId). Anything else reads as missing (404).
 */
export function patientScope(actor: Actor): SQL {
  const base = isNull(patients.deletedAt);
  return isExternal(actor)
    ? and(base, eq(patients.sourceOrganizationId, actor.organizationId))!
    : and(base, eq(patients.organizationId, actor.organizationId))!;
}

export async function findVisiblePatient(
  db: Db,
  actor: Actor,
  id: string,
): Promise<(PatientRow & { sourceOrganizationName: string | null }) | null> {
  const rows = await db
    .select({ p: patients, sourceOrganizationName: organizations.name })
    .from(patients)
    .leftJoin(organizations, eq(organizations.id, patients.sourceOrganizationId))
    .where(and(eq(patients.id, id), patientScope(actor)))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.p, sourceOrganizationName: r.sourceOrganizationName } : null;
}

function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Row → API shape. ID and phone numbers are masked for roles without `patient:read_id`. */
export function toPatientDto(row: PatientRow & { sourceOrganizationName?: string | null }, actor: Actor, today: string): PatientDto {
  const full = can(actor, 'patient:read_id');
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    sex: row.sex,
    birthDate: row.birthDate,
    age: ageOn(row.birthDate, today),
    idType: row.idType,
    idNumber: row.idNumber ? (full ? row.idNumber : maskIdNumber(row.idNumber)) : null,
    idNumberMasked: Boolean(row.idNumber) && !full,
    inpatientNo: row.inpatientNo,
    phone: row.phone ? (full ? row.phone : maskPhone(row.phone)) : null,
    address: row.address,
    ethnicity: row.ethnicity,
    allergies: row.allergies,
    organizationId: row.organizationId,
    sourceOrganizationId: row.sourceOrganizationId,
    sourceOrganizationName: row.sourceOrganizationName ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Replace a patient's search keys (same transaction as the write). */
export async function writeSearchTerms(
  db: Db,
  patient: { id: string; name: string; inpatientNo: string | null; idNumber: string | null },
): Promise<void> {
  await db.delete(patientSearchTerms).where(eq(patientSearchTerms.patientId, patient.id));
  const terms = termsFor(patient);
  if (terms.length > 0) {
    await db
      .insert(patientSearchTerms)
      .values(terms.map((t) => ({ patientId: patient.id, kind: t.kind, term: t.term })))
      .onConflictDoNothing();
  }
}
