import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { columnForHeader } from './columns.js';

export interface ImportRow {
  /** Line (CSV) or row (xlsx) number in the file, 1-based, counting the header. */
  line: number;
  values: Record<string, string>;
}

export class ImportFileError extends Error {}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF/LF, UTF-8 with or without BOM). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel cell as text: dates YYYY-MM-DD, times (1899-12-30 dates) HH:mm, rich text and formulas by value. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (value.getUTCFullYear() <= 1900) return `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    return value.getUTCHours() || value.getUTCMinutes() ? `${date} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : date;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

function toRows(table: { line: number; cells: string[] }[]): ImportRow[] {
  const header = table[0];
  if (!header) throw new ImportFileError('the file is empty');
  const keys = header.cells.map((h) => columnForHeader(h));
  const unknown = header.cells.filter((h, i) => h.trim() !== '' && keys[i] === null);
  if (unknown.length > 0) throw new ImportFileError(`unknown column(s): ${unknown.join(', ')} (see docs/import-oncology.md)`);
  return table
    .slice(1)
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => {
      const values: Record<string, string> = {};
      keys.forEach((k, i) => {
        if (k) values[k] = (r.cells[i] ?? '').trim();
      });
      return { line: r.line, values };
    });
}

/** Read the template's rows from a .csv or .xlsx file (first worksheet; header in the first row). */
export async function readImportFile(file: string): Promise<ImportRow[]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') {
    const rows = parseCsv(await readFile(file, 'utf8'));
    return toRows(rows.map((cells, i) => ({ line: i + 1, cells })));
  }
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    if (!ws) throw new ImportFileError('the workbook has no worksheet');
    const table: { line: number; cells: string[] }[] = [];
    const width = ws.getRow(1).cellCount;
    ws.eachRow({ includeEmpty: false }, (row, line) => {
      table.push({ line, cells: Array.from({ length: Math.max(width, row.cellCount) }, (_, i) => cellText(row.getCell(i + 1).value)) });
    });
    return toRows(table);
  }
  throw new ImportFileError('the file must be .csv or .xlsx');
}
