export {
  icd10CodesForSite,
  diagnosisStagingSite,
  checkDiagnosisCoding,
  pciIndicationForDiagnosis,
  type DiagnosisCoding,
} from './diagnosis.js';
export {
  checkNodeCounts,
  nCategoryFromNodes,
  checkNAgainstNodeCounts,
  her2Status,
  SITE_SPECIFIC_PATHOLOGY_ITEMS,
  checkSiteSpecificItems,
  type NodeCounts,
} from './pathology.js';
export { parseInstant, operationDurationMinutes, conversionOf, MAX_OPERATION_MINUTES, type ConversionRecord } from './operation.js';
export { complicationDay, complicationIndexWithin, type ComplicationWindowResult } from './complications.js';
