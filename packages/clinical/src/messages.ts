/**
 * Texts for every ClinicalInputError message key and every PCI flag, in zh-CN and en, with
 * i18next-style `{{param}}` interpolation. Shown by the web app beside the form field named in the issue.
 * Keys contain dots; with i18next either set `keySeparator: false` or load `nestClinicalMessages(...)`.
 * The zh-CN record is typed against the en keys, so a key cannot exist in one language only.
 */
const en = {
  'clinical.input.integerRange': 'Enter a whole number from {{min}} to {{max}}.',
  'clinical.input.numberRange': 'Enter a number from {{min}} to {{max}}.',
  'clinical.input.positiveRange': 'Enter a number greater than 0 and at most {{max}}.',
  'clinical.input.oneOf': 'Choose one of: {{allowed}}.',
  'clinical.input.boolean': 'Answer yes or no.',
  'clinical.input.date': 'Enter a real date as YYYY-MM-DD.',

  'clinical.staging.categoryRequired': 'Enter the {{axis}} category.',
  'clinical.staging.categoryFormat': '"{{value}}" is not a {{axis}} category (e.g. T3, pN1a, cM0).',
  'clinical.staging.categoryNotForSite': '{{value}} is not used for this site in AJCC 8. Allowed: {{allowed}}.',
  'clinical.staging.prefixMismatch': 'The prefix "{{prefix}}" does not match the chosen classification "{{classification}}".',
  'clinical.staging.tumorDeposits': 'Tumour deposits: answer yes/no or enter a count of 0 or more.',

  'clinical.staging.positiveExceedsExamined': 'Positive nodes ({{positive}}) cannot exceed the nodes examined ({{examined}}).',
  'clinical.staging.nContradictsCount': '{{n}} contradicts the node count ({{positive}} positive).',
  'clinical.staging.noStagingForSite': 'AJCC 8 TNM staging does not apply to this diagnosis; leave T, N and M empty.',
  'clinical.staging.nRequiredForSite':
    'Enter the N category: for this site it depends on where the positive nodes are, not on their number.',

  'clinical.diagnosis.icd10Unknown': "{{code}} is not in the department's ICD-10 list.",
  'clinical.diagnosis.icd10NotForSite': 'ICD-10 {{code}} does not fit the chosen site.',
  'clinical.diagnosis.icd10NotSecondary': '{{code}} is a primary-site code; the secondary code must be a metastasis code (e.g. C78.6).',
  'clinical.diagnosis.itemNotForSite': 'This item applies only to: {{sites}}.',
  'clinical.diagnosis.morphology': 'ICD-O-3 morphology is 4 digits, a slash and the behaviour code (e.g. 8140/3).',

  'clinical.operation.time': 'Enter a date and time (YYYY-MM-DD HH:mm).',
  'clinical.operation.endBeforeStart': 'The end of the operation must be after its start.',
  'clinical.operation.durationTooLong': 'The operation would last more than {{hours}} hours: check the times.',
  'clinical.operation.conversionReasonRequired': 'A converted operation needs the reason for conversion.',
  'clinical.operation.onlyWhenConverted': 'Only a converted operation has a conversion reason.',

  'clinical.complication.beforeOperation': 'The complication date is before the operation date.',

  'clinical.pci.regionCount': 'The PCI needs exactly 13 regions (0–12); {{count}} were given.',
  'clinical.pci.regionScore': 'Region {{region}}: the lesion-size score must be 0, 1, 2 or 3.',
  'clinical.pci.lesionSize': 'Enter the largest implant in mm (0 or more), or leave empty if none was seen.',
  'clinical.pci.confluentWithoutImplants': 'Confluent disease was ticked but no implant was recorded.',
  'clinical.pci.totalMismatch': 'The PCI total {{total}} does not equal the sum of the regions ({{sum}}).',
  'clinical.pci.flag.aboveMaximum': 'PCI above {{max}}: contraindication under the current policy.',
  'clinical.pci.flag.relativeContraindication': 'PCI {{threshold}} or more: relative contraindication (colorectal).',
  'clinical.pci.flag.lowerIleumInvolved': 'Lower ileum (region 12) involved: independent adverse factor.',
  'clinical.pci.flag.noThreshold': 'No PCI cut-off is set for this indication: decide in the MDT.',
  'clinical.pci.flag.pmpNotContraindication': 'Pseudomyxoma peritonei: the PCI alone is not a contraindication (PSOGI).',

  'clinical.cc.residual': 'Enter the largest residual nodule in mm (0 or more), or leave empty if none is visible.',
  'clinical.cc.unknownScore': '"{{value}}" is not a CC score (CC-0 to CC-3).',

  'clinical.hipec.bsaRequired': 'Body surface area is needed for a dose or volume per m².',
  'clinical.hipec.volumeRequired': 'The perfusate volume is needed for a dose in mg/L.',
  'clinical.hipec.volumeConflict': 'Give the perfusate volume either in L or in L/m², not both.',
  'clinical.hipec.fractionsSum': 'The dose fractions must add up to the whole dose (100%).',
  'clinical.hipec.fractionShare': 'Each fraction must be a share greater than 0 and at most 1.',
  'clinical.hipec.fractionTimes': 'Fraction times must be minutes of 0 or more, in increasing order.',

  'clinical.cd.grade': '"{{value}}" is not a Clavien–Dindo grade (I, II, IIIa, IIIb, IVa, IVb, V, optional d).',
  'clinical.cd.subgradeRequired': 'Grade {{value}} needs its sub-grade (a or b).',
  'clinical.cd.deathWithDisability': 'Grade V (death) cannot carry the suffix d.',

  'clinical.ps.kps': 'Karnofsky score: 0 to 100 in steps of 10.',
  'clinical.ps.ecog': 'ECOG grade: a whole number from 0 to 5.',

  'clinical.followUp.guidelineSite': 'Guideline {{guideline}} does not apply to site {{site}}.',
  'clinical.followUp.stage': 'Enter the stage group (0, I–IV, e.g. IIIB).',
  'clinical.followUp.stageNotCovered': 'Guideline {{guideline}} gives no surveillance schedule for stage {{stage}}.',

  'clinical.quality.dischargeBeforeOperation': 'The discharge date is before the operation date.',
  'clinical.quality.deathBeforeOperation': 'The date of death is before the operation date.',
  'clinical.quality.definitionSite': 'Definition {{definition}} does not apply to site {{site}}.',

  'clinical.residentId.format': 'An ID number has 18 characters (17 digits and a digit or X) or 15 digits.',
  'clinical.residentId.birthDate': 'Enter the birth date as YYYY-MM-DD.',
} as const satisfies Record<string, string>;

export type ClinicalMessageKey = keyof typeof en;

const zhCN: Readonly<Record<ClinicalMessageKey, string>> = {
  'clinical.input.integerRange': '请输入 {{min}} 至 {{max}} 的整数。',
  'clinical.input.numberRange': '请输入 {{min}} 至 {{max}} 之间的数值。',
  'clinical.input.positiveRange': '请输入大于 0 且不超过 {{max}} 的数值。',
  'clinical.input.oneOf': '请从以下选项中选择：{{allowed}}。',
  'clinical.input.boolean': '请选择“是”或“否”。',
  'clinical.input.date': '请输入有效日期，格式为 YYYY-MM-DD。',

  'clinical.staging.categoryRequired': '请填写 {{axis}} 分期。',
  'clinical.staging.categoryFormat': '“{{value}}”不是有效的 {{axis}} 分期（例如 T3、pN1a、cM0）。',
  'clinical.staging.categoryNotForSite': 'AJCC 第 8 版中该部位不使用 {{value}}。可选：{{allowed}}。',
  'clinical.staging.prefixMismatch': '前缀“{{prefix}}”与所选分期类型“{{classification}}”不一致。',
  'clinical.staging.tumorDeposits': '肿瘤结节：请选择有/无，或填写 0 或以上的个数。',

  'clinical.staging.positiveExceedsExamined': '阳性淋巴结数（{{positive}}）不能多于检出淋巴结数（{{examined}}）。',
  'clinical.staging.nContradictsCount': '{{n}} 与淋巴结计数（阳性 {{positive}} 枚）矛盾。',
  'clinical.staging.noStagingForSite': '该诊断不适用 AJCC 第 8 版 TNM 分期，请勿填写 T、N、M。',
  'clinical.staging.nRequiredForSite': '请填写 N 分期：该部位的 N 取决于阳性淋巴结的位置而非数目。',

  'clinical.diagnosis.icd10Unknown': '{{code}} 不在本科 ICD-10 编码表中。',
  'clinical.diagnosis.icd10NotForSite': 'ICD-10 编码 {{code}} 与所选部位不符。',
  'clinical.diagnosis.icd10NotSecondary': '{{code}} 是原发部位编码，附加编码应为转移编码（如 C78.6）。',
  'clinical.diagnosis.itemNotForSite': '该项目仅适用于：{{sites}}。',
  'clinical.diagnosis.morphology': 'ICD-O-3 形态学编码为 4 位数字、斜杠和生物学行为码（如 8140/3）。',

  'clinical.operation.time': '请填写日期和时间（YYYY-MM-DD HH:mm）。',
  'clinical.operation.endBeforeStart': '手术结束时间必须晚于开始时间。',
  'clinical.operation.durationTooLong': '手术时长超过 {{hours}} 小时，请核对时间。',
  'clinical.operation.conversionReasonRequired': '中转开腹须填写中转原因。',
  'clinical.operation.onlyWhenConverted': '仅中转开腹的手术填写中转原因。',

  'clinical.complication.beforeOperation': '并发症日期早于手术日期。',

  'clinical.pci.regionCount': 'PCI 需要恰好 13 个分区（0–12），当前为 {{count}} 个。',
  'clinical.pci.regionScore': '第 {{region}} 区：病灶大小评分须为 0、1、2 或 3。',
  'clinical.pci.lesionSize': '请输入最大种植灶直径（mm，≥0）；未见病灶请留空。',
  'clinical.pci.confluentWithoutImplants': '已勾选“融合成片”，但未记录任何病灶。',
  'clinical.pci.totalMismatch': 'PCI 总分 {{total}} 与各分区之和（{{sum}}）不符。',
  'clinical.pci.flag.aboveMaximum': 'PCI 超过 {{max}}：按当前策略为禁忌。',
  'clinical.pci.flag.relativeContraindication': 'PCI ≥ {{threshold}}：相对禁忌（结直肠癌）。',
  'clinical.pci.flag.lowerIleumInvolved': '回肠下段（第 12 区）受累：独立不良预后因素。',
  'clinical.pci.flag.noThreshold': '该适应证未设定 PCI 界值：请经 MDT 讨论决定。',
  'clinical.pci.flag.pmpNotContraindication': '腹膜假黏液瘤：PCI 本身不构成禁忌（PSOGI）。',

  'clinical.cc.residual': '请输入最大残留结节直径（mm，≥0）；无肉眼残留请留空。',
  'clinical.cc.unknownScore': '“{{value}}”不是有效的 CC 评分（CC-0 至 CC-3）。',

  'clinical.hipec.bsaRequired': '按 m² 计算剂量或灌注液量时需要体表面积。',
  'clinical.hipec.volumeRequired': '按 mg/L 计算剂量时需要灌注液总量。',
  'clinical.hipec.volumeConflict': '灌注液量请只填写 L 或 L/m² 其中一项。',
  'clinical.hipec.fractionsSum': '各次分剂之和须等于总剂量（100%）。',
  'clinical.hipec.fractionShare': '每次分剂比例须大于 0 且不超过 1。',
  'clinical.hipec.fractionTimes': '分剂给药时间须为 ≥0 的分钟数，并按先后顺序排列。',

  'clinical.cd.grade': '“{{value}}”不是有效的 Clavien-Dindo 分级（Ⅰ、Ⅱ、Ⅲa、Ⅲb、Ⅳa、Ⅳb、Ⅴ，可加后缀 d）。',
  'clinical.cd.subgradeRequired': '{{value}} 级须注明亚级（a 或 b）。',
  'clinical.cd.deathWithDisability': 'Ⅴ级（死亡）不能加后缀 d。',

  'clinical.ps.kps': 'Karnofsky 评分：0–100，以 10 为间隔。',
  'clinical.ps.ecog': 'ECOG 评分：0–5 的整数。',

  'clinical.followUp.guidelineSite': '指南 {{guideline}} 不适用于部位 {{site}}。',
  'clinical.followUp.stage': '请填写分期（0、Ⅰ–Ⅳ期，例如 IIIB）。',
  'clinical.followUp.stageNotCovered': '指南 {{guideline}} 未给出 {{stage}} 期的随访方案。',

  'clinical.quality.dischargeBeforeOperation': '出院日期早于手术日期。',
  'clinical.quality.deathBeforeOperation': '死亡日期早于手术日期。',
  'clinical.quality.definitionSite': '定义 {{definition}} 不适用于部位 {{site}}。',

  'clinical.residentId.format': '身份证号应为 18 位（17 位数字加 1 位数字或 X）或 15 位数字。',
  'clinical.residentId.birthDate': '请按 YYYY-MM-DD 格式填写出生日期。',
};

export const clinicalMessages: { readonly 'zh-CN': Readonly<Record<string, string>>; readonly en: Readonly<Record<string, string>> } = {
  'zh-CN': zhCN,
  en,
};

export function isClinicalMessageKey(key: string): key is ClinicalMessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The same texts as nested objects (`{ clinical: { pci: { regionScore: '…' } } }`) for i18next's default key separator. */
export function nestClinicalMessages(flat: Readonly<Record<string, string>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = root;
    parts.slice(0, -1).forEach((p) => {
      const next = node[p];
      if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
      else node = node[p] = {} as Record<string, unknown>;
    });
    node[parts[parts.length - 1] ?? key] = text;
  }
  return root;
}
