import type { Bilingual } from '../bilingual.js';

/**
 * Quality-indicator definitions for the analytics pages (clinical-rules.md §6, china-context.md §2).
 * Model: numerator / denominator per period, per surgeon or unit (NHC indicator format: 定义, 计算公式 =
 * numerator / same-period denominator × 100%). Codes starting with GIS- are ours; `nationalCode` is set
 * where a national list numbers the indicator. No numeric target was found in any retrieved source, so
 * every `target` is null until the department sets one (never invented here).
 */
export interface QualityIndicatorDefinition {
  readonly code: string;
  readonly nationalCode: string | null;
  readonly name: Bilingual;
  readonly numerator: Bilingual;
  readonly denominator: Bilingual;
  /** 'proportion' = numerator/denominator × 100%; 'mean'/'median' = of a per-patient value. */
  readonly measure: 'proportion' | 'mean' | 'median';
  readonly direction: 'higher-is-better' | 'lower-is-better';
  readonly target: { readonly comparator: '>=' | '<='; readonly value: number } | null;
  readonly sites: readonly ('stomach' | 'colorectal')[];
  /** The clinical-package function that decides the numerator for one patient, when there is one. */
  readonly rule: string | null;
  readonly source: string;
  readonly verified: boolean;
}

type Def = Omit<QualityIndicatorDefinition, 'nationalCode' | 'target' | 'measure' | 'rule'> &
  Partial<Pick<QualityIndicatorDefinition, 'nationalCode' | 'target' | 'measure' | 'rule'>>;

const def = (d: Def): QualityIndicatorDefinition => ({ nationalCode: null, target: null, measure: 'proportion', rule: null, ...d });

const BOTH = ['stomach', 'colorectal'] as const;
const OPERATED = { zh: '同期手术患者数', en: 'Operated patients in the period' };

export const QUALITY_INDICATORS: readonly QualityIndicatorDefinition[] = [
  def({
    code: 'GIS-LN-CRC-12',
    name: { zh: '结直肠癌根治术淋巴结检出≥12枚比例', en: 'Colorectal resections with ≥ 12 lymph nodes examined' },
    numerator: { zh: '检出区域淋巴结≥12枚的结直肠癌根治术例数', en: 'Curative colorectal resections with ≥ 12 regional nodes examined' },
    denominator: { zh: '同期结直肠癌根治术例数', en: 'Curative colorectal resections in the period' },
    direction: 'higher-is-better',
    sites: ['colorectal'],
    rule: 'lymphNodesAdequate({ site: "colorectal" })',
    source: 'CoC 12 RLN measure, NQF #0225; NCCN colon principles (Ann Surg Oncol 2019, 10.1245/s10434-019-07335-6)',
    verified: true,
  }),
  def({
    code: 'GIS-LN-GC-16',
    name: { zh: '胃癌根治术淋巴结检出≥16枚比例', en: 'Gastrectomies with ≥ 16 lymph nodes examined' },
    numerator: { zh: '检出区域淋巴结≥16枚的胃癌根治术例数', en: 'Curative gastrectomies with ≥ 16 regional nodes examined' },
    denominator: { zh: '同期胃癌根治术例数', en: 'Curative gastrectomies in the period' },
    direction: 'higher-is-better',
    sites: ['stomach'],
    rule: 'lymphNodesAdequate({ site: "stomach" })',
    source: 'Department and AJCC practice (default 16); sources disagree (≥ 15), see GIS-LN-GC-15',
    verified: false,
  }),
  def({
    code: 'GIS-LN-GC-15',
    name: { zh: '胃癌根治术淋巴结检出≥15枚比例', en: 'Gastrectomies with ≥ 15 lymph nodes examined' },
    numerator: { zh: '检出区域淋巴结≥15枚的胃癌根治术例数', en: 'Curative gastrectomies with ≥ 15 regional nodes examined' },
    denominator: { zh: '同期胃癌根治术例数', en: 'Curative gastrectomies in the period' },
    direction: 'higher-is-better',
    sites: ['stomach'],
    rule: 'lymphNodesAdequate({ site: "stomach", threshold: 15 })',
    source: 'DUCA textbook outcome (Sci Rep 2025, s41598-025-14971-4); NCDB (J Gastric Cancer 2017)',
    verified: true,
  }),
  def({
    code: 'GIS-R0',
    name: { zh: 'R0 切除率', en: 'R0 resection rate' },
    numerator: { zh: 'R0 切除例数', en: 'R0 resections' },
    denominator: { zh: '同期根治性手术例数', en: 'Curative-intent resections in the period' },
    direction: 'higher-is-better',
    sites: BOTH,
    source: 'UICC residual tumour classification (radiopaedia; klinikmanual.de)',
    verified: true,
  }),
  def({
    code: 'GIS-MARGIN-POS-GC',
    nationalCode: '4.32.1.3',
    name: { zh: '切缘阳性率（胃癌）', en: 'Positive margin rate (gastric cancer)' },
    numerator: { zh: '手术患者病理切缘阳性例数', en: 'Operated patients with a positive pathological margin' },
    denominator: { zh: '同期胃癌手术病理例数', en: 'Gastric cancer operations with pathology in the period' },
    direction: 'lower-is-better',
    sites: ['stomach'],
    source: '三级医院评审标准 (2022) KPI 4.32.1.3 as numbered by a public implementation (china-context.md §2.3) [secondary]',
    verified: false,
  }),
  def({
    code: 'GIS-CRC-SEGMENT',
    nationalCode: '4.33.1.3',
    name: {
      zh: 'T2-4a,N0-2,M0 结肠癌相应肠段切除加区域淋巴结清扫比例',
      en: 'T2–4a N0–2 M0 colon cancer with segmental resection and regional lymphadenectomy',
    },
    numerator: {
      zh: '该类患者相应肠段切除加区域淋巴结清扫例数',
      en: 'Such patients with segmental resection plus regional lymphadenectomy',
    },
    denominator: { zh: '同期该分期结肠癌手术患者总人次', en: 'Operations for colon cancer of that stage in the period' },
    direction: 'higher-is-better',
    sites: ['colorectal'],
    source: '三级医院评审标准 (2022) KPI 4.33.1.3 (china-context.md §2.3) [secondary]',
    verified: false,
  }),
  def({
    code: 'GIS-CTNM-PRETREATMENT',
    name: { zh: '首次治疗前临床 TNM 分期诊断率', en: 'Clinical TNM staging before first treatment' },
    numerator: { zh: '首次治疗前完成临床 TNM 分期的患者数', en: 'Patients with cTNM recorded before first treatment' },
    denominator: { zh: '同期接受首次治疗的患者数', en: 'Patients receiving first treatment in the period' },
    direction: 'higher-is-better',
    sites: BOTH,
    source: 'Pattern of NHC 《肿瘤专业医疗质量控制指标(2023年版)》 CA-BC-01; GI codes NOT FOUND; 单病种 GC-1',
    verified: false,
  }),
  def({
    code: 'GIS-PATH-BEFORE-NONSURGICAL',
    name: { zh: '非手术治疗前病理学诊断率', en: 'Pathological diagnosis before non-surgical treatment' },
    numerator: { zh: '非手术治疗前获得病理学诊断的患者数', en: 'Patients with a pathological diagnosis before non-surgical treatment' },
    denominator: { zh: '同期接受非手术治疗的患者数', en: 'Patients receiving non-surgical treatment in the period' },
    direction: 'higher-is-better',
    sites: BOTH,
    source: 'Pattern of NHC 2023 CA-BC-03; MoH 2012 《结直肠癌诊疗质量控制指标(试行)》 item 2',
    verified: false,
  }),
  def({
    code: 'GIS-CONVERSION',
    name: { zh: '腹腔镜中转开腹率', en: 'Laparoscopic conversion rate' },
    numerator: { zh: '中转开腹例数（比计划提前或计划外切口）', en: 'Conversions (incision earlier than planned or unplanned)' },
    denominator: {
      zh: '同期以腹腔镜或机器人开始的手术例数（意向性治疗）',
      en: 'Operations started laparoscopically or robotically (intention to treat)',
    },
    direction: 'lower-is-better',
    sites: BOTH,
    rule: 'isConversion',
    source: 'Shawki et al., Surg Endosc 2009;23:2321',
    verified: true,
  }),
  def({
    code: 'GIS-LEAK',
    name: { zh: '吻合口漏发生率', en: 'Anastomotic leak rate' },
    numerator: {
      zh: '发生吻合口漏的患者数（按 ISREC A/B/C 分级另行报告）',
      en: 'Patients with an anastomotic leak (also reported by ISREC grade A/B/C)',
    },
    denominator: { zh: '同期行消化道吻合的手术患者数', en: 'Operated patients with an intestinal anastomosis in the period' },
    direction: 'lower-is-better',
    sites: BOTH,
    rule: 'isrecLeakGrade',
    source: 'ISREC, Rahbari et al., Surgery 2010;147:339 (defined for anterior rectal resection)',
    verified: true,
  }),
  ...[30, 90].map((days) =>
    def({
      code: `GIS-MORTALITY-${days}`,
      name: { zh: `术后 ${days} 天死亡率`, en: `${days}-day postoperative mortality` },
      numerator: {
        zh: `术后 ${days} 天内任何原因死亡（院内或院外）的患者数`,
        en: `Deaths from any cause within ${days} days of the index operation (in or out of hospital)`,
      },
      denominator: OPERATED,
      direction: 'lower-is-better',
      sites: BOTH,
      rule: `mortalityWithin(${days})`,
      source: 'Textbook-outcome convention (EURECCA, GASTRODATA) [exact wording unverified]',
      verified: false,
    }),
  ),
  def({
    code: 'GIS-SEVERE-MORBIDITY',
    name: { zh: '严重并发症发生率（Clavien-Dindo ≥ Ⅲ级）', en: 'Severe morbidity (Clavien–Dindo ≥ III)' },
    numerator: { zh: '发生 Clavien-Dindo ≥ Ⅲa 级并发症的患者数', en: 'Patients with a Clavien–Dindo ≥ IIIa complication' },
    denominator: OPERATED,
    direction: 'lower-is-better',
    sites: BOTH,
    rule: 'isMajorComplication',
    source: 'Clavien–Dindo; textbook-outcome definitions ("Clavien-Dindo > 2")',
    verified: true,
  }),
  def({
    code: 'GIS-CCI-MEAN',
    measure: 'mean',
    name: { zh: '平均综合并发症指数（CCI）', en: 'Mean Comprehensive Complication Index' },
    numerator: { zh: '患者 CCI 之和', en: 'Sum of patient CCI values' },
    denominator: OPERATED,
    direction: 'lower-is-better',
    sites: BOTH,
    rule: 'comprehensiveComplicationIndex',
    source: 'Slankamenac et al., Ann Surg 2013;258:1-7',
    verified: true,
  }),
  ...(
    [
      [
        'GIS-REINTERVENTION',
        '非计划再干预率',
        'Unplanned reintervention rate',
        '发生非计划再干预（再手术、内镜或介入）的患者数',
        'Patients with an unplanned reintervention (surgical, endoscopic or radiological)',
      ],
      [
        'GIS-UNPLANNED-ICU',
        '非计划转入 ICU 率',
        'Unplanned ICU admission rate',
        '术后非计划转入 ICU 的患者数',
        'Patients with an unplanned ICU admission',
      ],
      [
        'GIS-READMISSION-30',
        '出院后 30 天内再入院率',
        '30-day readmission rate',
        '出院后 30 天内再入院的患者数',
        'Patients readmitted within 30 days of discharge',
      ],
    ] as const
  ).map(([code, zh, en, nZh, nEn]) =>
    def({
      code,
      name: { zh, en },
      numerator: { zh: nZh, en: nEn },
      denominator: OPERATED,
      direction: 'lower-is-better',
      sites: BOTH,
      source: 'Textbook-outcome literature (GASTRODATA, EURECCA, Front Oncol 2025 review)',
      verified: true,
    }),
  ),
  def({
    code: 'GIS-LOS-MEDIAN',
    measure: 'median',
    name: { zh: '术后住院日（中位数）', en: 'Postoperative length of stay (median)' },
    numerator: { zh: '出院日期 − 手术日期（天）', en: 'Discharge date − operation date (days)' },
    denominator: OPERATED,
    direction: 'lower-is-better',
    sites: BOTH,
    rule: 'postoperativeLengthOfStay',
    source: 'GASTRODATA abstract; Dal Cero, EJSO 2022;48:768',
    verified: true,
  }),
  ...(
    [
      [
        'GIS-TO-GC-GASTRODATA',
        'gastrodata',
        'stomach',
        '胃癌教科书式结局（GASTRODATA）',
        'Gastric textbook outcome (GASTRODATA)',
        'International gastric cancer audit 2022 (GASTRODATA), abstract',
      ],
      [
        'GIS-TO-GC-EURECCA',
        'eurecca-spain',
        'stomach',
        '胃癌教科书式结局（西班牙 EURECCA）',
        'Gastric textbook outcome (Spanish EURECCA)',
        'Dal Cero et al., EJSO 2022',
      ],
      [
        'GIS-TOO-CRC',
        'colorectal-too',
        'colorectal',
        '结直肠癌教科书式肿瘤学结局',
        'Colorectal textbook oncologic outcome',
        'Front Oncol 2025, 10.3389/fonc.2025.1474008',
      ],
    ] as const
  ).map(([code, definition, site, zh, en, source]) =>
    def({
      code,
      name: { zh, en },
      numerator: { zh: '满足全部组成项的患者数', en: 'Patients meeting every component' },
      denominator: { zh: '同期根治性手术患者数', en: 'Curative-intent resections in the period' },
      direction: 'higher-is-better',
      sites: [site],
      rule: `textbookOutcome({ definition: "${definition}" })`,
      source,
      verified: true,
    }),
  ),
];

/** One indicator by code, or undefined. */
export function qualityIndicator(code: string): QualityIndicatorDefinition | undefined {
  return QUALITY_INDICATORS.find((i) => i.code === code);
}
