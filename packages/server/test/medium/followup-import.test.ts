import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOW_UP_IMPORT_TYPES, type FollowUpImportReport } from '@gisurg/contracts/followup';
import { actorFor } from '../../src/cli/import-oncology.js';
import { readSpreadsheet } from '../../src/core/spreadsheet.js';
import { auditLog, followUpContacts, patients } from '../../src/db/schema/index.js';
import { FOLLOW_UP_IMPORT_COLUMNS } from '../../src/features/followup/import/columns.js';
import { importOncologyRows } from '../../src/features/oncology-record/import/import-rows.js';
import { readImportFile } from '../../src/features/oncology-record/import/read-file.js';
import { aPatient, aUser } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/** Historic follow-up import (issue 11, docs/follow-up.md "历史随访导入"): POST /api/follow-up/import. */
const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs');
const KEYS = FOLLOW_UP_IMPORT_COLUMNS.map((c) => c.key);
let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

const csv = (rows: Record<string, string>[], header = KEYS) =>
  Buffer.from(`\uFEFF${[header.join(','), ...rows.map((r) => header.map((k) => r[k] ?? '').join(','))].join('\r\n')}\r\n`);

async function upload(
  body: Buffer | string,
  opts: { type?: string; dryRun?: boolean; lang?: 'en'; who?: Parameters<TestWorld['as']>[0] } = {},
): Promise<LightMyRequestResponse> {
  return w.app.inject({
    method: 'POST',
    url: `/api/follow-up/import${opts.dryRun ? '?dryRun=true' : ''}`,
    headers: {
      cookie: await w.as(opts.who ?? 'nurse'),
      'content-type': opts.type ?? FOLLOW_UP_IMPORT_TYPES.csv,
      ...(opts.lang ? { 'x-gisurg-locale': opts.lang } : {}),
    },
    payload: body,
  });
}

async function homePatient(birthDate = '1950-01-01') {
  return aPatient(w.homeOrgId, { birthDate }).build(w.db);
}
const contactsOf = async (patientId: string) =>
  w.db.select().from(followUpContacts).where(eq(followUpContacts.patientId, patientId)).orderBy(followUpContacts.contactDate);

describe('POST /api/follow-up/import', () => {
  it('imports a CSV: Chinese labels and codes, by inpatient number or resident ID, each row through record-contact (audited)', async () => {
    const a = await homePatient();
    const b = await homePatient();
    const file = csv([
      { inpatient_no: a.inpatientNo!, date: '2024/3/5', status: '无瘤生存', method: '门诊', note: 'CEA 正常' },
      { inpatient_no: a.inpatientNo!, date: '2024-09-01', status: '带瘤生存', recurrence_date: '2024-08-20', recurrence_site: '肝' },
      { id_number: b.idNumber!, date: '2024-10-02', status: '死亡', death_date: '2024-09-30', death_cause: '本病', method: 'phone' },
    ]);
    const res = await upload(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FollowUpImportReport>()).toEqual({ total: 3, imported: 3, skipped: 0, failed: 0, dryRun: false, errors: [] });
    expect((await contactsOf(a.id)).map((c) => [c.contactDate, c.status, c.method, c.recurrenceSite, c.notes])).toEqual([
      ['2024-03-05', 'alive_no_disease', 'clinic', null, 'CEA 正常'],
      ['2024-09-01', 'alive_with_disease', 'phone', 'liver', null],
    ]);
    expect(await contactsOf(b.id)).toMatchObject([{ status: 'dead', deathDate: '2024-09-30', deathCause: 'cancer' }]);
    const audit = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'followup.contact.create'), eq(auditLog.patientId, a.id)));
    expect(audit).toHaveLength(2);
    expect(audit.every((r) => /:\d+$/.test(r.requestId ?? ''))).toBe(true);
  });

  it('skips rows already imported: the same file twice writes nothing the second time', async () => {
    const p = await homePatient();
    const file = csv([
      { inpatient_no: p.inpatientNo!, date: '2024-01-10', status: 'alive_no_disease' },
      { inpatient_no: p.inpatientNo!, date: '2024-04-10', status: 'lost' },
    ]);
    expect((await upload(file)).json<FollowUpImportReport>()).toMatchObject({ imported: 2, skipped: 0 });
    const again = await upload(file);
    expect(again.statusCode).toBe(200);
    expect(again.json<FollowUpImportReport>()).toMatchObject({ total: 2, imported: 0, skipped: 2, failed: 0 });
    expect(await contactsOf(p.id)).toHaveLength(2);
  });

  it('reads xlsx with Chinese headers and date cells', async () => {
    const p = await homePatient();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('随访');
    ws.addRow(['住院号', '随访日期', '随访结果', '随访方式']);
    ws.addRow([p.inpatientNo, new Date(Date.UTC(2024, 5, 1)), '无瘤生存', '电话']);
    ws.addRow([p.inpatientNo, '2024-12-01', '失访', '短信']);
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()), { type: FOLLOW_UP_IMPORT_TYPES.xlsx });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FollowUpImportReport>()).toMatchObject({ total: 2, imported: 2 });
    expect((await contactsOf(p.id)).map((c) => [c.contactDate, c.status, c.method])).toEqual([
      ['2024-06-01', 'alive_no_disease', 'phone'],
      ['2024-12-01', 'lost', 'message'],
    ]);
  });

  it('writes nothing when a row fails and names every bad cell by line and column, in Chinese and in English', async () => {
    const p = await homePatient('1960-05-05');
    const file = csv([
      { inpatient_no: p.inpatientNo!, date: '2024-01-10', status: 'alive_no_disease' },
      { inpatient_no: p.inpatientNo!, date: '2024-02-10', status: 'dead' },
      { inpatient_no: p.inpatientNo!, date: '2024-13-01', status: '好转' },
      { inpatient_no: p.inpatientNo!, date: '1950-01-01', status: 'lost' },
    ]);
    const zh = await upload(file);
    expect(zh.statusCode).toBe(400);
    const body = zh.json<{ error: { code: string; message: string; details: FollowUpImportReport } }>().error;
    expect(body.code).toBe('VALIDATION');
    expect(body.message).toBe('有 3 行数据有误，未导入任何记录');
    expect(body.details).toMatchObject({ total: 4, imported: 0, failed: 3, dryRun: false });
    expect(body.details.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'death_date'],
      [4, 'date'],
      [4, 'status'],
      [5, 'date'],
    ]);
    expect(body.details.errors[0]!.message).toBe('状态为“死亡”时请填写死亡日期和原因');
    expect(body.details.errors[3]!.message).toBe('日期不能早于出生日期');
    expect(await contactsOf(p.id)).toEqual([]);

    const en = (await upload(file, { lang: 'en' })).json<{ error: { message: string; details: FollowUpImportReport } }>().error;
    expect(en.message).toBe('3 row(s) have errors; nothing was imported');
    expect(en.details.errors[0]!.message).toBe('Give the date and cause of death when the status is "dead"');
    expect(en.details.errors[3]!.message).toBe('The date cannot be before the date of birth');
  });

  it('dry run checks every row and writes nothing', async () => {
    const p = await homePatient();
    const good = csv([{ inpatient_no: p.inpatientNo!, date: '2024-01-10', status: 'alive_no_disease' }]);
    const check = await upload(good, { dryRun: true });
    expect(check.statusCode).toBe(200);
    expect(check.json<FollowUpImportReport>()).toEqual({ total: 1, imported: 1, skipped: 0, failed: 0, dryRun: true, errors: [] });
    const bad = await upload(csv([{ inpatient_no: p.inpatientNo!, date: '2024-01-11', status: 'dead' }]), { dryRun: true });
    expect(bad.statusCode).toBe(200);
    expect(bad.json<FollowUpImportReport>()).toMatchObject({
      imported: 0,
      failed: 1,
      dryRun: true,
      errors: [{ line: 2, column: 'death_date' }],
    });
    expect(await contactsOf(p.id)).toEqual([]);
  });

  it("treats another hospital's patient as not found (a row error, nothing revealed)", async () => {
    const other = await aPatient(w.orgB).build(w.db);
    const res = await upload(csv([{ inpatient_no: other.inpatientNo!, date: '2024-01-10', status: 'alive_no_disease' }]), { lang: 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: FollowUpImportReport } }>().error.details.errors).toEqual([
      { line: 2, column: 'inpatient_no', message: 'No such patient (or not visible to you)' },
    ]);
    expect(await contactsOf(other.id)).toEqual([]);
  });

  it('answers 400, never 500, to what is not a follow-up spreadsheet', async () => {
    const p = await homePatient();
    const garbage = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x13, 0x37, 0x00, 0x01]);
    const cases: [Buffer | string, string, string][] = [
      [garbage, FOLLOW_UP_IMPORT_TYPES.xlsx, 'followup.import.notSpreadsheet'],
      [Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x12]), FOLLOW_UP_IMPORT_TYPES.csv, 'followup.import.notSpreadsheet'],
      [Buffer.from(''), FOLLOW_UP_IMPORT_TYPES.csv, 'VALIDATION'],
      [
        csv([{ inpatient_no: p.inpatientNo!, date: '2024-01-10' }], ['inpatient_no', 'date', 'colour']),
        FOLLOW_UP_IMPORT_TYPES.csv,
        'colour',
      ],
      [csv([], ['inpatient_no', 'date']), FOLLOW_UP_IMPORT_TYPES.csv, 'status'],
      [csv([]), FOLLOW_UP_IMPORT_TYPES.csv, 'no data rows'],
      ['{"date":"2024-01-01"}', 'application/json', 'VALIDATION'],
    ];
    for (const [body, type, expected] of cases) {
      const res = await upload(body, { type, lang: 'en' });
      expect(res.statusCode, `${type} ${res.body}`).toBe(400);
      if (expected.startsWith('followup.')) expect(res.json<{ error: { message: string } }>().error.message).toContain('not a readable');
      else expect(res.body).toContain(expected);
    }
    const tooBig = await upload(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), { type: FOLLOW_UP_IMPORT_TYPES.csv });
    expect(tooBig.statusCode).toBe(413);
    expect(await contactsOf(p.id)).toEqual([]);
  });

  it('is for those who record contacts: a researcher is refused', async () => {
    const res = await upload(csv([]), { who: 'researcher' });
    expect([403, 404]).toContain(res.statusCode);
  });
});

describe('the template', () => {
  it('GET /api/follow-up/import/template is an xlsx with the columns and a bilingual explanation sheet', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/follow-up/import/template', headers: { cookie: await w.as('nurse') } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(FOLLOW_UP_IMPORT_TYPES.xlsx);
    expect(res.headers['content-disposition']).toContain('attachment');
    const sheet = await readSpreadsheet(res.rawPayload, 'xlsx');
    expect(sheet.header).toEqual(KEYS);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const help = wb.worksheets[1]!;
    expect(help.getRow(4).values).toContain('随访日期');
    expect(help.getRow(4).values).toContain('Date of the contact, YYYY-MM-DD');
  });

  it('docs/import files have the columns, and the example imports after the oncology example (guide lists every column)', async () => {
    for (const f of ['followup-template.csv', 'followup-template.xlsx', 'followup-example.csv', 'followup-example.xlsx']) {
      const bytes = readFileSync(path.join(docs, 'import', f));
      expect((await readSpreadsheet(bytes, f.endsWith('.csv') ? 'csv' : 'xlsx')).header, f).toEqual(KEYS);
    }
    const guide = readFileSync(path.join(docs, 'follow-up.md'), 'utf8');
    for (const c of FOLLOW_UP_IMPORT_COLUMNS) expect(guide, c.key).toContain(`| \`${c.key}\` | ${c.zh} |`);

    await aUser('surgeon', w.homeOrgId, { username: 'surgeon' }).build(w.db);
    await aUser('resident', w.homeOrgId, { username: 'resident' }).build(w.db);
    const actor = (await actorFor(w.db, 'surgeon'))!;
    const ctx = {
      db: w.db,
      actor,
      meta: { requestId: 'fu-import', clientIp: null, userAgent: 'test' },
      locale: 'zh-CN' as const,
      clock: w.clock,
      timeZone: 'Asia/Shanghai',
    };
    const cases = await importOncologyRows(ctx, await readImportFile(path.join(docs, 'import', 'oncology-example.csv')));
    expect(cases.failed).toBe(0);
    const res = await upload(readFileSync(path.join(docs, 'import', 'followup-example.xlsx')), { type: FOLLOW_UP_IMPORT_TYPES.xlsx });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<FollowUpImportReport>()).toMatchObject({ total: 5, imported: 5, failed: 0 });
    const [dead] = await w.db.select().from(patients).where(eq(patients.inpatientNo, 'IMP2024003'));
    expect(await contactsOf(dead!.id)).toMatchObject([{ status: 'dead', deathCause: 'cancer' }]);
    const csvAgain = await upload(readFileSync(path.join(docs, 'import', 'followup-example.csv')));
    expect(csvAgain.json<FollowUpImportReport>()).toMatchObject({ imported: 0, skipped: 5 });
    const imports = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'followup.import'), sql`true`));
    expect(imports.length).toBeGreaterThan(0);
  });
});
