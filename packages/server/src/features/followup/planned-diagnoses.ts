import { inArray } from 'drizzle-orm';
import { followUpPlans } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

/**
 * The diagnoses of these patients that have a follow-up plan (one plan per operated cancer diagnosis). Read-only,
 * no visibility check and no audit: the caller has scoped the patients and audits its own read (the quality
 * feature's standardized-care checklist, issue 12).
 */
export async function plannedDiagnoses(db: Db, patientIds: readonly string[]): Promise<{ patientId: string; diagnosisId: string }[]> {
  if (patientIds.length === 0) return [];
  return db
    .select({ patientId: followUpPlans.patientId, diagnosisId: followUpPlans.diagnosisId })
    .from(followUpPlans)
    .where(inArray(followUpPlans.patientId, [...patientIds]));
}
