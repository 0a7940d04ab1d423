import { and, desc, inArray, isNull } from 'drizzle-orm';
import type { PatientFactsProvider } from '../../core/patient-facts.js';
import { oncologyDiagnoses } from '../../db/schema/index.js';

/** The patient list's diagnosis: the latest recorded cancer diagnosis (by diagnosis date), ICD-10 and site. */
export const oncologyPatientFacts: PatientFactsProvider = async (db, patientIds) => {
  const rows = await db
    .selectDistinctOn([oncologyDiagnoses.patientId], {
      patientId: oncologyDiagnoses.patientId,
      icd10: oncologyDiagnoses.icd10,
      site: oncologyDiagnoses.site,
    })
    .from(oncologyDiagnoses)
    .where(and(inArray(oncologyDiagnoses.patientId, patientIds), isNull(oncologyDiagnoses.deletedAt)))
    .orderBy(oncologyDiagnoses.patientId, desc(oncologyDiagnoses.diagnosisDate), desc(oncologyDiagnoses.createdAt));
  return new Map(rows.map((r) => [r.patientId, { diagnosis: { icd10: r.icd10, site: r.site } }]));
};
