import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { PatientFactsProvider } from '../../core/patient-facts.js';
import { admissions, beds, bedStays, users, wards } from '../../db/schema/index.js';

/** The patient list's bed, ward and attending surgeon: the current (active) admission's open bed stay. */
export const wardPatientFacts: PatientFactsProvider = async (db, patientIds) => {
  const rows = await db
    .select({ patientId: admissions.patientId, bed: beds.label, ward: wards.name, attending: users.displayName })
    .from(admissions)
    .leftJoin(bedStays, and(eq(bedStays.admissionId, admissions.id), isNull(bedStays.toAt)))
    .leftJoin(beds, eq(beds.id, bedStays.bedId))
    .leftJoin(wards, eq(wards.id, beds.wardId))
    .leftJoin(users, eq(users.id, admissions.attendingSurgeonId))
    .where(and(inArray(admissions.patientId, patientIds), eq(admissions.status, 'active')));
  return new Map(rows.map((r) => [r.patientId, { bed: r.bed, ward: r.ward, attending: r.attending }]));
};
