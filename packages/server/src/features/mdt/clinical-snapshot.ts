import { eq, inArray } from 'drizzle-orm';
import { organizations, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { notFound } from '../../core/app-error.js';
import { ageOn, todayIn } from '@gisurg/contracts';
import type { ClinicalSnapshot } from '@gisurg/contracts/mdt';
import { loadOncologyRecords, type OncologyRecord } from '../oncology-record/index.js';

/**
 * The clinical snapshot of one patient, read from the oncology record now (features/oncology): diagnoses
 * with their stored clinical and pathological stages, the latest PCI and CC, operations with their
 * procedure codes, the latest pathology report, the latest value of each tumor marker and the latest ECOG.
 * Does not check visibility: callers load the patient with `findVisiblePatient` first. Throws NOT_FOUND for
 * an unknown or deleted patient.
 */
export async function loadClinicalSnapshot(
  db: Db,
  patientId: string,
  opts: { now?: Date; timeZone?: string } = {},
): Promise<ClinicalSnapshot> {
  const loaded = (await loadSnapshotRecords(db, [patientId])).get(patientId);
  if (!loaded) throw notFound();
  return snapshotOf(loaded.row, loaded.record, opts);
}

/** A patient row as the snapshot reads it: the patient and the name of the hospital that referred them. */
export interface SnapshotPatientRow {
  p: typeof patients.$inferSelect;
  sourceOrganizationName: string | null;
}

/** What a snapshot is taken from: the patient's row and oncology record. */
export interface SnapshotRecord {
  row: SnapshotPatientRow;
  record: OncologyRecord;
}

/**
 * The records of several patients at once, for snapshots taken at different moments (`snapshotOf`): a fixed number
 * of queries whatever their number (the demo's board history takes ~190 snapshots: ~2,300 reads one patient at a
 * time, issue 18 start-up). Deleted and unknown patients are left out. No visibility check, as `loadClinicalSnapshot`.
 */
export async function loadSnapshotRecords(db: Db, patientIds: readonly string[]): Promise<Map<string, SnapshotRecord>> {
  const ids = [...new Set(patientIds)];
  const out = new Map<string, SnapshotRecord>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ p: patients, sourceOrganizationName: organizations.name })
    .from(patients)
    .leftJoin(organizations, eq(organizations.id, patients.sourceOrganizationId))
    .where(inArray(patients.id, ids));
  const live = rows.filter((r) => !r.p.deletedAt);
  const records = await loadOncologyRecords(
    db,
    live.map((r) => r.p.id),
  );
  for (const r of live) out.set(r.p.id, { row: r, record: records.get(r.p.id)! });
  return out;
}

/** The snapshot of a patient's record as loaded, taken at `opts.now` (its time and the patient's age then). */
export function snapshotOf(
  row: SnapshotPatientRow,
  record: OncologyRecord,
  opts: { now?: Date; timeZone?: string } = {},
): ClinicalSnapshot {
  const now = opts.now ?? new Date();
  const today = todayIn(opts.timeZone ?? 'Asia/Shanghai', now);
  const withPci = record.operations.find((o) => o.peritoneal !== null);
  const withPathology = record.operations.find((o) => o.pathology !== null);
  const latestMarker = new Map<string, (typeof record.markers)[number]>();
  for (const m of record.markers) if (!latestMarker.has(m.marker)) latestMarker.set(m.marker, m);
  const ecog = record.performanceStatus.find((ps) => (ps.ecog ?? ps.ecogFromKps) !== null);
  const stageOf = (
    prefix: string,
    tnm: { t: string | null; n: string | null; m: string | null } | null,
    group: string | null,
    edition: number | null,
  ) =>
    tnm || group
      ? {
          t: tnm?.t ? `${prefix}${tnm.t}` : null,
          n: tnm?.n ? `${prefix}${tnm.n}` : null,
          m: tnm?.m ? `${prefix}${tnm.m}` : null,
          group,
          edition: edition ? `AJCC ${edition}` : null,
        }
      : null;
  return {
    capturedAt: now.toISOString(),
    source: 'oncology_record',
    patient: {
      id: row.p.id,
      name: row.p.name,
      sex: row.p.sex,
      birthDate: row.p.birthDate,
      age: ageOn(row.p.birthDate, today),
      inpatientNo: row.p.inpatientNo,
      sourceOrganizationName: row.sourceOrganizationName,
    },
    diagnoses: record.diagnoses.map((d) => ({
      id: d.id,
      site: d.site,
      icd10: d.icd10,
      label: d.icd10Label?.zh ?? null,
      labelEn: d.icd10Label?.en ?? null,
      diagnosedOn: d.diagnosisDate,
      histology: d.icdO3Morphology,
      clinicalStage: stageOf('c', d.clinical, d.clinicalStage, d.stagingEdition),
      pathologicalStage: d.pathological
        ? stageOf(d.pathological.classification ?? 'p', d.pathological, d.pathological.stage, d.stagingEdition)
        : null,
    })),
    pci: withPci?.peritoneal
      ? {
          total: withPci.peritoneal.pciTotal,
          regions: withPci.peritoneal.pci.regions.length === 13 ? withPci.peritoneal.pci.regions : null,
          cc: withPci.peritoneal.cc,
          assessedOn: withPci.date,
        }
      : null,
    operations: record.operations.map((o) => ({
      id: o.id,
      date: o.date,
      approach: o.approach,
      procedureCodes: o.procedures.map((p) => p.code),
      label: o.procedures.map((p) => p.label.zh).join('、') || null,
      labelEn: o.procedures.map((p) => p.label.en).join(', ') || null,
    })),
    pathology: withPathology?.pathology
      ? {
          reportedOn: withPathology.pathology.reportDate ?? withPathology.date,
          summary: [
            withPathology.pathology.histology,
            withPathology.pathology.t ? `${withPathology.pathology.classification ?? 'p'}${withPathology.pathology.t}` : null,
            withPathology.pathology.n ? `${withPathology.pathology.classification ?? 'p'}${withPathology.pathology.n}` : null,
            withPathology.pathology.m,
            withPathology.pathology.pathologicalStage ? `→ ${withPathology.pathology.pathologicalStage}` : null,
          ]
            .filter(Boolean)
            .join(' '),
          lymphNodes:
            withPathology.pathology.nodesExamined !== null && withPathology.pathology.nodesPositive !== null
              ? { examined: withPathology.pathology.nodesExamined, positive: withPathology.pathology.nodesPositive }
              : null,
          margin: withPathology.pathology.margin,
        }
      : null,
    markers: [...latestMarker.values()].map((m) => ({
      name: m.marker,
      value: m.value,
      unit: m.unit,
      measuredOn: m.date,
      upperLimit: m.upperLimit,
    })),
    ecog: ecog ? { score: (ecog.ecog ?? ecog.ecogFromKps)!, assessedOn: ecog.date } : null,
  };
}
