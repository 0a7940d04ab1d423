import type PDFKit from 'pdfkit';
import type { PdfFont } from './pdf-font.js';

/**
 * pdfkit, loaded on the first PDF: it loads fontkit, whose tables are decompressed when the module is evaluated
 * (~0.25 s of every start before; issue 18, start-up).
 */
export async function loadPdfKit(): Promise<typeof PDFKit> {
  return (await import('pdfkit')).default;
}

/** A4 document with the CJK font registered; `finish()` resolves to the bytes. */
export async function newPdf(font: PdfFont, info: { title: string; author: string; createdAt: Date }) {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: info.title, Author: info.author, Creator: 'GISurg', CreationDate: info.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.postscriptName);
  doc.font('cjk');
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  return {
    doc,
    width,
    /** Page footers on every page, then end the document. */
    async finish(footer: (page: number, total: number) => string): Promise<Buffer> {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i += 1) {
        doc.switchToPage(i);
        const bottom = doc.page.height - doc.page.margins.bottom + 24;
        // Writing inside the bottom margin must not start a new page.
        const margin = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc
          .fontSize(8)
          .fillColor('#666666')
          .text(footer(i + 1, range.count), doc.page.margins.left, bottom, { width, align: 'center', lineBreak: false });
        doc.page.margins.bottom = margin;
      }
      doc.end();
      return done;
    },
  };
}
