import type ExcelJSModule from 'exceljs';

let loading: Promise<typeof ExcelJSModule> | null = null;

/**
 * ExcelJS, loaded on first use: it is the heaviest module the server imports (~0.35 s of a ~3 s warm start,
 * issue 18 start-up) and only exports and imports of spreadsheets need it.
 */
export function loadExcel(): Promise<typeof ExcelJSModule> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}

/** A new workbook (ExcelJS loaded on first use). */
export async function newWorkbook(): Promise<ExcelJSModule.Workbook> {
  const ExcelJS = await loadExcel();
  return new ExcelJS.Workbook();
}
