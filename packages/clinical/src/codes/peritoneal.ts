import type { Bilingual, CodedOption } from '../bilingual.js';

/**
 * The 13 regions of the Peritoneal Cancer Index, Jacquet P, Sugarbaker PH, Cancer Treat Res
 * 1996;82:359-374 (clinical-rules.md §1.1): 0–8 the abdominopelvic regions formed by two transverse
 * and two sagittal planes, 9–12 the small bowel.
 */
export const PCI_REGIONS: readonly { readonly id: number; readonly name: Bilingual }[] = [
  { id: 0, name: { zh: '中央区', en: 'Central' } },
  { id: 1, name: { zh: '右上腹', en: 'Right upper' } },
  { id: 2, name: { zh: '上腹部', en: 'Epigastrium' } },
  { id: 3, name: { zh: '左上腹', en: 'Left upper' } },
  { id: 4, name: { zh: '左侧腹', en: 'Left flank' } },
  { id: 5, name: { zh: '左下腹', en: 'Left lower' } },
  { id: 6, name: { zh: '盆腔', en: 'Pelvis' } },
  { id: 7, name: { zh: '右下腹', en: 'Right lower' } },
  { id: 8, name: { zh: '右侧腹', en: 'Right flank' } },
  { id: 9, name: { zh: '空肠上段', en: 'Upper jejunum' } },
  { id: 10, name: { zh: '空肠下段', en: 'Lower jejunum' } },
  { id: 11, name: { zh: '回肠上段', en: 'Upper ileum' } },
  { id: 12, name: { zh: '回肠下段', en: 'Lower ileum' } },
];

/** Lesion-size score texts (clinical-rules.md §1.2). */
export const LESION_SIZE_OPTIONS: readonly CodedOption<0 | 1 | 2 | 3>[] = [
  { value: 0, label: { zh: 'LS-0 未见肿瘤', en: 'LS-0 no implants seen' } },
  { value: 1, label: { zh: 'LS-1 肿瘤最大径 ≤0.5 cm', en: 'LS-1 implants up to 0.5 cm' } },
  { value: 2, label: { zh: 'LS-2 肿瘤最大径 >0.5 cm 且 ≤5 cm', en: 'LS-2 implants > 0.5 cm and up to 5 cm' } },
  { value: 3, label: { zh: 'LS-3 肿瘤最大径 ≥5 cm 或融合成片', en: 'LS-3 implants 5 cm or more, or confluent' } },
];

/** Completeness-of-cytoreduction texts (Oncolex; Baratti, Eur J Cancer 2013; clinical-rules.md §2). */
export const CC_SCORE_OPTIONS: readonly CodedOption<'CC-0' | 'CC-1' | 'CC-2' | 'CC-3'>[] = [
  { value: 'CC-0', label: { zh: 'CC-0 无肉眼可见残留肿瘤', en: 'CC-0 no visible residual tumour' } },
  { value: 'CC-1', label: { zh: 'CC-1 残留肿瘤 ≤2.5 mm', en: 'CC-1 residual nodules up to 2.5 mm' } },
  { value: 'CC-2', label: { zh: 'CC-2 残留肿瘤 2.5 mm–2.5 cm', en: 'CC-2 residual nodules 2.5 mm to 2.5 cm' } },
  { value: 'CC-3', label: { zh: 'CC-3 残留肿瘤 >2.5 cm', en: 'CC-3 residual nodules over 2.5 cm' } },
];

/** Residual tumour (R) classification, UICC (clinical-rules.md §2, §6). Kept beside CC. */
export const R_CLASSIFICATION_OPTIONS: readonly CodedOption<'RX' | 'R0' | 'R1' | 'R2'>[] = [
  { value: 'R0', label: { zh: 'R0 无残留肿瘤', en: 'R0 no residual tumour' } },
  { value: 'R1', label: { zh: 'R1 镜下残留', en: 'R1 microscopic residual tumour' } },
  { value: 'R2', label: { zh: 'R2 肉眼残留', en: 'R2 macroscopic residual tumour' } },
  { value: 'RX', label: { zh: 'RX 残留无法评估', en: 'RX residual tumour cannot be assessed' } },
];

/**
 * PSOGI modified-Delphi consensus on pseudomyxoma peritonei (Carr et al., Am J Surg Pathol
 * 2016;40:14-26; clinical-rules.md §9.1). `icd10` lists the secondary code; code the primary too
 * (usually C18.1, appendix).
 */
export const PSOGI_PMP_CATEGORIES: readonly (CodedOption & { readonly icd10: readonly string[] })[] = [
  { value: 'acellular-mucin', label: { zh: '无细胞性黏液', en: 'Acellular mucin' }, icd10: ['C78.6'] },
  {
    value: 'low-grade-mcp',
    label: { zh: '低级别腹膜黏液癌（旧称 DPAM）', en: 'Low-grade mucinous carcinoma peritonei (formerly DPAM)' },
    icd10: ['C78.6'],
  },
  {
    value: 'high-grade-mcp',
    label: { zh: '高级别腹膜黏液癌（旧称 PMCA）', en: 'High-grade mucinous carcinoma peritonei (formerly PMCA)' },
    icd10: ['C78.6'],
  },
  {
    value: 'high-grade-mcp-signet',
    label: { zh: '高级别腹膜黏液癌伴印戒细胞', en: 'High-grade mucinous carcinoma peritonei with signet ring cells' },
    icd10: ['C78.6'],
  },
];

/** Appendiceal mucinous lesions, same PSOGI consensus. "Cystadenoma" is no longer recommended. */
export const PSOGI_APPENDICEAL_LESIONS: readonly CodedOption[] = [
  { value: 'lamn', label: { zh: '低级别阑尾黏液性肿瘤（LAMN）', en: 'Low-grade appendiceal mucinous neoplasm (LAMN)' } },
  { value: 'hamn', label: { zh: '高级别阑尾黏液性肿瘤（HAMN）', en: 'High-grade appendiceal mucinous neoplasm (HAMN)' } },
  { value: 'mucinous-adenocarcinoma', label: { zh: '黏液腺癌（有浸润性生长）', en: 'Mucinous adenocarcinoma (infiltrative invasion)' } },
  { value: 'serrated-polyp', label: { zh: '锯齿状息肉（伴或不伴异型增生）', en: 'Serrated polyp, with or without dysplasia' } },
];

/**
 * Mesothelial tumours, WHO 2021 scheme applied to the peritoneum (Mod Pathol 2022;35:51;
 * clinical-rules.md §9.2). `verified: false` for multicystic mesothelioma (not a confirmed category name).
 */
export const WHO_MESOTHELIAL_CATEGORIES: readonly (CodedOption & {
  readonly group: 'benign-preinvasive' | 'malignant';
  readonly icd10: readonly string[];
  readonly verified: boolean;
})[] = [
  {
    value: 'adenomatoid-tumour',
    group: 'benign-preinvasive',
    icd10: [],
    verified: true,
    label: { zh: '腺瘤样瘤', en: 'Adenomatoid tumour' },
  },
  {
    value: 'wdpmt',
    group: 'benign-preinvasive',
    icd10: [],
    verified: true,
    label: { zh: '高分化乳头状间皮肿瘤（WDPMT）', en: 'Well-differentiated papillary mesothelial tumour (WDPMT)' },
  },
  {
    value: 'mesothelioma-in-situ',
    group: 'benign-preinvasive',
    icd10: [],
    verified: true,
    label: { zh: '原位间皮瘤', en: 'Mesothelioma in situ' },
  },
  {
    value: 'localized-mesothelioma',
    group: 'malignant',
    icd10: ['C45.1'],
    verified: true,
    label: { zh: '局限性间皮瘤', en: 'Localized mesothelioma' },
  },
  {
    value: 'diffuse-mesothelioma-epithelioid',
    group: 'malignant',
    icd10: ['C45.1'],
    verified: true,
    label: { zh: '弥漫性间皮瘤，上皮样型', en: 'Diffuse mesothelioma, epithelioid' },
  },
  {
    value: 'diffuse-mesothelioma-biphasic',
    group: 'malignant',
    icd10: ['C45.1'],
    verified: true,
    label: { zh: '弥漫性间皮瘤，双相型', en: 'Diffuse mesothelioma, biphasic' },
  },
  {
    value: 'diffuse-mesothelioma-sarcomatoid',
    group: 'malignant',
    icd10: ['C45.1'],
    verified: true,
    label: { zh: '弥漫性间皮瘤，肉瘤样型', en: 'Diffuse mesothelioma, sarcomatoid' },
  },
  {
    value: 'multicystic-mesothelial-tumour',
    group: 'benign-preinvasive',
    icd10: [],
    verified: false,
    label: { zh: '多囊性腹膜间皮肿瘤', en: 'Multicystic peritoneal mesothelial tumour' },
  },
];

/** When the PCI was scored; it may be recorded before and after cytoreduction (imaios; clinical-rules.md §1.2). */
export const PCI_TIMING_OPTIONS: readonly CodedOption<'laparoscopic' | 'imaging-ct' | 'surgical-pre-crs' | 'surgical-post-crs'>[] = [
  { value: 'laparoscopic', label: { zh: '腹腔镜探查', en: 'Laparoscopic exploration' } },
  { value: 'imaging-ct', label: { zh: '影像学（CT）', en: 'Imaging (CT)' } },
  { value: 'surgical-pre-crs', label: { zh: '术中，细胞减灭前', en: 'At surgery, before cytoreduction' } },
  { value: 'surgical-post-crs', label: { zh: '术中，细胞减灭后', en: 'At surgery, after cytoreduction' } },
];

/** HIPEC timing and technique (clinical-rules.md §3.1 minimum data elements). */
export const HIPEC_TIMING_OPTIONS: readonly CodedOption<
  'intraoperative-after-crs' | 'prophylactic' | 'laparoscopic' | 'palliative-ascites'
>[] = [
  { value: 'intraoperative-after-crs', label: { zh: '术中，细胞减灭术后', en: 'Intraoperative, after CRS' } },
  { value: 'prophylactic', label: { zh: '预防性', en: 'Prophylactic' } },
  { value: 'laparoscopic', label: { zh: '腹腔镜下', en: 'Laparoscopic' } },
  { value: 'palliative-ascites', label: { zh: '姑息性（恶性腹水）', en: 'Palliative (malignant ascites)' } },
];

export const HIPEC_TECHNIQUE_OPTIONS: readonly CodedOption<'open' | 'closed' | 'semi-closed'>[] = [
  { value: 'open', label: { zh: '开放式（Coliseum）', en: 'Open (Coliseum)' } },
  { value: 'closed', label: { zh: '闭合式', en: 'Closed' } },
  { value: 'semi-closed', label: { zh: '半闭合式', en: 'Semi-closed' } },
];

/**
 * HIPEC carrier (perfusate) solutions (clinical-rules.md §3.1 minimum data elements: "carrier and
 * volume"); oxaliplatin needs 5% dextrose (Elias 2002), mitomycin C is usually given in saline or
 * peritoneal dialysis solution.
 */
export const HIPEC_CARRIER_OPTIONS: readonly CodedOption<'saline' | 'dextrose-5' | 'peritoneal-dialysis' | 'other'>[] = [
  { value: 'saline', label: { zh: '0.9% 氯化钠溶液', en: '0.9% saline' } },
  { value: 'dextrose-5', label: { zh: '5% 葡萄糖溶液', en: '5% dextrose' } },
  { value: 'peritoneal-dialysis', label: { zh: '腹膜透析液', en: 'Peritoneal dialysis solution' } },
  { value: 'other', label: { zh: '其他', en: 'Other' } },
];
