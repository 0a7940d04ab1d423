import { addMonths, checkDate } from '../dates.js';
import { stageMainGroup } from '../staging/stage-order.js';
import { Issues, checkBoolean, checkInteger, checkOneOf } from '../validate.js';
import { china2023ColorectalPlan, nccnColonPlan } from './colorectal.js';
import { cscoGastricPlan, nccnGastricPlan } from './gastric.js';
import {
  FOLLOW_UP_GUIDELINES,
  FOLLOW_UP_KINDS,
  type FollowUpGuideline,
  type FollowUpItem,
  type FollowUpPlanInput,
  type PlannedItem,
} from './types.js';

const GUIDELINE_SITE: Readonly<Record<FollowUpGuideline, 'colorectal' | 'stomach'>> = {
  'nccn-colon': 'colorectal',
  'china-2023-colorectal': 'colorectal',
  'csco-gastric': 'stomach',
  'nccn-gastric': 'stomach',
};

/** Stage main groups each guideline covers after curative treatment. */
const COVERED: Readonly<Record<FollowUpGuideline, readonly string[]>> = {
  'nccn-colon': ['I', 'II', 'III', 'IV'],
  'china-2023-colorectal': ['I', 'II', 'III', 'IV'],
  'csco-gastric': ['0', 'I', 'II', 'III', 'IV'],
  'nccn-gastric': ['0', 'I', 'II', 'III'],
};

export const DEFAULT_FOLLOW_UP_HORIZON_MONTHS = 120;

/**
 * Dated surveillance items after curative resection (clinical-rules.md §7). Day 0 = surgeryDate; month
 * M is due on the same day of the month M months later (clamped to the month's last day). Items are
 * ordered by date, then visit, CEA, CA19-9, CT, MRI, colonoscopy, gastroscopy. Findings change the plan
 * (an abnormal colonoscopy brings the next one forward): regenerate it or use nextColonoscopyInterval.
 */
export function followUpPlan(input: FollowUpPlanInput): readonly FollowUpItem[] {
  const issues = new Issues();
  const siteOk = checkOneOf(issues, 'site', input.site, ['colorectal', 'stomach'] as const);
  const guidelineOk = checkOneOf(issues, 'guideline', input.guideline, FOLLOW_UP_GUIDELINES);
  checkOneOf(issues, 'intervalChoice', input.intervalChoice, ['lower', 'upper'] as const);
  if (input.imagingIntervalChoice !== undefined)
    checkOneOf(issues, 'imagingIntervalChoice', input.imagingIntervalChoice, ['lower', 'upper'] as const);
  for (const flag of ['preopColonoscopyComplete', 'rectal', 'neoadjuvant', 'extendGastricCtTo5Years'] as const) {
    if (input[flag] !== undefined) checkBoolean(issues, flag, input[flag]);
  }
  const horizon = input.horizonMonths ?? DEFAULT_FOLLOW_UP_HORIZON_MONTHS;
  checkInteger(issues, 'horizonMonths', horizon, 12, 360);
  checkDate(issues, 'surgeryDate', input.surgeryDate);
  if (siteOk && guidelineOk && GUIDELINE_SITE[input.guideline] !== input.site) {
    issues.add('guideline', 'site_mismatch', 'clinical.followUp.guidelineSite', { guideline: input.guideline, site: input.site });
  }
  const group = typeof input.stage === 'string' ? stageMainGroup(input.stage.trim().toUpperCase()) : null;
  if (group === null) issues.add('stage', 'format', 'clinical.followUp.stage');
  else if (guidelineOk && !COVERED[input.guideline].includes(group)) {
    issues.add('stage', 'not_covered', 'clinical.followUp.stageNotCovered', { stage: input.stage, guideline: input.guideline });
  }
  issues.throwIfAny();
  if (group === null) throw new TypeError('unreachable: stage validated');

  const choice = input.intervalChoice;
  const imagingChoice = input.imagingIntervalChoice ?? choice;
  let planned: PlannedItem[];
  switch (input.guideline) {
    case 'nccn-colon':
    case 'china-2023-colorectal': {
      const o = {
        mainGroup: group as 'I' | 'II' | 'III' | 'IV',
        choice,
        imagingChoice,
        preopColonoscopyComplete: input.preopColonoscopyComplete ?? true,
        rectal: input.rectal ?? false,
        horizon,
      };
      planned = input.guideline === 'nccn-colon' ? nccnColonPlan(o) : china2023ColorectalPlan(o);
      break;
    }
    case 'csco-gastric':
    case 'nccn-gastric': {
      const o = {
        mainGroup: group,
        choice,
        imagingChoice,
        neoadjuvant: input.neoadjuvant ?? false,
        extendCtTo5Years: input.extendGastricCtTo5Years ?? false,
        horizon,
      };
      planned = input.guideline === 'csco-gastric' ? cscoGastricPlan(o) : nccnGastricPlan(o);
      break;
    }
  }
  return planned
    .slice()
    .sort((a, b) => a.month - b.month || FOLLOW_UP_KINDS.indexOf(a.kind) - FOLLOW_UP_KINDS.indexOf(b.kind))
    .map((p) => ({ dueDate: addMonths(input.surgeryDate, p.month), monthsAfterSurgery: p.month, kind: p.kind, note: p.note }));
}
