import { api, get } from '../../app/api';

/** Shapes of the oncology API (server: features/oncology, surgery, peritoneal; OpenAPI at /api/docs). */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface Diagnosis {
  id: string;
  version: number;
  site: string;
  icd10: string;
  icd10Label: Bilingual | null;
  icd10Secondary: string | null;
  icdO3Morphology: string | null;
  diagnosisDate: string;
  basis: string | null;
  pmOrigin: string | null;
  psogiCategory: string | null;
  appendicealLesion: string | null;
  whoCategory: string | null;
  stagingSite: 'stomach' | 'colorectal' | 'anus' | 'appendix' | null;
  clinical: { t: string | null; n: string | null; m: string | null; grade: string | null } | null;
  clinicalStage: string | null;
  stagingEdition: number | null;
  pathologicalStage: string | null;
  pathological: {
    operationId: string;
    operationDate: string;
    classification: 'p' | 'yp' | null;
    t: string | null;
    n: string | null;
    m: string | null;
    stage: string | null;
  } | null;
  notes: string | null;
}

export interface Pathology {
  id: string;
  version: number;
  reportDate: string | null;
  pathologyNo: string | null;
  neoadjuvant: boolean;
  classification: 'p' | 'yp' | null;
  stagingSite: string | null;
  t: string | null;
  nodesExamined: number | null;
  nodesPositive: number | null;
  tumorDeposits: number | null;
  n: string | null;
  nDerived: boolean | null;
  m: string | null;
  grade: string | null;
  pathologicalStage: string | null;
  stagingEdition: number | null;
  lymphNodesAdequate: boolean | null;
  lymphNodeThreshold: number | null;
  margin: string | null;
  lvi: boolean | null;
  pni: boolean | null;
  tumorSizeMm: number | null;
  histology: string | null;
  mmr: string | null;
  msi: string | null;
  her2Ihc: string | null;
  her2Ish: string | null;
  her2Status: string | null;
  kras: string | null;
  nras: string | null;
  braf: string | null;
}

export interface HipecDrug {
  drug: string;
  dose: number;
  doseBasis: 'mg/m2' | 'mg/L' | 'mg';
  totalDoseMg: number;
  volumeL: number | null;
  concentrationMgPerL: number | null;
  fractions: { index: number; share: number; doseMg: number; atMinute: number | null }[];
}

export interface Peritoneal {
  id: string;
  version: number;
  pci: { regions: number[]; timing: string; total: number };
  pciTotal: number;
  indication: string;
  eligible: boolean | null;
  flags: { code: string; messageKey: string; params?: Record<string, number>; message: Bilingual }[];
  residualMm: number | null;
  cc: string | null;
  ccBoundary: string | null;
  completeCytoreduction: boolean | null;
  heightCm: number | null;
  weightKg: number | null;
  bsaM2: number | null;
  bsaFormula: string | null;
  hipec: {
    timing: string;
    technique: string;
    carrier: string | null;
    carrierVolumeL: number | null;
    carrierLPerM2: number | null;
    volumeL: number | null;
    inflowTempC: number | null;
    outflowTempC: number | null;
    durationMin: number | null;
    flowMlMin: number | null;
    drugs: HipecDrug[];
  } | null;
}

export interface Complication {
  id: string;
  version: number;
  date: string;
  dayAfterOperation: number;
  type: string;
  typeOther: string | null;
  isrecGrade: string | null;
  grade: string;
  disability: boolean;
  treatment: string | null;
  notes: string | null;
}

export interface Person {
  id: string;
  displayName: string;
}

export interface Operation {
  id: string;
  version: number;
  patientId: string;
  diagnosisId: string | null;
  diagnosis: { id: string; site: string; icd10: string; stagingSite: string | null } | null;
  date: string;
  urgency: string;
  intent: string;
  approach: 'laparoscopic' | 'robotic' | 'open' | 'converted';
  convertedFrom: string | null;
  conversionReason: string | null;
  incisionLengthCm: number | null;
  converted: boolean;
  lymphadenectomy: string | null;
  procedures: { code: string; icd9cm3: string; label: Bilingual }[];
  surgeon: Person | null;
  assistants: Person[];
  anesthetist: Person | null;
  anesthetistName: string | null;
  anesthesiaMethod: string | null;
  operationLevel: number | null;
  incisionClass: string | null;
  healingGrade: string | null;
  startTime: string | null;
  endTime: string | null;
  durationMin: number | null;
  bloodLossMl: number | null;
  transfusion: boolean | null;
  rbcUnits: number | null;
  plasmaMl: number | null;
  anastomosis: string | null;
  anastomosisTechnique: string | null;
  stoma: string | null;
  stomaIntent: string | null;
  dischargeDate: string | null;
  postoperativeLosDays: number | null;
  notes: string | null;
  cci: number;
  cci30: number;
  cci90: number;
  highestClavienDindo: string | null;
  complications: Complication[];
  pathology: Pathology | null;
  peritoneal: Peritoneal | null;
  pciTotal: number | null;
  cc: string | null;
}

export interface Marker {
  id: string;
  version: number;
  marker: string;
  value: number;
  unit: string;
  upperLimit: number | null;
  elevated: boolean | null;
  date: string;
}

export interface PerformanceStatus {
  id: string;
  version: number;
  date: string;
  setting: string | null;
  ecog: number | null;
  kps: number | null;
  ecogFromKps: number | null;
  ecogKpsMapping: string | null;
}

export interface OncologySummary {
  patient: {
    id: string;
    name: string;
    sex: 'male' | 'female' | 'unknown';
    birthDate: string;
    age: number;
    inpatientNo: string | null;
    sourceOrganizationName: string | null;
  };
  generatedAt: string;
  diagnoses: Diagnosis[];
  operations: Operation[];
  peritoneal: {
    latest: {
      operationId: string;
      date: string;
      pciTotal: number;
      timing: string;
      cc: string | null;
      eligible: boolean | null;
      hipec: boolean;
    } | null;
  };
  markers: Marker[];
  performanceStatus: PerformanceStatus[];
}

type Body = Record<string, unknown>;

export const oncologyApi = {
  summary: (patientId: string, signal?: AbortSignal) => get<OncologySummary>(`/api/patients/${patientId}/oncology-summary`, signal),
  createDiagnosis: (patientId: string, body: Body) => api<Diagnosis>('POST', `/api/patients/${patientId}/diagnoses`, body),
  updateDiagnosis: (id: string, body: Body) => api<Diagnosis>('PATCH', `/api/diagnoses/${id}`, body),
  createMarker: (patientId: string, body: Body) => api<Marker>('POST', `/api/patients/${patientId}/markers`, body),
  createPerformanceStatus: (patientId: string, body: Body) =>
    api<PerformanceStatus>('POST', `/api/patients/${patientId}/performance-status`, body),
  createOperation: (patientId: string, body: Body) => api<Operation>('POST', `/api/patients/${patientId}/operations`, body),
  updateOperation: (id: string, body: Body) => api<Operation>('PATCH', `/api/operations/${id}`, body),
  putPathology: (operationId: string, body: Body) => api<Pathology>('PUT', `/api/operations/${operationId}/pathology`, body),
  putPeritoneal: (operationId: string, body: Body) => api<Peritoneal>('PUT', `/api/operations/${operationId}/peritoneal`, body),
  createComplication: (operationId: string, body: Body) => api<Complication>('POST', `/api/operations/${operationId}/complications`, body),
  updateComplication: (id: string, body: Body) => api<Complication>('PATCH', `/api/complications/${id}`, body),
  updateMarker: (id: string, body: Body) => api<Marker>('PATCH', `/api/markers/${id}`, body),
  updatePerformanceStatus: (id: string, body: Body) => api<PerformanceStatus>('PATCH', `/api/performance-status/${id}`, body),
  /** Soft delete with a reason: kind = the collection of the record. */
  remove: (path: string, version: number, reason: string) => api<{ id: string; deleted: true }>('DELETE', path, { version, reason }),
  staff: (signal?: AbortSignal) =>
    get<{ items: { id: string; displayName: string; role: string; organizationId: string; disabled: boolean }[] }>(
      '/api/users?pageSize=100',
      signal,
    ),
};
