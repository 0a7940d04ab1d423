import type {
  CodeableConcept,
  Condition,
  Encounter,
  Extension,
  Identifier,
  Observation,
  Patient,
  Procedure,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { HIPEC_DRUG_OPTIONS, PCI_REGIONS, TUMOR_MARKER_OPTIONS, icd10Entry } from '@gisurg/clinical';
import { FHIR_EXTENSIONS as EXT, FHIR_PROFILES as PROFILE, FHIR_SYSTEMS as SYS } from '@gisurg/contracts/fhir';
import type { DiagnosisDto, MarkerDto, OperationDto, PerformanceStatusDto } from '@gisurg/contracts/oncology-record';

/**
 * GISurg record → FHIR R4 resources with mCODE profiles (docs/fhir.md). Pure functions: no I/O, no access
 * checks (the use cases check visibility before mapping). Ids are the record's uuids; resources derived from
 * one row carry a suffix (`<diagnosisId>-ctnm`, `<operationId>-pci` …) so each has one stable id.
 */

export type ClinicalResource = Condition | Observation | Procedure | Encounter;

export interface PatientRowForFhir {
  id: string;
  name: string;
  sex: 'male' | 'female' | 'unknown';
  birthDate: string;
  idType: 'resident_id' | 'passport' | 'other';
  idNumber: string | null;
  inpatientNo: string | null;
  phone: string | null;
  address: string | null;
  organizationId: string;
  updatedAt: Date;
}

export interface StayRow {
  id: string;
  patientId: string;
  status: 'active' | 'discharged' | 'cancelled';
  admittedAt: Date;
  dischargedAt: Date | null;
  source: string;
  disposition: string | null;
  updatedAt: Date;
}

const patientRef = (patientId: string): Reference<Patient> => ({ reference: `Patient/${patientId}` });
const cc = (system: string, code: string, display?: string, text?: string): CodeableConcept => ({
  coding: [{ system, code, ...(display ? { display } : {}) }],
  ...(text ? { text } : {}),
});
const meta = (profile: string | null, updatedAt: string): Resource['meta'] => ({
  lastUpdated: new Date(updatedAt).toISOString(),
  ...(profile ? { profile: [profile] } : {}),
});

/** The Patient; the ID number only when the caller may see it (`patient:read_id`), never masked into an identifier. */
export function toFhirPatient(row: PatientRowForFhir, opts: { includeIdNumber: boolean }): Patient {
  const identifier: Identifier[] = [];
  if (row.inpatientNo) {
    identifier.push({
      use: 'usual',
      type: cc(SYS.identifierType, 'MR', 'Medical record number', '住院号'),
      system: SYS.inpatientNo,
      value: row.inpatientNo,
    });
  }
  if (opts.includeIdNumber && row.idNumber) {
    const system = row.idType === 'resident_id' ? SYS.residentId : row.idType === 'passport' ? SYS.passport : SYS.otherId;
    const type =
      row.idType === 'passport'
        ? cc(SYS.identifierType, 'PPN', 'Passport number')
        : cc(SYS.identifierType, 'NI', 'National unique individual identifier', row.idType === 'resident_id' ? '居民身份证' : undefined);
    identifier.push({ use: 'official', type, system, value: row.idNumber });
  }
  return {
    resourceType: 'Patient',
    id: row.id,
    meta: meta(PROFILE.cancerPatient, row.updatedAt.toISOString()),
    ...(identifier.length ? { identifier } : {}),
    active: true,
    name: [{ use: 'official', text: row.name }],
    gender: row.sex,
    birthDate: row.birthDate,
    ...(row.phone && opts.includeIdNumber ? { telecom: [{ system: 'phone', value: row.phone }] } : {}),
    ...(row.address ? { address: [{ text: row.address }] } : {}),
    managingOrganization: { reference: `Organization/${row.organizationId}` },
  };
}

// Conditions --------------------------------------------------------------------------------------------------------

export function toFhirConditions(d: DiagnosisDto): Condition[] {
  const label = d.icd10Label ?? icd10Entry(d.icd10)?.label ?? null;
  const stageRefs: Condition['stage'] = [];
  if (d.clinicalStage && d.clinical) {
    stageRefs.push({
      summary: cc(SYS.ajcc, d.clinicalStage, undefined, `c${d.clinicalStage}`),
      assessment: [{ reference: `Observation/${d.id}-ctnm` }],
      type: cc(SYS.snomed, '399537006', 'Clinical TNM stage grouping'),
    });
  }
  if (d.pathological?.stage) {
    stageRefs.push({
      summary: cc(SYS.ajcc, d.pathological.stage, undefined, `${d.pathological.classification ?? 'p'}${d.pathological.stage}`),
      assessment: [{ reference: `Observation/${d.pathological.operationId}-ptnm` }],
      type: cc(SYS.snomed, '399588009', 'Pathologic TNM stage grouping'),
    });
  }
  const common = {
    clinicalStatus: cc(SYS.conditionClinical, 'active'),
    verificationStatus: cc(SYS.conditionVerification, 'confirmed'),
    category: [cc(SYS.conditionCategory, 'problem-list-item')],
    subject: patientRef(d.patientId),
    recordedDate: d.diagnosisDate,
  } satisfies Partial<Condition>;
  const primary: Condition = {
    resourceType: 'Condition',
    id: d.id,
    meta: meta(PROFILE.primaryCancerCondition, d.updatedAt),
    ...(d.icdO3Morphology
      ? { extension: [{ url: EXT.histologyMorphologyBehavior, valueCodeableConcept: cc(SYS.icdO3, d.icdO3Morphology) }] }
      : {}),
    ...common,
    bodySite: [cc(SYS.gisurgDiagnosisSite, d.site)],
    code: { coding: [{ system: SYS.icd10, code: d.icd10, ...(label ? { display: label.en } : {}) }], ...(label ? { text: label.zh } : {}) },
    ...(stageRefs.length ? { stage: stageRefs } : {}),
  };
  const out: Condition[] = [primary];
  if (d.icd10Secondary) {
    const l2 = icd10Entry(d.icd10Secondary)?.label ?? null;
    out.push({
      resourceType: 'Condition',
      id: `${d.id}-secondary`,
      meta: meta(PROFILE.secondaryCancerCondition, d.updatedAt),
      extension: [{ url: EXT.relatedPrimaryCancerCondition, valueReference: { reference: `Condition/${d.id}` } }],
      ...common,
      code: {
        coding: [{ system: SYS.icd10, code: d.icd10Secondary, ...(l2 ? { display: l2.en } : {}) }],
        ...(l2 ? { text: l2.zh } : {}),
      },
    });
  }
  return out;
}

// Observations ------------------------------------------------------------------------------------------------------

const SURVEY = [cc(SYS.observationCategory, 'survey')];
const LAB = [cc(SYS.observationCategory, 'laboratory')];
const AJCC8 = cc(
  SYS.snomed,
  '897275008',
  'American Joint Commission on Cancer, Cancer Staging Manual, 8th edition neoplasm staging system',
);

const TNM_CODES = {
  c: {
    group: ['399537006', 'Clinical TNM stage grouping'],
    T: ['399504009', 'cT category'],
    N: ['399534004', 'cN category'],
    M: ['399387003', 'cM category'],
  },
  p: {
    group: ['399588009', 'Pathologic TNM stage grouping'],
    T: ['384625004', 'pT category'],
    N: ['371494008', 'pN category'],
    M: ['371497001', 'pM category'],
  },
} as const;
const TNM_PROFILES = { T: PROFILE.tnmPrimaryTumor, N: PROFILE.tnmRegionalNodes, M: PROFILE.tnmDistantMetastases } as const;

/** Stage group + T/N/M category observations of one staging (clinical of a diagnosis, pathological of an operation). */
function tnmObservations(o: {
  idBase: string;
  kind: 'c' | 'p';
  prefix: string;
  patientId: string;
  conditionId: string;
  date: string;
  t: string | null;
  n: string | null;
  m: string | null;
  stage: string | null;
  updatedAt: string;
  /** The operation a pathological staging belongs to (its report), so an importer can attach it. */
  operationId?: string;
  /** The histologic grade the stage was computed with (it decides some stages, e.g. the appendix's). */
  grade?: string | null;
}): Observation[] {
  const codes = TNM_CODES[o.kind];
  const cats = (['T', 'N', 'M'] as const).filter((k) => o[k.toLowerCase() as 't' | 'n' | 'm']);
  const out: Observation[] = [];
  if (o.stage) {
    out.push({
      resourceType: 'Observation',
      id: `${o.idBase}-${o.kind}tnm`,
      meta: meta(PROFILE.tnmStageGroup, o.updatedAt),
      status: 'final',
      category: SURVEY,
      code: cc(SYS.snomed, codes.group[0], codes.group[1]),
      subject: patientRef(o.patientId),
      effectiveDateTime: o.date,
      valueCodeableConcept: cc(SYS.ajcc, o.stage, undefined, `${o.prefix}${o.stage}`),
      method: AJCC8,
      focus: [{ reference: `Condition/${o.conditionId}` }],
      ...(o.operationId ? { partOf: [{ reference: `Procedure/${o.operationId}` }] } : {}),
      ...(o.grade
        ? {
            component: [
              {
                code: cc(SYS.gisurgObservation, 'histologic-grade', 'Histologic grade', '组织学分级'),
                valueCodeableConcept: cc(SYS.gisurgObservation, `grade-${o.grade}`, undefined, o.grade),
              },
            ],
          }
        : {}),
      ...(cats.length ? { hasMember: cats.map((k) => ({ reference: `Observation/${o.idBase}-${o.kind}${k.toLowerCase()}` })) } : {}),
    });
  }
  for (const k of cats) {
    const value = o[k.toLowerCase() as 't' | 'n' | 'm']!;
    out.push({
      resourceType: 'Observation',
      id: `${o.idBase}-${o.kind}${k.toLowerCase()}`,
      meta: meta(TNM_PROFILES[k], o.updatedAt),
      status: 'final',
      category: SURVEY,
      code: cc(SYS.snomed, codes[k][0], codes[k][1]),
      subject: patientRef(o.patientId),
      effectiveDateTime: o.date,
      valueCodeableConcept: cc(SYS.ajcc, `${o.prefix}${value}`, undefined, `${o.prefix}${value}`),
      method: AJCC8,
      focus: [{ reference: `Condition/${o.conditionId}` }],
      ...(o.operationId ? { partOf: [{ reference: `Procedure/${o.operationId}` }] } : {}),
    });
  }
  return out;
}

export function clinicalStagingObservations(d: DiagnosisDto): Observation[] {
  if (!d.clinical) return [];
  return tnmObservations({
    idBase: d.id,
    kind: 'c',
    prefix: 'c',
    patientId: d.patientId,
    conditionId: d.id,
    date: d.diagnosisDate,
    t: d.clinical.t,
    n: d.clinical.n,
    m: d.clinical.m,
    stage: d.clinicalStage && d.clinicalStage !== 'unknown' ? d.clinicalStage : null,
    updatedAt: d.updatedAt,
    grade: d.clinical.grade,
  });
}

/** UCUM for the marker units GISurg records. */
const UCUM: Record<string, string> = { 'ng/mL': 'ng/mL', 'U/mL': '[U]/mL' };

export function toFhirMarker(m: MarkerDto, updatedAt: string): Observation {
  const def = TUMOR_MARKER_OPTIONS.find((o) => o.value === m.marker)!;
  return {
    resourceType: 'Observation',
    id: m.id,
    meta: meta(PROFILE.tumorMarkerTest, updatedAt),
    status: 'final',
    category: LAB,
    code: cc(SYS.loinc, def.loinc, def.label.en, def.label.zh),
    subject: patientRef(m.patientId),
    effectiveDateTime: m.date,
    valueQuantity: { value: m.value, unit: m.unit, system: SYS.ucum, code: UCUM[m.unit] ?? m.unit },
    ...(m.upperLimit !== null
      ? { referenceRange: [{ high: { value: m.upperLimit, unit: m.unit, system: SYS.ucum, code: UCUM[m.unit] ?? m.unit } }] }
      : {}),
    ...(m.elevated !== null ? { interpretation: [cc(SYS.interpretation, m.elevated ? 'H' : 'N', m.elevated ? 'High' : 'Normal')] } : {}),
  };
}

export function toFhirPerformanceStatus(p: PerformanceStatusDto, updatedAt: string): Observation[] {
  const out: Observation[] = [];
  const base = { status: 'final' as const, category: SURVEY, subject: patientRef(p.patientId), effectiveDateTime: p.date };
  if (p.ecog !== null) {
    out.push({
      resourceType: 'Observation',
      id: `${p.id}-ecog`,
      meta: meta(PROFILE.ecog, updatedAt),
      ...base,
      code: cc(SYS.loinc, '89247-1', 'ECOG Performance Status score'),
      valueInteger: p.ecog,
    });
  }
  if (p.kps !== null) {
    out.push({
      resourceType: 'Observation',
      id: `${p.id}-kps`,
      meta: meta(PROFILE.karnofsky, updatedAt),
      ...base,
      code: cc(SYS.loinc, '89243-0', 'Karnofsky Performance Status score'),
      valueInteger: p.kps,
    });
  }
  return out;
}

/** PCI and CC of an operation's peritoneal assessment (local profiles, GISurg code system), part of the operation. */
export function peritonealObservations(op: OperationDto): Observation[] {
  const per = op.peritoneal;
  if (!per) return [];
  const base = {
    status: 'final' as const,
    category: [cc(SYS.observationCategory, 'exam')],
    subject: patientRef(op.patientId),
    effectiveDateTime: op.date,
    partOf: [{ reference: `Procedure/${op.id}` }],
    ...(op.diagnosisId ? { focus: [{ reference: `Condition/${op.diagnosisId}` }] } : {}),
  };
  const out: Observation[] = [
    {
      resourceType: 'Observation',
      id: `${op.id}-pci`,
      meta: meta(PROFILE.pci, per.updatedAt),
      ...base,
      code: cc(SYS.gisurgObservation, 'pci', 'Peritoneal Cancer Index', '腹膜癌指数（PCI）'),
      method: cc(SYS.gisurgObservation, `pci-timing-${per.pci.timing}`, undefined, per.pci.timing),
      valueInteger: per.pciTotal,
      component: per.pci.regions.map((score, i) => ({
        code: cc(SYS.gisurgObservation, `pci-region-${i}`, PCI_REGIONS[i]?.name.en, PCI_REGIONS[i]?.name.zh),
        valueInteger: score,
      })),
    },
  ];
  if (per.cc) {
    out.push({
      resourceType: 'Observation',
      id: `${op.id}-cc`,
      meta: meta(PROFILE.ccScore, per.updatedAt),
      ...base,
      code: cc(SYS.gisurgObservation, 'cc-score', 'Completeness of cytoreduction score', '细胞减灭完全程度（CC）'),
      valueCodeableConcept: cc(SYS.gisurgCcScore, per.cc, per.cc),
      ...(per.residualMm !== null
        ? {
            component: [
              {
                code: cc(SYS.gisurgObservation, 'residual-nodule', 'Largest residual nodule'),
                valueQuantity: { value: per.residualMm, unit: 'mm', system: SYS.ucum, code: 'mm' },
              },
            ],
          }
        : {}),
    });
  }
  return out;
}

export function pathologicalStagingObservations(op: OperationDto): Observation[] {
  const p = op.pathology;
  if (!p || !op.diagnosisId || (!p.t && !p.n && !p.m)) return [];
  const prefix = p.classification ?? 'p';
  return tnmObservations({
    idBase: op.id,
    kind: 'p',
    prefix,
    patientId: op.patientId,
    conditionId: op.diagnosisId,
    date: p.reportDate ?? op.date,
    t: p.t,
    n: p.n,
    m: p.m,
    stage: p.pathologicalStage && p.pathologicalStage !== 'unknown' ? p.pathologicalStage : null,
    updatedAt: p.updatedAt ?? op.updatedAt,
    operationId: op.id,
    grade: p.grade,
  });
}

// Procedures --------------------------------------------------------------------------------------------------------

const INTENT: Record<string, [string, string]> = {
  curative: ['373808002', 'Curative - procedure intent'],
  palliative: ['363676003', 'Palliative - procedure intent'],
  diagnostic: ['261004008', 'Diagnostic intent'],
};

/**
 * One operation → the principal Procedure (mCODE CancerRelatedSurgicalProcedure, with approach, conversion and
 * intent) plus one Procedure per further procedure of the list (partOf the principal one), and the HIPEC as a
 * local-profile Procedure with drug and dose extensions.
 */
export function toFhirProcedures(op: OperationDto): Procedure[] {
  const [principal, ...rest] = op.procedures;
  const performed =
    op.startTime && op.endTime ? { performedPeriod: { start: op.startTime, end: op.endTime } } : { performedDateTime: op.date };
  const reason = op.diagnosisId ? { reasonReference: [{ reference: `Condition/${op.diagnosisId}` }] } : {};
  const codeOf = (p: OperationDto['procedures'][number]): CodeableConcept => ({
    coding: [
      { system: SYS.gisurgProcedure, code: p.code, display: p.label.en },
      { system: SYS.icd9cm, code: p.icd9cm3 },
    ],
    text: p.label.zh,
  });
  const ext: Extension[] = [
    { url: EXT.procedureIntent, valueCodeableConcept: cc(SYS.snomed, INTENT[op.intent]![0], INTENT[op.intent]![1]) },
    { url: EXT.approach, valueCodeableConcept: cc(SYS.gisurgApproach, op.approach) },
  ];
  if (op.convertedFrom) ext.push({ url: EXT.convertedFrom, valueCodeableConcept: cc(SYS.gisurgApproach, op.convertedFrom) });
  const main: Procedure = {
    resourceType: 'Procedure',
    id: op.id,
    meta: meta(PROFILE.cancerSurgery, op.updatedAt),
    extension: ext,
    status: 'completed',
    category: cc(SYS.snomed, '387713003', 'Surgical procedure'),
    code: principal ? codeOf(principal) : { text: 'operation' },
    subject: patientRef(op.patientId),
    ...performed,
    ...(op.surgeon ? { performer: [{ actor: { reference: `Practitioner/${op.surgeon.id}`, display: op.surgeon.displayName } }] } : {}),
    ...reason,
  };
  const out: Procedure[] = [main];
  rest.forEach((p, i) => {
    if (p.code === 'hipec' && op.peritoneal?.hipec) return;
    out.push({
      resourceType: 'Procedure',
      id: `${op.id}-p${i + 1}`,
      meta: meta(PROFILE.cancerSurgery, op.updatedAt),
      extension: [ext[0]!, ext[1]!],
      status: 'completed',
      partOf: [{ reference: `Procedure/${op.id}` }],
      code: codeOf(p),
      subject: patientRef(op.patientId),
      ...performed,
      ...reason,
    });
  });
  const h = op.peritoneal?.hipec;
  if (h) {
    const hipecDef = op.procedures.find((p) => p.code === 'hipec');
    out.push({
      resourceType: 'Procedure',
      id: `${op.id}-hipec`,
      meta: meta(PROFILE.hipec, op.peritoneal!.updatedAt),
      extension: [
        ...h.drugs.map((d) => ({
          url: EXT.hipecDrug,
          extension: [
            {
              url: 'drug',
              valueCodeableConcept: cc(SYS.gisurgHipecDrug, d.drug, HIPEC_DRUG_OPTIONS.find((o) => o.value === d.drug)?.label.en),
            },
            {
              url: 'dose',
              valueQuantity: { value: d.dose, unit: d.doseBasis, system: SYS.ucum, code: d.doseBasis === 'mg/m2' ? 'mg/m2' : d.doseBasis },
            },
            { url: 'totalDose', valueQuantity: { value: d.totalDoseMg, unit: 'mg', system: SYS.ucum, code: 'mg' } },
          ],
        })),
        ...(h.inflowTempC !== null
          ? [{ url: EXT.hipecTemperature, valueQuantity: { value: h.inflowTempC, unit: 'Cel', system: SYS.ucum, code: 'Cel' } }]
          : []),
        ...(h.durationMin !== null
          ? [{ url: EXT.hipecDuration, valueQuantity: { value: h.durationMin, unit: 'min', system: SYS.ucum, code: 'min' } }]
          : []),
      ],
      status: 'completed',
      partOf: [{ reference: `Procedure/${op.id}` }],
      code: hipecDef ? codeOf(hipecDef) : cc(SYS.gisurgProcedure, 'hipec', 'HIPEC'),
      subject: patientRef(op.patientId),
      ...performed,
      ...reason,
      note: [{ text: `${h.technique}; ${h.timing}` }],
    });
  }
  return out;
}

// Encounters --------------------------------------------------------------------------------------------------------

export function toFhirEncounter(s: StayRow): Encounter {
  return {
    resourceType: 'Encounter',
    id: s.id,
    meta: meta(PROFILE.stay, s.updatedAt.toISOString()),
    status: s.status === 'active' ? 'in-progress' : s.status === 'discharged' ? 'finished' : 'cancelled',
    class: { system: SYS.actCode, code: 'IMP', display: 'inpatient encounter' },
    subject: patientRef(s.patientId),
    period: { start: s.admittedAt.toISOString(), ...(s.dischargedAt ? { end: s.dischargedAt.toISOString() } : {}) },
    hospitalization: {
      admitSource: cc(SYS.gisurgAdmissionSource, s.source),
      ...(s.disposition ? { dischargeDisposition: cc(SYS.gisurgDischargeDisposition, s.disposition) } : {}),
    },
  };
}

/** Everything of one patient's record as clinical resources (the patient itself excluded). */
export function clinicalResources(record: {
  diagnoses: DiagnosisDto[];
  operations: OperationDto[];
  markers: MarkerDto[];
  performanceStatus: PerformanceStatusDto[];
  stays: StayRow[];
}): ClinicalResource[] {
  const out: ClinicalResource[] = [];
  for (const d of record.diagnoses) out.push(...toFhirConditions(d), ...clinicalStagingObservations(d));
  for (const op of record.operations) out.push(...pathologicalStagingObservations(op), ...peritonealObservations(op));
  for (const m of record.markers) out.push(toFhirMarker(m, m.createdAt));
  for (const p of record.performanceStatus) out.push(...toFhirPerformanceStatus(p, p.createdAt));
  for (const op of record.operations) out.push(...toFhirProcedures(op));
  for (const s of record.stays) out.push(toFhirEncounter(s));
  return out;
}
