import { z } from 'zod';
import { IsoDateSchema, optionalText, text, VersionSchema } from './common.js';

/**
 * Research (issue 14, docs/research.md): grant projects with their ethics approval, members and outputs; a
 * cohort defined by a saved query over the record and frozen as a list at a date; consent per patient per
 * project; de-identified exports (CSV, Excel) with a k-anonymity check. The "contract used by outside checks"
 * is met by CreateProjectBodySchema (→ CreatedSchema), EnrolBodySchema, WithdrawBodySchema and the CSV export.
 */

export const FUNDERS = ['nsfc', 'zhejiang_nsf', 'health_commission', 'hospital', 'other'] as const;
export type Funder = (typeof FUNDERS)[number];
export const MEMBER_ROLES = ['pi', 'co_investigator', 'coordinator', 'statistician', 'student', 'member'] as const;
export const OUTPUT_KINDS = ['paper', 'patent', 'award'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];
/** shifted: every date moved by the patient's offset (intervals exact); year: only the (true) year. */
export const DATE_MODES = ['shifted', 'year'] as const;
export type DateMode = (typeof DATE_MODES)[number];

/** Columns of the de-identified export, in file order (the pseudonym always comes first). No direct identifier exists here. */
export const EXPORT_COLUMNS = [
  'age_band',
  'sex',
  'region',
  'diagnosis_site',
  'icd10',
  'morphology',
  'diagnosis_date',
  'clinical_stage',
  'operation_date',
  'procedures',
  'approach',
  'converted',
  'pathological_stage',
  'nodes_examined',
  'nodes_positive',
  'margin',
  'pci',
  'cc',
  'hipec',
  'highest_clavien_dindo',
  'cci_30',
  'follow_up_status',
  'last_contact_date',
  'recurrence_date',
  'death_date',
  'os_months',
  'dfs_months',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
/** Columns whose values are dates (shifted or reduced to the year). */
export const DATE_COLUMNS: readonly ExportColumn[] = [
  'diagnosis_date',
  'operation_date',
  'last_contact_date',
  'recurrence_date',
  'death_date',
];
/** The quasi-identifiers the k-anonymity check groups by. */
export const QUASI_IDENTIFIERS = ['age_band', 'sex', 'region'] as const;

const yuan = z.number().min(0).max(1_000_000_000);

export const EthicsSchema = z
  .strictObject({
    committee: text(200).trim().min(1, 'validation.required'),
    number: text(100).trim().min(1, 'validation.required'),
    approvedOn: IsoDateSchema,
    expiresOn: IsoDateSchema.nullable().optional(),
  })
  .refine((e) => !e.expiresOn || e.expiresOn >= e.approvedOn, { path: ['expiresOn'], message: 'research.validation.ethicsExpiry' });

export const MemberSchema = z.strictObject({
  name: text(100).trim().min(1, 'validation.required'),
  role: z.enum(MEMBER_ROLES),
  userId: z.uuid().nullable().optional(),
});

/** Cohort query: every given criterion must hold (sites, stages… are "any of"). */
export const CohortCriteriaSchema = z
  .strictObject({
    sites: z.array(z.string().max(40)).max(20).optional(),
    icd10Prefix: text(10).optional(),
    /** Clinical stage groups ('I', 'II', 'III', 'IV'; a stage such as 'IIIA' matches 'III'). */
    stages: z
      .array(z.enum(['0', 'I', 'II', 'III', 'IV']))
      .max(5)
      .optional(),
    procedures: z.array(z.string().max(60)).max(40).optional(),
    approaches: z
      .array(z.enum(['laparoscopic', 'robotic', 'open', 'converted']))
      .max(4)
      .optional(),
    hipec: z.boolean().optional(),
    operatedFrom: IsoDateSchema.optional(),
    operatedTo: IsoDateSchema.optional(),
    diagnosedFrom: IsoDateSchema.optional(),
    diagnosedTo: IsoDateSchema.optional(),
  })
  .refine((c) => !c.operatedFrom || !c.operatedTo || c.operatedTo >= c.operatedFrom, {
    path: ['operatedTo'],
    message: 'research.validation.period',
  })
  .refine((c) => !c.diagnosedFrom || !c.diagnosedTo || c.diagnosedTo >= c.diagnosedFrom, {
    path: ['diagnosedTo'],
    message: 'research.validation.period',
  });
export type CohortCriteria = z.output<typeof CohortCriteriaSchema>;

export const CreateProjectBodySchema = z
  .strictObject({
    title: text(300).trim().min(1, 'validation.required'),
    funder: z.enum(FUNDERS),
    grantNo: text(100).trim().min(1, 'validation.required'),
    startDate: IsoDateSchema,
    endDate: IsoDateSchema,
    piName: optionalText(100),
    piUserId: z.uuid().nullable().optional(),
    budgetYuan: yuan.nullable().optional(),
    ethics: EthicsSchema.nullable().optional(),
    members: z.array(MemberSchema).max(50).optional(),
    kThreshold: z.number().int().min(2).max(100).optional(),
  })
  .refine((b) => b.endDate >= b.startDate, { path: ['endDate'], message: 'research.validation.period' });
export type CreateProjectBody = z.input<typeof CreateProjectBodySchema>;

export const UpdateProjectBodySchema = z
  .strictObject({
    version: VersionSchema,
    title: text(300).trim().min(1, 'validation.required').optional(),
    funder: z.enum(FUNDERS).optional(),
    grantNo: text(100).trim().min(1, 'validation.required').optional(),
    startDate: IsoDateSchema.optional(),
    endDate: IsoDateSchema.optional(),
    piName: optionalText(100),
    piUserId: z.uuid().nullable().optional(),
    budgetYuan: yuan.nullable().optional(),
    ethics: EthicsSchema.nullable().optional(),
    members: z.array(MemberSchema).max(50).optional(),
    kThreshold: z.number().int().min(2).max(100).optional(),
    cohortCriteria: CohortCriteriaSchema.nullable().optional(),
  })
  .refine((b) => !b.startDate || !b.endDate || b.endDate >= b.startDate, { path: ['endDate'], message: 'research.validation.period' });
export type UpdateProjectBody = z.input<typeof UpdateProjectBodySchema>;

export const CreatedSchema = z.object({ id: z.uuid() });

export const OutputBodySchema = z.strictObject({
  kind: z.enum(OUTPUT_KINDS),
  title: text(500).trim().min(1, 'validation.required'),
  year: z.number().int().min(1990).max(2100),
  /** Papers: the DOI (10.xxxx/…). */
  doi: z
    .string()
    .trim()
    .max(200)
    .regex(/^10\.\d{4,9}\/\S+$/, 'research.validation.doi')
    .nullable()
    .optional(),
  /** Journal (paper), patent number (patent) or awarding body and level (award). */
  reference: optionalText(300),
});
export type OutputBody = z.input<typeof OutputBodySchema>;

export const EnrolBodySchema = z.strictObject({
  patientId: z.uuid(),
  consent: z.strictObject({ obtainedOn: IsoDateSchema }),
});
export type EnrolBody = z.input<typeof EnrolBodySchema>;

export const WithdrawBodySchema = z.strictObject({ date: IsoDateSchema });
export type WithdrawBody = z.input<typeof WithdrawBodySchema>;

export const PatientParamSchema = z.object({ id: z.uuid(), patientId: z.uuid() });

export const ProjectSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  funder: z.enum(FUNDERS),
  grantNo: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  piName: z.string().nullable(),
  ethicsNumber: z.string().nullable(),
  ethicsExpiresOn: z.string().nullable(),
  consenting: z.number().int(),
  withdrawn: z.number().int(),
  outputs: z.number().int(),
});
export type ProjectSummary = z.output<typeof ProjectSummarySchema>;
export const ProjectListSchema = z.object({ items: z.array(ProjectSummarySchema) });

export const OutputSchema = z.object({
  id: z.uuid(),
  kind: z.enum(OUTPUT_KINDS),
  title: z.string(),
  year: z.number().int(),
  doi: z.string().nullable(),
  reference: z.string().nullable(),
});
export type Output = z.output<typeof OutputSchema>;

/** A participant as every project reader sees it: the pseudonym, never the patient. */
export const ParticipantSchema = z.object({
  pseudonym: z.string(),
  consentedOn: z.string(),
  withdrawnOn: z.string().nullable(),
});
export type Participant = z.output<typeof ParticipantSchema>;

export const ProjectSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  title: z.string(),
  funder: z.enum(FUNDERS),
  grantNo: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  piName: z.string().nullable(),
  piUserId: z.uuid().nullable(),
  budgetYuan: z.number().nullable(),
  ethics: z.object({ committee: z.string(), number: z.string(), approvedOn: z.string(), expiresOn: z.string().nullable() }).nullable(),
  members: z.array(z.object({ name: z.string(), role: z.enum(MEMBER_ROLES), userId: z.uuid().nullable() })),
  kThreshold: z.number().int(),
  cohortCriteria: z.record(z.string(), z.unknown()).nullable(),
  cohortFrozenOn: z.string().nullable(),
  cohortSize: z.number().int(),
  participants: z.array(ParticipantSchema),
  outputs: z.array(OutputSchema),
});
export type Project = z.output<typeof ProjectSchema>;

export const CohortPreviewSchema = z.object({
  count: z.number().int(),
  /** Aggregates only (a researcher previews without seeing anyone). */
  bySite: z.array(z.object({ key: z.string(), count: z.number().int() })),
  byStage: z.array(z.object({ key: z.string(), count: z.number().int() })),
  bySex: z.array(z.object({ key: z.string(), count: z.number().int() })),
});
export type CohortPreview = z.output<typeof CohortPreviewSchema>;

export const FreezeBodySchema = z.strictObject({ criteria: CohortCriteriaSchema.optional() });
export const FrozenSchema = z.object({ frozenOn: z.string(), count: z.number().int() });

/** The frozen list with names, for the department head who enrols (identifiable; research:enrol only). */
export const CandidateSchema = z.object({
  patientId: z.uuid(),
  name: z.string(),
  inpatientNo: z.string().nullable(),
  sex: z.string(),
  birthYear: z.number().int(),
  pseudonym: z.string().nullable(),
  consentedOn: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
});
export type Candidate = z.output<typeof CandidateSchema>;
export const CandidatesSchema = z.object({ frozenOn: z.string().nullable(), items: z.array(CandidateSchema) });

const columnList = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(EXPORT_COLUMNS)).min(1, 'research.validation.columns'));

export const ExportQuerySchema = z.strictObject({
  /** Comma-separated EXPORT_COLUMNS; absent = all. */
  columns: columnList.optional(),
  dateMode: z.enum(DATE_MODES).default('shifted'),
});
export type ExportQuery = z.input<typeof ExportQuerySchema>;

export const KAnonymitySchema = z.object({
  k: z.number().int(),
  patients: z.number().int(),
  quasiIdentifiers: z.array(z.enum(QUASI_IDENTIFIERS)),
  /** Combinations of the exported quasi-identifiers shared by fewer than k patients. */
  rare: z.array(
    z.object({ ageBand: z.string().nullable(), sex: z.string().nullable(), region: z.string().nullable(), count: z.number().int() }),
  ),
  patientsInRareGroups: z.number().int(),
});
export type KAnonymity = z.output<typeof KAnonymitySchema>;

export const IdentifiedExportBodySchema = z.strictObject({
  reason: z.string().trim().min(10, 'research.validation.reason').max(500),
  format: z.enum(['csv', 'xlsx']).default('csv'),
});
export type IdentifiedExportBody = z.input<typeof IdentifiedExportBodySchema>;

export const ExportLogSchema = z.object({
  items: z.array(
    z.object({
      at: z.string(),
      actor: z.string().nullable(),
      action: z.string(),
      patients: z.number().int().nullable(),
      format: z.string().nullable(),
      columns: z.array(z.string()),
      reason: z.string().nullable(),
    }),
  ),
});
export type ExportLog = z.output<typeof ExportLogSchema>;
