import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { notFound } from '../../core/app-error.js';
import { ageOn, todayIn } from '@gisurg/contracts';
import { loadOncologyRecord } from '../oncology-record/index.js';

/**
 * What a board sees of a patient without retyping (issue 7): demographics plus the oncology record —
 * diagnoses with stages, the latest PCI and CC score, operations, the latest pathology, tumor markers and
 * ECOG. Stored on the case at submission (what the board saw) and refreshed on demand.
 */
const StageSchema = z.object({
  /** e.g. `cT3`, `pT4a`, `ypN1`. */
  t: z.string().nullable(),
  n: z.string().nullable(),
  m: z.string().nullable(),
  /** Stage group, e.g. `IIIA`. */
  group: z.string().nullable(),
  /** e.g. `AJCC 8`. */
  edition: z.string().nullable(),
});

export const ClinicalSnapshotSchema = z.object({
  capturedAt: z.string(),
  /** `demographics_only` until the oncology record feeds the lists (see loadClinicalSnapshot). */
  source: z.enum(['oncology_record', 'demographics_only']),
  patient: z.object({
    id: z.uuid(),
    name: z.string(),
    sex: z.enum(['male', 'female', 'unknown']),
    birthDate: z.string(),
    age: z.number().int(),
    inpatientNo: z.string().nullable(),
    sourceOrganizationName: z.string().nullable(),
  }),
  diagnoses: z.array(
    z.object({
      id: z.string(),
      /** Tumor site code of the oncology record, e.g. `stomach`, `colon`, `rectum`, `appendix`, `peritoneum`. */
      site: z.string(),
      icd10: z.string(),
      label: z.string().nullable(),
      diagnosedOn: z.string().nullable(),
      histology: z.string().nullable(),
      clinicalStage: StageSchema.nullable(),
      pathologicalStage: StageSchema.nullable(),
    }),
  ),
  pci: z
    .object({
      total: z.number().int().min(0).max(39),
      /** Scores 0–3 of regions 0–12 (Sugarbaker), when recorded region by region. */
      regions: z.array(z.number().int().min(0).max(3)).length(13).nullable(),
      /** Completeness of cytoreduction, e.g. `CC-0`. */
      cc: z.string().nullable(),
      assessedOn: z.string(),
    })
    .nullable(),
  operations: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      approach: z.string().nullable(),
      /** Codes of `PROCEDURES` in @gisurg/clinical. */
      procedureCodes: z.array(z.string()),
      label: z.string().nullable(),
    }),
  ),
  pathology: z
    .object({
      reportedOn: z.string(),
      summary: z.string(),
      lymphNodes: z.object({ examined: z.number().int(), positive: z.number().int() }).nullable(),
      margin: z.string().nullable(),
    })
    .nullable(),
  markers: z.array(
    z.object({ name: z.string(), value: z.number(), unit: z.string(), measuredOn: z.string(), upperLimit: z.number().nullable() }),
  ),
  ecog: z.object({ score: z.number().int().min(0).max(5), assessedOn: z.string() }).nullable(),
});
export type ClinicalSnapshot = z.infer<typeof ClinicalSnapshotSchema>;

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
  const now = opts.now ?? new Date();
  const [row] = await db
    .select({ p: patients, sourceOrganizationName: organizations.name })
    .from(patients)
    .leftJoin(organizations, eq(organizations.id, patients.sourceOrganizationId))
    .where(eq(patients.id, patientId))
    .limit(1);
  if (!row || row.p.deletedAt) throw notFound();
  const today = todayIn(opts.timeZone ?? 'Asia/Shanghai', now);
  const record = await loadOncologyRecord(db, patientId);
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
