import type { CONTACT_METHODS, CONTACT_STATUSES, DEATH_CAUSES, RECURRENCE_SITES } from '@gisurg/contracts/followup';

/**
 * The historic follow-up template (docs/follow-up.md, "历史随访导入"): one row per contact. A header may be
 * the key or its Chinese label; coded cells take the API's code or its Chinese label.
 */
export interface FollowUpImportColumn {
  key: string;
  zh: string;
  required: boolean;
  help: { zh: string; en: string };
}

const col = (key: string, zh: string, required: boolean, helpZh: string, helpEn: string): FollowUpImportColumn => ({
  key,
  zh,
  required,
  help: { zh: helpZh, en: helpEn },
});

export const FOLLOW_UP_IMPORT_COLUMNS: readonly FollowUpImportColumn[] = [
  col('inpatient_no', '住院号', false, '查找患者（或填身份证号）', 'Finds the patient (or give the resident ID)'),
  col('id_number', '身份证号', false, '无住院号时用于查找患者', 'Finds the patient when there is no inpatient number'),
  col('date', '随访日期', true, 'YYYY-MM-DD', 'Date of the contact, YYYY-MM-DD'),
  col(
    'status',
    '随访结果',
    true,
    '无瘤生存 / 带瘤生存 / 死亡 / 失访',
    'alive_no_disease, alive_with_disease, dead, lost (or the Chinese labels)',
  ),
  col('recurrence_date', '复发日期', false, 'YYYY-MM-DD（有复发时）', 'YYYY-MM-DD, when the disease recurred'),
  col(
    'recurrence_site',
    '复发部位',
    false,
    '局部 / 肝 / 肺 / 腹膜 / 远处淋巴结 / 其他',
    'local, liver, lung, peritoneum, distant_nodes, other (or the Chinese labels)',
  ),
  col('death_date', '死亡日期', false, 'YYYY-MM-DD（状态为死亡时必填）', 'YYYY-MM-DD, required when the status is dead'),
  col('death_cause', '死亡原因', false, '本病 / 其他 / 不详', 'cancer, other, unknown (本病/其他/不详)'),
  col('method', '随访方式', false, '门诊 / 电话 / 短信（默认电话）', 'clinic, phone, message (default phone)'),
  col('note', '备注', false, '自由文本，最多2000字', 'Free text, up to 2000 characters'),
];

/** Header text → column key (the key itself in any case, or the Chinese label), null when unknown. */
export function followUpColumnForHeader(header: string): string | null {
  const h = header.trim();
  return FOLLOW_UP_IMPORT_COLUMNS.find((c) => c.key === h.toLowerCase() || c.zh === h)?.key ?? null;
}

/** Chinese labels of the coded cells (the API codes are accepted as they are). */
export const STATUS_LABELS: Record<string, (typeof CONTACT_STATUSES)[number]> = {
  无瘤生存: 'alive_no_disease',
  带瘤生存: 'alive_with_disease',
  死亡: 'dead',
  失访: 'lost',
};
export const RECURRENCE_SITE_LABELS: Record<string, (typeof RECURRENCE_SITES)[number]> = {
  局部: 'local',
  局部复发: 'local',
  肝: 'liver',
  肝转移: 'liver',
  肺: 'lung',
  肺转移: 'lung',
  腹膜: 'peritoneum',
  腹膜转移: 'peritoneum',
  远处淋巴结: 'distant_nodes',
  其他: 'other',
};
export const DEATH_CAUSE_LABELS: Record<string, (typeof DEATH_CAUSES)[number]> = {
  本病: 'cancer',
  肿瘤: 'cancer',
  其他: 'other',
  不详: 'unknown',
};
export const METHOD_LABELS: Record<string, (typeof CONTACT_METHODS)[number]> = {
  门诊: 'clinic',
  电话: 'phone',
  短信: 'message',
  微信: 'message',
};

/** A coded cell: its label's code, else the cell lower-cased (the contract then refuses an unknown code). */
export function code(labels: Record<string, string>, cell: string | undefined): string | undefined {
  const s = cell?.trim();
  if (!s) return undefined;
  return labels[s] ?? s.toLowerCase();
}

/** A date cell: Y-M-D with -, / or . and one- or two-digit month and day → YYYY-MM-DD; anything else unchanged. */
export function isoDate(cell: string | undefined): string | undefined {
  const s = cell?.trim();
  if (!s) return undefined;
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
}

/** API field path of the contact body → template column. */
export function columnOfPath(path: string): string {
  const map: Record<string, string> = {
    date: 'date',
    status: 'status',
    method: 'method',
    notes: 'note',
    recurrence: 'recurrence_date',
    'recurrence.date': 'recurrence_date',
    'recurrence.site': 'recurrence_site',
    death: 'death_date',
    'death.date': 'death_date',
    'death.cause': 'death_cause',
  };
  return map[path] ?? (path || 'date');
}
