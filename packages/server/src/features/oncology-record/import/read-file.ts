import { readSpreadsheetFile, rowsByColumn, SpreadsheetError } from '../../../core/spreadsheet.js';
import { columnForHeader } from './columns.js';

export interface ImportRow {
  /** Line (CSV) or row (xlsx) number in the file, 1-based, counting the header. */
  line: number;
  values: Record<string, string>;
}

/** The file cannot be read as the template (core/spreadsheet.ts refuses it, or it has unknown columns). */
export { SpreadsheetError as ImportFileError } from '../../../core/spreadsheet.js';
export { parseCsv } from '../../../core/spreadsheet.js';

/** Read the template's rows from a .csv or .xlsx file (first worksheet; header in the first row). */
export async function readImportFile(file: string): Promise<ImportRow[]> {
  const { rows, unknownHeaders } = rowsByColumn(await readSpreadsheetFile(file), columnForHeader);
  if (unknownHeaders.length > 0)
    throw new SpreadsheetError(`unknown column(s): ${unknownHeaders.join(', ')} (see docs/import-oncology.md)`);
  return rows;
}
