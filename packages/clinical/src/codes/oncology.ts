import type { CodedOption } from '../bilingual.js';

/**
 * Code lists of the oncology record (issue 5): where the cancer is, how it was diagnosed, its
 * morphology, and the tumour markers followed. The server validates against these values and the web
 * app shows their labels, so both read one list.
 */

/**
 * Sites of a diagnosis as the department records them (issue 5). The colon segment is the ICD-10 code
 * (C18.0 caecum … C18.7 sigmoid, C19 rectosigmoid), so it is not a separate field; which ICD-10 codes fit
 * a site is `icd10CodesForSite` (record/diagnosis.ts).
 */
export const DIAGNOSIS_SITES = [
  'stomach',
  'colon',
  'rectum',
  'anus',
  'appendix',
  'peritoneum',
  'peritoneal_metastasis',
  'mesothelioma',
  'pseudomyxoma',
] as const;
export type DiagnosisSite = (typeof DIAGNOSIS_SITES)[number];

export const DIAGNOSIS_SITE_OPTIONS: readonly CodedOption<DiagnosisSite>[] = [
  { value: 'stomach', label: { zh: '胃', en: 'Stomach' } },
  { value: 'colon', label: { zh: '结肠（按肠段）', en: 'Colon (by segment)' } },
  { value: 'rectum', label: { zh: '直肠', en: 'Rectum' } },
  { value: 'anus', label: { zh: '肛管', en: 'Anus and anal canal' } },
  { value: 'appendix', label: { zh: '阑尾', en: 'Appendix' } },
  { value: 'peritoneum', label: { zh: '原发性腹膜肿瘤', en: 'Primary peritoneal tumour' } },
  { value: 'peritoneal_metastasis', label: { zh: '腹膜转移癌（其他原发）', en: 'Peritoneal metastasis of another primary' } },
  { value: 'mesothelioma', label: { zh: '腹膜间皮瘤', en: 'Peritoneal mesothelioma' } },
  { value: 'pseudomyxoma', label: { zh: '腹膜假黏液瘤', en: 'Pseudomyxoma peritonei' } },
];

/** Origin of peritoneal metastases recorded without their primary (decides the PCI cut-offs). */
export const PM_ORIGINS = ['colorectal', 'gastric', 'appendiceal', 'ovarian', 'pancreatobiliary', 'unknown', 'other'] as const;
export type PmOrigin = (typeof PM_ORIGINS)[number];
export const PM_ORIGIN_OPTIONS: readonly CodedOption<PmOrigin>[] = [
  { value: 'colorectal', label: { zh: '结直肠癌', en: 'Colorectal cancer' } },
  { value: 'gastric', label: { zh: '胃癌', en: 'Gastric cancer' } },
  { value: 'appendiceal', label: { zh: '阑尾肿瘤', en: 'Appendiceal neoplasm' } },
  { value: 'ovarian', label: { zh: '卵巢癌', en: 'Ovarian cancer' } },
  { value: 'pancreatobiliary', label: { zh: '胰胆管肿瘤', en: 'Pancreatobiliary cancer' } },
  { value: 'unknown', label: { zh: '原发灶不明', en: 'Unknown primary' } },
  { value: 'other', label: { zh: '其他', en: 'Other' } },
];

/**
 * Basis of diagnosis, the cancer-registry item of IARC/IACR and ENCR ("most valid basis of diagnosis",
 * codes 0, 1, 2, 4, 5, 6, 7, 9); the registry code is kept beside the value for exports.
 */
export const BASIS_OF_DIAGNOSIS = [
  'dco',
  'clinical',
  'clinical_investigation',
  'tumor_markers',
  'cytology',
  'histology_metastasis',
  'histology_primary',
  'unknown',
] as const;
export type BasisOfDiagnosis = (typeof BASIS_OF_DIAGNOSIS)[number];
export const BASIS_OF_DIAGNOSIS_OPTIONS: readonly (CodedOption<BasisOfDiagnosis> & { readonly registryCode: number })[] = [
  { value: 'histology_primary', registryCode: 7, label: { zh: '原发灶组织病理学', en: 'Histology of the primary tumour' } },
  { value: 'histology_metastasis', registryCode: 6, label: { zh: '转移灶组织病理学', en: 'Histology of a metastasis' } },
  { value: 'cytology', registryCode: 5, label: { zh: '细胞学（含腹水细胞学）', en: 'Cytology (incl. peritoneal cytology)' } },
  { value: 'tumor_markers', registryCode: 4, label: { zh: '特异性肿瘤标志物', en: 'Specific tumour markers' } },
  {
    value: 'clinical_investigation',
    registryCode: 2,
    label: { zh: '临床检查（影像、内镜、手术探查）', en: 'Clinical investigation (imaging, endoscopy, exploration)' },
  },
  { value: 'clinical', registryCode: 1, label: { zh: '仅临床诊断', en: 'Clinical only' } },
  { value: 'dco', registryCode: 0, label: { zh: '仅死亡证明', en: 'Death certificate only' } },
  { value: 'unknown', registryCode: 9, label: { zh: '不详', en: 'Unknown' } },
];

/**
 * Common ICD-O-3 morphology codes of the department's tumours (ICD-O-3.2, WHO/IARC 2019; behaviour
 * after the slash: /1 uncertain, /2 in situ, /3 malignant). Offered as suggestions: any code of the form
 * `dddd/d` is accepted. `verified: false`: not checked against the licensed ICD-O-3.2 table here
 * (clinical-rules.md §9 marks the PMP morphology codes [UNVERIFIED]).
 */
export const ICDO3_MORPHOLOGY_OPTIONS: readonly (CodedOption & { readonly verified: boolean })[] = [
  { value: '8140/3', verified: false, label: { zh: '腺癌，非特指', en: 'Adenocarcinoma, NOS' } },
  { value: '8144/3', verified: false, label: { zh: '肠型腺癌', en: 'Adenocarcinoma, intestinal type' } },
  { value: '8145/3', verified: false, label: { zh: '弥漫型癌', en: 'Carcinoma, diffuse type' } },
  { value: '8211/3', verified: false, label: { zh: '管状腺癌', en: 'Tubular adenocarcinoma' } },
  { value: '8260/3', verified: false, label: { zh: '乳头状腺癌', en: 'Papillary adenocarcinoma' } },
  { value: '8480/3', verified: false, label: { zh: '黏液腺癌', en: 'Mucinous adenocarcinoma' } },
  { value: '8490/3', verified: false, label: { zh: '印戒细胞癌', en: 'Signet ring cell carcinoma' } },
  { value: '8070/3', verified: false, label: { zh: '鳞状细胞癌，非特指', en: 'Squamous cell carcinoma, NOS' } },
  { value: '8480/1', verified: false, label: { zh: '低级别阑尾黏液性肿瘤（LAMN）', en: 'Low-grade appendiceal mucinous neoplasm (LAMN)' } },
  {
    value: '8480/2',
    verified: false,
    label: { zh: '高级别阑尾黏液性肿瘤（HAMN）', en: 'High-grade appendiceal mucinous neoplasm (HAMN)' },
  },
  { value: '8243/3', verified: false, label: { zh: '杯状细胞腺癌', en: 'Goblet cell adenocarcinoma' } },
  { value: '8240/3', verified: false, label: { zh: '神经内分泌肿瘤，G1', en: 'Neuroendocrine tumour, grade 1' } },
  { value: '8246/3', verified: false, label: { zh: '神经内分泌癌，非特指', en: 'Neuroendocrine carcinoma, NOS' } },
  {
    value: '8461/3',
    verified: false,
    label: { zh: '浆液性表面乳头状癌（原发性腹膜癌）', en: 'Serous surface papillary carcinoma (primary peritoneal)' },
  },
  { value: '9050/3', verified: false, label: { zh: '间皮瘤，恶性', en: 'Mesothelioma, malignant' } },
  { value: '9052/3', verified: false, label: { zh: '上皮样间皮瘤', en: 'Epithelioid mesothelioma' } },
  { value: '9053/3', verified: false, label: { zh: '双相型间皮瘤', en: 'Biphasic mesothelioma' } },
  { value: '9051/3', verified: false, label: { zh: '肉瘤样间皮瘤', en: 'Sarcomatoid mesothelioma' } },
];

/** ICD-O-3 morphology: 4 digits, slash, behaviour code 0–3, 6 or 9. */
export const ICDO3_MORPHOLOGY_PATTERN = /^\d{4}\/[0-369]$/;

/**
 * Serum tumour markers the department follows, with the unit results are entered in and the LOINC
 * code of mCODE's TumorMarkerTest examples (clinical-rules.md §10: 19166-8 CEA, 24108-3 CA 19-9,
 * 10334-1 CA 125, 17843-4 CA 72-4). Reference limits depend on the laboratory's assay: the upper limit
 * is entered with each result, never assumed here.
 */
export const TUMOR_MARKERS = ['CEA', 'CA19-9', 'CA125', 'CA72-4'] as const;
export type TumorMarker = (typeof TUMOR_MARKERS)[number];
export const TUMOR_MARKER_OPTIONS: readonly (CodedOption<TumorMarker> & { readonly unit: string; readonly loinc: string })[] = [
  { value: 'CEA', unit: 'ng/mL', loinc: '19166-8', label: { zh: '癌胚抗原（CEA）', en: 'CEA' } },
  { value: 'CA19-9', unit: 'U/mL', loinc: '24108-3', label: { zh: '糖类抗原 19-9（CA19-9）', en: 'CA 19-9' } },
  { value: 'CA125', unit: 'U/mL', loinc: '10334-1', label: { zh: '糖类抗原 125（CA125）', en: 'CA 125' } },
  { value: 'CA72-4', unit: 'U/mL', loinc: '17843-4', label: { zh: '糖类抗原 72-4（CA72-4）', en: 'CA 72-4' } },
];
