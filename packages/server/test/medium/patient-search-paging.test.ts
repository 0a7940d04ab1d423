import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATIENT_SEARCH_COUNT_CAP } from '@gisurg/contracts/patients';
import { queryRows } from '../../src/db/sql.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * The search's page comes from the first matching terms and its count stops at PATIENT_SEARCH_COUNT_CAP (ADR 0022):
 * paged in any size it gives the same ranking as one large page, also when patients have several matching terms, and
 * a query matching more patients than the cap says "at least".
 */
let w: TestWorld;
interface Page {
  items: { id: string; name: string }[];
  total: number;
  totalCapped: boolean;
}
const search = async (q: string, page: number, pageSize: number) => {
  const res = await w.app.inject({
    method: 'GET',
    url: `/api/patients?q=${encodeURIComponent(q)}&page=${page}&pageSize=${pageSize}`,
    headers: { cookie: await w.as('nurse') },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};

/** n synthetic patients whose terms (kinds and a term per patient) are written directly, updated one minute apart. */
async function patientsWithTerms(prefix: string, n: number, termsOf: (i: number) => { kind: string; term: string }[]) {
  const ids: string[] = [];
  for (let start = 0; start < n; start += 500) {
    const count = Math.min(500, n - start);
    const rows = await queryRows<{ id: string }>(
      w.db,
      sql`
      insert into patients (organization_id, name, sex, birth_date, inpatient_no, updated_at)
      select ${w.homeOrgId}::uuid, ${prefix} || i, 'female', date '1960-01-01', ${prefix} || lpad(i::text, 6, '0'),
             timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute'
      from generate_series(${start + 1}::int, ${start + count}::int) i
      returning id`,
    );
    ids.push(...rows.map((r) => r.id));
  }
  const terms = ids.flatMap((id, i) => termsOf(i + 1).map((t) => ({ patient_id: id, ...t })));
  await w.db.execute(sql`
    insert into patient_search_terms (patient_id, kind, term)
    select patient_id, kind, term from jsonb_to_recordset(${JSON.stringify(terms)}::jsonb) as t(patient_id uuid, kind text, term text)`);
  // ids[i] is patient i + 1, updated i minutes after the first: the ranking within a rank is the reverse order.
  return ids;
}

beforeAll(async () => {
  w = await createTestWorld();
}, 60_000);
afterAll(async () => w.close());

describe('patient search: paging and the count cap', () => {
  it('pages a ranking with several terms per patient and two ranks exactly as one large page gives it', async () => {
    // 'pgx': 37 patients; every patient's pinyin and initials match (rank 1), every third one's given-name pinyin too
    // (rank 2: the patient keeps rank 1), and 5 more patients match only by the given name (rank 2). Patients 30–37
    // (the most recently updated) match by four more pinyin readings: more terms than the first k allow for, so some
    // pages come from the exact search and the others from the first terms.
    const ids = await patientsWithTerms('PGX', 42, (i) =>
      i <= 37
        ? [
            { kind: 'pinyin', term: `pgxa${i}` },
            { kind: 'initials', term: `pgx${i}` },
            ...(i >= 30 ? ['b', 'c', 'd', 'e'].map((r) => ({ kind: 'pinyin', term: `pgx${r}${i}` })) : []),
            ...(i % 3 === 0 ? [{ kind: 'given_pinyin', term: `pgxgiven${i}` }] : []),
          ]
        : [{ kind: 'given_pinyin', term: `pgxonly${i}` }],
    );
    const whole = await search('pgx', 1, 100);
    expect(whole.total).toBe(42);
    expect(whole.totalCapped).toBe(false);
    // Rank 1 first, most recently updated first; then the five given-name-only patients.
    const expected = [...ids.slice(0, 37).reverse(), ...ids.slice(37).reverse()];
    expect(whole.items.map((p) => p.id)).toEqual(expected);
    for (const pageSize of [1, 4, 5, 7, 20]) {
      const seen: string[] = [];
      for (let page = 1; page <= Math.ceil(42 / pageSize); page += 1) {
        const p = await search('pgx', page, pageSize);
        expect(p.total, `page ${page} of ${pageSize}`).toBe(42);
        seen.push(...p.items.map((i) => i.id));
      }
      expect(seen, `pages of ${pageSize}`).toEqual(expected);
      const past = await search('pgx', Math.ceil(42 / pageSize) + 1, pageSize);
      expect(past).toMatchObject({ items: [], total: 42, totalCapped: false });
    }
  });

  it('counts up to the cap and then says "at least"; the page is still the most recently updated', async () => {
    const n = PATIENT_SEARCH_COUNT_CAP + 500;
    // Three terms each (inpatient number, pinyin, initials), all matching 'cpx'.
    const ids = await patientsWithTerms('CPX', n, (i) => [
      { kind: 'inpatient_no', term: `cpx${String(i).padStart(6, '0')}` },
      { kind: 'pinyin', term: `cpxpinyin${i}` },
      { kind: 'initials', term: `cpxi${i}` },
    ]);
    const first = await search('cpx', 1, 20);
    expect(first).toMatchObject({ total: PATIENT_SEARCH_COUNT_CAP, totalCapped: true });
    expect(first.items.map((p) => p.id)).toEqual(ids.slice(-20).reverse());
    const third = await search('cpx', 3, 20);
    expect(third.items.map((p) => p.id)).toEqual(ids.slice(-60, -40).reverse());
    // A narrower query is counted exactly: 'cpx0001' is the inpatient numbers cpx000100–cpx000199.
    const narrow = await search('cpx0001', 1, 20);
    expect(narrow.totalCapped).toBe(false);
    expect(narrow.total).toBe(ids.filter((_id, i) => `${String(i + 1).padStart(6, '0')}`.startsWith('0001')).length);
  });
});
