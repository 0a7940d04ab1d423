import type { Bilingual } from '../bilingual.js';
import type { FollowUpGuideline, FollowUpKind, IntervalChoice, PlannedItem, Segment } from './types.js';

/**
 * "Every k months during years a–b" = months 12(a−1)+k, +k, … ≤ 12b (clinical-rules.md §7).
 * Segments are consecutive: each starts after the previous one's last month.
 */
export function monthsOf(segments: readonly Segment[], horizon: number): number[] {
  const out: number[] = [];
  for (const s of segments) {
    for (let m = s.after + s.step; m <= Math.min(s.until, horizon); m += s.step) out.push(m);
  }
  return out;
}

export function pick(choice: IntervalChoice, lower: number, upper: number): number {
  return choice === 'lower' ? lower : upper;
}

export function items(months: readonly number[], kind: FollowUpKind, note: Bilingual | null): PlannedItem[] {
  return months.map((month) => ({ month, kind, note }));
}

export type ColonoscopyFinding = 'normal' | 'abnormal';

/**
 * Months to the next surveillance colonoscopy (clinical-rules.md §7.1).
 * - NCCN colon: advanced adenoma ('abnormal') -> 1 year; otherwise 3 years after the 1-year
 *   colonoscopy, then every 5 years (NCCN patient guide p. 43).
 * - China 2023 (《中国结直肠癌诊疗规范(2023年版)》): abnormal -> within 1 year; no polyp -> within 3 years,
 *   then every 5 years.
 * `isFirstSurveillance` = the finding is from the colonoscopy about 1 year after surgery.
 */
export function nextColonoscopyInterval(
  guideline: Extract<FollowUpGuideline, 'nccn-colon' | 'china-2023-colorectal'>,
  finding: ColonoscopyFinding,
  isFirstSurveillance: boolean,
): number {
  // Both sources give the same intervals; the guideline is kept so a revision can diverge.
  void guideline;
  if (finding === 'abnormal') return 12;
  return isFirstSurveillance ? 36 : 60;
}

/**
 * The colonoscopy dates assuming each one is normal: optional clearing colonoscopy at 3–6 months when
 * the preoperative one was incomplete, then 12 months, +36, then every +60 up to the horizon.
 */
export function colonoscopyPlan(
  guideline: Extract<FollowUpGuideline, 'nccn-colon' | 'china-2023-colorectal'>,
  preopComplete: boolean,
  choice: IntervalChoice,
  horizon: number,
): PlannedItem[] {
  const out: PlannedItem[] = [];
  if (!preopComplete) {
    out.push({
      month: pick(choice, 3, 6),
      kind: 'colonoscopy',
      note: {
        zh: '术前未完成全结肠镜检查：术后 3–6 个月内完成结肠镜',
        en: 'No complete preoperative colonoscopy: colonoscopy 3–6 months after surgery',
      },
    });
  }
  let month = 12;
  let first = true;
  while (month <= horizon) {
    out.push({
      month,
      kind: 'colonoscopy',
      note: first
        ? guideline === 'nccn-colon'
          ? {
              zh: '术后 1 年结肠镜；如有进展期腺瘤，1 年后复查，否则 3 年后复查',
              en: 'Colonoscopy at 1 year; advanced adenoma -> repeat in 1 year, otherwise in 3 years',
            }
          : {
              zh: '术后 1 年内结肠镜；如有异常，1 年内复查；如无息肉，3 年内复查',
              en: 'Colonoscopy within 1 year; abnormal -> repeat within 1 year; no polyp -> within 3 years',
            }
        : {
            zh: '按上次结肠镜正常计划；如有异常，1 年后复查',
            en: 'Planned assuming the previous colonoscopy was normal; abnormal -> repeat in 1 year',
          },
    });
    month += nextColonoscopyInterval(guideline, 'normal', first);
    first = false;
  }
  return out;
}
