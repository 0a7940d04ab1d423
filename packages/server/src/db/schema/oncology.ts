import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns, tstz } from './common.js';
import { patients } from './patients.js';
import { users } from './users.js';

/**
 * The oncology record (issue 5): diagnoses with their clinical stage, tumour markers, performance status,
 * operations (procedures, staff, times), pathology, peritoneal disease (PCI, CC, HIPEC) and complications.
 * Every table is reached through its patient (organization scope), carries `recordColumns` (version for
 * optimistic concurrency) and is soft-deleted with a reason. Computed values (stages, N, PCI, CC, doses,
 * CCI, adequacy) are stored next to the inputs with the edition/options used to compute them.
 */
const softDelete = {
  deletedAt: tstz('deleted_at'),
  deletedBy: uuid('deleted_by'),
  deleteReason: text('delete_reason'),
};

export const oncologyDiagnoses = pgTable(
  'oncology_diagnoses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** DIAGNOSIS_SITES of @gisurg/clinical. */
    site: text('site').notNull(),
    icd10: text('icd10').notNull(),
    icd10Secondary: text('icd10_secondary'),
    icdO3Morphology: text('icdo3_morphology'),
    diagnosisDate: date('diagnosis_date', { mode: 'string' }).notNull(),
    basis: text('basis'),
    pmOrigin: text('pm_origin'),
    psogiCategory: text('psogi_category'),
    appendicealLesion: text('appendiceal_lesion'),
    whoCategory: text('who_category'),
    /** AJCC chapter the stages use (stomach, colorectal, anus, appendix); null = not AJCC-staged. */
    stagingSite: text('staging_site'),
    clinicalT: text('clinical_t'),
    clinicalN: text('clinical_n'),
    clinicalM: text('clinical_m'),
    clinicalGrade: text('clinical_grade'),
    /** stageAjcc8 result ('III', 'unknown', …) and the edition it was computed with. */
    clinicalStage: text('clinical_stage'),
    stagingEdition: integer('staging_edition'),
    notes: text('notes'),
    ...softDelete,
    ...recordColumns,
  },
  (t) => [index('oncology_diagnoses_patient_idx').on(t.patientId, t.diagnosisDate)],
);

export const tumorMarkers = pgTable(
  'tumor_markers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    marker: text('marker').notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    /** The laboratory's upper reference limit, when given with the result. */
    upperLimit: doublePrecision('upper_limit'),
    sampledOn: date('sampled_on', { mode: 'string' }).notNull(),
    ...softDelete,
    ...recordColumns,
  },
  (t) => [index('tumor_markers_patient_idx').on(t.patientId, t.sampledOn), check('tumor_markers_value_ck', sql`${t.value} >= 0`)],
);

export const performanceStatus = pgTable(
  'performance_status',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    setting: text('setting'),
    /** Recorded scores, never overwritten by a converted one. */
    ecog: integer('ecog'),
    kps: integer('kps'),
    /** Approximate ECOG from the KPS (ecogFromKarnofsky) and the mapping used. */
    ecogFromKps: integer('ecog_from_kps'),
    ecogKpsMapping: text('ecog_kps_mapping'),
    ...softDelete,
    ...recordColumns,
  },
  (t) => [
    index('performance_status_patient_idx').on(t.patientId, t.assessedOn),
    check('performance_status_any_ck', sql`${t.ecog} is not null or ${t.kps} is not null`),
  ],
);

export const operations = pgTable(
  'operations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    diagnosisId: uuid('diagnosis_id').references(() => oncologyDiagnoses.id),
    operationDate: date('operation_date', { mode: 'string' }).notNull(),
    urgency: text('urgency').notNull(),
    intent: text('intent').notNull(),
    approach: text('approach').notNull(),
    convertedFrom: text('converted_from'),
    conversionReason: text('conversion_reason'),
    incisionLengthCm: doublePrecision('incision_length_cm'),
    /** isConversion() at write time. */
    converted: boolean('converted').notNull().default(false),
    lymphadenectomy: text('lymphadenectomy'),
    surgeonId: uuid('surgeon_id').references(() => users.id),
    assistantIds: uuid('assistant_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    anesthetistId: uuid('anesthetist_id').references(() => users.id),
    anesthetistName: text('anesthetist_name'),
    anesthesiaMethod: text('anesthesia_method'),
    operationLevel: integer('operation_level'),
    incisionClass: text('incision_class'),
    healingGrade: text('healing_grade'),
    startTime: tstz('start_time'),
    endTime: tstz('end_time'),
    durationMin: integer('duration_min'),
    bloodLossMl: integer('blood_loss_ml'),
    transfusion: boolean('transfusion'),
    rbcUnits: doublePrecision('rbc_units'),
    plasmaMl: integer('plasma_ml'),
    anastomosis: text('anastomosis'),
    anastomosisTechnique: text('anastomosis_technique'),
    stoma: text('stoma'),
    stomaIntent: text('stoma_intent'),
    dischargeDate: date('discharge_date', { mode: 'string' }),
    postoperativeLosDays: integer('postoperative_los_days'),
    notes: text('notes'),
    /** Comprehensive Complication Index over 30 and 90 days (complicationIndexWithin), kept current. */
    cci30: doublePrecision('cci_30').notNull().default(0),
    cci90: doublePrecision('cci_90').notNull().default(0),
    highestClavienDindo30: text('highest_clavien_dindo_30'),
    complicationCount: integer('complication_count').notNull().default(0),
    ...softDelete,
    ...recordColumns,
  },
  (t) => [
    index('operations_patient_idx').on(t.patientId, t.operationDate),
    index('operations_date_idx').on(t.operationDate),
    index('operations_surgeon_idx').on(t.surgeonId, t.operationDate),
    // A diagnosis's first operation (survival's cohort, analyze-survival.ts): id and approach in the key too, so the
    // lookup is index-only (a 100,000-patient cohort read 66,000 table pages of operations, issue 18 "Scale").
    index('operations_diagnosis_idx')
      .on(t.diagnosisId, t.operationDate, t.createdAt, t.id, t.approach)
      .where(sql`${t.deletedAt} is null`),
    check('operations_level_ck', sql`${t.operationLevel} is null or ${t.operationLevel} between 1 and 4`),
    check('operations_times_ck', sql`${t.startTime} is null or ${t.endTime} is null or ${t.endTime} > ${t.startTime}`),
  ],
);

/** Procedures of an operation in order (the first is the principal operation), with the ICD-9-CM-3 code by approach. */
export const operationProcedures = pgTable(
  'operation_procedures',
  {
    operationId: uuid('operation_id')
      .notNull()
      .references(() => operations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    icd9cm3: text('icd9cm3').notNull(),
  },
  (t) => [primaryKey({ columns: [t.operationId, t.position] }), index('operation_procedures_code_idx').on(t.code)],
);

export const pathologyReports = pgTable(
  'pathology_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operationId: uuid('operation_id')
      .notNull()
      .references(() => operations.id),
    reportDate: date('report_date', { mode: 'string' }),
    pathologyNo: text('pathology_no'),
    neoadjuvant: boolean('neoadjuvant').notNull().default(false),
    /** 'p' or 'yp' (after neoadjuvant therapy); null when the diagnosis is not AJCC-staged. */
    classification: text('classification'),
    stagingSite: text('staging_site'),
    t: text('t'),
    nodesExamined: integer('nodes_examined'),
    nodesPositive: integer('nodes_positive'),
    tumorDeposits: integer('tumor_deposits'),
    n: text('n'),
    /** true when N came from the counts (nCategoryFromNodes), false when entered (anus, no counts). */
    nDerived: boolean('n_derived'),
    m: text('m'),
    grade: text('grade'),
    pathologicalStage: text('pathological_stage'),
    stagingEdition: integer('staging_edition'),
    lymphNodesAdequate: boolean('lymph_nodes_adequate'),
    lymphNodeThreshold: integer('lymph_node_threshold'),
    margin: text('margin'),
    lvi: boolean('lvi'),
    pni: boolean('pni'),
    tumorSizeMm: doublePrecision('tumor_size_mm'),
    histology: text('histology'),
    mmr: text('mmr'),
    msi: text('msi'),
    her2Ihc: text('her2_ihc'),
    her2Ish: text('her2_ish'),
    her2Status: text('her2_status'),
    kras: text('kras'),
    nras: text('nras'),
    braf: text('braf'),
    ...softDelete,
    ...recordColumns,
  },
  (t) => [
    uniqueIndex('pathology_reports_operation_uq')
      .on(t.operationId)
      .where(sql`${t.deletedAt} is null`),
    check(
      'pathology_reports_nodes_ck',
      sql`${t.nodesPositive} is null or ${t.nodesExamined} is null or ${t.nodesPositive} <= ${t.nodesExamined}`,
    ),
  ],
);

export const peritonealAssessments = pgTable(
  'peritoneal_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operationId: uuid('operation_id')
      .notNull()
      .references(() => operations.id),
    pciRegions: integer('pci_regions').array().notNull(),
    pciTiming: text('pci_timing').notNull(),
    pciTotal: integer('pci_total').notNull(),
    /** pciEligibility() at write time: the indication, policy and result used. */
    pciIndication: text('pci_indication').notNull(),
    pciEligible: boolean('pci_eligible'),
    pciFlags: jsonb('pci_flags').notNull(),
    pciPolicy: jsonb('pci_policy').notNull(),
    residualMm: doublePrecision('residual_mm'),
    /** completenessOfCytoreduction() and the 2.5 mm boundary option; null = not assessed. */
    cc: text('cc'),
    ccBoundary: text('cc_boundary'),
    heightCm: doublePrecision('height_cm'),
    weightKg: doublePrecision('weight_kg'),
    bsaM2: doublePrecision('bsa_m2'),
    bsaFormula: text('bsa_formula'),
    /** The HIPEC perfusion record with the derived doses (hipecDose), or null when no HIPEC was given. */
    hipec: jsonb('hipec'),
    ...softDelete,
    ...recordColumns,
  },
  (t) => [
    uniqueIndex('peritoneal_assessments_operation_uq')
      .on(t.operationId)
      .where(sql`${t.deletedAt} is null`),
    check('peritoneal_assessments_pci_ck', sql`array_length(${t.pciRegions}, 1) = 13 and ${t.pciTotal} between 0 and 39`),
  ],
);

export const complications = pgTable(
  'complications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operationId: uuid('operation_id')
      .notNull()
      .references(() => operations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    /** Days after the operation (operation day = 0). */
    dayAfterOperation: integer('day_after_operation').notNull(),
    type: text('type').notNull(),
    typeOther: text('type_other'),
    isrecGrade: text('isrec_grade'),
    /** Clavien–Dindo grade (I … V) and the "d" suffix, parsed with parseClavienDindo. */
    grade: text('grade').notNull(),
    disability: boolean('disability').notNull().default(false),
    treatment: text('treatment'),
    notes: text('notes'),
    ...softDelete,
    ...recordColumns,
  },
  (t) => [index('complications_operation_idx').on(t.operationId), index('complications_patient_idx').on(t.patientId)],
);
