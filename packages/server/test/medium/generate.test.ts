import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '@gisurg/contracts';
import { generate, type GenerateResult } from '../../src/cli/generate.js';
import { queryRows } from '../../src/db/sql.js';
import { patientSearchTerms } from '../../src/features/patients/search-terms.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * `gisurg generate` (issue 18 "Scale") at a small size: the rows it writes are coherent with each other and
 * usable by the app's real reads — search, oncology summary, bed board and occupancy, MDT tracking, survival.
 */
let w: TestWorld;
let first: GenerateResult;
let orgsBefore = 0;
const PATIENTS = 300;
beforeAll(async () => {
  w = await createTestWorld();
  orgsBefore = (await queryRows<{ n: number }>(w.db, sql`select count(*)::int as n from organizations`))[0]!.n;
  const quiet = () => undefined;
  first = await generate(
    w.db,
    w.homeOrgId,
    { hospitals: 3, patients: PATIENTS, observationsPerPatient: 2, years: 5, mdtPercent: 40 },
    w.clock.now(),
    quiet,
  );
  // A second run adds to the first without colliding (inpatient numbers, ids, wards, users).
  await generate(w.db, w.homeOrgId, { hospitals: 1, patients: 10, observationsPerPatient: 1, years: 5 }, w.clock.now(), quiet);
}, 120_000);
afterAll(async () => w.close());

const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(w.db, q))[0]!;
const get = async <T>(role: 'surgeon' | 'nurse' | 'mdt_coordinator', url: string) => {
  const res = await w.app.inject({ method: 'GET', url, headers: { cookie: await w.as(role) } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};

describe('gisurg generate (scale data)', () => {
  it('writes every table with 1.5 operations per patient, one admission and bed stay per operation', async () => {
    const r = await one<Record<string, number>>(sql`select
      (select count(*)::int from organizations) as orgs,
      (select count(*)::int from patients where inpatient_no like 'S%') as patients,
      (select count(distinct inpatient_no)::int from patients where inpatient_no like 'S%') as nos,
      (select count(*)::int from oncology_diagnoses) as diagnoses,
      (select count(*)::int from operations) as operations,
      (select count(*)::int from operation_procedures) as procedures,
      (select count(*)::int from admissions) as admissions,
      (select count(*)::int from bed_stays) as stays,
      (select count(*)::int from tumor_markers) as markers`);
    expect(r).toMatchObject({ orgs: orgsBefore + 4, patients: PATIENTS + 10, nos: PATIENTS + 10, diagnoses: PATIENTS + 10 });
    expect(r.operations! / r.patients!).toBeGreaterThan(1.35);
    expect(r.operations! / r.patients!).toBeLessThanOrEqual(1.5);
    expect(r).toMatchObject({ procedures: r.operations, admissions: r.operations, stays: r.operations, markers: PATIENTS * 2 + 10 });
    expect(first.tables.map((t) => t.table)).toEqual(
      expect.arrayContaining(['patients', 'operations', 'mdt_plan_items', 'follow_up_contacts']),
    );
    expect(first.tables.every((t) => t.rows > 0)).toBe(true);
  });

  it('dates follow each other: diagnosis, admission, operation, discharge, follow-up; all within the years asked', async () => {
    const today = todayIn('Asia/Shanghai', w.clock.now());
    const r = await one<Record<string, number | string>>(sql`select
      (select count(*)::int from operations o join oncology_diagnoses d on d.id = o.diagnosis_id where o.operation_date <= d.diagnosis_date) as op_before_dx,
      (select count(*)::int from operations o where o.operation_date > ${today}::date or o.operation_date < ${addDays(today, -5 * 366)}::date) as op_outside,
      (select count(*)::int from operations o where not exists (select 1 from admissions a where a.patient_id = o.patient_id
         and (a.admitted_at at time zone 'Asia/Shanghai')::date <= o.operation_date
         and (a.discharged_at is null or (a.discharged_at at time zone 'Asia/Shanghai')::date > o.operation_date))) as op_outside_stay,
      (select count(*)::int from follow_up_contacts c where c.contact_date > ${today}::date
         or c.contact_date <= (select min(operation_date) from operations o where o.patient_id = c.patient_id)) as contact_outside,
      (select count(*)::int from follow_up_contacts where status = 'dead') as deaths,
      (select count(*)::int from tumor_markers m where m.sampled_on > ${today}::date) as markers_future`);
    expect(r).toMatchObject({ op_before_dx: 0, op_outside: 0, op_outside_stay: 0, contact_outside: 0, markers_future: 0 });
    expect(Number(r.deaths)).toBeGreaterThan(0);
  });

  it('never puts two stays in one bed at once, and the beds held today are the active admissions', async () => {
    const r = await one<Record<string, number>>(sql`select
      (select count(*)::int from bed_stays a join bed_stays b on a.bed_id = b.bed_id and a.id < b.id
         and a.from_at < coalesce(b.to_at, 'infinity') and b.from_at < coalesce(a.to_at, 'infinity')) as overlaps,
      (select count(*)::int from admissions where status = 'active') as active,
      (select count(*)::int from bed_states where state = 'occupied') as occupied,
      (select count(*)::int from beds b where not exists (select 1 from bed_states s where s.bed_id = b.id)) as beds_without_state`);
    expect(r).toMatchObject({ overlaps: 0, beds_without_state: 0, occupied: r.active });
    expect(r.active).toBeGreaterThan(0);
  });

  it('writes the search terms the app computes for each patient', async () => {
    const rows = await queryRows<{ id: string; name: string; inpatient_no: string; terms: string[] }>(
      w.db,
      sql`select p.id, p.name, p.inpatient_no, array_agg(t.kind || ':' || t.term order by t.kind, t.term) as terms
          from patients p join patient_search_terms t on t.patient_id = p.id where p.inpatient_no like 'S%' group by p.id`,
    );
    expect(rows).toHaveLength(PATIENTS + 10);
    for (const p of rows) {
      const expected = patientSearchTerms({ name: p.name, inpatientNo: p.inpatient_no }).map((t) => `${t.kind}:${t.term}`);
      expect(new Set(p.terms), p.name).toEqual(new Set(expected));
    }
  });

  it('is found by the app search by name, full pinyin and initials', async () => {
    const [p] = await queryRows<{ id: string; pinyin: string; initials: string; name: string }>(
      w.db,
      sql`select p.id, p.name, max(t.term) filter (where t.kind = 'pinyin') as pinyin, max(t.term) filter (where t.kind = 'initials') as initials
          from patients p join patient_search_terms t on t.patient_id = p.id where p.inpatient_no = 'S000000007' group by p.id`,
    );
    for (const q of [p!.name, p!.pinyin, p!.initials]) {
      const res = await get<{ items: { id: string }[] }>('surgeon', `/api/patients?q=${encodeURIComponent(q)}&pageSize=100`);
      expect(res.items.map((i) => i.id)).toContain(p!.id);
    }
  });

  it('opens the oncology summary of an operated patient: staged diagnosis, operations with procedures, markers', async () => {
    const { id } = await one<{ id: string }>(
      sql`select patient_id as id from operations group by patient_id having count(*) = 2 order by patient_id limit 1`,
    );
    const s = await get<{
      diagnoses: { clinicalStage: string | null; icd10: string }[];
      operations: { procedures: unknown[] }[];
      markers: unknown[];
    }>('surgeon', `/api/patients/${id}/oncology-summary`);
    expect(s.diagnoses).toHaveLength(1);
    expect(s.diagnoses[0]!.clinicalStage).toMatch(/^(I|II|III|IV)/);
    expect(s.operations).toHaveLength(2);
    expect(s.operations.every((o) => o.procedures.length === 1)).toBe(true);
    expect(s.markers).toHaveLength(2);
  });

  it('gives a year of occupancy and the bed board from the generated stays', async () => {
    const today = todayIn('Asia/Shanghai', w.clock.now());
    const occ = await get<{ days: { rate: number | null; admissions: number }[]; los: unknown }>(
      'nurse',
      `/api/ward/occupancy?from=${addDays(today, -364)}&to=${today}`,
    );
    expect(occ.days).toHaveLength(365);
    const mean = occ.days.reduce((n, d) => n + (d.rate ?? 0), 0) / occ.days.length;
    expect(mean).toBeGreaterThan(20);
    expect(occ.days.reduce((n, d) => n + d.admissions, 0)).toBeGreaterThan(0);
    const board = await get<{ beds: { state: string; patient?: { id: string } }[] }[]>('nurse', '/api/wards');
    const occupied = board.flatMap((x) => x.beds).filter((b) => b.state === 'occupied' && b.patient).length;
    expect(occupied).toBe((await one<{ n: number }>(sql`select count(*)::int as n from admissions where status = 'active'`)).n);
  });

  it('lists the tumour-board plan items on the tracking list, delivered by the operation', async () => {
    const all = await get<{ total: number; items: { status: string; evidenceRef?: string | null }[] }>(
      'mdt_coordinator',
      '/api/mdt/tracking',
    );
    const items = await one<{ n: number; cases: number }>(
      sql`select count(*)::int as n, count(distinct case_id)::int as cases from mdt_plan_items`,
    );
    expect(all.total).toBe(items.n);
    expect(items.cases).toBeGreaterThan(PATIENTS * 0.2);
    const delivered = await get<{ total: number }>('mdt_coordinator', '/api/mdt/tracking?status=delivered');
    expect(delivered.total).toBeGreaterThanOrEqual(items.cases);
  });

  it('gives survival by stage with events, on all patients and on a diagnosis-date cohort', async () => {
    const post = async (cohort: Record<string, string>) => {
      const res = await w.app.inject({
        method: 'POST',
        url: '/api/analytics/survival',
        headers: { cookie: await w.as('surgeon') },
        payload: { cohort, endpoint: 'os', groupBy: 'stage' },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ n: number; events: number; groups: { key: string }[]; logRank?: unknown }>();
    };
    const all = await post({});
    expect(all.n).toBeGreaterThan(PATIENTS * 0.8);
    expect(all.events).toBeGreaterThan(0);
    expect(all.groups.map((g) => g.key)).toEqual(expect.arrayContaining(['I', 'II', 'III', 'IV']));
    expect(all.logRank).toBeDefined();
    const today = todayIn('Asia/Shanghai', w.clock.now());
    const part = await post({ from: addDays(today, -4 * 365), to: addDays(today, -2 * 365) });
    expect(part.n).toBeGreaterThan(0);
    expect(part.n).toBeLessThan(all.n);
  });
});
