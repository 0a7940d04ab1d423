export { stageAjcc8, UNKNOWN_STAGE } from './stage.js';
export { gastricNCategory, colorectalNCategory, appendixNCategory, type NodesAndDeposits } from './nodes.js';
export { stageRank, compareStageGroups, stageMainGroup } from './stage-order.js';
export { stageTableFor } from './tables.js';
export { parseCategory, type ParsedCategory } from './parse.js';
export { STAGING_SITE_OPTIONS, STAGING_CLASSIFICATION_OPTIONS, GRADE_OPTIONS, tnmCategoryOptions } from './labels.js';
export {
  STAGING_SITES,
  STAGING_CLASSIFICATIONS,
  HISTOLOGIC_GRADES,
  type StagingSite,
  type StagingClassification,
  type HistologicGrade,
  type TnmAxis,
  type StageTable,
  type StageAjcc8Input,
  type StageAjcc8Result,
} from './types.js';
