import type { CodedOption } from '../bilingual.js';

/**
 * Clavien–Dindo grade texts (Dindo et al., Ann Surg 2004; wording as in clinical-rules.md §4.1, from
 * wjgnet 1948-9366 v16 i11 T4, operativeneurosurgery.com, PMC10958949 Tab3). III and IV are headings:
 * a complication is recorded with its sub-grade (IIIa/IIIb, IVa/IVb).
 */
export const CLAVIEN_DINDO_OPTIONS: readonly (CodedOption & { readonly recordable: boolean })[] = [
  {
    value: 'I',
    recordable: true,
    label: {
      zh: 'Ⅰ级：任何偏离正常术后过程，但无需药物治疗或外科、内镜、放射介入治疗；允许使用止吐药、退热药、镇痛药、利尿药、电解质和物理治疗；包括床旁敞开的切口感染',
      en: 'Grade I: any deviation from the normal postoperative course without pharmacological treatment or surgical, endoscopic or radiological intervention; antiemetics, antipyretics, analgesics, diuretics, electrolytes and physiotherapy allowed; includes wound infections opened at the bedside',
    },
  },
  {
    value: 'II',
    recordable: true,
    label: {
      zh: 'Ⅱ级：需要Ⅰ级允许范围以外的药物治疗，包括输血和全肠外营养',
      en: 'Grade II: pharmacological treatment with drugs other than those allowed for grade I, including blood transfusion and total parenteral nutrition',
    },
  },
  {
    value: 'III',
    recordable: false,
    label: { zh: 'Ⅲ级：需要外科、内镜或放射介入治疗', en: 'Grade III: surgical, endoscopic or radiological intervention' },
  },
  {
    value: 'IIIa',
    recordable: true,
    label: { zh: 'Ⅲa级：介入治疗不需全身麻醉', en: 'Grade IIIa: intervention not under general anaesthesia' },
  },
  { value: 'IIIb', recordable: true, label: { zh: 'Ⅲb级：介入治疗需全身麻醉', en: 'Grade IIIb: intervention under general anaesthesia' } },
  {
    value: 'IV',
    recordable: false,
    label: {
      zh: 'Ⅳ级：危及生命、需要 IC/ICU 处理的并发症（包括中枢神经系统并发症：脑出血、缺血性卒中、蛛网膜下腔出血；不包括短暂性脑缺血发作）',
      en: 'Grade IV: life-threatening complication requiring IC/ICU management (including CNS complications: brain haemorrhage, ischaemic stroke, subarachnoid bleeding; excluding TIA)',
    },
  },
  {
    value: 'IVa',
    recordable: true,
    label: { zh: 'Ⅳa级：单器官功能障碍（包括透析）', en: 'Grade IVa: single-organ dysfunction (including dialysis)' },
  },
  { value: 'IVb', recordable: true, label: { zh: 'Ⅳb级：多器官功能障碍', en: 'Grade IVb: multi-organ dysfunction' } },
  { value: 'V', recordable: true, label: { zh: 'Ⅴ级：患者死亡', en: 'Grade V: death of the patient' } },
  {
    value: 'd',
    recordable: false,
    label: {
      zh: '后缀"d"：出院时并发症仍存在（残疾），需要随访',
      en: 'Suffix "d": the complication is still present at discharge (disability) and needs follow-up',
    },
  },
];

/** ECOG / WHO / Zubrod performance status (Oken et al. 1982; clinical-rules.md §11.1). */
export const ECOG_OPTIONS: readonly CodedOption<number>[] = [
  {
    value: 0,
    label: {
      zh: '0：活动能力完全正常，与起病前无差异',
      en: '0: Fully active, able to carry on all pre-disease performance without restriction',
    },
  },
  {
    value: 1,
    label: {
      zh: '1：不能从事较重体力活动，但能走动并从事轻体力或坐着的工作',
      en: '1: Restricted in physically strenuous activity but ambulatory and able to do light or sedentary work',
    },
  },
  {
    value: 2,
    label: {
      zh: '2：能走动、生活自理，但不能工作；日间卧床时间不超过一半',
      en: '2: Ambulatory and capable of all self-care but unable to work; up and about more than 50% of waking hours',
    },
  },
  {
    value: 3,
    label: {
      zh: '3：生活仅能部分自理；日间一半以上时间卧床或坐椅',
      en: '3: Capable of only limited self-care; confined to bed or chair more than 50% of waking hours',
    },
  },
  {
    value: 4,
    label: {
      zh: '4：完全失能，生活不能自理，完全卧床或坐椅',
      en: '4: Completely disabled; no self-care; totally confined to bed or chair',
    },
  },
  { value: 5, label: { zh: '5：死亡', en: '5: Dead' } },
];

/** Karnofsky performance status, 0–100 in steps of 10 (clinical-rules.md §11.2). */
export const KARNOFSKY_OPTIONS: readonly CodedOption<number>[] = [
  { value: 100, label: { zh: '100：正常，无症状，无疾病证据', en: '100: Normal, no complaints, no evidence of disease' } },
  { value: 90, label: { zh: '90：能进行正常活动，有轻微症状或体征', en: '90: Normal activity, minor signs or symptoms' } },
  { value: 80, label: { zh: '80：勉强进行正常活动，有一些症状或体征', en: '80: Normal activity with effort, some signs or symptoms' } },
  { value: 70, label: { zh: '70：生活能自理，但不能维持正常活动或工作', en: '70: Cares for self, unable to do normal activity or work' } },
  { value: 60, label: { zh: '60：偶尔需要他人帮助', en: '60: Requires occasional assistance' } },
  { value: 50, label: { zh: '50：需要较多帮助和经常的医疗护理', en: '50: Considerable assistance and frequent medical care' } },
  { value: 40, label: { zh: '40：失能，需要特别照顾', en: '40: Disabled, needs special care' } },
  { value: 30, label: { zh: '30：严重失能，有住院指征', en: '30: Severely disabled, hospitalisation indicated' } },
  { value: 20, label: { zh: '20：病重，需要住院和积极支持治疗', en: '20: Very sick, hospitalisation and active support' } },
  { value: 10, label: { zh: '10：濒死', en: '10: Moribund' } },
  { value: 0, label: { zh: '0：死亡', en: '0: Dead' } },
];

/** ISREC anastomotic-leak grades (Rahbari et al., Surgery 2010;147:339; clinical-rules.md §6.1). */
export const ISREC_LEAK_GRADE_OPTIONS: readonly CodedOption<'A' | 'B' | 'C'>[] = [
  { value: 'A', label: { zh: 'A级：无需改变治疗', en: 'Grade A: no change in management' } },
  { value: 'B', label: { zh: 'B级：需积极干预，但无需再次剖腹手术', en: 'Grade B: active intervention without relaparotomy' } },
  { value: 'C', label: { zh: 'C级：需再次剖腹手术', en: 'Grade C: relaparotomy' } },
];
