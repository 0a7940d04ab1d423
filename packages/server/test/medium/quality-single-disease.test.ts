import ExcelJS from 'exceljs';
import { resectionSite } from '@gisurg/clinical';
import { and, asc, between, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UseCaseContext } from '../../src/core/context.js';
import { auditLog, operationProcedures, operations, pathologyReports, patients } from '../../src/db/schema/index.js';
import { computeVolumes } from '../../src/features/quality/get-volumes.js';
import { getSingleDiseaseExport } from '../../src/features/quality/single-disease.js';
import { createDemoDatabase, type DemoDatabase, demoContext } from './support/test-db.js';

/**
 * The single-disease (单病种) export on the demo year (issue 12): the workbook, opened with exceljs, has one
 * row per gastric (colorectal) resection of the period — the same operations the volumes page counts by site
 * and that a direct read of the record classifies with `resectionSite` — with pathology as recorded.
 */
let database: DemoDatabase;
let ctx: UseCaseContext;
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };

beforeAll(async () => {
  database = await createDemoDatabase();
  ctx = await demoContext(database, 'department_head', 'single-disease-test');
}, 180_000);
afterAll(async () => database.destroy());

async function workbookRows(body: Buffer): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('病例')!;
  const headers: string[] = [];
  ws.getRow(1).eachCell((c, i) => (headers[i] = c.text));
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const r: Record<string, unknown> = {};
    row.eachCell({ includeEmpty: true }, (c, i) => (r[headers[i]!] = c.value));
    rows.push(r);
  });
  return rows;
}

/** The period's operations of a site, read straight from the record and classified as the indicators do. */
async function resectionsOf(site: 'stomach' | 'colorectal') {
  const ops = await database.db
    .select({ id: operations.id, date: operations.operationDate, inpatientNo: patients.inpatientNo })
    .from(operations)
    .innerJoin(patients, eq(patients.id, operations.patientId))
    .where(and(isNull(operations.deletedAt), isNull(patients.deletedAt), between(operations.operationDate, PERIOD.from, PERIOD.to)));
  const procs = await database.db
    .select()
    .from(operationProcedures)
    .where(
      inArray(
        operationProcedures.operationId,
        ops.map((o) => o.id),
      ),
    )
    .orderBy(asc(operationProcedures.position));
  return ops.filter((o) => resectionSite(procs.filter((p) => p.operationId === o.id).map((p) => p.code)) === site);
}

describe('single-disease export (demo year)', () => {
  it.each([
    ['gastric', 'stomach'],
    ['colorectal', 'colorectal'],
  ] as const)('%s: one row per resection of the period, the same the volumes page counts', async (disease, site) => {
    const file = await getSingleDiseaseExport(ctx, { ...PERIOD, disease });
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await workbookRows(file.body);
    const expected = await resectionsOf(site);
    expect(expected.length).toBeGreaterThan(10);
    expect(rows).toHaveLength(expected.length);
    const volumes = await computeVolumes(database.db, 2026, null);
    expect(rows).toHaveLength(volumes.bySite.find((s) => s.site === site)!.operations);
    const key = (no: unknown, date: unknown) => `${String(no)}|${String(date)}`;
    expect(rows.map((r) => key(r['住院号（病案号）'], r['手术日期'])).sort()).toEqual(
      expected.map((o) => key(o.inpatientNo, o.date)).sort(),
    );
    expect(rows.map((r) => r['序号'])).toEqual(rows.map((_r, i) => i + 1));
    expect(rows.every((r) => r['住院总费用（元）'] === '未记录')).toBe(true);
  });

  it('carries pathology as recorded and audits the export with the patient count', async () => {
    const file = await getSingleDiseaseExport(ctx, { ...PERIOD, disease: 'gastric' });
    const rows = await workbookRows(file.body);
    const expected = await resectionsOf('stomach');
    const path = await database.db
      .select({ operationId: pathologyReports.operationId, nodes: pathologyReports.nodesExamined, margin: pathologyReports.margin })
      .from(pathologyReports)
      .where(
        and(
          isNull(pathologyReports.deletedAt),
          inArray(
            pathologyReports.operationId,
            expected.map((o) => o.id),
          ),
        ),
      );
    for (const o of expected) {
      const row = rows.find((r) => r['住院号（病案号）'] === o.inpatientNo && r['手术日期'] === o.date)!;
      const p = path.find((x) => x.operationId === o.id);
      expect(row['淋巴结检出数'] ?? null, o.id).toBe(p?.nodes ?? null);
      expect(row['切缘'] ?? null, o.id).toBe(p?.margin ?? null);
      const icd10 = row['主要诊断 ICD-10'];
      expect(icd10 === null || icd10 === undefined || (typeof icd10 === 'string' && icd10.startsWith('C16')), o.id).toBe(true);
    }
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'quality.single_disease.export'), eq(auditLog.requestId, 'single-disease-test')));
    expect(audit!.details).toMatchObject({
      disease: 'gastric',
      rows: rows.length,
      patients: new Set(expected.map((o) => o.inpatientNo)).size,
    });
  });
});
