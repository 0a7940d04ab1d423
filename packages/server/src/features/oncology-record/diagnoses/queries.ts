import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { icd10Entry } from '@gisurg/clinical';
import type { performanceStatus, tumorMarkers } from '../../../db/schema/index.js';
import { oncologyDiagnoses, operations, pathologyReports, patients } from '../../../db/schema/index.js';
import type { Db } from '../../../db/types.js';
import type { Actor } from '../../../auth/actor.js';
import { patientScope, type PatientRow } from '../../patients/index.js';
import type { DiagnosisDto, MarkerDto, PerformanceStatusDto } from '@gisurg/contracts/oncology-record';

export type DiagnosisRow = typeof oncologyDiagnoses.$inferSelect;

/** A live (not deleted) diagnosis of a patient the actor may reach, with that patient. */
export async function findVisibleDiagnosis(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ diagnosis: DiagnosisRow; patient: PatientRow } | null> {
  const rows = await db
    .select({ d: oncologyDiagnoses, p: patients })
    .from(oncologyDiagnoses)
    .innerJoin(patients, eq(patients.id, oncologyDiagnoses.patientId))
    .where(and(eq(oncologyDiagnoses.id, id), isNull(oncologyDiagnoses.deletedAt), patientScope(actor)))
    .limit(1);
  const r = rows[0];
  return r ? { diagnosis: r.d, patient: r.p } : null;
}

export interface PathologicalStage {
  operationId: string;
  operationDate: string;
  classification: 'c' | 'p' | 'yp' | null;
  t: string | null;
  n: string | null;
  m: string | null;
  stage: string | null;
}

/** Per diagnosis: the stored stage of the latest staged pathology of its live operations. */
export async function pathologicalStagesByDiagnosis(db: Db, diagnosisIds: readonly string[]): Promise<Map<string, PathologicalStage>> {
  const out = new Map<string, PathologicalStage>();
  if (diagnosisIds.length === 0) return out;
  const rows = await db
    .select({
      diagnosisId: operations.diagnosisId,
      operationId: operations.id,
      operationDate: operations.operationDate,
      classification: pathologyReports.classification,
      t: pathologyReports.t,
      n: pathologyReports.n,
      m: pathologyReports.m,
      stage: pathologyReports.pathologicalStage,
    })
    .from(pathologyReports)
    .innerJoin(operations, eq(operations.id, pathologyReports.operationId))
    .where(
      and(
        inArray(operations.diagnosisId, [...diagnosisIds]),
        isNull(operations.deletedAt),
        isNull(pathologyReports.deletedAt),
        isNotNull(pathologyReports.classification),
      ),
    )
    .orderBy(desc(operations.operationDate), desc(pathologyReports.updatedAt));
  for (const r of rows) {
    if (!r.diagnosisId || out.has(r.diagnosisId)) continue;
    out.set(r.diagnosisId, {
      operationId: r.operationId,
      operationDate: r.operationDate,
      classification: r.classification as PathologicalStage['classification'],
      t: r.t,
      n: r.n,
      m: r.m,
      stage: r.stage,
    });
  }
  return out;
}

export function toDiagnosisDto(row: DiagnosisRow, pathological: PathologicalStage | undefined): DiagnosisDto {
  const label = icd10Entry(row.icd10)?.label ?? null;
  return {
    id: row.id,
    version: row.version,
    patientId: row.patientId,
    site: row.site as DiagnosisDto['site'],
    icd10: row.icd10,
    icd10Label: label ? { zh: label.zh, en: label.en } : null,
    icd10Secondary: row.icd10Secondary,
    icdO3Morphology: row.icdO3Morphology,
    diagnosisDate: row.diagnosisDate,
    basis: row.basis as DiagnosisDto['basis'],
    pmOrigin: row.pmOrigin as DiagnosisDto['pmOrigin'],
    psogiCategory: row.psogiCategory,
    appendicealLesion: row.appendicealLesion,
    whoCategory: row.whoCategory,
    stagingSite: row.stagingSite as DiagnosisDto['stagingSite'],
    clinical: row.clinicalT !== null ? { t: row.clinicalT, n: row.clinicalN, m: row.clinicalM, grade: row.clinicalGrade } : null,
    clinicalStage: row.clinicalStage,
    stagingEdition: row.stagingEdition,
    pathologicalStage: pathological?.stage ?? null,
    pathological: pathological ?? null,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Does any live operation of this diagnosis carry a staged pathology report? */
export async function diagnosisHasStagedPathology(db: Db, diagnosisId: string): Promise<boolean> {
  return (await pathologicalStagesByDiagnosis(db, [diagnosisId])).size > 0;
}

type PatientOwned = typeof tumorMarkers | typeof performanceStatus;

/** A live marker or performance-status row of a patient the actor may reach, with the patient. */
export async function findVisibleOwned<T extends PatientOwned>(
  db: Db,
  actor: Actor,
  table: T,
  id: string,
): Promise<{ row: T['$inferSelect']; patient: PatientRow } | null> {
  const t = table as typeof tumorMarkers;
  const rows = await db
    .select({ r: t, p: patients })
    .from(t)
    .innerJoin(patients, eq(patients.id, t.patientId))
    .where(and(eq(t.id, id), isNull(t.deletedAt), patientScope(actor)))
    .limit(1);
  const r = rows[0];
  return r ? { row: r.r, patient: r.p } : null;
}

export function toMarkerDto(row: typeof tumorMarkers.$inferSelect): MarkerDto {
  return {
    id: row.id,
    version: row.version,
    patientId: row.patientId,
    marker: row.marker as MarkerDto['marker'],
    value: row.value,
    unit: row.unit,
    upperLimit: row.upperLimit,
    elevated: row.upperLimit === null ? null : row.value > row.upperLimit,
    date: row.sampledOn,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toPerformanceStatusDto(row: typeof performanceStatus.$inferSelect): PerformanceStatusDto {
  return {
    id: row.id,
    version: row.version,
    patientId: row.patientId,
    date: row.assessedOn,
    setting: row.setting as PerformanceStatusDto['setting'],
    ecog: row.ecog,
    kps: row.kps,
    ecogFromKps: row.ecogFromKps,
    ecogKpsMapping: row.ecogKpsMapping as PerformanceStatusDto['ecogKpsMapping'],
    createdAt: row.createdAt.toISOString(),
  };
}
