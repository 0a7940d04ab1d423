import type { CodedOption } from '../bilingual.js';

/**
 * Code lists of the operation record (issue 5; china-context.md §1.2–§1.5 for the inpatient front page
 * fields). Semantic values are stored; national numeric codes (`code`) are kept beside them because they
 * differ between standards and are mapped per export (china-context.md §1.4).
 */

export const OPERATION_URGENCIES = ['elective', 'urgent', 'emergency'] as const;
export type OperationUrgency = (typeof OPERATION_URGENCIES)[number];
export const OPERATION_URGENCY_OPTIONS: readonly CodedOption<OperationUrgency>[] = [
  { value: 'elective', label: { zh: '择期', en: 'Elective' } },
  { value: 'urgent', label: { zh: '限期', en: 'Urgent (scheduled soon)' } },
  { value: 'emergency', label: { zh: '急诊', en: 'Emergency' } },
];

export const OPERATION_INTENTS = ['curative', 'palliative', 'diagnostic'] as const;
export type OperationIntent = (typeof OPERATION_INTENTS)[number];
export const OPERATION_INTENT_OPTIONS: readonly CodedOption<OperationIntent>[] = [
  { value: 'curative', label: { zh: '根治性', en: 'Curative' } },
  { value: 'palliative', label: { zh: '姑息性', en: 'Palliative' } },
  { value: 'diagnostic', label: { zh: '诊断性', en: 'Diagnostic' } },
];

/** Approach; `converted` = started laparoscopic or robotic, converted to open (see `isConversion`). */
export const OPERATION_APPROACHES = ['laparoscopic', 'robotic', 'open', 'converted'] as const;
export type OperationApproachCode = (typeof OPERATION_APPROACHES)[number];
export const OPERATION_APPROACH_OPTIONS: readonly CodedOption<OperationApproachCode>[] = [
  { value: 'laparoscopic', label: { zh: '腹腔镜', en: 'Laparoscopic' } },
  { value: 'robotic', label: { zh: '机器人', en: 'Robotic' } },
  { value: 'open', label: { zh: '开腹', en: 'Open' } },
  { value: 'converted', label: { zh: '腹腔镜中转开腹', en: 'Laparoscopic converted to open' } },
];

/** Reasons for conversion, as grouped in the conversion literature (Shawki 2009 survey; clinical-rules.md §6.1). */
export const CONVERSION_REASONS = [
  'adhesions',
  'bleeding',
  'oncological_extent',
  'obesity_exposure',
  'anatomy_unclear',
  'organ_injury',
  'technical_equipment',
  'intolerance_pneumoperitoneum',
  'other',
] as const;
export type ConversionReason = (typeof CONVERSION_REASONS)[number];
export const CONVERSION_REASON_OPTIONS: readonly CodedOption<ConversionReason>[] = [
  { value: 'adhesions', label: { zh: '腹腔粘连', en: 'Adhesions' } },
  { value: 'bleeding', label: { zh: '术中出血', en: 'Bleeding' } },
  { value: 'oncological_extent', label: { zh: '肿瘤外侵/需联合脏器切除', en: 'Tumour extent / multivisceral resection' } },
  { value: 'obesity_exposure', label: { zh: '肥胖、显露困难', en: 'Obesity / poor exposure' } },
  { value: 'anatomy_unclear', label: { zh: '解剖结构不清', en: 'Unclear anatomy' } },
  { value: 'organ_injury', label: { zh: '脏器损伤', en: 'Organ injury' } },
  { value: 'technical_equipment', label: { zh: '器械/设备故障', en: 'Technical / equipment failure' } },
  { value: 'intolerance_pneumoperitoneum', label: { zh: '不能耐受气腹', en: 'Intolerance of pneumoperitoneum' } },
  { value: 'other', label: { zh: '其他', en: 'Other' } },
];

/** Extent of lymphadenectomy (china-context.md §7.4: CLASS-01 records D2). */
export const LYMPHADENECTOMY_EXTENTS = ['D0', 'D1', 'D1+', 'D2', 'D2+', 'D3'] as const;
export type LymphadenectomyExtent = (typeof LYMPHADENECTOMY_EXTENTS)[number];
export const LYMPHADENECTOMY_OPTIONS: readonly CodedOption<LymphadenectomyExtent>[] = LYMPHADENECTOMY_EXTENTS.map((v) => ({
  value: v,
  label: { zh: `${v} 淋巴结清扫`, en: `${v} lymphadenectomy` },
}));

/**
 * Anaesthesia method, WS 364 CV06.00.103 麻醉方法代码表 (china-context.md §1.5). The group code (1, 2,
 * 3, 4, 9) may be chosen when the sub-method is not recorded.
 */
export const ANESTHESIA_METHOD_OPTIONS: readonly (CodedOption & { readonly group: string })[] = [
  { value: '1', group: '1', label: { zh: '全身麻醉', en: 'General anaesthesia' } },
  { value: '11', group: '1', label: { zh: '吸入麻醉', en: 'Inhalational anaesthesia' } },
  { value: '12', group: '1', label: { zh: '静脉麻醉', en: 'Intravenous anaesthesia' } },
  { value: '13', group: '1', label: { zh: '基础麻醉', en: 'Basal anaesthesia' } },
  { value: '2', group: '2', label: { zh: '椎管内麻醉', en: 'Neuraxial anaesthesia' } },
  { value: '21', group: '2', label: { zh: '蛛网膜下腔阻滞麻醉', en: 'Spinal (subarachnoid) block' } },
  { value: '22', group: '2', label: { zh: '硬脊膜外腔阻滞麻醉', en: 'Epidural block' } },
  { value: '3', group: '3', label: { zh: '局部麻醉', en: 'Local anaesthesia' } },
  { value: '31', group: '3', label: { zh: '神经丛阻滞', en: 'Plexus block' } },
  { value: '32', group: '3', label: { zh: '神经节阻滞', en: 'Ganglion block' } },
  { value: '33', group: '3', label: { zh: '神经阻滞', en: 'Nerve block' } },
  { value: '34', group: '3', label: { zh: '区域阻滞', en: 'Regional block' } },
  { value: '35', group: '3', label: { zh: '局部浸润', en: 'Local infiltration' } },
  { value: '36', group: '3', label: { zh: '表面麻醉', en: 'Topical anaesthesia' } },
  { value: '4', group: '4', label: { zh: '复合麻醉', en: 'Combined anaesthesia' } },
  { value: '41', group: '4', label: { zh: '静吸复合', en: 'Combined intravenous-inhalational' } },
  { value: '42', group: '4', label: { zh: '针药复合', en: 'Combined acupuncture-drug' } },
  { value: '9', group: '9', label: { zh: '其他麻醉方法', en: 'Other method' } },
];
export const ANESTHESIA_METHODS: readonly string[] = ANESTHESIA_METHOD_OPTIONS.map((o) => o.value);

/** 手术级别 (RC029 / CV05.10.024), 《医疗技术临床应用管理办法》 (china-context.md §1.2). */
export const OPERATION_LEVEL_OPTIONS: readonly CodedOption<1 | 2 | 3 | 4>[] = [
  { value: 1, label: { zh: '一级手术（风险较低、过程简单、技术难度低）', en: 'Level 1 (low risk, simple, low difficulty)' } },
  { value: 2, label: { zh: '二级手术（有一定风险、过程复杂程度一般）', en: 'Level 2 (some risk, moderately complex)' } },
  { value: 3, label: { zh: '三级手术（风险较高、过程较复杂、难度较大）', en: 'Level 3 (higher risk, more complex, difficult)' } },
  { value: 4, label: { zh: '四级手术（风险高、过程复杂、难度大）', en: 'Level 4 (high risk, complex, difficult major operation)' } },
];

/**
 * Incision class (china-context.md §1.4): 0 = no body-surface incision or an endoscopic/laparoscopic port
 * incision; I clean; II clean-contaminated; III contaminated/infected. `ws364` = WS 364 CV05.10.022 code.
 */
export const INCISION_CLASSES = ['0', 'I', 'II', 'III'] as const;
export type IncisionClass = (typeof INCISION_CLASSES)[number];
export const INCISION_CLASS_OPTIONS: readonly (CodedOption<IncisionClass> & { readonly ws364: string })[] = [
  { value: '0', ws364: '1', label: { zh: '0类切口（体表无切口或腔镜切口）', en: 'Class 0 (no incision or endoscopic port)' } },
  { value: 'I', ws364: '2', label: { zh: 'Ⅰ类切口（无菌）', en: 'Class I (clean)' } },
  { value: 'II', ws364: '3', label: { zh: 'Ⅱ类切口（沾染）', en: 'Class II (clean-contaminated)' } },
  { value: 'III', ws364: '4', label: { zh: 'Ⅲ类切口（感染）', en: 'Class III (contaminated / infected)' } },
];

/** Incision healing grade (china-context.md §1.4): 甲 good, 乙 fair, 丙 suppuration, 其他 unknown at discharge. */
export const INCISION_HEALING_GRADES = ['jia', 'yi', 'bing', 'other'] as const;
export type IncisionHealingGrade = (typeof INCISION_HEALING_GRADES)[number];
export const INCISION_HEALING_OPTIONS: readonly CodedOption<IncisionHealingGrade>[] = [
  { value: 'jia', label: { zh: '甲（愈合良好）', en: 'A (甲): healed well' } },
  { value: 'yi', label: { zh: '乙（愈合欠佳）', en: 'B (乙): healed poorly' } },
  { value: 'bing', label: { zh: '丙（切口化脓）', en: 'C (丙): suppuration' } },
  { value: 'other', label: { zh: '其他（出院时愈合情况不确定）', en: 'Other: not known at discharge' } },
];

export const ANASTOMOSES = [
  'none',
  'billroth_i',
  'billroth_ii',
  'roux_en_y',
  'esophagojejunal',
  'double_tract',
  'ileocolic',
  'colocolic',
  'colorectal',
  'coloanal',
  'ileorectal',
  'other',
] as const;
export type Anastomosis = (typeof ANASTOMOSES)[number];
export const ANASTOMOSIS_OPTIONS: readonly CodedOption<Anastomosis>[] = [
  { value: 'none', label: { zh: '无吻合', en: 'No anastomosis' } },
  { value: 'billroth_i', label: { zh: 'Billroth Ⅰ式', en: 'Billroth I' } },
  { value: 'billroth_ii', label: { zh: 'Billroth Ⅱ式', en: 'Billroth II' } },
  { value: 'roux_en_y', label: { zh: 'Roux-en-Y', en: 'Roux-en-Y' } },
  { value: 'esophagojejunal', label: { zh: '食管空肠吻合', en: 'Oesophagojejunal' } },
  { value: 'double_tract', label: { zh: '双通道吻合', en: 'Double tract' } },
  { value: 'ileocolic', label: { zh: '回结肠吻合', en: 'Ileocolic' } },
  { value: 'colocolic', label: { zh: '结肠结肠吻合', en: 'Colocolic' } },
  { value: 'colorectal', label: { zh: '结肠直肠吻合', en: 'Colorectal' } },
  { value: 'coloanal', label: { zh: '结肠肛管吻合', en: 'Coloanal' } },
  { value: 'ileorectal', label: { zh: '回肠直肠吻合', en: 'Ileorectal' } },
  { value: 'other', label: { zh: '其他', en: 'Other' } },
];

export const ANASTOMOSIS_TECHNIQUES = ['hand_sewn', 'stapled', 'mixed'] as const;
export type AnastomosisTechnique = (typeof ANASTOMOSIS_TECHNIQUES)[number];
export const ANASTOMOSIS_TECHNIQUE_OPTIONS: readonly CodedOption<AnastomosisTechnique>[] = [
  { value: 'hand_sewn', label: { zh: '手工缝合', en: 'Hand-sewn' } },
  { value: 'stapled', label: { zh: '吻合器', en: 'Stapled' } },
  { value: 'mixed', label: { zh: '吻合器+手工加固', en: 'Stapled and hand-sewn' } },
];

export const STOMA_TYPES = ['none', 'loop_ileostomy', 'end_ileostomy', 'loop_colostomy', 'end_colostomy'] as const;
export type StomaType = (typeof STOMA_TYPES)[number];
export const STOMA_OPTIONS: readonly CodedOption<StomaType>[] = [
  { value: 'none', label: { zh: '无造口', en: 'No stoma' } },
  { value: 'loop_ileostomy', label: { zh: '回肠襻式造口', en: 'Loop ileostomy' } },
  { value: 'end_ileostomy', label: { zh: '回肠末端造口', en: 'End ileostomy' } },
  { value: 'loop_colostomy', label: { zh: '结肠襻式造口', en: 'Loop colostomy' } },
  { value: 'end_colostomy', label: { zh: '结肠末端造口', en: 'End colostomy' } },
];

export const STOMA_INTENTS = ['temporary', 'permanent'] as const;
export type StomaIntent = (typeof STOMA_INTENTS)[number];
export const STOMA_INTENT_OPTIONS: readonly CodedOption<StomaIntent>[] = [
  { value: 'temporary', label: { zh: '临时性（拟还纳）', en: 'Temporary (to be reversed)' } },
  { value: 'permanent', label: { zh: '永久性', en: 'Permanent' } },
];
