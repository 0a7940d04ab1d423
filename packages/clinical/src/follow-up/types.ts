import type { Bilingual } from '../bilingual.js';

export const FOLLOW_UP_GUIDELINES = ['nccn-colon', 'china-2023-colorectal', 'csco-gastric', 'nccn-gastric'] as const;
export type FollowUpGuideline = (typeof FOLLOW_UP_GUIDELINES)[number];

export const FOLLOW_UP_KINDS = ['visit', 'cea', 'ca19-9', 'ct', 'mri', 'colonoscopy', 'gastroscopy'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export type IntervalChoice = 'lower' | 'upper';

export interface FollowUpPlanInput {
  readonly site: 'colorectal' | 'stomach';
  /** Stage group after curative resection, e.g. 'IIIB' (only the main group I–IV / 0 matters). */
  readonly stage: string;
  /** Day 0 of the plan (ISO YYYY-MM-DD). */
  readonly surgeryDate: string;
  readonly guideline: FollowUpGuideline;
  /** Guidelines give ranges ("every 3–6 months"): 'lower' takes the shorter interval, 'upper' the longer. */
  readonly intervalChoice: IntervalChoice;
  /** Imaging (CT/MRI) interval choice when it should differ from intervalChoice; default intervalChoice. */
  readonly imagingIntervalChoice?: IntervalChoice;
  /** False when no complete colonoscopy was possible before surgery (e.g. obstruction). Default true. */
  readonly preopColonoscopyComplete?: boolean;
  /** Rectal primary (China 2023: pelvic MRI preferred for the pelvis). Default false. */
  readonly rectal?: boolean;
  /** NCCN gastric: post-neoadjuvant stage I also gets CT surveillance. Default false. */
  readonly neoadjuvant?: boolean;
  /** NCCN gastric: continue CT annually in years 3–5 ([UNVERIFIED], source truncated). Default false. */
  readonly extendGastricCtTo5Years?: boolean;
  /** Last month planned; open-ended items ("then yearly", colonoscopy every 5 years) stop here. Default 120. */
  readonly horizonMonths?: number;
}

export interface FollowUpItem {
  readonly dueDate: string;
  readonly monthsAfterSurgery: number;
  readonly kind: FollowUpKind;
  readonly note: Bilingual | null;
}

/** "Every `step` months after month `after` up to and including month `until`." */
export interface Segment {
  readonly after: number;
  readonly until: number;
  readonly step: number;
}

export interface PlannedItem {
  readonly month: number;
  readonly kind: FollowUpKind;
  readonly note: Bilingual | null;
}
