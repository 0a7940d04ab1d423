import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Digest } from '@gisurg/contracts/quality-report';
import {
  admissions,
  auditLog,
  complications,
  mdtCases,
  mdtMeetings,
  mdtPlanItems,
  mdtRecommendations,
  operationProcedures,
  operations,
  pathologyReports,
} from '../../src/db/schema/index.js';
import { aDiagnosis, aPatient, aUser } from './support/builders.js';
import { caller, type ErrorBody } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * The weekly digest and the single-disease export on a hand-built record (issue 12). The clock is Thursday
 * 2026-11-26, so the default digest week is Monday 2026-11-16 … Sunday 2026-11-22 (overdue as of 11-23);
 * indicator windows: current 2026-10-26 … 11-22, previous 2026-10-19 … 11-15. Target: CD ≥ IIIa ≤ 25 %.
 *
 *  op  date        surgeon  procedure             CD ≥ IIIa   windows
 *  A   2026-10-20  O        diagnostic lap        —           previous
 *  B   2026-10-22  O        diagnostic lap        —           previous
 *  C   2026-11-02  O        diagnostic lap        —           both
 *  D   2026-11-10  O        diagnostic lap        —           both
 *  E   2026-11-18  O        diagnostic lap        IIIa d2     current
 *  F   2026-11-19  O        diagnostic lap        IIIb d1     current
 *  G   2026-11-04  O        distal gastrectomy    IIIb d5     both (the single-disease patient below)
 *  R   2026-11-09  O        relaparotomy (emerg.) —           both
 *  with N's sigmoidectomies (below): previous = A, B, C, D, G, R + N's none (October 1–9 is before 10-19) →
 *  1/6 (met); current = C, D, E, F, G, R + N's three of 11-17 … 11-20 → 3/9 = 33 % (missed): newly_missed.
 *
 * Conversion CUSUM, colorectal: surgeon Q did 40 laparoscopic sigmoidectomies (Jan–Sep), none converted; the
 * new surgeon N 12 converted ones: cases 1–9 on 2026-10-01 … 10-09, 10–12 on 11-17, 11-18, 11-20. Risk of
 * the stratum (colorectal, elective) = (12 + 0.5) / (52 + 1) = 0.2358; each failure adds
 * ln 2 − ln(1 + 0.2358) = 0.4815, so S crosses h = 4.5 at case 10 (4.815 > 4.5 ≥ 4.334), on 11-17.
 *
 * Board plan items (pending unless said): due 11-10 (overdue 13 days on 11-23), 11-20 (new this week, 3 days),
 * 11-25 (not yet due), 11-05 delivered.
 */
let w: TestWorld;
const call = caller(() => w);
let O: string;
let N: string;
let Q: string;
let gastricPatient: { id: string; inpatientNo: string | null };

async function op(surgeonId: string, date: string, code: string, extra: Partial<typeof operations.$inferInsert> = {}) {
  const p = await aPatient(w.homeOrgId).build(w.db);
  const [o] = await w.db
    .insert(operations)
    .values({
      patientId: p.id,
      operationDate: date,
      urgency: 'elective',
      intent: 'curative',
      approach: 'laparoscopic',
      surgeonId,
      ...extra,
    })
    .returning();
  await w.db.insert(operationProcedures).values({ operationId: o!.id, position: 0, code, icd9cm3: '00.0' });
  return o!;
}

async function complication(o: { id: string; patientId: string; operationDate: string }, day: number, grade: string) {
  const d = new Date(`${o.operationDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + day);
  await w.db.insert(complications).values({
    operationId: o.id,
    patientId: o.patientId,
    occurredOn: d.toISOString().slice(0, 10),
    dayAfterOperation: day,
    type: 'other',
    grade,
  });
}

/** A decided board case of a patient with plan items (status, due date); returns the case id. */
async function boardCase(patientId: string, decidedOn: string, items: { dueDate: string; status?: 'pending' | 'delivered' }[]) {
  const head = w.users.department_head.id;
  const [m] = await w.db
    .insert(mdtMeetings)
    .values({ tumorGroup: 'gastric', kind: 'intra', startsAt: new Date(`${decidedOn}T08:00:00Z`), status: 'closed' })
    .returning();
  const [c] = await w.db
    .insert(mdtCases)
    .values({
      meetingId: m!.id,
      patientId,
      submittingOrganizationId: w.homeOrgId,
      submittedBy: head,
      question: '手术时机？',
      status: 'decided',
      snapshot: {},
      snapshotAt: new Date(`${decidedOn}T00:00:00Z`),
      decidedAt: new Date(`${decidedOn}T09:00:00Z`),
    })
    .returning();
  const [r] = await w.db
    .insert(mdtRecommendations)
    .values({
      caseId: c!.id,
      intent: 'curative',
      consensus: true,
      patientSummary: '胃癌',
      decidedAt: new Date(`${decidedOn}T09:00:00Z`),
      decidedOn,
      decidedBy: head,
    })
    .returning();
  let position = 0;
  for (const it of items)
    await w.db.insert(mdtPlanItems).values({
      recommendationId: r!.id,
      caseId: c!.id,
      patientId,
      position: position++,
      kind: 'surgery',
      dueDate: it.dueDate,
      status: it.status ?? 'pending',
      ...(it.status === 'delivered' ? { deliveredVia: 'manual' as const, deliveredOn: it.dueDate } : {}),
    });
  return c!.id;
}

beforeAll(async () => {
  w = await createTestWorld();
  O = (await aUser('surgeon', w.homeOrgId).build(w.db)).id;
  N = (await aUser('surgeon', w.homeOrgId, { displayName: '新医生' }).build(w.db)).id;
  Q = (await aUser('surgeon', w.homeOrgId).build(w.db)).id;
  for (const date of ['2026-10-20', '2026-10-22', '2026-11-02', '2026-11-10']) await op(O, date, 'diagnostic_laparoscopy');
  await complication(await op(O, '2026-11-18', 'diagnostic_laparoscopy'), 2, 'IIIa');
  await complication(await op(O, '2026-11-19', 'diagnostic_laparoscopy'), 1, 'IIIb');
  for (let i = 0; i < 40; i += 1) await op(Q, `2026-0${1 + (i % 9)}-${String(1 + Math.floor(i / 9)).padStart(2, '0')}`, 'sigmoidectomy');
  const nDates = [...Array.from({ length: 9 }, (_, i) => `2026-10-0${i + 1}`), '2026-11-17', '2026-11-18', '2026-11-20'];
  for (const date of nDates) await op(N, date, 'sigmoidectomy', { approach: 'converted', converted: true, convertedFrom: 'laparoscopic' });
  const put = await call('department_head', 'PUT', '/api/quality/settings', {
    targets: { cd3plus: { comparator: '<=', value: 0.25 }, r0: { comparator: '>=', value: 0.9 } },
  });
  expect(put.statusCode, put.body).toBe(200);

  // The gastric patient of the single-disease export: admitted 11-01, board decision 11-02, resection 11-04
  // (laparoscopic distal D2, 25 nodes, R0, CD IIIb day 5), emergency relaparotomy 11-09, discharged 11-12.
  const p = await aPatient(w.homeOrgId, { name: '单病种患者' }).build(w.db);
  gastricPatient = p;
  const dx = await aDiagnosis(p.id, { diagnosisDate: '2026-10-25' }).build(w.db);
  await w.db.insert(admissions).values({
    patientId: p.id,
    organizationId: w.homeOrgId,
    status: 'discharged',
    admittedAt: new Date('2026-11-01T02:00:00Z'),
    dischargedAt: new Date('2026-11-12T02:00:00Z'),
    disposition: 'order',
    source: 'outpatient',
  });
  const [g] = await w.db
    .insert(operations)
    .values({
      patientId: p.id,
      diagnosisId: dx.id,
      operationDate: '2026-11-04',
      urgency: 'elective',
      intent: 'curative',
      approach: 'laparoscopic',
      lymphadenectomy: 'D2',
      surgeonId: O,
    })
    .returning();
  await w.db.insert(operationProcedures).values({ operationId: g!.id, position: 0, code: 'gastrectomy_distal_d2', icd9cm3: '43.7' });
  await w.db
    .insert(pathologyReports)
    .values({ operationId: g!.id, t: 'T3', n: 'N1', m: 'M0', nodesExamined: 25, nodesPositive: 2, margin: 'R0' });
  await complication(g!, 5, 'IIIb');
  const [re] = await w.db
    .insert(operations)
    .values({ patientId: p.id, operationDate: '2026-11-09', urgency: 'emergency', intent: 'curative', approach: 'open', surgeonId: O })
    .returning();
  await w.db.insert(operationProcedures).values({ operationId: re!.id, position: 0, code: 'diagnostic_laparoscopy', icd9cm3: '54.21' });
  await boardCase(p.id, '2026-11-02', [{ dueDate: '2026-11-10' }, { dueDate: '2026-11-05', status: 'delivered' }]);
  const other = await aPatient(w.homeOrgId, { name: '逾期患者' }).build(w.db);
  await boardCase(other.id, '2026-11-12', [{ dueDate: '2026-11-20' }, { dueDate: '2026-11-25' }]);
}, 120_000);
afterAll(async () => w.close());

describe('weekly digest', () => {
  it('shows the indicator that moved past its target between the 4-week windows', async () => {
    const res = await call('department_head', 'GET', '/api/quality/digest');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<Digest>();
    expect(d.week).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(d.windows).toEqual({ current: { from: '2026-10-26', to: '2026-11-22' }, previous: { from: '2026-10-19', to: '2026-11-15' } });
    const cd3 = d.indicators.find((i) => i.code === 'cd3plus')!;
    expect(cd3.previous).toMatchObject({ numerator: 1, denominator: 6, meetsTarget: true });
    expect(cd3.current).toMatchObject({ numerator: 3, denominator: 9, meetsTarget: false });
    expect(cd3.change).toBe('newly_missed');
    // R0 1/1 (G) in both windows: target met both times.
    expect(d.indicators.find((i) => i.code === 'r0')!.change).toBe('still_met');
    expect(d.indicators.find((i) => i.code === 'conversion')!.change).toBe('no_target');
  });

  it('lists the CUSUM crossing of the week (case 10 of the new surgeon, 11-17) and none the week before', async () => {
    const d = (await call('department_head', 'GET', '/api/quality/digest')).json<Digest>();
    expect(d.cusumSignals.map((s) => [s.surgeonId, s.outcome, s.family, s.caseNumber, s.date]).sort()).toEqual(
      [
        [N, 'conversion', 'all', 10, '2026-11-17'],
        [N, 'conversion', 'colorectal', 10, '2026-11-17'],
      ].sort(),
    );
    expect(d.cusumSignals[0]!.surgeonName).toBe('新医生');
    const before = (await call('department_head', 'GET', '/api/quality/digest?weekOf=2026-11-12')).json<Digest>();
    expect(before.week).toEqual({ from: '2026-11-09', to: '2026-11-15' });
    expect(before.cusumSignals).toEqual([]);
    expect(before.indicators.find((i) => i.code === 'cd3plus')!.change).toBe('still_met');
  });

  it('counts overdue board plan items, new this week, most overdue first, and audits the read', async () => {
    const res = await call('department_head', 'GET', '/api/quality/digest');
    const d = res.json<Digest>();
    expect(d.overdueMdt.total).toBe(2);
    expect(d.overdueMdt.newThisWeek).toBe(1);
    expect(d.overdueMdt.items.map((i) => [i.patientName, i.dueDate, i.daysOverdue])).toEqual([
      ['单病种患者', '2026-11-10', 13],
      ['逾期患者', '2026-11-20', 3],
    ]);
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'quality.digest.read'), eq(auditLog.requestId, res.headers['x-request-id'] as string)));
    expect(audit!.details).toMatchObject({ week: '2026-11-16', patients: 2 });
  });

  it('is the department head’s: surgeons and researchers are refused; a bad week is a 400', async () => {
    expect((await call('surgeon', 'GET', '/api/quality/digest')).statusCode).toBe(403);
    expect((await call('researcher', 'GET', '/api/quality/digest')).statusCode).toBe(403);
    expect((await call('department_head', 'GET', '/api/quality/digest?weekOf=2026-02-30')).statusCode).toBe(400);
  });
});

describe('single-disease export (hand-built)', () => {
  const URL = '/api/quality/single-disease?from=2026-11-01&to=2026-11-30&disease=gastric';

  it('writes the resection with its stay, staging, pathology, MDT, complication and reoperation', async () => {
    const res = await call('department_head', 'GET', URL);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('single-disease-gastric-2026-11-01-2026-11-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('病例')!;
    expect(ws.rowCount).toBe(2); // header + the one gastric resection (the relaparotomy is not a resection)
    const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const row = Object.fromEntries(headers.map((h, i) => [h, ws.getRow(2).getCell(i + 1).value]));
    expect(row).toMatchObject({
      序号: 1,
      '住院号（病案号）': gastricPatient.inpatientNo,
      入院日期: '2026-11-01',
      出院日期: '2026-11-12',
      住院天数: 11,
      术后住院天数: 8,
      '主要诊断 ICD-10': 'C16.3',
      '主要手术 ICD-9-CM-3': '43.7',
      手术日期: '2026-11-04',
      手术入路: '腹腔镜',
      淋巴结清扫范围: 'D2',
      '治疗前 cT': 'T3',
      临床分期: 'III',
      pT: 'T3',
      淋巴结检出数: 25,
      阳性淋巴结数: 2,
      切缘: 'R0',
      '术前 MDT 讨论': '是',
      'MDT 决议日期': '2026-11-02',
      '术后30天内最高 Clavien-Dindo 分级': 'IIIb',
      '严重并发症（CD≥Ⅲa）': '是',
      '30天内非计划再次手术': '是',
      术后30天内死亡: '否',
      离院方式: '1 医嘱离院',
      符合单病种纳入规则: '是',
      '住院总费用（元）': '未记录',
    });
    expect(wb.getWorksheet('字段说明')!.rowCount).toBe(headers.length + 1); // title row + one per field (序号 excluded)
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'quality.single_disease.export'), eq(auditLog.requestId, res.headers['x-request-id'] as string)));
    expect(audit!.details).toMatchObject({ disease: 'gastric', rows: 1, patients: 1 });
  });

  it('refuses a bad period or disease with field messages, and anyone but the department head', async () => {
    const bad = await call('department_head', 'GET', '/api/quality/single-disease?from=2026-12-01&to=2026-11-01&disease=gastric');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.details!.fields![0]).toMatchObject({
      path: 'querystring.to',
      messageZh: '结束日期不能早于开始日期',
    });
    expect(
      (await call('department_head', 'GET', '/api/quality/single-disease?from=2026-11-01&to=2026-11-30&disease=liver')).statusCode,
    ).toBe(400);
    // Without a period: 1 January of this year (the clock's 2026) to today, gastric by default.
    const year = await call('department_head', 'GET', '/api/quality/single-disease');
    expect(year.statusCode).toBe(200);
    expect(year.headers['content-disposition']).toContain('single-disease-gastric-2026-01-01-2026-11-26.xlsx');
    expect((await call('surgeon', 'GET', URL)).statusCode).toBe(403);
    expect((await call('researcher', 'GET', URL)).statusCode).toBe(403);
  });
});
