import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { organizations, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { notFound } from '../../http/app-error.js';
import { ageOn, todayIn } from '../../shared/dates.js';

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
  markers: z.array(z.object({ name: z.string(), value: z.number(), unit: z.string(), measuredOn: z.string(), upperLimit: z.number().nullable() })),
  ecog: z.object({ score: z.number().int().min(0).max(5), assessedOn: z.string() }).nullable(),
});
export type ClinicalSnapshot = z.infer<typeof ClinicalSnapshotSchema>;

/**
 * The clinical snapshot of one patient, read from the record now. Does not check visibility: callers load
 * the patient with `findVisiblePatient` first. Throws NOT_FOUND for an unknown or deleted patient.
 *
 * MERGE NOTE (lead): the oncology record (issue 5) is built in parallel and its tables do not exist on this
 * branch, so this returns the demographics and EMPTY clinical lists with `source: 'demographics_only'`.
 * At merge, fill `diagnoses`, `pci`, `operations`, `pathology`, `markers` and `ecog` from the oncology
 * tables (latest PCI/CC, latest pathology report, latest value per marker, latest ECOG) and set
 * `source: 'oncology_record'`. The shape above is the contract the MDT screens and letters read.
 */
export async function loadClinicalSnapshot(db: Db, patientId: string, opts: { now?: Date; timeZone?: string } = {}): Promise<ClinicalSnapshot> {
  const now = opts.now ?? new Date();
  const [row] = await db
    .select({ p: patients, sourceOrganizationName: organizations.name })
    .from(patients)
    .leftJoin(organizations, eq(organizations.id, patients.sourceOrganizationId))
    .where(eq(patients.id, patientId))
    .limit(1);
  if (!row || row.p.deletedAt) throw notFound();
  const today = todayIn(opts.timeZone ?? 'Asia/Shanghai', now);
  return {
    capturedAt: now.toISOString(),
    source: 'demographics_only',
    patient: {
      id: row.p.id,
      name: row.p.name,
      sex: row.p.sex,
      birthDate: row.p.birthDate,
      age: ageOn(row.p.birthDate, today),
      inpatientNo: row.p.inpatientNo,
      sourceOrganizationName: row.sourceOrganizationName,
    },
    diagnoses: [],
    pci: null,
    operations: [],
    pathology: null,
    markers: [],
    ecog: null,
  };
}
