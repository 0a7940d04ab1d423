import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUALITY_INDICATOR_CODES, QUALITY_MISSING_BY_CODE, type Cases, type Funnel, type Indicators } from '@gisurg/contracts/quality';
import { desc, eq } from 'drizzle-orm';
import { publish } from '../../src/core/events.js';
import { auditLog, complications, operationProcedures, operations, pathologyReports } from '../../src/db/schema/index.js';
import { classifiedOperations } from '../../src/features/quality/queries.js';
import { aPatient, aUser } from './support/builders.js';
import { caller, type ErrorBody } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Funnel plot and drill-down (issue 12) on a hand-built record. Period H1 = 2026-01-01 … 2026-06-30; the clock
 * is 2026-11-26. S = the world's surgeon, O = another surgeon, T = a third surgeon, — = no surgeon recorded.
 *
 *  #   date        surgeon  procedures                 approach   pathology (nodes, margin)  complications     death
 *  1   2026-01-10  S        distal gastrectomy D2      lap        20, R0                     IIIa day 5        —
 *  2   2026-02-01  S        total gastrectomy D2       open       10, R1                     —                 —
 *  3   2026-03-01  S        sigmoidectomy              converted  12, R0                     —                 ward, day 20
 *  4   2026-03-15  O        right hemicolectomy CME    robotic    —(no count), R0            —                 —
 *  5   2026-04-01  O        anterior resection TME     lap        no report                  II day 3, IIIb 40 —
 *  6   2026-04-10  O        gastrojejunostomy          open       —                          —                 —
 *  7   2026-05-01  O        diagnostic laparoscopy     lap        —                          IVa day 30        follow-up, day 30
 *  8   2026-06-30  S        sigmoidectomy              lap        11, no margin              —                 —
 *  9   2026-06-01  —        gastrojejunostomy          open       —                          —                 —
 * 10-15 2026-02-02 … 2026-02-07  T  gastrojejunostomy  open       —                          IIIa day 2 (each) —
 * 16  2026-11-20  S        distal gastrectomy         lap        no report                  —                 — (window open)
 *
 * H1 cd3plus: numerator #1, #7, #10-15 = 8; denominator 15 operations (#1-15) → department rate 8/15.
 * Funnel points (by denominator): S 1/4, O 1/4, T 6/6 (no point for #9: no surgeon, but in the department rate).
 * T at θ = 8/15, n = 6: P(R ≤ 5) = 1 − θ⁶ = 0.976986 ≥ 0.975 → r = 5, α = (0.976986 − 0.975)/P(R = 5) with
 * P(R = 5) = 6 θ⁵ (1 − θ) = 0.120824 → α = 0.016437, upper 95 % = (5 − α)/6 = 0.830594 < 1: outside 95 %;
 * 99.8 %: P(R ≤ 5) < 0.999 → r = 6, α = (1 − 0.999)/θ⁶ = 0.043452, upper = (6 − α)/6 = 0.992758 < 1: outside too.
 */
let w: TestWorld;
const call = caller(() => w);
let other: string;
let third: string;
const patientOf: Record<number, { id: string; name: string; inpatientNo: string | null }> = {};

type OpSpec = {
  n: number;
  date: string;
  surgeon: string | null;
  codes: string[];
  approach: 'laparoscopic' | 'robotic' | 'open' | 'converted';
  pathology?: { nodes: number | null; margin: 'R0' | 'R1' | null };
  complications?: { day: number; grade: string }[];
};

async function op(s: OpSpec): Promise<{ id: string; patientId: string }> {
  const p = await aPatient(w.homeOrgId, { name: `质控患者${s.n}` }).build(w.db);
  patientOf[s.n] = { id: p.id, name: p.name, inpatientNo: p.inpatientNo };
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
      type: 'anastomotic_leak',
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
  other = (await aUser('surgeon', w.homeOrgId, { displayName: '王外科' }).build(w.db)).id;
  third = (await aUser('surgeon', w.homeOrgId, { displayName: '李外科' }).build(w.db)).id;
  const S = w.users.surgeon.id;
  await op({
    n: 1,
    date: '2026-01-10',
    surgeon: S,
    codes: ['gastrectomy_distal_d2'],
    approach: 'laparoscopic',
    pathology: { nodes: 20, margin: 'R0' },
    complications: [{ day: 5, grade: 'IIIa' }],
  });
  await op({
    n: 2,
    date: '2026-02-01',
    surgeon: S,
    codes: ['gastrectomy_total_d2'],
    approach: 'open',
    pathology: { nodes: 10, margin: 'R1' },
  });
  const three = await op({
    n: 3,
    date: '2026-03-01',
    surgeon: S,
    codes: ['sigmoidectomy'],
    approach: 'converted',
    pathology: { nodes: 12, margin: 'R0' },
  });
  await op({
    n: 4,
    date: '2026-03-15',
    surgeon: other,
    codes: ['right_hemicolectomy_cme'],
    approach: 'robotic',
    pathology: { nodes: null, margin: 'R0' },
  });
  await op({
    n: 5,
    date: '2026-04-01',
    surgeon: other,
    codes: ['anterior_resection_tme', 'loop_ileostomy'],
    approach: 'laparoscopic',
    complications: [
      { day: 3, grade: 'II' },
      { day: 40, grade: 'IIIb' },
    ],
  });
  await op({ n: 6, date: '2026-04-10', surgeon: other, codes: ['gastrojejunostomy'], approach: 'open' });
  const seven = await op({
    n: 7,
    date: '2026-05-01',
    surgeon: other,
    codes: ['diagnostic_laparoscopy'],
    approach: 'laparoscopic',
    complications: [{ day: 30, grade: 'IVa' }],
  });
  await op({
    n: 8,
    date: '2026-06-30',
    surgeon: S,
    codes: ['sigmoidectomy'],
    approach: 'laparoscopic',
    pathology: { nodes: 11, margin: null },
  });
  await op({ n: 9, date: '2026-06-01', surgeon: null, codes: ['gastrojejunostomy'], approach: 'open' });
  for (let i = 0; i < 6; i += 1)
    await op({
      n: 10 + i,
      date: `2026-02-0${2 + i}`,
      surgeon: third,
      codes: ['gastrojejunostomy'],
      approach: 'open',
      complications: [{ day: 2, grade: 'IIIa' }],
    });
  await op({ n: 16, date: '2026-11-20', surgeon: S, codes: ['gastrectomy_distal_d2'], approach: 'laparoscopic' });
  await publish(event(), {
    type: 'discharged',
    patientId: three.patientId,
    admissionId: three.id,
    at: '2026-03-21T10:00:00+08:00',
    disposition: 'death',
  });
  await publish(event(), { type: 'death_recorded', patientId: seven.patientId, date: '2026-05-31', cause: null });
});
afterAll(async () => w.close());

const H1 = 'from=2026-01-01&to=2026-06-30';

describe('funnel plot', () => {
  it('puts every surgeon against the department rate with exact binomial limits (hand-computed)', async () => {
    const res = await call('department_head', 'GET', `/api/quality/funnel?${H1}&code=cd3plus`);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json<Funnel>();
    expect(f).toMatchObject({ code: 'cd3plus', numerator: 8, denominator: 15, method: 'exact' });
    expect(f.departmentRate).toBeCloseTo(8 / 15, 12);
    // Sorted by denominator (ties by id): S and O both 1/4, then T.
    expect(f.surgeons.map((s) => [s.surgeonId, s.displayName, s.numerator, s.denominator])).toEqual(
      [
        [w.users.surgeon.id, '测试surgeon', 1, 4],
        [other, '王外科', 1, 4],
        [third, '李外科', 6, 6],
      ].sort((a, b) => Number(a[3]) - Number(b[3]) || String(a[0]).localeCompare(String(b[0]))),
    );
    expect(f.surgeons.map((s) => [s.outside95, s.outside998])).toEqual([
      [false, false],
      [false, false],
      [true, true],
    ]);
    const at6 = f.limits.find((l) => l.denominator === 6)!;
    expect(at6.upper95).toBeCloseTo(0.830594, 5);
    expect(at6.upper998).toBeCloseTo(0.992758, 5);
    expect(f.limits[0]!.denominator).toBe(1);
    expect(f.limits.at(-1)!.denominator).toBe(10);
  });

  it('counts the same numerators and denominators as the dashboard, surgeon by surgeon', async () => {
    for (const code of QUALITY_INDICATOR_CODES) {
      const f = (await call('department_head', 'GET', `/api/quality/funnel?${H1}&code=${code}`)).json<Funnel>();
      const dept = (await call('department_head', 'GET', `/api/quality/indicators?${H1}`)).json<Indicators>();
      const i = dept.indicators.find((x) => x.code === code)!;
      expect([f.numerator, f.denominator], code).toEqual([i.numerator, i.denominator]);
      for (const s of f.surgeons) {
        const own = (await call('department_head', 'GET', `/api/quality/indicators?${H1}&surgeonId=${s.surgeonId}`)).json<Indicators>();
        const j = own.indicators.find((x) => x.code === code)!;
        expect([s.numerator, s.denominator], `${code} ${s.displayName}`).toEqual([j.numerator, j.denominator]);
      }
    }
  });

  it('shows a surgeon only their own point, a researcher every point without names; others are refused', async () => {
    const own = (await call('surgeon', 'GET', `/api/quality/funnel?${H1}&code=cd3plus`)).json<Funnel>();
    expect(own.departmentRate).toBeCloseTo(8 / 15, 12);
    expect(own.surgeons.map((s) => [s.surgeonId, s.numerator, s.denominator])).toEqual([[w.users.surgeon.id, 1, 4]]);
    const research = (await call('researcher', 'GET', `/api/quality/funnel?${H1}&code=cd3plus`)).json<Funnel>();
    expect(research.surgeons.map((s) => [s.surgeonId, s.displayName, s.numerator, s.denominator])).toEqual([
      [null, null, 1, 4],
      [null, null, 1, 4],
      [null, null, 6, 6],
    ]);
    expect(JSON.stringify(research)).not.toContain('王外科');
    expect((await call('nurse', 'GET', `/api/quality/funnel?${H1}`)).statusCode).toBe(403);
  });

  it('has no centre line or limits without a denominator', async () => {
    const f = (await call('department_head', 'GET', '/api/quality/funnel?from=2026-09-01&to=2026-09-30&code=r0')).json<Funnel>();
    expect(f).toMatchObject({ departmentRate: null, numerator: 0, denominator: 0, surgeons: [], limits: [] });
  });
});

/** Every number the dashboard shows for a scope, as the drill-down URL that opens it. */
function numbersOf(body: Indicators): { query: string; count: number }[] {
  return body.indicators.flatMap((i) => [
    { query: `code=${i.code}&group=numerator`, count: i.numerator },
    { query: `code=${i.code}&group=denominator`, count: i.denominator },
    ...i.missing.map((m) => ({ query: `code=${i.code}&group=missing&reason=${m.reason}`, count: m.count })),
    { query: `code=${i.code}&group=missing`, count: i.missing.reduce((s, m) => s + m.count, 0) },
  ]);
}

describe('drill-down', () => {
  it('lists as many operations as the number clicked, for every indicator and group', async () => {
    for (const [who, extra] of [
      ['department_head', ''],
      ['department_head', `&surgeonId=${other}`],
      ['surgeon', ''],
    ] as const) {
      for (const period of [H1, 'from=2026-11-01&to=2026-11-30', 'from=2026-01-01&to=2026-12-31']) {
        const body = (await call(who, 'GET', `/api/quality/indicators?${period}${extra}`)).json<Indicators>();
        for (const n of numbersOf(body)) {
          const res = await call(who, 'GET', `/api/quality/cases?${period}${extra}&${n.query}`);
          expect(res.statusCode, res.body).toBe(200);
          const c = res.json<Cases>();
          expect([c.total, c.items.length], `${who}${extra} ${period} ${n.query}`).toEqual([n.count, n.count]);
        }
      }
    }
  });

  it('names the patient, the procedure, the surgeon and the fact that counted the operation', async () => {
    const cd3 = (await call('department_head', 'GET', `/api/quality/cases?${H1}&code=cd3plus&group=numerator`)).json<Cases>();
    expect(cd3.items.map((i) => i.operationDate)).toEqual([
      '2026-05-01',
      '2026-02-07',
      '2026-02-06',
      '2026-02-05',
      '2026-02-04',
      '2026-02-03',
      '2026-02-02',
      '2026-01-10',
    ]);
    const first = cd3.items.at(-1)!;
    expect(first).toMatchObject({
      patient: patientOf[1],
      procedures: ['gastrectomy_distal_d2'],
      surgeon: { id: w.users.surgeon.id, displayName: '测试surgeon' },
      approach: 'laparoscopic',
      site: 'stomach',
      nodesExamined: 20,
      margin: 'R0',
      severeComplications: [{ grade: 'IIIa', day: 5, type: 'anastomotic_leak' }],
      deathDate: null,
    });
    const deaths = (await call('department_head', 'GET', `/api/quality/cases?${H1}&code=mortality_30d&group=numerator`)).json<Cases>();
    expect(deaths.items.map((i) => [i.patient.name, i.deathDate])).toEqual([
      ['质控患者7', '2026-05-31'],
      ['质控患者3', '2026-03-21'],
    ]);
    const noPath = (
      await call('department_head', 'GET', `/api/quality/cases?${H1}&code=ln_adequacy&group=missing&reason=no_pathology`)
    ).json<Cases>();
    expect(noPath.items.map((i) => [i.patient.name, i.hasPathology, i.procedures])).toEqual([
      ['质控患者5', false, ['anterior_resection_tme', 'loop_ileostomy']],
    ]);
    const open = (
      await call('surgeon', 'GET', '/api/quality/cases?from=2026-11-01&to=2026-11-30&code=mortality_30d&group=missing')
    ).json<Cases>();
    expect(open).toMatchObject({ reason: null, total: 1, surgeonId: w.users.surgeon.id });
    expect(open.items[0]!.patient).toEqual(patientOf[16]);
  });

  it('lists a surgeon only their own operations; researchers and other surgeons get 404, nurses 403', async () => {
    const own = (await call('surgeon', 'GET', `/api/quality/cases?${H1}&code=cd3plus&group=denominator`)).json<Cases>();
    expect(own.items.map((i) => i.patient.name).sort()).toEqual(['质控患者1', '质控患者2', '质控患者3', '质控患者8']);
    expect((await call('surgeon', 'GET', `/api/quality/cases?${H1}&surgeonId=${other}`)).statusCode).toBe(404);
    expect((await call('researcher', 'GET', `/api/quality/cases?${H1}`)).statusCode).toBe(404);
    expect((await call('nurse', 'GET', `/api/quality/cases?${H1}`)).statusCode).toBe(403);
  });

  it('refuses a missing-data group the indicator does not have, in both languages', async () => {
    const res = await call('department_head', 'GET', `/api/quality/cases?${H1}&code=conversion&group=missing&reason=no_margin`);
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.details!.fields![0]).toMatchObject({
      path: 'querystring.reason',
      messageZh: '该指标没有这一缺失数据分组',
      messageEn: 'This indicator has no such missing-data group',
    });
    expect(QUALITY_MISSING_BY_CODE.conversion).toEqual([]);
    expect((await call('department_head', 'GET', `/api/quality/cases?${H1}&code=r0&group=numerator&reason=no_margin`)).statusCode).toBe(
      400,
    );
  });

  it('audits the read as access to the listed patients', async () => {
    await call('department_head', 'GET', `/api/quality/cases?${H1}&code=mortality_30d&group=numerator`);
    const [row] = await w.db.select().from(auditLog).where(eq(auditLog.action, 'quality.cases.read')).orderBy(desc(auditLog.id)).limit(1);
    expect(row).toMatchObject({ actorId: w.users.department_head.id, outcome: 'success', resourceType: 'patient' });
    const details = row!.details as { patientIds: string[]; total: number; code: string };
    expect(details).toMatchObject({ total: 2, code: 'mortality_30d' });
    expect(details.patientIds.sort()).toEqual([patientOf[3]!.id, patientOf[7]!.id].sort());
  });

  it('caps the list and still reports the full count', async () => {
    const rows = await classifiedOperations(w.db, { from: '2026-01-01', to: '2026-12-31' }, '2026-11-26', ['operations'], 3);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.total === 16)).toBe(true);
    expect(rows[0]!.operation_date).toBe('2026-11-20');
  });
});
