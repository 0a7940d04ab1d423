export { followUpPlan, DEFAULT_FOLLOW_UP_HORIZON_MONTHS } from './plan.js';
export { nextColonoscopyInterval, type ColonoscopyFinding } from './schedule.js';
export {
  FOLLOW_UP_GUIDELINES,
  FOLLOW_UP_KINDS,
  type FollowUpGuideline,
  type FollowUpKind,
  type FollowUpItem,
  type FollowUpPlanInput,
  type IntervalChoice,
} from './types.js';
