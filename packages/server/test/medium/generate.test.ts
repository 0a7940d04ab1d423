import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/cli/generate.js';
import { queryRows } from '../../src/db/sql.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

describe('gisurg generate (scale data)', () => {
  it('adds the asked numbers of hospitals, patients with search terms, and observations in the asked years', async () => {
    const before = await queryRows<{ n: number }>(w.db, sql`select count(*)::int as n from organizations`);
    const now = new Date('2026-12-05T00:00:00Z');
    await generate(w.db, w.homeOrgId, { hospitals: 3, patients: 40, observationsPerPatient: 2, years: 5 }, now);
    await generate(
      w.db,
      w.homeOrgId,
      { hospitals: 1, patients: 10, observationsPerPatient: 1, years: 5 },
      new Date('2026-12-06T00:00:00Z'),
    );
    const [r] = await queryRows<{ orgs: number; patients: number; terms: number; markers: number; oldest: string; nos: number }>(
      w.db,
      sql`select (select count(*)::int from organizations) as orgs,
                 (select count(*)::int from patients where inpatient_no like 'S%') as patients,
                 (select count(*)::int from patient_search_terms t join patients p on p.id = t.patient_id where p.inpatient_no like 'S%') as terms,
                 (select count(*)::int from tumor_markers) as markers,
                 (select min(sampled_on)::text from tumor_markers) as oldest,
                 (select count(distinct inpatient_no)::int from patients where inpatient_no like 'S%') as nos`,
    );
    expect(r).toMatchObject({ orgs: before[0]!.n + 4, patients: 50, terms: 150, markers: 90, nos: 50 });
    expect(r!.oldest >= '2021-12-05').toBe(true);
    // Found by the app's search like any patient (name-prefix terms).
    const cookie = await w.as('surgeon');
    const [p] = await queryRows<{ name: string }>(w.db, sql`select name from patients where inpatient_no = 'S000000007'`);
    const res = await w.app.inject({ method: 'GET', url: `/api/patients?q=${encodeURIComponent(p!.name)}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ total: number }>().total).toBeGreaterThanOrEqual(1);
  });
});
