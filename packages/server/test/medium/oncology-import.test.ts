import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, formatReport, parseImportArgs } from '../../src/cli/import-oncology.js';
import { auditLog, oncologyDiagnoses, operations, pathologyReports, patients } from '../../src/db/schema/index.js';
import { IMPORT_COLUMNS } from '../../src/features/oncology-record/import/columns.js';
import { importOncologyRows } from '../../src/features/oncology-record/import/import-rows.js';
import { readImportFile } from '../../src/features/oncology-record/import/read-file.js';
import type { UseCaseContext } from '../../src/core/context.js';
import { aUser } from './support/builders.js';
import { oncologyCounts } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/import');
let w: TestWorld;
let ctx: UseCaseContext;
beforeAll(async () => {
  w = await createTestWorld();
  // The example file names the demo usernames.
  await aUser('surgeon', w.homeOrgId, { username: 'surgeon' }).build(w.db);
  await aUser('resident', w.homeOrgId, { username: 'resident' }).build(w.db);
  const actor = (await actorFor(w.db, 'surgeon'))!;
  ctx = {
    db: w.db,
    actor,
    meta: { requestId: 'import-test', clientIp: null, userAgent: 'test' },
    locale: 'zh-CN',
    clock: w.clock,
    timeZone: 'Asia/Shanghai',
  };
});
afterAll(async () => w.close());

function tempCsv(rows: Record<string, string>[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gisurg-import-'));
  const file = path.join(dir, 'cases.csv');
  const keys = IMPORT_COLUMNS.map((c) => c.key);
  writeFileSync(file, [keys.join(','), ...rows.map((r) => keys.map((k) => r[k] ?? '').join(','))].join('\n'));
  return file;
}

describe('docs/import templates', () => {
  it('have exactly the documented columns, in CSV and Excel', async () => {
    const keys = IMPORT_COLUMNS.map((c) => c.key);
    for (const file of ['oncology-template.csv', 'oncology-example.csv', 'oncology-template.xlsx', 'oncology-example.xlsx']) {
      const rows = await readImportFile(path.join(docs, file));
      for (const r of rows) expect(Object.keys(r.values)).toEqual(keys);
    }
    expect(await readImportFile(path.join(docs, 'oncology-template.csv'))).toEqual([]);
    const guide = readFileSync(path.join(docs, '..', 'import-oncology.md'), 'utf8');
    for (const c of IMPORT_COLUMNS) expect(guide, c.key).toContain(`| \`${c.key}\` | ${c.zh} |`);
  });
});

describe('gisurg import oncology', () => {
  it('imports the example file: patients registered, diagnoses shared by rows, stages computed, audited', async () => {
    const rows = await readImportFile(path.join(docs, 'oncology-example.csv'));
    const progress: number[] = [];
    const report = await importOncologyRows(ctx, rows, { onProgress: (done) => progress.push(done) });
    expect(report).toMatchObject({ total: 5, imported: 5, failed: 0, errors: [] });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    const [p] = await w.db.select().from(patients).where(eq(patients.inpatientNo, 'IMP2024001'));
    const [gastric] = await w.db.select().from(oncologyDiagnoses).where(eq(oncologyDiagnoses.patientId, p!.id));
    expect(gastric).toMatchObject({ clinicalStage: 'III', stagingEdition: 8 });
    const [op] = await w.db.select().from(operations).where(eq(operations.patientId, p!.id));
    expect(op).toMatchObject({ approach: 'laparoscopic', durationMin: 215, cci30: 20.9 });
    const [path1] = await w.db.select().from(pathologyReports).where(eq(pathologyReports.operationId, op!.id));
    expect(path1).toMatchObject({ n: 'N2', pathologicalStage: 'IIIA', lymphNodesAdequate: true });
    const [rectal] = await w.db.select().from(patients).where(eq(patients.inpatientNo, 'IMP2024002'));
    expect(await w.db.select().from(oncologyDiagnoses).where(eq(oncologyDiagnoses.patientId, rectal!.id))).toHaveLength(1);
    expect(await w.db.select().from(operations).where(eq(operations.patientId, rectal!.id))).toHaveLength(2);
    const audit = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'oncology.operation.create'), sql`${auditLog.requestId} like 'import-test:%'`));
    expect(audit).toHaveLength(5);
  });

  it('reads the Excel example and refuses every row already imported, writing nothing', async () => {
    const before = await oncologyCounts(w);
    const rows = await readImportFile(path.join(docs, 'oncology-example.xlsx'));
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(rows[0]!.values.start_time).toBe('08:30');
    const report = await importOncologyRows(ctx, rows);
    expect(report).toMatchObject({ imported: 0, failed: 5 });
    expect(report.errors.every((e) => e.column === 'operation_date')).toBe(true);
    expect(await oncologyCounts(w)).toEqual(before);
  });

  it('imports the good rows and reports each bad row with its line, column and reason, never writing part of a row', async () => {
    const [first] = await readImportFile(path.join(docs, 'oncology-example.csv'));
    const base = { ...first!.values, inpatient_no: 'IMP-NEW-1', id_number: '', name: '', sex: '', birth_date: '' };
    // A patient that exists now (registered by the first test).
    const good = {
      ...base,
      inpatient_no: 'IMP2024001',
      operation_date: '2024-09-01',
      procedures: 'diagnostic_laparoscopy',
      start_time: '',
      end_time: '',
      pt: '',
      nodes_examined: '',
      nodes_positive: '',
      pm: '',
      grade: '',
      margin: '',
      lvi: '',
      pni: '',
      mmr: '',
      her2_ihc: '',
      report_date: '',
      complications: '',
      anastomosis: 'none',
      anastomosis_technique: '',
      discharge_date: '2024-09-02',
    };
    const tooManyPositive = {
      ...good,
      operation_date: '2024-09-02',
      procedures: 'gastrectomy_total_d2',
      pt: 'T3',
      nodes_examined: '4',
      nodes_positive: '9',
      pm: 'M0',
      discharge_date: '',
    };
    const complicationBefore = { ...good, operation_date: '2024-09-03', complications: '2024-08-30|ileus|II', discharge_date: '' };
    const unknownPatient = { ...good, inpatient_no: 'NOPE-404' };
    const before = await oncologyCounts(w);
    const report = await importOncologyRows(
      ctx,
      await readImportFile(tempCsv([good, tooManyPositive, complicationBefore, unknownPatient])),
    );
    expect(report).toMatchObject({ total: 4, imported: 1, failed: 3 });
    expect(report.errors).toEqual([
      { line: 3, column: 'nodes_positive', message: '阳性淋巴结数（9）不能多于检出淋巴结数（4）。' },
      { line: 4, column: 'complications', message: '并发症日期早于手术日期。' },
      { line: 5, column: 'inpatient_no', message: expect.stringContaining('未找到该患者') },
    ]);
    const after = await oncologyCounts(w);
    expect(after.operations).toBe(before.operations + 1);
    expect(after.pathology).toBe(before.pathology);
    expect(after.complications).toBe(before.complications);
    expect(formatReport(report, 'cases.csv', 'zh-CN')).toContain('第 3 行 [nodes_positive]');
  });

  it('writes nothing in strict mode when a row is bad, and nothing in a dry run', async () => {
    const [first] = await readImportFile(path.join(docs, 'oncology-example.csv'));
    const good = {
      ...first!.values,
      inpatient_no: 'IMP2024001',
      operation_date: '2024-10-01',
      complications: '',
      discharge_date: '',
      report_date: '',
    };
    const bad = { ...good, operation_date: '2024-10-02', approach: 'converted' };
    const before = await oncologyCounts(w);
    const strict = await importOncologyRows(ctx, await readImportFile(tempCsv([good, bad])), { strict: true });
    expect(strict).toMatchObject({ imported: 0, failed: 1, strict: true, errors: [{ line: 3, column: 'conversion_reason' }] });
    const dry = await importOncologyRows(ctx, await readImportFile(tempCsv([good])), { dryRun: true });
    expect(dry).toMatchObject({ imported: 1, failed: 0, dryRun: true });
    expect(await oncologyCounts(w)).toEqual(before);
  });

  it('parses the command line', () => {
    expect(parseImportArgs(['--file', 'x.xlsx', '--dry-run', '--lang', 'en'])).toMatchObject({
      file: 'x.xlsx',
      dryRun: true,
      lang: 'en',
      user: 'admin',
    });
    expect(parseImportArgs(['--strict'])).toBe('missing --file');
    expect(parseImportArgs(['--file', 'x.csv', '--force'])).toBe('unknown option --force');
  });
});
