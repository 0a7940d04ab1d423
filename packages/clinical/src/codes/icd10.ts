import type { Bilingual } from '../bilingual.js';
import type { StagingSite } from '../staging/types.js';

/**
 * ICD-10 codes for the department's registry (clinical-rules.md §9.3). `verified` follows that section
 * (labels marked [UNVERIFIED] there are false). The Chinese labels follow the wording of the national
 * clinical edition (国家临床版) names but were not checked against its licensed spreadsheet; load the
 * hospital's 国临版 2.0 table for extension codes. `system` is 'ICD-10-CM' for US-only codes (C7B.04).
 */
export interface Icd10Entry {
  readonly code: string;
  readonly label: Bilingual;
  readonly kind: 'primary' | 'secondary';
  readonly system: 'ICD-10' | 'ICD-10-CM';
  readonly verified: boolean;
}

const p = (code: string, zh: string, en: string, verified: boolean): Icd10Entry => ({
  code,
  label: { zh, en },
  kind: 'primary',
  system: 'ICD-10',
  verified,
});
const s = (code: string, zh: string, en: string, system: Icd10Entry['system'] = 'ICD-10'): Icd10Entry => ({
  code,
  label: { zh, en },
  kind: 'secondary',
  system,
  verified: true,
});

export const ICD10_CODES: readonly Icd10Entry[] = [
  p('C16.0', '贲门恶性肿瘤（含食管胃结合部）', 'Malignant neoplasm of cardia (gastro-oesophageal junction)', true),
  p('C16.1', '胃底恶性肿瘤', 'Malignant neoplasm of fundus of stomach', true),
  p('C16.2', '胃体恶性肿瘤', 'Malignant neoplasm of body of stomach', true),
  p('C16.3', '胃窦恶性肿瘤', 'Malignant neoplasm of pyloric antrum', true),
  p('C16.4', '幽门恶性肿瘤', 'Malignant neoplasm of pylorus', true),
  p('C16.5', '胃小弯恶性肿瘤', 'Malignant neoplasm of lesser curvature of stomach, unspecified', false),
  p('C16.6', '胃大弯恶性肿瘤', 'Malignant neoplasm of greater curvature of stomach, unspecified', false),
  p('C16.8', '胃交搭跨越恶性肿瘤的损害', 'Overlapping lesion of stomach', false),
  p('C16.9', '胃恶性肿瘤，未特指', 'Malignant neoplasm of stomach, unspecified', false),
  p('C18.0', '盲肠恶性肿瘤', 'Malignant neoplasm of caecum', true),
  p('C18.1', '阑尾恶性肿瘤', 'Malignant neoplasm of appendix', true),
  p('C18.2', '升结肠恶性肿瘤', 'Malignant neoplasm of ascending colon', true),
  p('C18.3', '结肠肝曲恶性肿瘤', 'Malignant neoplasm of hepatic flexure', true),
  p('C18.4', '横结肠恶性肿瘤', 'Malignant neoplasm of transverse colon', true),
  p('C18.5', '结肠脾曲恶性肿瘤', 'Malignant neoplasm of splenic flexure', true),
  p('C18.6', '降结肠恶性肿瘤', 'Malignant neoplasm of descending colon', true),
  p('C18.7', '乙状结肠恶性肿瘤', 'Malignant neoplasm of sigmoid colon', true),
  p('C18.8', '结肠交搭跨越恶性肿瘤的损害', 'Overlapping lesion of colon', true),
  p('C18.9', '结肠恶性肿瘤，未特指', 'Malignant neoplasm of colon, unspecified', true),
  p('C19', '直肠乙状结肠连接处恶性肿瘤', 'Malignant neoplasm of rectosigmoid junction', true),
  p('C20', '直肠恶性肿瘤', 'Malignant neoplasm of rectum', true),
  p('C21.0', '肛门恶性肿瘤，未特指', 'Malignant neoplasm of anus, unspecified', false),
  p('C21.1', '肛管恶性肿瘤', 'Malignant neoplasm of anal canal', false),
  p('C21.2', '泄殖腔源性区恶性肿瘤', 'Malignant neoplasm of cloacogenic zone', false),
  p('C21.8', '直肠、肛门和肛管交搭跨越恶性肿瘤的损害', 'Overlapping lesion of rectum, anus and anal canal', false),
  p('C45.1', '腹膜间皮瘤', 'Mesothelioma of peritoneum', true),
  p('C48.0', '腹膜后恶性肿瘤', 'Malignant neoplasm of retroperitoneum', false),
  p('C48.1', '腹膜特指部位恶性肿瘤', 'Malignant neoplasm of specified parts of peritoneum', true),
  p('C48.2', '腹膜恶性肿瘤，未特指（原发性腹膜癌）', 'Malignant neoplasm of peritoneum, unspecified (primary peritoneal carcinoma)', true),
  p('C48.8', '腹膜后和腹膜交搭跨越恶性肿瘤的损害', 'Overlapping lesion of retroperitoneum and peritoneum', false),
  s(
    'C78.6',
    '腹膜后和腹膜继发性恶性肿瘤（腹膜转移，含腹膜假黏液瘤）',
    'Secondary malignant neoplasm of retroperitoneum and peritoneum (peritoneal metastases, incl. PMP)',
  ),
  s('C7B.04', '腹膜继发性类癌', 'Secondary carcinoid tumours of peritoneum', 'ICD-10-CM'),
  s('C77.2', '腹内淋巴结继发性恶性肿瘤', 'Secondary malignant neoplasm of intra-abdominal lymph nodes'),
  s('C78.7', '肝继发性恶性肿瘤', 'Secondary malignant neoplasm of liver'),
  s('C79.6', '卵巢继发性恶性肿瘤', 'Secondary malignant neoplasm of ovary'),
];

export function icd10Entry(code: string): Icd10Entry | undefined {
  const c = code.trim().toUpperCase();
  return ICD10_CODES.find((e) => e.code === c);
}

/**
 * The AJCC 8 staging chapter for a primary-site ICD-10 code: C16.x stomach (EGJ tumours with epicentre
 * <= 2 cm into the stomach are staged as oesophagus: check C16.0 case by case), C18.1 appendix,
 * C18.0/C18.2–C18.9/C19/C20 colorectal, C21.x anus; null for codes without a chapter here.
 */
export function stagingSiteForIcd10(code: string): StagingSite | null {
  const c = code.trim().toUpperCase();
  if (/^C16(\.\d)?$/.test(c)) return 'stomach';
  if (c === 'C18.1') return 'appendix';
  if (/^C18(\.[02-9])?$/.test(c) || c === 'C19' || c === 'C19.9' || c === 'C20' || c === 'C20.9') return 'colorectal';
  if (/^C21(\.\d)?$/.test(c)) return 'anus';
  return null;
}
