/**
 * The historic-case import template (docs/import-oncology.md): one row per operation. Headers may be the
 * key or the Chinese label. Values use the API's codes (site, approach, procedure codes …); dates
 * YYYY-MM-DD, times HH:mm, lists separated by ";".
 */
export interface ImportColumn {
  key: string;
  zh: string;
  section: 'patient' | 'diagnosis' | 'operation' | 'pathology' | 'peritoneal' | 'complications';
  /** What goes in the cell (English; the template's second sheet shows it). */
  help: string;
}

const c = (section: ImportColumn['section'], key: string, zh: string, help: string): ImportColumn => ({ key, zh, section, help });

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  c('patient', 'inpatient_no', '住院号', 'Finds the patient (or the resident ID below)'),
  c('patient', 'id_number', '身份证号', 'Finds the patient when no inpatient number; creates one with name, sex, birth date'),
  c('patient', 'name', '姓名', 'Only to register a patient not found'),
  c('patient', 'sex', '性别', 'male/female or 男/女 (new patients only)'),
  c('patient', 'birth_date', '出生日期', 'YYYY-MM-DD (new patients only)'),
  c('diagnosis', 'site', '部位', 'stomach, colon, rectum, anus, appendix, peritoneum, peritoneal_metastasis, mesothelioma, pseudomyxoma'),
  c('diagnosis', 'icd10', 'ICD-10', 'e.g. C16.3; the colon segment is the code (C18.0–C18.9, C19)'),
  c('diagnosis', 'icd10_secondary', 'ICD-10附加编码', 'e.g. C78.6 for pseudomyxoma / peritoneal metastases'),
  c('diagnosis', 'icdo3', 'ICD-O-3形态学', 'e.g. 8140/3'),
  c('diagnosis', 'diagnosis_date', '诊断日期', 'YYYY-MM-DD; rows with the same patient, site, ICD-10 and date share one diagnosis'),
  c(
    'diagnosis',
    'basis',
    '诊断依据',
    'histology_primary, histology_metastasis, cytology, tumor_markers, clinical_investigation, clinical, dco, unknown',
  ),
  c('diagnosis', 'ct', 'cT', 'Clinical T (T3, cT4a …); stage computed'),
  c('diagnosis', 'cn', 'cN', 'Clinical N'),
  c('diagnosis', 'cm', 'cM', 'Clinical M'),
  c('diagnosis', 'c_grade', '分级(临床)', 'G1–G3/GX (appendix M1b)'),
  c('diagnosis', 'pm_origin', '腹膜转移来源', 'colorectal, gastric, appendiceal, ovarian, pancreatobiliary, unknown, other'),
  c('diagnosis', 'psogi_category', 'PSOGI分类', 'acellular-mucin, low-grade-mcp, high-grade-mcp, high-grade-mcp-signet'),
  c('diagnosis', 'appendiceal_lesion', '阑尾病变', 'lamn, hamn, mucinous-adenocarcinoma, serrated-polyp'),
  c('diagnosis', 'who_category', 'WHO间皮肿瘤分类', 'e.g. diffuse-mesothelioma-epithelioid'),
  c('operation', 'operation_date', '手术日期', 'YYYY-MM-DD'),
  c('operation', 'urgency', '手术缓急', 'elective, urgent, emergency'),
  c('operation', 'intent', '手术目的', 'curative, palliative, diagnostic'),
  c('operation', 'approach', '手术入路', 'laparoscopic, robotic, open, converted'),
  c(
    'operation',
    'conversion_reason',
    '中转原因',
    'adhesions, bleeding, oncological_extent, obesity_exposure, anatomy_unclear, organ_injury, technical_equipment, intolerance_pneumoperitoneum, other',
  ),
  c('operation', 'incision_length_cm', '切口长度cm', 'number'),
  c('operation', 'procedures', '手术代码', 'Codes of GET /api/procedures separated by ; (first = principal)'),
  c('operation', 'lymphadenectomy', '淋巴结清扫', 'D0, D1, D1+, D2, D2+, D3'),
  c('operation', 'surgeon', '主刀(用户名)', 'Username of the operating surgeon'),
  c('operation', 'assistants', '助手(用户名)', 'Usernames separated by ;'),
  c('operation', 'anesthetist_name', '麻醉医师', 'Name'),
  c('operation', 'anesthesia_method', '麻醉方式', 'WS 364 code: 1, 11, 12, 13, 2, 21, 22, 3, 31–36, 4, 41, 42, 9'),
  c('operation', 'operation_level', '手术级别', '1–4'),
  c('operation', 'incision_class', '切口类别', '0, I, II, III'),
  c('operation', 'healing_grade', '愈合等级', 'jia, yi, bing, other (甲/乙/丙/其他)'),
  c('operation', 'start_time', '开始时间', 'HH:mm (on the operation date) or YYYY-MM-DD HH:mm'),
  c('operation', 'end_time', '结束时间', 'HH:mm or YYYY-MM-DD HH:mm'),
  c('operation', 'blood_loss_ml', '出血量ml', 'whole number'),
  c('operation', 'transfusion', '输血', 'yes/no (是/否)'),
  c('operation', 'rbc_units', '红细胞U', 'number'),
  c(
    'operation',
    'anastomosis',
    '吻合方式',
    'none, billroth_i, billroth_ii, roux_en_y, esophagojejunal, double_tract, ileocolic, colocolic, colorectal, coloanal, ileorectal, other',
  ),
  c('operation', 'anastomosis_technique', '吻合技术', 'hand_sewn, stapled, mixed'),
  c('operation', 'stoma', '造口', 'none, loop_ileostomy, end_ileostomy, loop_colostomy, end_colostomy'),
  c('operation', 'stoma_intent', '造口性质', 'temporary, permanent'),
  c('operation', 'discharge_date', '出院日期', 'YYYY-MM-DD'),
  c('pathology', 'neoadjuvant', '新辅助治疗', 'yes/no: yp staging when yes'),
  c('pathology', 'pt', 'pT', 'Pathological T'),
  c('pathology', 'nodes_examined', '检出淋巴结', 'whole number'),
  c('pathology', 'nodes_positive', '阳性淋巴结', 'whole number (N derived by site)'),
  c('pathology', 'tumor_deposits', '肿瘤结节', 'count (colorectal, appendix)'),
  c('pathology', 'pn', 'pN', 'Only for the anus or without counts; else checked against the counts'),
  c('pathology', 'pm', 'pM', 'M0, M1, M1a …'),
  c('pathology', 'grade', '分化分级', 'G1, G2, G3, GX'),
  c('pathology', 'margin', '切缘', 'R0, R1, R2, RX'),
  c('pathology', 'lvi', '脉管侵犯', 'yes/no'),
  c('pathology', 'pni', '神经侵犯', 'yes/no'),
  c('pathology', 'mmr', 'MMR', 'pMMR, dMMR'),
  c('pathology', 'msi', 'MSI', 'MSS, MSI-L, MSI-H'),
  c('pathology', 'her2_ihc', 'HER2 IHC', '0, 1+, 2+, 3+ (stomach)'),
  c('pathology', 'her2_ish', 'HER2 ISH', 'amplified, not_amplified (stomach)'),
  c('pathology', 'kras', 'KRAS', 'wild_type, mutant (colorectal)'),
  c('pathology', 'nras', 'NRAS', 'wild_type, mutant (colorectal)'),
  c('pathology', 'braf', 'BRAF', 'wild_type, v600e, non_v600e (colorectal)'),
  c('pathology', 'report_date', '病理报告日期', 'YYYY-MM-DD'),
  ...Array.from({ length: 13 }, (_, i) => c('peritoneal', `pci_${i}`, `PCI${i}区`, `Lesion size score 0–3 of region ${i}`)),
  c('peritoneal', 'pci_timing', 'PCI评估时机', 'laparoscopic, imaging-ct, surgical-pre-crs, surgical-post-crs'),
  c('peritoneal', 'residual_mm', '最大残留结节mm', 'number; 0 = none visible (CC-0); empty = not assessed'),
  c('peritoneal', 'height_cm', '身高cm', 'for BSA'),
  c('peritoneal', 'weight_kg', '体重kg', 'for BSA'),
  c('peritoneal', 'hipec_drug', 'HIPEC药物', 'mitomycin-c, oxaliplatin, cisplatin, lobaplatin, … (one drug per row)'),
  c('peritoneal', 'hipec_dose', 'HIPEC剂量', 'number'),
  c('peritoneal', 'hipec_dose_basis', '剂量单位', 'mg/m2, mg/L, mg'),
  c('peritoneal', 'hipec_volume_l', '灌注液量L', 'number'),
  c('peritoneal', 'hipec_technique', 'HIPEC方式', 'open, closed, semi-closed'),
  c('peritoneal', 'hipec_duration_min', 'HIPEC时长min', 'whole number'),
  c('peritoneal', 'hipec_inflow_c', '入水温度℃', 'number'),
  c('peritoneal', 'hipec_outflow_c', '出水温度℃', 'number'),
  c(
    'complications',
    'complications',
    '并发症',
    'date|type|Clavien–Dindo grade entries separated by ;, e.g. 2024-03-08|anastomotic_leak|IIIa',
  ),
];

/** Header text → column key (the key itself, any case, or the Chinese label). */
export function columnForHeader(header: string): string | null {
  const h = header.trim();
  const byKey = IMPORT_COLUMNS.find((col) => col.key === h.toLowerCase());
  if (byKey) return byKey.key;
  return IMPORT_COLUMNS.find((col) => col.zh === h)?.key ?? null;
}
