import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { newWorkbook } from './excel.js';

/**
 * Spreadsheet files of the imports (oncology cases, historic follow-up): the first worksheet of an .xlsx
 * or a CSV file (UTF-8 with or without BOM), as a header and rows with their line numbers. Excel dates
 * become YYYY-MM-DD (with HH:mm when they carry a time), times HH:mm.
 */
export interface SheetRow {
  /** Line (CSV) or row (xlsx) number in the file, 1-based, counting the header. */
  line: number;
  cells: string[];
}

export interface Sheet {
  header: string[];
  rows: SheetRow[];
}

export type SpreadsheetKind = 'csv' | 'xlsx';

/** The file is not a readable spreadsheet (empty, not CSV/xlsx, a workbook without sheets …). */
export class SpreadsheetError extends Error {}

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
export function cellText(value: ExcelJS.CellValue): string {
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

function toSheet(table: SheetRow[]): Sheet {
  const [first, ...rest] = table;
  if (!first) throw new SpreadsheetError('the file is empty');
  return { header: first.cells, rows: rest.filter((r) => r.cells.some((c) => c.trim() !== '')) };
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** What the bytes are: an xlsx (a ZIP) or CSV (UTF-8 text without NUL bytes); null for anything else. */
export function sniffSpreadsheet(bytes: Buffer): SpreadsheetKind | null {
  if (bytes.subarray(0, 4).equals(XLSX_MAGIC)) return 'xlsx';
  if (bytes.length === 0 || bytes.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'csv';
  } catch {
    return null;
  }
}

/** Parse the bytes of a CSV or xlsx file (first worksheet; header in the first row). */
export async function readSpreadsheet(bytes: Buffer, kind: SpreadsheetKind): Promise<Sheet> {
  if (kind === 'csv') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new SpreadsheetError('the CSV file is not UTF-8 text');
    }
    return toSheet(parseCsv(text).map((cells, i) => ({ line: i + 1, cells })));
  }
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new SpreadsheetError('the file is not a readable Excel workbook');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new SpreadsheetError('the workbook has no worksheet');
  const table: SheetRow[] = [];
  const width = ws.getRow(1).cellCount;
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    table.push({ line, cells: Array.from({ length: Math.max(width, row.cellCount) }, (_, i) => cellText(row.getCell(i + 1).value)) });
  });
  return toSheet(table);
}

/** Read a .csv or .xlsx file by its extension. */
export async function readSpreadsheetFile(file: string): Promise<Sheet> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return readSpreadsheet(await readFile(file), 'csv');
  if (ext === '.xlsx') return readSpreadsheet(await readFile(file), 'xlsx');
  throw new SpreadsheetError('the file must be .csv or .xlsx');
}

/**
 * The rows as `{ line, values }` keyed by column key (`columnFor(header)`, null for an unknown header),
 * cells trimmed; the headers not recognised are returned so the caller can refuse the file.
 */
export function rowsByColumn(
  sheet: Sheet,
  columnFor: (header: string) => string | null,
): { rows: { line: number; values: Record<string, string> }[]; unknownHeaders: string[] } {
  const keys = sheet.header.map((h) => columnFor(h));
  const unknownHeaders = sheet.header.filter((h, i) => h.trim() !== '' && keys[i] === null);
  const rows = sheet.rows.map((r) => {
    const values: Record<string, string> = {};
    keys.forEach((k, i) => {
      if (k) values[k] = (r.cells[i] ?? '').trim();
    });
    return { line: r.line, values };
  });
  return { rows, unknownHeaders };
}
