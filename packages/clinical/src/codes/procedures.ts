import type { Bilingual } from '../bilingual.js';

/**
 * The curated list of operations the department performs (issue 5), with ICD-9-CM-3 codes.
 *
 * Sources: ICD-9-CM Volume 3 (procedures), FY2014 final release (CMS), for the four-character codes, incl.
 * the laparoscopic large-bowel codes 17.31–17.39 (added FY2009) and 48.51/48.52 (APR by approach).
 * China codes operations with 手术操作分类代码国家临床版3.0, which extends ICD-9-CM-3 with suffixes
 * (china-context.md §1.3): hospitals map these base codes to their licensed 国临版 extension codes; the
 * base code is what the national quality indicators use (e.g. gastric cancer surgery = 43.4–43.9).
 * Where the code depends on the approach, `icd9cm3.laparoscopic` differs from `icd9cm3.open`.
 * `verified: false` marks codes a coder should confirm against the 国临版 table before reporting.
 */
export type ProcedureGroup = 'gastric' | 'colorectal' | 'anal' | 'appendix' | 'peritoneal' | 'stoma' | 'diagnostic' | 'other';

export interface ProcedureDefinition {
  readonly code: string;
  readonly group: ProcedureGroup;
  readonly label: Bilingual;
  readonly icd9cm3: { readonly open: string; readonly laparoscopic: string };
  /** A radical oncological resection (counts for lymph-node yield, R0 rate, textbook outcome). */
  readonly radical: boolean;
  /** Part of cytoreductive surgery (a Sugarbaker peritonectomy procedure or CRS itself). */
  readonly cytoreductive: boolean;
  readonly verified: boolean;
}

const p = (
  code: string,
  group: ProcedureGroup,
  zh: string,
  en: string,
  open: string,
  laparoscopic: string,
  flags: { radical?: boolean; cytoreductive?: boolean; verified?: boolean } = {},
): ProcedureDefinition => ({
  code,
  group,
  label: { zh, en },
  icd9cm3: { open, laparoscopic },
  radical: flags.radical ?? false,
  cytoreductive: flags.cytoreductive ?? false,
  verified: flags.verified ?? true,
});

export const PROCEDURES: readonly ProcedureDefinition[] = [
  // Stomach (D2 lymphadenectomy per the Japanese/Chinese gastric cancer guidelines).
  p('gastrectomy_total_d2', 'gastric', '根治性全胃切除术（D2）', 'Total gastrectomy with D2 lymphadenectomy', '43.99', '43.99', {
    radical: true,
  }),
  p('gastrectomy_distal_d2', 'gastric', '根治性远端胃切除术（D2）', 'Distal gastrectomy with D2 lymphadenectomy', '43.7', '43.7', {
    radical: true,
  }),
  p('gastrectomy_proximal_d2', 'gastric', '根治性近端胃切除术（D2）', 'Proximal gastrectomy with D2 lymphadenectomy', '43.5', '43.5', {
    radical: true,
  }),
  p('gastrojejunostomy', 'gastric', '胃空肠吻合术（姑息）', 'Gastrojejunostomy (palliative bypass)', '44.39', '44.38'),
  // Colon and rectum.
  p(
    'right_hemicolectomy_cme',
    'colorectal',
    '根治性右半结肠切除术（CME）',
    'Right hemicolectomy with complete mesocolic excision',
    '45.73',
    '17.33',
    { radical: true },
  ),
  p('transverse_colectomy', 'colorectal', '根治性横结肠切除术', 'Transverse colectomy', '45.74', '17.34', { radical: true }),
  p(
    'left_hemicolectomy_cme',
    'colorectal',
    '根治性左半结肠切除术（CME）',
    'Left hemicolectomy with complete mesocolic excision',
    '45.75',
    '17.35',
    { radical: true },
  ),
  p('sigmoidectomy', 'colorectal', '根治性乙状结肠切除术', 'Sigmoid colectomy', '45.76', '17.36', { radical: true }),
  p(
    'anterior_resection_tme',
    'colorectal',
    '直肠癌根治术（前切除，TME）',
    'Low anterior resection with total mesorectal excision',
    '48.63',
    '48.63',
    { radical: true },
  ),
  p('abdominoperineal_resection', 'colorectal', '腹会阴联合直肠切除术（Miles）', 'Abdominoperineal resection', '48.52', '48.51', {
    radical: true,
  }),
  p('hartmann', 'colorectal', 'Hartmann 手术', 'Hartmann procedure', '48.62', '48.62', { radical: true, verified: false }),
  p('total_colectomy', 'colorectal', '全结肠切除术', 'Total colectomy', '45.82', '45.81', { radical: true }),
  // Anus.
  p('anal_local_excision', 'anal', '肛管肿瘤局部切除术', 'Local excision of anal tumour', '49.39', '49.39', { verified: false }),
  // Appendix.
  p('appendectomy', 'appendix', '阑尾切除术', 'Appendectomy', '47.09', '47.01'),
  p(
    'right_hemicolectomy_appendix',
    'appendix',
    '右半结肠切除术（阑尾肿瘤）',
    'Right hemicolectomy for appendiceal neoplasm',
    '45.73',
    '17.33',
    { radical: true },
  ),
  // Cytoreductive surgery: Sugarbaker's peritonectomy procedures (Sugarbaker 1995, Ann Surg 221:29–42).
  p('crs', 'peritoneal', '肿瘤细胞减灭术（CRS）', 'Cytoreductive surgery', '54.4', '54.4', { cytoreductive: true }),
  p('greater_omentectomy_splenectomy', 'peritoneal', '大网膜切除+脾切除', 'Greater omentectomy with splenectomy', '54.4', '54.4', {
    cytoreductive: true,
  }),
  p('left_upper_quadrant_peritonectomy', 'peritoneal', '左上腹壁腹膜切除', 'Left upper quadrant peritonectomy', '54.4', '54.4', {
    cytoreductive: true,
  }),
  p('right_upper_quadrant_peritonectomy', 'peritoneal', '右上腹壁腹膜切除', 'Right upper quadrant peritonectomy', '54.4', '54.4', {
    cytoreductive: true,
  }),
  p(
    'lesser_omentectomy_cholecystectomy',
    'peritoneal',
    '小网膜切除+胆囊切除（网膜囊剥除）',
    'Lesser omentectomy with cholecystectomy (omental bursa stripping)',
    '54.4',
    '54.4',
    { cytoreductive: true },
  ),
  p(
    'pelvic_peritonectomy',
    'peritoneal',
    '盆腔腹膜切除（含乙状结肠/直肠）',
    'Pelvic peritonectomy (with sigmoid colon / rectum)',
    '54.4',
    '54.4',
    { cytoreductive: true },
  ),
  p('antrectomy', 'peritoneal', '胃窦切除（CRS）', 'Antrectomy (CRS)', '43.6', '43.6', { cytoreductive: true }),
  p('anterior_parietal_peritonectomy', 'peritoneal', '前壁腹膜切除', 'Anterior parietal peritonectomy', '54.4', '54.4', {
    cytoreductive: true,
  }),
  p('hipec', 'peritoneal', '腹腔热灌注化疗（HIPEC）', 'Hyperthermic intraperitoneal chemotherapy', '99.25', '99.25', { verified: false }),
  // Stomas.
  p('colostomy', 'stoma', '结肠造口术', 'Colostomy', '46.10', '46.10'),
  p('loop_ileostomy', 'stoma', '回肠襻式造口术（保护性）', 'Loop ileostomy (defunctioning)', '46.01', '46.01'),
  p('stoma_closure_large', 'stoma', '结肠造口还纳术', 'Closure of colostomy', '46.52', '46.52'),
  p('stoma_closure_small', 'stoma', '回肠造口还纳术', 'Closure of ileostomy', '46.51', '46.51'),
  // Diagnosis.
  p('diagnostic_laparoscopy', 'diagnostic', '诊断性腹腔镜探查', 'Diagnostic laparoscopy', '54.11', '54.21'),
  p('laparotomy_exploratory', 'diagnostic', '剖腹探查术', 'Exploratory laparotomy', '54.11', '54.11'),
];

const byCode = new Map(PROCEDURES.map((d) => [d.code, d]));

export function procedureDefinition(code: string): ProcedureDefinition | undefined {
  return byCode.get(code);
}

/** The ICD-9-CM-3 code of a procedure for the approach used (converted operations count as open). */
export function procedureIcd9cm3(code: string, approach: 'laparoscopic' | 'robotic' | 'open' | 'converted'): string | undefined {
  const d = byCode.get(code);
  if (!d) return undefined;
  return approach === 'laparoscopic' || approach === 'robotic' ? d.icd9cm3.laparoscopic : d.icd9cm3.open;
}

/** Procedure codes that make an operation a CRS and/or HIPEC: the cytoreductive procedures and HIPEC itself. */
export const CRS_HIPEC_CODES: ReadonlySet<string> = new Set(
  PROCEDURES.filter((p) => p.cytoreductive || p.code === 'hipec').map((p) => p.code),
);

/** True when any of the codes is a cytoreductive procedure or HIPEC. */
export const isCrsHipec = (codes: readonly (string | null)[]): boolean => codes.some((c) => c !== null && CRS_HIPEC_CODES.has(c));
