export { lymphNodesAdequate, DEFAULT_LYMPH_NODE_THRESHOLDS, type LymphNodeSite } from './lymph-nodes.js';
export {
  isConversion,
  isrecLeakGrade,
  type ConversionInput,
  type ConversionOptions,
  type OperativeApproach,
  type LeakManagement,
  type IsrecLeakGrade,
} from './operative.js';
export { postoperativeLengthOfStay, mortalityWithin } from './outcomes.js';
export {
  textbookOutcome,
  TEXTBOOK_OUTCOME_DEFINITIONS,
  TEXTBOOK_OUTCOME_RULES,
  DEFAULT_COLORECTAL_TOO_LOS_DAYS,
  type TextbookOutcomeDefinition,
  type TextbookOutcomeComponent,
  type TextbookOutcomeInput,
  type TextbookOutcomeResult,
} from './textbook-outcome.js';
export { QUALITY_INDICATORS, qualityIndicator, type QualityIndicatorDefinition } from './indicators.js';
export { resectionSite } from './resection.js';
export {
  careChecklist,
  operationCareItems,
  CARE_ITEM_CODES,
  CARE_ITEM_STATUSES,
  CARE_ITEM_REASONS,
  DEFAULT_MDT_LOOKBACK_DAYS,
  type CareChecklist,
  type CareChecklistOptions,
  type CareFacts,
  type CareItem,
  type CareItemCode,
  type CareItemReason,
  type CareItemStatus,
} from './completeness.js';
export { singleDiseaseIncluded, type SingleDiseaseEntry } from './single-disease.js';
export {
  binomialControlLimit,
  funnelCurve,
  funnelLimits,
  funnelPosition,
  FUNNEL_LEVELS,
  type FunnelLimits,
  type FunnelMethod,
} from './funnel.js';
