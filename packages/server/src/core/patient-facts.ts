import type { PatientListFacts } from '@gisurg/contracts/patients';
import type { Db } from '../db/types.js';

/**
 * What other features add to a row of the patient list (issue 16 item 9: 诊断, 床位, 主管医生) without the
 * patients feature reading their tables: each feature that knows a fact contributes a provider through its
 * `Feature.patientFacts`, the composition root registers it, and the list asks every provider for the page's
 * patients (one query each, ≤ page size ids). Providers only read; the list's audit row covers the read.
 */
export type PatientFactsProvider = (db: Db, patientIds: string[]) => Promise<Map<string, Partial<PatientListFacts>>>;

const providers = new Map<string, PatientFactsProvider>();

export function contributePatientFacts(name: string, provider: PatientFactsProvider): void {
  providers.set(name, provider);
}

const EMPTY: PatientListFacts = { diagnosis: null, bed: null, ward: null, attending: null };

/** The facts of each patient, every field present (null when no feature knows it). */
export async function patientFacts(db: Db, patientIds: string[]): Promise<Map<string, PatientListFacts>> {
  const out = new Map(patientIds.map((id) => [id, { ...EMPTY }]));
  if (patientIds.length === 0) return out;
  for (const provider of providers.values()) {
    for (const [id, facts] of await provider(db, patientIds)) {
      const row = out.get(id);
      if (row) Object.assign(row, facts);
    }
  }
  return out;
}
