import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator, Indicators, LearningCurve, Trend, Volumes } from '@gisurg/contracts/quality';
import { publish } from '../../src/core/events.js';
import { complications, operationProcedures, operations, pathologyReports, qualityDeaths } from '../../src/db/schema/index.js';
import { aPatient, aUser } from './support/builders.js';
import { caller, type ErrorBody } from './support/oncology.js';
import { inkRatio, pdfText, renderFirstPage } from './support/pdf-tools.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * A hand-built small record (issue 12). Period H1 = 2026-01-01 … 2026-06-30; the clock is 2026-11-26.
 *
 *  #   date        surgeon  procedures                 approach   pathology (nodes, margin)  complications     death
 *  1   2026-01-10  S        distal gastrectomy D2      lap        20, R0                     IIIa day 5        —
 *  2   2026-02-01  S        total gastrectomy D2       open       10, R1                     —                 —
 *  3   2026-03-01  S        sigmoidectomy              converted  12, R0                     —                 ward, day 20
 *  4   2026-03-15  O        right hemicolectomy CME    robotic    —(no count), R0            —                 —
 *  5   2026-04-01  O        anterior resection TME     lap        no report                  II day 3, IIIb 40 —
 *  6   2026-04-10  O        gastrojejunostomy          open       —                          —                 follow-up, day 31
 *  7   2026-05-01  O        diagnostic laparoscopy     lap        —                          IVa day 30        follow-up, day 30
 *  8   2026-05-05  S        distal gastrectomy (DELETED)  lap     30, R0                     —                 —
 *  9   2025-12-31  S        distal gastrectomy         lap        20, R0  (outside H1)       —                 —
 * 10   2026-06-30  S        sigmoidectomy              lap        11, no margin              —                 —
 * 11   2026-11-20  S        distal gastrectomy         lap        no report                  —                 — (window open)
 * 12   2026-04-20  O        CRS + HIPEC                open       —                          —                 —
 *
 * H1, all surgeons: operations 1,2,3,4,5,6,7,10,12 = 9
 *  ln_adequacy: resections 1,2,3,4,5,10; missing no_pathology 1 (#5), no_node_count 1 (#4); denominator 4 (#1,2,3,10);
 *               adequate #1 (20 ≥ 16), #3 (12 ≥ 12); not #2 (10 < 16), #10 (11 < 12) → 2/4
 *  r0:          denominator #1,2,3,4 = 4 (#10 missing margin, #5 no pathology); R0 #1,3,4 → 3/4
 *  conversion:  attempts #1,3,4,5,7,10 = 6; converted #3 → 1/6
 *  cd3plus:     #1 (IIIa d5), #7 (IVa d30); not #5 (IIIb d40, II d3) → 2/9
 *  mortality:   #3 (day 20), #7 (day 30); not #6 (day 31) → 2/9
 * H1, surgeon S: #1,2,3,10 → ln 2/4, r0 2/3, conversion 1/3, cd3plus 1/4, mortality 1/4.
 */
let w: TestWorld;
const call = caller(() => w);
let other: string;

type OpSpec = {
  date: string;
  surgeon: string;
  codes: string[];
  approach: 'laparoscopic' | 'robotic' | 'open' | 'converted';
  pathology?: { nodes: number | null; margin: 'R0' | 'R1' | 'R2' | 'RX' | null };
  complications?: { day: number; grade: string }[];
  deleted?: boolean;
  hipec?: boolean;
};

async function op(s: OpSpec): Promise<{ id: string; patientId: string }> {
  const p = await aPatient(w.homeOrgId).build(w.db);
  const [o] = await w.db
    .insert(operations)
    .values({
      patientId: p.id,
      operationDate: s.date,
      urgency: 'elective',
      intent: 'curative',
      approach: s.approach,
      converted: s.approach === 'converted',
      convertedFrom: s.approach === 'converted' ? 'laparoscopic' : null,
      surgeonId: s.surgeon,
      durationMin: 180,
      deletedAt: s.deleted ? new Date('2026-06-01T00:00:00Z') : null,
    })
    .returning();
  await w.db.insert(operationProcedures).values(s.codes.map((code, position) => ({ operationId: o!.id, position, code, icd9cm3: '00.0' })));
  if (s.pathology)
    await w.db.insert(pathologyReports).values({ operationId: o!.id, nodesExamined: s.pathology.nodes, margin: s.pathology.margin });
  for (const c of s.complications ?? []) {
    const d = new Date(`${s.date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + c.day);
    await w.db.insert(complications).values({
      operationId: o!.id,
      patientId: p.id,
      occurredOn: d.toISOString().slice(0, 10),
      dayAfterOperation: c.day,
      type: 'other',
      grade: c.grade,
    });
  }
  return { id: o!.id, patientId: p.id };
}

const event = () => ({
  tx: w.db,
  meta: { requestId: 'test', clientIp: null, userAgent: null },
  actor: null,
  now: w.clock.now(),
  timeZone: 'Asia/Shanghai',
});

beforeAll(async () => {
  w = await createTestWorld();
  other = (await aUser('surgeon', w.homeOrgId).build(w.db)).id;
  const S = w.users.surgeon.id;
  await op({
    date: '2026-01-10',
    surgeon: S,
    codes: ['gastrectomy_distal_d2'],
    approach: 'laparoscopic',
    pathology: { nodes: 20, margin: 'R0' },
    complications: [{ day: 5, grade: 'IIIa' }],
  });
  await op({ date: '2026-02-01', surgeon: S, codes: ['gastrectomy_total_d2'], approach: 'open', pathology: { nodes: 10, margin: 'R1' } });
  const three = await op({
    date: '2026-03-01',
    surgeon: S,
    codes: ['sigmoidectomy'],
    approach: 'converted',
    pathology: { nodes: 12, margin: 'R0' },
  });
  await op({
    date: '2026-03-15',
    surgeon: other,
    codes: ['right_hemicolectomy_cme'],
    approach: 'robotic',
    pathology: { nodes: null, margin: 'R0' },
  });
  await op({
    date: '2026-04-01',
    surgeon: other,
    codes: ['anterior_resection_tme', 'loop_ileostomy'],
    approach: 'laparoscopic',
    complications: [
      { day: 3, grade: 'II' },
      { day: 40, grade: 'IIIb' },
    ],
  });
  const six = await op({ date: '2026-04-10', surgeon: other, codes: ['gastrojejunostomy'], approach: 'open' });
  const seven = await op({
    date: '2026-05-01',
    surgeon: other,
    codes: ['diagnostic_laparoscopy'],
    approach: 'laparoscopic',
    complications: [{ day: 30, grade: 'IVa' }],
  });
  await op({
    date: '2026-05-05',
    surgeon: S,
    codes: ['gastrectomy_distal_d2'],
    approach: 'laparoscopic',
    pathology: { nodes: 30, margin: 'R0' },
    deleted: true,
  });
  await op({
    date: '2025-12-31',
    surgeon: S,
    codes: ['gastrectomy_distal_d2'],
    approach: 'laparoscopic',
    pathology: { nodes: 20, margin: 'R0' },
  });
  await op({ date: '2026-06-30', surgeon: S, codes: ['sigmoidectomy'], approach: 'laparoscopic', pathology: { nodes: 11, margin: null } });
  await op({ date: '2026-11-20', surgeon: S, codes: ['gastrectomy_distal_d2'], approach: 'laparoscopic' });
  await op({ date: '2026-04-20', surgeon: other, codes: ['crs', 'pelvic_peritonectomy', 'hipec'], approach: 'open' });
  // Deaths arrive as clinical events: an in-hospital death (ward discharge, disposition death) and two from follow-up.
  await publish(event(), {
    type: 'discharged',
    patientId: three.patientId,
    admissionId: three.id,
    at: '2026-03-21T10:00:00+08:00',
    disposition: 'death',
  });
  await publish(event(), {
    type: 'discharged',
    patientId: six.patientId,
    admissionId: six.id,
    at: '2026-04-12T10:00:00+08:00',
    disposition: 'order',
  });
  await publish(event(), { type: 'death_recorded', patientId: six.patientId, date: '2026-05-11', cause: null });
  await publish(event(), { type: 'death_recorded', patientId: seven.patientId, date: '2026-05-31', cause: null });
});
afterAll(async () => w.close());

const byCode = (res: Indicators) => Object.fromEntries(res.indicators.map((i) => [i.code, i])) as Record<Indicator['code'], Indicator>;
const H1 = '/api/quality/indicators?from=2026-01-01&to=2026-06-30';

describe('quality indicators on a hand-computed record', () => {
  it('computes the five contract indicators with missing data reported separately', async () => {
    const res = await call('department_head', 'GET', H1);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Indicators>();
    expect(body.operations).toBe(9);
    const i = byCode(body);
    expect(i.ln_adequacy).toMatchObject({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(i.ln_adequacy.missing).toEqual([
      { reason: 'no_pathology', count: 1 },
      { reason: 'no_node_count', count: 1 },
    ]);
    expect(i.r0).toMatchObject({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(i.r0.missing).toEqual([
      { reason: 'no_pathology', count: 1 },
      { reason: 'no_margin', count: 1 },
    ]);
    expect(i.conversion).toMatchObject({ numerator: 1, denominator: 6 });
    expect(i.conversion.rate).toBeCloseTo(1 / 6, 10);
    expect(i.cd3plus).toMatchObject({ numerator: 2, denominator: 9 });
    expect(i.mortality_30d).toMatchObject({ numerator: 2, denominator: 9, missing: [{ reason: 'window_open', count: 0 }] });
    // Wilson 2/4 by hand: centre (0.5 + 0.48018)/1.96036 = 0.5, half 1.96·√(0.0625 + 0.060023)/1.96036 = 0.34997
    expect(i.ln_adequacy.ci!.lower).toBeCloseTo(0.15, 4);
    expect(i.ln_adequacy.ci!.upper).toBeCloseTo(0.85, 4);
    expect(i.ln_adequacy.definitions).toEqual(['GIS-LN-GC-16', 'GIS-LN-CRC-12']);
    expect(i.r0.target).toBeNull();
    expect(i.r0.meetsTarget).toBeNull();
  });

  it('keeps the deaths in its own projection: ward deaths and follow-up deaths, not other discharges', async () => {
    const rows = await w.db.select().from(qualityDeaths);
    expect(rows.map((r) => [r.source, r.deathDate]).sort()).toEqual([
      ['follow_up', '2026-05-11'],
      ['follow_up', '2026-05-31'],
      ['ward', '2026-03-21'],
    ]);
  });

  it('counts operations younger than 30 days without a death as window_open (still in the denominator)', async () => {
    const i = byCode((await call('department_head', 'GET', '/api/quality/indicators?from=2026-11-01&to=2026-11-30')).json<Indicators>());
    expect(i.mortality_30d).toMatchObject({ numerator: 0, denominator: 1, missing: [{ reason: 'window_open', count: 1 }] });
    expect(i.ln_adequacy).toMatchObject({ numerator: 0, denominator: 0, rate: null, ci: null });
  });

  it('targets are department settings: meetsTarget follows the direction', async () => {
    const put = await call('department_head', 'PUT', '/api/quality/settings', {
      laparoscopicBaseline: 4000,
      targets: { r0: { comparator: '>=', value: 0.9 }, cd3plus: { comparator: '<=', value: 0.25 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    const i = byCode((await call('department_head', 'GET', H1)).json<Indicators>());
    expect(i.r0).toMatchObject({ target: { comparator: '>=', value: 0.9 }, meetsTarget: false });
    expect(i.cd3plus).toMatchObject({ target: { comparator: '<=', value: 0.25 }, meetsTarget: true });
    const bad = await call('department_head', 'PUT', '/api/quality/settings', { laparoscopicBaseline: -1 });
    expect(bad.statusCode).toBe(400);
    expect((await call('surgeon', 'PUT', '/api/quality/settings', { laparoscopicBaseline: 1 })).statusCode).toBe(403);
  });

  it('surgeons see their own operations only; the head may pick a surgeon; researchers get aggregates only', async () => {
    const S = w.users.surgeon.id;
    const own = byCode((await call('surgeon', 'GET', H1)).json<Indicators>());
    expect(own.ln_adequacy).toMatchObject({ numerator: 2, denominator: 4 });
    expect(own.r0).toMatchObject({ numerator: 2, denominator: 3 });
    expect(own.conversion).toMatchObject({ numerator: 1, denominator: 3 });
    expect(own.cd3plus).toMatchObject({ numerator: 1, denominator: 4 });
    expect(own.mortality_30d).toMatchObject({ numerator: 1, denominator: 4 });
    const picked = (await call('department_head', 'GET', `${H1}&surgeonId=${S}`)).json<Indicators>();
    expect(picked.surgeonId).toBe(S);
    expect(byCode(picked).cd3plus).toMatchObject({ numerator: 1, denominator: 4 });
    expect((await call('surgeon', 'GET', `${H1}&surgeonId=${other}`)).statusCode).toBe(404);
    expect((await call('researcher', 'GET', `${H1}&surgeonId=${S}`)).statusCode).toBe(404);
    const research = await call('researcher', 'GET', H1);
    expect(research.statusCode).toBe(200);
    expect(research.json<Indicators>().operations).toBe(9);
    expect((await call('nurse', 'GET', H1)).statusCode).toBe(403);
    expect((await call('researcher', 'GET', '/api/quality/surgeons')).json()).toEqual({ surgeons: [] });
  });

  it('refuses bad periods with field messages in both languages', async () => {
    const res = await call('department_head', 'GET', '/api/quality/indicators?from=2026-06-30&to=2026-01-01');
    expect(res.statusCode).toBe(400);
    const f = res.json<ErrorBody>().error.details!.fields!;
    expect(f[0]).toMatchObject({
      path: 'querystring.to',
      messageZh: '结束日期不能早于开始日期',
      messageEn: 'The end date cannot be before the start date',
    });
    expect((await call('department_head', 'GET', '/api/quality/indicators?from=2026-02-30&to=2026-03-01')).statusCode).toBe(400);
    // Without a period: 1 January of this year (the clock's 2026) to today.
    const year = (await call('department_head', 'GET', '/api/quality/indicators')).json<Indicators>();
    expect([year.from, year.to]).toEqual(['2026-01-01', '2026-11-26']);
    expect((await call('department_head', 'GET', '/api/quality/volumes?year=abc')).statusCode).toBe(400);
    expect((await call('department_head', 'GET', '/api/reports/annual?year=2026&format=doc')).statusCode).toBe(400);
  });

  it('the monthly trend sums to the period totals', async () => {
    const t = (await call('department_head', 'GET', '/api/quality/trend?from=2026-01-01&to=2026-06-30&interval=month')).json<Trend>();
    expect(t.points.map((p) => p.period)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01']);
    const sum = (code: string, k: 'numerator' | 'denominator') =>
      t.points.reduce((s, p) => s + p.indicators.find((i) => i.code === code)![k], 0);
    expect([sum('cd3plus', 'numerator'), sum('cd3plus', 'denominator')]).toEqual([2, 9]);
    expect([sum('ln_adequacy', 'numerator'), sum('ln_adequacy', 'denominator')]).toEqual([2, 4]);
  });
});

describe('volumes', () => {
  it('counts a year: operations, completed laparoscopic, CRS+HIPEC and the cumulative counter with the baseline', async () => {
    const v = (await call('department_head', 'GET', '/api/quality/volumes?year=2026')).json<Volumes>();
    // 2026: #1-7, 10, 11, 12 minus deleted #8 = 10; laparoscopic/robotic completed: #1, 4, 5, 7, 10, 11 = 6 (#3 converted)
    expect(v).toMatchObject({ year: 2026, operations: 10, laparoscopic: 6, crsHipec: 1, laparoscopicBaseline: 4000 });
    // 4000 + #9 (2025) + the six of 2026
    expect(v.laparoscopicCumulative).toBe(4007);
    expect(v.byMonth.find((m) => m.month === 4)).toEqual({ month: 4, operations: 3, laparoscopic: 1 });
    expect(v.bySite).toEqual([
      { site: 'stomach', operations: 3 },
      { site: 'colorectal', operations: 4 },
      { site: 'other', operations: 3 },
    ]);
    const own = (await call('surgeon', 'GET', '/api/quality/volumes?year=2026')).json<Volumes>();
    expect(own).toMatchObject({ operations: 5, laparoscopic: 3, laparoscopicBaseline: 0, laparoscopicCumulative: 4 });
  });
});

describe('learning curve', () => {
  it("draws a surgeon's operative-time and risk-adjusted CUSUM with the risk model", async () => {
    const res = await call('department_head', 'GET', `/api/quality/learning-curve?surgeonId=${w.users.surgeon.id}&outcome=cd3plus`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json<LearningCurve>();
    expect(c.cases.map((x) => x.date)).toEqual(['2025-12-31', '2026-01-10', '2026-02-01', '2026-03-01', '2026-06-30', '2026-11-20']);
    expect(c.cases.map((x) => x.failure)).toEqual([false, true, false, false, false, false]);
    expect(c.failure).toMatchObject({ oddsRatio: 2, h: 4.5, signalCase: null, observed: 1 });
    expect(c.operativeTime).toMatchObject({ n: 6, mean: 180 });
    // elective gastric: 1 failure (#1) in 4 operations (#1, 2, 9, 11) → (1 + 0.5) / (4 + 1)
    expect(c.riskModel.strata.find((s) => s.family === 'gastric')).toMatchObject({ failures: 1, operations: 4, risk: 0.3 });
    expect((await call('surgeon', 'GET', `/api/quality/learning-curve?surgeonId=${other}`)).statusCode).toBe(404);
    expect((await call('researcher', 'GET', `/api/quality/learning-curve?surgeonId=${other}`)).statusCode).toBe(403);
  });
});

describe('annual report', () => {
  it('PDF and workbook carry the dashboard numbers; the PDF renders Chinese with ink', async () => {
    const dash = byCode((await call('department_head', 'GET', '/api/quality/indicators?from=2026-01-01&to=2026-12-31')).json<Indicators>());
    const pdf = await call('department_head', 'GET', '/api/reports/annual?year=2026&format=pdf');
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload;
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('2026 年度学科质量报告');
    expect(text).toContain('R0切除率');
    for (const i of Object.values(dash)) {
      // The table row: numerator, (a wrapped name), denominator, rate and CI as the dashboard shows them.
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      const row = `(^| )${i.numerator} [^%]{0,40}?${i.denominator} ${pct(i.rate!)} ${pct(i.ci!.lower)}–${pct(i.ci!.upper)}`;
      expect(text, i.code).toMatch(new RegExp(row.replaceAll('.', '\\.')));
    }
    expect(inkRatio(renderFirstPage(bytes))).toBeGreaterThan(0.002);

    const xlsx = await call('department_head', 'GET', '/api/reports/annual?year=2026&format=xlsx');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('质量指标')!;
    const rows: Record<string, { n: number; d: number; r: number | null }> = {};
    sheet.eachRow((row, n) => {
      if (n > 1)
        rows[row.getCell(1).text] = {
          n: Number(row.getCell(3).value),
          d: Number(row.getCell(4).value),
          r: row.getCell(5).value as number | null,
        };
    });
    for (const i of Object.values(dash)) expect(rows[i.code], i.code).toEqual({ n: i.numerator, d: i.denominator, r: i.rate });
    const vol = wb.getWorksheet('手术量')!;
    expect(vol.getRow(3).getCell(2).value).toBe(10);

    expect((await call('surgeon', 'GET', '/api/reports/annual?year=2026&format=pdf')).statusCode).toBe(403);
  });
});
