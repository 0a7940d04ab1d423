import { and, asc, desc, inArray, isNull } from 'drizzle-orm';
import { oncologyDiagnoses, operations, performanceStatus, tumorMarkers } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/record.js';
import type { Db } from '../../db/types.js';
import type { UseCaseContext } from '../../core/context.js';
import { ageOn, todayIn } from '@gisurg/contracts';
import { loadOperationDtos } from './operations/queries.js';
import { requireVisiblePatient } from '../patients/index.js';
import { pathologicalStagesByDiagnosis, toDiagnosisDto, toMarkerDto, toPerformanceStatusDto } from './diagnoses/queries.js';
import type { OncologySummary } from '@gisurg/contracts/oncology-record';

/**
 * Everything the oncology summary page shows, in one read (audited): diagnoses with clinical and
 * pathological stage, operations with procedures, pathology, PCI/CC/HIPEC, complications and CCI,
 * the latest peritoneal assessment, tumour markers and performance status over time. Every computed value
 * is the one stored at write time, with its edition/options.
 */
export async function getOncologySummary(ctx: UseCaseContext, patientId: string): Promise<OncologySummary> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const patient = await requireVisiblePatient(tx, actor, patientId);
    const record = await loadOncologyRecord(tx, patientId);
    const latestPeritoneal = record.operations.find((o) => o.peritoneal !== null);
    await recordAudit(tx, meta, actor, {
      action: 'oncology.summary.read',
      outcome: 'success',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
    });
    const now = clock.now();
    return {
      patient: {
        id: patient.id,
        name: patient.name,
        sex: patient.sex,
        birthDate: patient.birthDate,
        age: ageOn(patient.birthDate, todayIn(ctx.timeZone, now)),
        inpatientNo: patient.inpatientNo,
        sourceOrganizationName: patient.sourceOrganizationName,
      },
      generatedAt: now.toISOString(),
      diagnoses: record.diagnoses,
      operations: record.operations,
      peritoneal: {
        latest: latestPeritoneal?.peritoneal
          ? {
              operationId: latestPeritoneal.id,
              date: latestPeritoneal.date,
              pciTotal: latestPeritoneal.peritoneal.pciTotal,
              timing: latestPeritoneal.peritoneal.pci.timing,
              cc: latestPeritoneal.peritoneal.cc,
              eligible: latestPeritoneal.peritoneal.eligible,
              hipec: latestPeritoneal.peritoneal.hipec !== null,
            }
          : null,
      },
      markers: record.markers,
      performanceStatus: record.performanceStatus,
    };
  });
}

/**
 * A patient's live oncology record, newest first, as the API shapes it. No visibility check and no audit:
 * callers check the patient (findVisiblePatient / requireVisiblePatient) and audit their own read.
 * Also read by the tumor boards' clinical snapshot (features/mdt/clinical-snapshot.ts).
 */
export async function loadOncologyRecord(db: Db, patientId: string): Promise<OncologyRecord> {
  return (await loadOncologyRecords(db, [patientId])).get(patientId)!;
}

export type OncologyRecord = Pick<OncologySummary, 'diagnoses' | 'operations' | 'markers' | 'performanceStatus'>;

/**
 * The live oncology records of several patients at once (the same rows, order and shape as
 * `loadOncologyRecord`, in a fixed number of queries: FHIR bulk export reads a page of patients at a time).
 * Every id given has an entry (empty lists for a patient without records). No visibility check, no audit.
 */
export async function loadOncologyRecords(db: Db, patientIds: readonly string[]): Promise<Map<string, OncologyRecord>> {
  const out = new Map<string, OncologyRecord>();
  for (const id of patientIds) out.set(id, { diagnoses: [], operations: [], markers: [], performanceStatus: [] });
  if (patientIds.length === 0) return out;
  const ids = [...out.keys()];
  const diagnoses = await db
    .select()
    .from(oncologyDiagnoses)
    .where(and(inArray(oncologyDiagnoses.patientId, ids), isNull(oncologyDiagnoses.deletedAt)))
    .orderBy(desc(oncologyDiagnoses.diagnosisDate), desc(oncologyDiagnoses.createdAt), asc(oncologyDiagnoses.id));
  const ops = await db
    .select()
    .from(operations)
    .where(and(inArray(operations.patientId, ids), isNull(operations.deletedAt)))
    .orderBy(desc(operations.operationDate), desc(operations.createdAt), asc(operations.id));
  const markers = await db
    .select()
    .from(tumorMarkers)
    .where(and(inArray(tumorMarkers.patientId, ids), isNull(tumorMarkers.deletedAt)))
    .orderBy(desc(tumorMarkers.sampledOn), desc(tumorMarkers.createdAt), asc(tumorMarkers.id));
  const ps = await db
    .select()
    .from(performanceStatus)
    .where(and(inArray(performanceStatus.patientId, ids), isNull(performanceStatus.deletedAt)))
    .orderBy(desc(performanceStatus.assessedOn), desc(performanceStatus.createdAt), asc(performanceStatus.id));
  const stages = await pathologicalStagesByDiagnosis(
    db,
    diagnoses.map((d) => d.id),
  );
  // Grouping keeps each list's query order within a patient; the ids break ties (a multi-row INSERT gives its rows one
  // created_at), so one patient's lists come in the same order whether read alone or with others.
  for (const d of diagnoses) out.get(d.patientId)!.diagnoses.push(toDiagnosisDto(d, stages.get(d.id)));
  for (const o of await loadOperationDtos(db, ops)) out.get(o.patientId)!.operations.push(o);
  for (const m of markers) out.get(m.patientId)!.markers.push(toMarkerDto(m));
  for (const p of ps) out.get(p.patientId)!.performanceStatus.push(toPerformanceStatusDto(p));
  return out;
}
