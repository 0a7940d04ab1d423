import { colonoscopyPlan, items, monthsOf, pick } from './schedule.js';
import type { IntervalChoice, PlannedItem } from './types.js';

const VISIT = { zh: '病史询问和体格检查', en: 'History and physical examination' };
const CEA_NOTE = { zh: 'CEA（氟尿嘧啶类化疗可致 CEA 假性升高）', en: 'CEA (5-FU chemotherapy may falsely elevate CEA)' };
const CT_NOTE = { zh: '胸部、腹部、盆腔 CT', en: 'CT chest, abdomen and pelvis' };

export interface ColorectalPlanOptions {
  readonly mainGroup: 'I' | 'II' | 'III' | 'IV';
  readonly choice: IntervalChoice;
  readonly imagingChoice: IntervalChoice;
  readonly preopColonoscopyComplete: boolean;
  readonly rectal: boolean;
  readonly horizon: number;
}

/**
 * NCCN Colon V1.2022 surveillance (via PMC9657704 table t005; clinical-rules.md §7.1):
 * - stage II–IV: H&P and CEA every 3–6 months for 2 years, then every 6 months to 5 years;
 * - CT chest/abdomen/pelvis: stage II–III every 6–12 months for 5 years; stage IV every 3–6 months for
 *   2 years, then every 6–12 months to 5 years;
 * - colonoscopy (all stages, so stage I gets colonoscopy only): 1 year, 3–6 months if no complete
 *   preoperative colonoscopy; then 3 years, then every 5 years.
 */
export function nccnColonPlan(o: ColorectalPlanOptions): PlannedItem[] {
  const out: PlannedItem[] = [];
  if (o.mainGroup !== 'I') {
    const visits = monthsOf(
      [
        { after: 0, until: 24, step: pick(o.choice, 3, 6) },
        { after: 24, until: 60, step: 6 },
      ],
      o.horizon,
    );
    out.push(...items(visits, 'visit', VISIT), ...items(visits, 'cea', CEA_NOTE));
    const ct =
      o.mainGroup === 'IV'
        ? [
            { after: 0, until: 24, step: pick(o.imagingChoice, 3, 6) },
            { after: 24, until: 60, step: pick(o.imagingChoice, 6, 12) },
          ]
        : [{ after: 0, until: 60, step: pick(o.imagingChoice, 6, 12) }];
    out.push(...items(monthsOf(ct, o.horizon), 'ct', CT_NOTE));
  }
  out.push(...colonoscopyPlan('nccn-colon', o.preopColonoscopyComplete, o.choice, o.horizon));
  return out;
}

/**
 * 《中国结直肠癌诊疗规范(2023年版)》 (NHC; clinical-rules.md §7.1, china-context.md §7.1), all stages I–IV:
 * - history, examination, CEA and CA19-9 every 3 months for 2 years, every 6 months to 5 years, then yearly;
 * - CT chest/abdomen/pelvis every 6 months for 2 years, then yearly to 5 years (the same text also says
 *   "CT yearly for 5 years"; the 6-monthly/yearly schedule is the default named in clinical-rules.md);
 *   rectal cancer: pelvic MRI preferred, so rectal plans get chest/abdomen CT plus pelvic MRI;
 * - colonoscopy within 1 year (3–6 months if the preoperative one was incomplete), then 3 years, then
 *   every 5 years. PET-CT is not routine.
 */
export function china2023ColorectalPlan(o: ColorectalPlanOptions): PlannedItem[] {
  const visits = monthsOf(
    [
      { after: 0, until: 24, step: 3 },
      { after: 24, until: 60, step: 6 },
      { after: 60, until: Infinity, step: 12 },
    ],
    o.horizon,
  );
  const imaging = monthsOf(
    [
      { after: 0, until: 24, step: 6 },
      { after: 24, until: 60, step: 12 },
    ],
    o.horizon,
  );
  return [
    ...items(visits, 'visit', VISIT),
    ...items(visits, 'cea', { zh: '癌胚抗原（CEA）', en: 'CEA' }),
    ...items(visits, 'ca19-9', { zh: '糖类抗原 19-9（CA19-9）', en: 'CA19-9' }),
    ...(o.rectal
      ? [
          ...items(imaging, 'ct', { zh: '胸部、腹部 CT', en: 'CT chest and abdomen' }),
          ...items(imaging, 'mri', { zh: '盆腔 MRI（直肠癌首选）', en: 'Pelvic MRI (preferred for rectal cancer)' }),
        ]
      : items(imaging, 'ct', CT_NOTE)),
    ...colonoscopyPlan('china-2023-colorectal', o.preopColonoscopyComplete, o.choice, o.horizon),
  ];
}
