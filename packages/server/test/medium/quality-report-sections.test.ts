import os from 'node:os';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import type { UseCaseContext } from '../../src/core/context.js';
import { getFigures } from '../../src/features/consultations/get-figures.js';
import { getConcordance } from '../../src/features/mdt/get-concordance.js';
import { annualReportData, getAnnualReport } from '../../src/features/quality/get-annual-report.js';
import { inkRatio, pdfText, renderFirstPage } from './support/pdf-tools.js';
import { createDemoDatabase, DEMO_NOW, type DemoDatabase, demoContext } from './support/test-db.js';

/**
 * The annual report's tumor-board, consultation, research and teaching sections (issue 12) on the demo
 * data: each section's numbers are those of the feature's own page for the year, and the PDF text carries
 * every number of the workbook's section sheets. A year without data says "no data recorded" in both.
 */
let database: DemoDatabase;
let ctx: UseCaseContext;
const font = parseConfig({ DATA_DIR: os.tmpdir() }).pdfFont;

beforeAll(async () => {
  database = await createDemoDatabase();
  ctx = await demoContext(database, 'department_head');
}, 180_000);
afterAll(async () => database.destroy());

/** The label/value rows of one section sheet, with the value's number format. */
async function sheetCells(xlsx: Buffer, name: string): Promise<{ label: string; value: number | null; numFmt: string | undefined }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name)!;
  const rows: { label: string; value: number | null; numFmt: string | undefined }[] = [];
  ws.eachRow((row, n) => {
    const cell = row.getCell(2);
    if (n > 1) rows.push({ label: row.getCell(1).text, value: (cell.value as number | null) ?? null, numFmt: cell.numFmt });
  });
  return rows;
}
const sheetRows = async (xlsx: Buffer, name: string): Promise<[string, number | null][]> =>
  (await sheetCells(xlsx, name)).map((r) => [r.label, r.value]);

describe('annual report: MDT, consultations, research and teaching', () => {
  it("counts each section as the feature's own page does for the year", async () => {
    const d = await annualReportData(database.db, ctx.actor, 2026, DEMO_NOW, 'Asia/Shanghai');
    const concordance = await getConcordance(ctx, { from: '2026-01-01', to: '2026-12-31' });
    expect(d.mdt).not.toBeNull();
    expect(d.mdt!.concordance).toEqual(concordance.overall);
    expect(d.mdt!.boardsHeld).toBeGreaterThan(0);
    expect(d.mdt!.casesDiscussed).toBeGreaterThanOrEqual(concordance.overall.cases);

    const figures = await getFigures(ctx, 2026);
    const sum = (k: 'consultations' | 'answered' | 'answeredWithinDeadline' | 'referralsAdmitted') =>
      figures.hospitals.reduce((s, h) => s + h[k], 0);
    expect(d.consultations).toMatchObject({
      received: sum('consultations'),
      answered: sum('answered'),
      answeredWithinDeadline: sum('answeredWithinDeadline'),
      referralsAdmitted: sum('referralsAdmitted'),
      hospitals: figures.hospitals.length,
    });
    expect(d.consultations!.received).toBeGreaterThan(0);
    expect(d.research!.projectsActive).toBeGreaterThan(0);
    expect(d.education!.events.forum + d.education!.events.teaching_class).toBeGreaterThan(0);
  });

  it('PDF text and workbook carry the same section numbers; Chinese renders with ink', async () => {
    const pdf = await getAnnualReport(ctx, { year: 2026, format: 'pdf' }, font);
    const xlsx = await getAnnualReport(ctx, { year: 2026, format: 'xlsx' }, font);
    const text = pdfText(pdf.body).replace(/\s+/g, ' ');
    expect(text).toContain('四、MDT 与执行一致性');
    expect(text).toContain('七、教学');
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    for (const sheet of ['MDT', '会诊', '科研', '教学']) {
      const rows = await sheetCells(xlsx.body, sheet);
      expect(rows.length, sheet).toBeGreaterThan(5);
      // The PDF prints each number as the workbook formats it (percent, one decimal, thousands, integer).
      for (const { label, value, numFmt } of rows) {
        const shown =
          value === null
            ? '—'
            : numFmt === '0.0%'
              ? pct(value)
              : numFmt === '0.0'
                ? value.toFixed(1)
                : numFmt === '#,##0'
                  ? Math.round(value).toLocaleString('en-US')
                  : String(value);
        expect(text, `${sheet}: ${label}`).toContain(`${label} ${shown}`);
      }
    }
    const d = await annualReportData(database.db, ctx.actor, 2026, DEMO_NOW, 'Asia/Shanghai');
    const mdt = await sheetRows(xlsx.body, 'MDT');
    expect(mdt.find(([l]) => l === 'MDT 会议次数')![1]).toBe(d.mdt!.boardsHeld);
    expect(mdt.find(([l]) => l.startsWith('MDT 执行一致率'))![1]).toBe(d.mdt!.concordance.concordanceRate);
    const consult = await sheetRows(xlsx.body, '会诊');
    expect(consult.find(([l]) => l === '收到会诊申请')![1]).toBe(d.consultations!.received);
    expect(consult.find(([l]) => l === '问卷：避免了转诊')![1]).toBe(d.consultations!.referralAvoided);
    expect(inkRatio(renderFirstPage(pdf.body))).toBeGreaterThan(0.002);
  });

  it('a year without tumor boards, consultations, research or teaching says "no data recorded" in both files', async () => {
    const d = await annualReportData(database.db, ctx.actor, 2001, DEMO_NOW, 'Asia/Shanghai');
    expect([d.mdt, d.consultations, d.research, d.education]).toEqual([null, null, null, null]);
    const pdf = await getAnnualReport(ctx, { year: 2001, format: 'pdf' }, font);
    const text = pdfText(pdf.body).replace(/\s+/g, ' ');
    expect(text.match(/2001 年度暂无数据记录/g)).toHaveLength(4);
    const xlsx = await getAnnualReport(ctx, { year: 2001, format: 'xlsx' }, font);
    for (const sheet of ['MDT', '会诊', '科研', '教学'])
      expect(await sheetRows(xlsx.body, sheet)).toEqual([['2001 年度暂无数据记录', null]]);
  });
});
