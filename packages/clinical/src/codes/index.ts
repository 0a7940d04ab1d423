export {
  PCI_REGIONS,
  LESION_SIZE_OPTIONS,
  CC_SCORE_OPTIONS,
  R_CLASSIFICATION_OPTIONS,
  PSOGI_PMP_CATEGORIES,
  PSOGI_APPENDICEAL_LESIONS,
  WHO_MESOTHELIAL_CATEGORIES,
  PCI_TIMING_OPTIONS,
  HIPEC_TIMING_OPTIONS,
  HIPEC_TECHNIQUE_OPTIONS,
  HIPEC_CARRIER_OPTIONS,
} from './peritoneal.js';
export { CLAVIEN_DINDO_OPTIONS, ECOG_OPTIONS, KARNOFSKY_OPTIONS, ISREC_LEAK_GRADE_OPTIONS } from './clinical-scales.js';
export { ICD10_CODES, icd10Entry, stagingSiteForIcd10, type Icd10Entry } from './icd10.js';
export { FOLLOW_UP_KIND_OPTIONS, FOLLOW_UP_GUIDELINE_OPTIONS } from './follow-up.js';
export {
  CRS_HIPEC_CODES,
  isCrsHipec,
  PROCEDURES,
  procedureDefinition,
  procedureIcd9cm3,
  type ProcedureDefinition,
  type ProcedureGroup,
} from './procedures.js';
export * from './oncology.js';
export * from './operation.js';
export * from './pathology.js';
export { COMPLICATION_TYPES, COMPLICATION_TYPE_OPTIONS, type ComplicationType } from './complication-types.js';
