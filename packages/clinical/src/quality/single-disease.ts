/**
 * Inclusion rules of the national single-disease (单病种) quality platform, group "六、肿瘤（手术治疗）"
 * (国家单病种质量管理与控制平台; list reported as 国卫办医函〔2020〕624号, text not retrieved; the rules are
 * taken from two independent implementations of the platform's list, china-context.md §2.3, source S17):
 * - 32 胃癌（手术治疗） GC: principal diagnosis ICD-10 C16 with principal operation ICD-9-CM-3 43.4–43.9;
 * - 34 结肠癌（手术治疗） CoC: principal diagnosis C18 or D01.0 with principal operation 45.4, 45.73–45.79 or 45.8.
 * Rectal cancer (C20) is outside CoC. The CoC list names the open colectomy codes only; GISurg codes a
 * laparoscopic colectomy with its ICD-9-CM-3 laparoscopic equivalent 17.31–17.39 (ICD-9-CM-3 2009 update),
 * which this rule counts as the same operation (an inference, docs/quality.md).
 */
export type SingleDiseaseEntry = 'GC' | 'CoC';

const inRange = (code: string, lo: number, hi: number) => {
  const n = Number.parseFloat(code);
  return Number.isFinite(n) && n >= lo && n < hi;
};

export function singleDiseaseIncluded(entry: SingleDiseaseEntry, icd10: string | null, icd9cm3: string | null): boolean {
  if (!icd10 || !icd9cm3) return false;
  const dx = icd10.toUpperCase().replace(/\s/g, '');
  const op = icd9cm3.trim();
  if (entry === 'GC') return dx.startsWith('C16') && inRange(op, 43.4, 44);
  const colon = dx.startsWith('C18') || dx.startsWith('D01.0');
  const procedure = op.startsWith('45.4') || inRange(op, 45.73, 45.8) || op.startsWith('45.8') || inRange(op, 17.31, 17.4);
  return colon && procedure;
}
