import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newWorkbook } from '../../../core/excel.js';
import { FOLLOW_UP_IMPORT_COLUMNS } from './columns.js';

/**
 * Follow-up of the synthetic patients of docs/import/oncology-example.* (import those first): the gastric
 * cancer alive and well, the rectal cancer with a liver recurrence, the pseudomyxoma patient dead of the
 * disease, the anal cancer lost to follow-up; Chinese labels and codes mixed, as departments write them.
 */
export function exampleFollowUpRows(): Record<string, string>[] {
  return [
    { inpatient_no: 'IMP2024001', date: '2024-06-20', status: '无瘤生存', method: '门诊', note: 'CEA 2.1' },
    { inpatient_no: 'IMP2024001', date: '2024-09-25', status: 'alive_no_disease', method: 'phone' },
    {
      inpatient_no: 'IMP2024002',
      date: '2024-10-15',
      status: '带瘤生存',
      recurrence_date: '2024-10-10',
      recurrence_site: '肝',
      method: '门诊',
    },
    { inpatient_no: 'IMP2024003', date: '2025-01-08', status: '死亡', death_date: '2025-01-05', death_cause: '本病', method: '电话' },
    { inpatient_no: 'IMP2024004', date: '2024-12-01', status: 'lost', method: 'phone', note: '电话三次未接通' },
  ];
}

function csvCell(c: string): string {
  return /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}

/** The template as UTF-8 CSV with BOM (Excel opens it as UTF-8): the header, then the rows. */
export function followUpCsv(rows: readonly Record<string, string>[] = []): string {
  const keys = FOLLOW_UP_IMPORT_COLUMNS.map((c) => c.key);
  const lines = [keys, ...rows.map((r) => keys.map((k) => r[k] ?? ''))];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The template workbook: the rows sheet (header = column keys), then a sheet explaining each column in Chinese and English. */
export async function followUpWorkbook(rows: readonly Record<string, string>[] = []): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'GISurg';
  const ws = wb.addWorksheet('follow-up');
  ws.addRow(FOLLOW_UP_IMPORT_COLUMNS.map((c) => c.key));
  for (const r of rows) ws.addRow(FOLLOW_UP_IMPORT_COLUMNS.map((c) => r[c.key] ?? ''));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((column) => (column.width = 16));
  const help = wb.addWorksheet('说明 columns');
  help.addRow(['列 column', '中文', '必填 required', '填写说明', 'what to enter']);
  for (const c of FOLLOW_UP_IMPORT_COLUMNS) help.addRow([c.key, c.zh, c.required ? '是 yes' : '', c.help.zh, c.help.en]);
  help.addRow([]);
  help.addRow([
    '',
    '',
    '',
    '每行一次随访；住院号或身份证号至少填一项。',
    'One row per contact; give the inpatient number or the resident ID.',
  ]);
  help.addRow([
    '',
    '',
    '',
    '同一患者同一日期同一结果的行视为已导入（跳过）。',
    'A row already imported (same patient, date and status) is skipped.',
  ]);
  help.getRow(1).font = { bold: true };
  help.columns = [{ width: 18 }, { width: 12 }, { width: 14 }, { width: 44 }, { width: 70 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Write docs/import/followup-template.{csv,xlsx} (header only) and followup-example.{csv,xlsx}. */
export async function writeFollowUpTemplateFiles(dir: string): Promise<void> {
  const examples = exampleFollowUpRows();
  await writeFile(path.join(dir, 'followup-template.csv'), followUpCsv(), 'utf8');
  await writeFile(path.join(dir, 'followup-example.csv'), followUpCsv(examples), 'utf8');
  await writeFile(path.join(dir, 'followup-template.xlsx'), await followUpWorkbook());
  await writeFile(path.join(dir, 'followup-example.xlsx'), await followUpWorkbook(examples));
}
