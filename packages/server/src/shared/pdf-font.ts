import { existsSync } from 'node:fs';
import { AppError } from '../core/app-error.js';

/** The CJK font generated PDFs embed (config GISURG_PDF_FONT / GISURG_PDF_FONT_NAME). */
export interface PdfFont {
  path: string;
  /** Face inside a collection (.ttc), e.g. `NotoSansCJKsc-Regular`. */
  postscriptName: string;
}

/**
 * Fail clearly when the font is missing (503 with what to install), instead of a PDF whose Chinese
 * renders as empty boxes.
 */
export function ensurePdfFont(font: PdfFont): PdfFont {
  if (!existsSync(font.path)) throw new AppError('UNAVAILABLE', 'mdt.errors.pdfFontMissing', { path: font.path });
  return font;
}
