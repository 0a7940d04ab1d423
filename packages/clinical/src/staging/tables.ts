import { ANUS } from './anus.js';
import { APPENDIX } from './appendix.js';
import { COLORECTAL } from './colorectal.js';
import { STOMACH_CLINICAL, STOMACH_PATHOLOGICAL, STOMACH_POST_NEOADJUVANT } from './stomach.js';
import type { StageTable, StagingClassification, StagingSite } from './types.js';

/** The table that applies: the stomach has one per classification, the other sites one for all. */
export function stageTableFor(site: StagingSite, classification: StagingClassification): StageTable {
  switch (site) {
    case 'stomach':
      return classification === 'c' ? STOMACH_CLINICAL : classification === 'p' ? STOMACH_PATHOLOGICAL : STOMACH_POST_NEOADJUVANT;
    case 'colorectal':
      return COLORECTAL;
    case 'anus':
      return ANUS;
    case 'appendix':
      return APPENDIX;
  }
}
