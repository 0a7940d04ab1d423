import type { CodedOption } from '../bilingual.js';

/**
 * Postoperative complication types for the department's record (issue 5). Curated by us for GI, anal and
 * CRS + HIPEC surgery; the terms follow the GASTRODATA consensus list of complications after gastrectomy
 * (Baiocchi GL et al., Gastric Cancer 2019;22:172-189) where it has one, plus colorectal (stoma) and
 * HIPEC-specific items (myelosuppression). [UNVERIFIED as a complete standard list]: extend with the
 * department. Anastomotic leaks carry the ISREC grade (ISREC_LEAK_GRADE_OPTIONS) beside Clavien–Dindo.
 */
export const COMPLICATION_TYPES = [
  'anastomotic_leak',
  'duodenal_stump_leak',
  'ssi_superficial',
  'ssi_deep',
  'ssi_organ_space',
  'intra_abdominal_abscess',
  'bleeding_intraluminal',
  'bleeding_intra_abdominal',
  'ileus',
  'bowel_obstruction',
  'delayed_gastric_emptying',
  'pancreatic_fistula',
  'chyle_leak',
  'wound_dehiscence',
  'stoma_complication',
  'pneumonia',
  'pleural_effusion',
  'respiratory_failure',
  'urinary_tract_infection',
  'urinary_retention',
  'acute_kidney_injury',
  'venous_thromboembolism',
  'cardiac',
  'delirium',
  'sepsis',
  'myelosuppression',
  'other',
] as const;
export type ComplicationType = (typeof COMPLICATION_TYPES)[number];

const LABELS: Readonly<Record<ComplicationType, readonly [string, string]>> = {
  anastomotic_leak: ['吻合口漏', 'Anastomotic leak'],
  duodenal_stump_leak: ['十二指肠残端漏', 'Duodenal stump leak'],
  ssi_superficial: ['切口浅部感染', 'Surgical site infection, superficial'],
  ssi_deep: ['切口深部感染', 'Surgical site infection, deep'],
  ssi_organ_space: ['器官/腔隙感染', 'Surgical site infection, organ/space'],
  intra_abdominal_abscess: ['腹腔脓肿', 'Intra-abdominal abscess'],
  bleeding_intraluminal: ['消化道出血（腔内）', 'Intraluminal bleeding'],
  bleeding_intra_abdominal: ['腹腔内出血', 'Intra-abdominal bleeding'],
  ileus: ['术后肠麻痹', 'Postoperative ileus'],
  bowel_obstruction: ['机械性肠梗阻', 'Mechanical bowel obstruction'],
  delayed_gastric_emptying: ['胃排空延迟（胃瘫）', 'Delayed gastric emptying'],
  pancreatic_fistula: ['胰瘘', 'Pancreatic fistula'],
  chyle_leak: ['乳糜漏', 'Chyle leak'],
  wound_dehiscence: ['切口裂开', 'Wound dehiscence'],
  stoma_complication: ['造口并发症', 'Stoma complication'],
  pneumonia: ['肺部感染', 'Pneumonia'],
  pleural_effusion: ['胸腔积液', 'Pleural effusion'],
  respiratory_failure: ['呼吸衰竭', 'Respiratory failure'],
  urinary_tract_infection: ['泌尿系感染', 'Urinary tract infection'],
  urinary_retention: ['尿潴留', 'Urinary retention'],
  acute_kidney_injury: ['急性肾损伤', 'Acute kidney injury'],
  venous_thromboembolism: ['静脉血栓栓塞（DVT/PE）', 'Venous thromboembolism (DVT/PE)'],
  cardiac: ['心血管事件（心律失常、心梗、心衰）', 'Cardiac event (arrhythmia, MI, heart failure)'],
  delirium: ['谵妄', 'Delirium'],
  sepsis: ['脓毒症', 'Sepsis'],
  myelosuppression: ['骨髓抑制（HIPEC 相关）', 'Myelosuppression (HIPEC-related)'],
  other: ['其他', 'Other'],
};

export const COMPLICATION_TYPE_OPTIONS: readonly CodedOption<ComplicationType>[] = COMPLICATION_TYPES.map((value) => ({
  value,
  label: { zh: LABELS[value][0], en: LABELS[value][1] },
}));
