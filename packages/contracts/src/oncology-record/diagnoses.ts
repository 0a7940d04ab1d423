import { z } from 'zod';
import {
  BASIS_OF_DIAGNOSIS,
  BRAF_STATUSES,
  DIAGNOSIS_SITES,
  ECOG_KPS_MAPPINGS,
  HER2_IHC_SCORES,
  HER2_ISH_RESULTS,
  HISTOLOGIC_GRADES,
  ICDO3_MORPHOLOGY_PATTERN,
  MMR_STATUSES,
  MSI_STATUSES,
  PM_ORIGINS,
  RAS_STATUSES,
  STAGING_CLASSIFICATIONS,
  STAGING_SITES,
  TUMOR_MARKERS,
} from '@gisurg/clinical';
import { IsoDateSchema, VersionSchema, optionalText } from '@gisurg/contracts';
import { BilingualSchema, nullableEnum } from '@gisurg/contracts';

const Category = z.string().trim().min(1, 'validation.required').max(20);
const code = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
const Morphology = z
  .string()
  .trim()
  .refine((s) => s === '' || ICDO3_MORPHOLOGY_PATTERN.test(s), { message: 'clinical.diagnosis.morphology' })
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

/** Clinical cTNM as picked in the form; the stage is computed by stageAjcc8 (a `clinicalStage` sent along must agree). */
export const ClinicalTnmSchema = z.strictObject({
  t: Category,
  n: Category,
  m: Category,
  grade: z.enum(HISTOLOGIC_GRADES).nullable().optional(),
});

const diagnosisFields = {
  site: z.enum(DIAGNOSIS_SITES),
  icd10: z.string().trim().toUpperCase().min(1, 'validation.required').max(10),
  icd10Secondary: code(10).transform((s) => (s ? s.toUpperCase() : s)),
  icdO3Morphology: Morphology,
  diagnosisDate: IsoDateSchema,
  basis: nullableEnum(BASIS_OF_DIAGNOSIS),
  pmOrigin: nullableEnum(PM_ORIGINS),
  psogiCategory: code(40),
  appendicealLesion: code(40),
  whoCategory: code(60),
  clinical: ClinicalTnmSchema.nullable().optional(),
  /** Optional check: the stage the client computed; refused (400) when it differs from the server's. */
  clinicalStage: z.string().max(20).nullable().optional(),
  notes: optionalText(1000),
};

export const CreateDiagnosisSchema = z.strictObject(diagnosisFields);
export type CreateDiagnosis = z.output<typeof CreateDiagnosisSchema>;

export const UpdateDiagnosisSchema = z.strictObject({
  version: VersionSchema,
  site: diagnosisFields.site.optional(),
  icd10: diagnosisFields.icd10.optional(),
  icd10Secondary: diagnosisFields.icd10Secondary,
  icdO3Morphology: diagnosisFields.icdO3Morphology,
  diagnosisDate: IsoDateSchema.optional(),
  basis: diagnosisFields.basis,
  pmOrigin: diagnosisFields.pmOrigin,
  psogiCategory: diagnosisFields.psogiCategory,
  appendicealLesion: diagnosisFields.appendicealLesion,
  whoCategory: diagnosisFields.whoCategory,
  clinical: diagnosisFields.clinical,
  clinicalStage: diagnosisFields.clinicalStage,
  notes: diagnosisFields.notes,
});
export type UpdateDiagnosis = z.output<typeof UpdateDiagnosisSchema>;

const TnmOut = z.object({ t: z.string().nullable(), n: z.string().nullable(), m: z.string().nullable() });

export const PathologicalStageSchema = z.object({
  operationId: z.uuid(),
  operationDate: z.string(),
  classification: z.enum(STAGING_CLASSIFICATIONS).nullable(),
  t: z.string().nullable(),
  n: z.string().nullable(),
  m: z.string().nullable(),
  stage: z.string().nullable(),
});

export const DiagnosisSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  patientId: z.uuid(),
  site: z.enum(DIAGNOSIS_SITES),
  icd10: z.string(),
  icd10Label: BilingualSchema.nullable(),
  icd10Secondary: z.string().nullable(),
  icdO3Morphology: z.string().nullable(),
  diagnosisDate: z.string(),
  basis: z.enum(BASIS_OF_DIAGNOSIS).nullable(),
  pmOrigin: z.enum(PM_ORIGINS).nullable(),
  psogiCategory: z.string().nullable(),
  appendicealLesion: z.string().nullable(),
  whoCategory: z.string().nullable(),
  stagingSite: z.enum(STAGING_SITES).nullable(),
  clinical: TnmOut.extend({ grade: z.string().nullable() }).nullable(),
  clinicalStage: z.string().nullable(),
  stagingEdition: z.number().int().nullable(),
  /** Stage of the latest staged pathology of this diagnosis's operations (p or yp), stored at its write. */
  pathologicalStage: z.string().nullable(),
  pathological: PathologicalStageSchema.nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DiagnosisDto = z.infer<typeof DiagnosisSchema>;

// Tumour markers ------------------------------------------------------------------------------------

export const CreateMarkerSchema = z.strictObject({
  marker: z.enum(TUMOR_MARKERS),
  value: z.number().min(0).max(1_000_000),
  /** Optional; must be the marker's unit (TUMOR_MARKER_OPTIONS). */
  unit: z.string().trim().max(20).optional(),
  upperLimit: z.number().positive().max(100_000).nullable().optional(),
  date: IsoDateSchema,
});
export type CreateMarker = z.output<typeof CreateMarkerSchema>;

export const UpdateMarkerSchema = z.strictObject({
  version: VersionSchema,
  marker: z.enum(TUMOR_MARKERS).optional(),
  value: CreateMarkerSchema.shape.value.optional(),
  unit: CreateMarkerSchema.shape.unit,
  upperLimit: CreateMarkerSchema.shape.upperLimit,
  date: IsoDateSchema.optional(),
});
export type UpdateMarker = z.output<typeof UpdateMarkerSchema>;

export const MarkerSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  patientId: z.uuid(),
  marker: z.enum(TUMOR_MARKERS),
  value: z.number(),
  unit: z.string(),
  upperLimit: z.number().nullable(),
  /** value > upperLimit; null when no limit was given. */
  elevated: z.boolean().nullable(),
  date: z.string(),
  createdAt: z.string(),
});
export type MarkerDto = z.infer<typeof MarkerSchema>;

// Performance status --------------------------------------------------------------------------------

export const PS_SETTINGS = ['preoperative', 'postoperative', 'before_chemotherapy', 'follow_up', 'other'] as const;

const Kps = z
  .number()
  .int()
  .min(0)
  .max(100)
  .refine((v) => v % 10 === 0, { message: 'clinical.ps.kps' });

export const CreatePerformanceStatusSchema = z.strictObject({
  date: IsoDateSchema,
  ecog: z.number().int().min(0).max(5).nullable().optional(),
  kps: Kps.nullable().optional(),
  setting: nullableEnum(PS_SETTINGS),
});
export type CreatePerformanceStatus = z.output<typeof CreatePerformanceStatusSchema>;

export const UpdatePerformanceStatusSchema = z.strictObject({
  version: VersionSchema,
  date: IsoDateSchema.optional(),
  ecog: CreatePerformanceStatusSchema.shape.ecog,
  kps: CreatePerformanceStatusSchema.shape.kps,
  setting: CreatePerformanceStatusSchema.shape.setting,
});
export type UpdatePerformanceStatus = z.output<typeof UpdatePerformanceStatusSchema>;

export const PerformanceStatusSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  patientId: z.uuid(),
  date: z.string(),
  setting: z.enum(PS_SETTINGS).nullable(),
  ecog: z.number().int().nullable(),
  kps: z.number().int().nullable(),
  /** Approximate ECOG converted from the KPS (never replaces a recorded ECOG) and the mapping used. */
  ecogFromKps: z.number().int().nullable(),
  ecogKpsMapping: z.enum(ECOG_KPS_MAPPINGS).nullable(),
  createdAt: z.string(),
});
export type PerformanceStatusDto = z.infer<typeof PerformanceStatusSchema>;

// Pathology -----------------------------------------------------------------------------------------

export const MARGINS = ['R0', 'R1', 'R2', 'RX'] as const;

export const PutPathologySchema = z.strictObject({
  /** The version being replaced; absent = "there is no report yet" (a stale absent version gets 409). */
  version: VersionSchema.optional(),
  reportDate: IsoDateSchema.nullable().optional(),
  pathologyNo: code(40),
  neoadjuvant: z.boolean().optional(),
  t: Category.nullable().optional(),
  nodesExamined: z.number().int().min(0).max(500).nullable().optional(),
  nodesPositive: z.number().int().min(0).max(500).nullable().optional(),
  tumorDeposits: z.number().int().min(0).max(200).nullable().optional(),
  /** Derived from the counts where the site allows (checked when sent); entered for the anus. */
  n: Category.nullable().optional(),
  m: Category.nullable().optional(),
  grade: z.enum(HISTOLOGIC_GRADES).nullable().optional(),
  margin: nullableEnum(MARGINS),
  lvi: z.boolean().nullable().optional(),
  pni: z.boolean().nullable().optional(),
  tumorSizeMm: z.number().positive().max(1000).nullable().optional(),
  histology: Morphology,
  mmr: nullableEnum(MMR_STATUSES),
  msi: nullableEnum(MSI_STATUSES),
  her2Ihc: nullableEnum(HER2_IHC_SCORES),
  her2Ish: nullableEnum(HER2_ISH_RESULTS),
  kras: nullableEnum(RAS_STATUSES),
  nras: nullableEnum(RAS_STATUSES),
  braf: nullableEnum(BRAF_STATUSES),
  /** Optional checks of values the client computed with the same functions. */
  pathologicalStage: z.string().max(20).nullable().optional(),
  lymphNodesAdequate: z.boolean().nullable().optional(),
});
export type PutPathology = z.output<typeof PutPathologySchema>;

export const PathologySchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  operationId: z.uuid(),
  reportDate: z.string().nullable(),
  pathologyNo: z.string().nullable(),
  neoadjuvant: z.boolean(),
  classification: z.enum(STAGING_CLASSIFICATIONS).nullable(),
  stagingSite: z.enum(STAGING_SITES).nullable(),
  t: z.string().nullable(),
  nodesExamined: z.number().int().nullable(),
  nodesPositive: z.number().int().nullable(),
  tumorDeposits: z.number().int().nullable(),
  n: z.string().nullable(),
  nDerived: z.boolean().nullable(),
  m: z.string().nullable(),
  grade: z.string().nullable(),
  pathologicalStage: z.string().nullable(),
  stagingEdition: z.number().int().nullable(),
  lymphNodesAdequate: z.boolean().nullable(),
  lymphNodeThreshold: z.number().int().nullable(),
  margin: z.enum(MARGINS).nullable(),
  lvi: z.boolean().nullable(),
  pni: z.boolean().nullable(),
  tumorSizeMm: z.number().nullable(),
  histology: z.string().nullable(),
  mmr: z.string().nullable(),
  msi: z.string().nullable(),
  her2Ihc: z.string().nullable(),
  her2Ish: z.string().nullable(),
  her2Status: z.string().nullable(),
  kras: z.string().nullable(),
  nras: z.string().nullable(),
  braf: z.string().nullable(),
  updatedAt: z.string(),
});
export type PathologyDto = z.infer<typeof PathologySchema>;
