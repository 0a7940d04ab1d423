import { items, monthsOf, pick } from './schedule.js';
import type { IntervalChoice, PlannedItem } from './types.js';

export interface GastricPlanOptions {
  readonly mainGroup: '0' | 'I' | 'II' | 'III' | 'IV';
  readonly choice: IntervalChoice;
  readonly imagingChoice: IntervalChoice;
  readonly neoadjuvant: boolean;
  readonly extendCtTo5Years: boolean;
  readonly horizon: number;
}

/** Visits every 3–6 months in years 1–2, every 6–12 months to 5 years, then yearly (CSCO 2023 and NCCN). */
function visitMonths(choice: IntervalChoice, horizon: number): number[] {
  return monthsOf(
    [
      { after: 0, until: 24, step: pick(choice, 3, 6) },
      { after: 24, until: 60, step: pick(choice, 6, 12) },
      { after: 60, until: Infinity, step: 12 },
    ],
    horizon,
  );
}

/**
 * CSCO gastric cancer guideline 2023 (Cancer Communications, PMC10794017 table 17; clinical-rules.md §7.2):
 * early and advanced disease alike, visits every 3–6 months in the first 2 years, every 6–12 months to
 * 5 years (grade I), yearly thereafter (grade II). The per-visit contents were truncated in the source:
 * only visits are planned, with H. pylori testing noted.
 */
export function cscoGastricPlan(o: GastricPlanOptions): PlannedItem[] {
  return items(visitMonths(o.choice, o.horizon), 'visit', {
    zh: '复诊（检查项目由医生决定；推荐幽门螺杆菌检测；新发或加重症状随时就诊）',
    en: 'Visit (tests at the clinician’s discretion; H. pylori testing recommended; new or worse symptoms: visit at any time)',
  });
}

/**
 * NCCN gastric cancer surveillance (secondary summaries: MIMS, cancerlink.ru; clinical-rules.md §7.2),
 * stages 0–III after curative treatment:
 * - H&P every 3–6 months in years 1–2, every 6–12 months in years 3–5, then yearly; monitor vitamin B12
 *   and iron after gastrectomy;
 * - EGD: stage 0 (Tis after endoscopic resection) every 6 months for 1 year, then yearly to 3 years;
 *   stage I every 6 months for 1 year, then yearly to 5 years ("for N years" read as up to month 12N);
 * - CT chest/abdomen/pelvis: stage II–III, or post-neoadjuvant stage I–III, every 6–12 months for 2 years
 *   (then yearly to 5 years only with extendCtTo5Years: that part of the source was truncated).
 */
export function nccnGastricPlan(o: GastricPlanOptions): PlannedItem[] {
  const out = items(visitMonths(o.choice, o.horizon), 'visit', {
    zh: '病史询问和体格检查；胃切除术后监测维生素 B12 和铁',
    en: 'History and physical examination; monitor vitamin B12 and iron after gastrectomy',
  });
  if (o.mainGroup === '0' || o.mainGroup === 'I') {
    const egd = monthsOf(
      [
        { after: 0, until: 12, step: 6 },
        { after: 12, until: o.mainGroup === '0' ? 36 : 60, step: 12 },
      ],
      o.horizon,
    );
    out.push(...items(egd, 'gastroscopy', { zh: '胃镜', en: 'Upper endoscopy (EGD)' }));
  }
  const ctIndicated = o.mainGroup === 'II' || o.mainGroup === 'III' || (o.neoadjuvant && o.mainGroup === 'I');
  if (ctIndicated) {
    const ct = [{ after: 0, until: 24, step: pick(o.imagingChoice, 6, 12) }];
    if (o.extendCtTo5Years) ct.push({ after: 24, until: 60, step: 12 });
    out.push(...items(monthsOf(ct, o.horizon), 'ct', { zh: '胸部、腹部、盆腔 CT', en: 'CT chest, abdomen and pelvis' }));
  }
  return out;
}
