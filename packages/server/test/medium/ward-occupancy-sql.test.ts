import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/sql.js';
import { featureJobs } from '../../src/features/index.js';
import type { OccupancyDto } from '@gisurg/contracts/ward';
import { createTestWorld, type TestWorld } from './support/test-app.js';
import { pureOccupancy, writeStayHistory } from './support/occupancy-history.js';
import { aWard } from './support/ward.js';

/**
 * The occupancy route aggregates in SQL; its figures must equal those of the pure functions of
 * occupancy.ts (the reference, hand-checked in occupancy.test.ts) on a generated history of two wards over
 * four months: transfers between the wards, same-day stays, stays starting and ending at midnight,
 * cancelled admissions, open stays and operations. Clock: 2026-11-26 10:00 Asia/Shanghai.
 */
let w: TestWorld;
let wards: { wardId: string; bedIds: string[] }[];
beforeAll(async () => {
  w = await createTestWorld();
  wards = [await aWard(w.homeOrgId, { beds: 6 }).build(w.db), await aWard(w.homeOrgId, { beds: 5 }).build(w.db)];
  const n = await writeStayHistory(w.db, {
    organizationId: w.homeOrgId,
    bedIdsByWard: wards.map((x) => x.bedIds),
    from: '2026-07-20',
    until: new Date('2026-11-26T02:00:00Z'),
    timeZone: 'Asia/Shanghai',
  });
  expect(n).toBeGreaterThan(80);
});
afterAll(async () => w.close());

async function occupancy(params: URLSearchParams): Promise<OccupancyDto> {
  const res = await w.app.inject({
    method: 'GET',
    url: `/api/ward/occupancy?${params.toString()}`,
    headers: { cookie: await w.as('department_head') },
  });
  expect(res.statusCode).toBe(200);
  return res.json<OccupancyDto>();
}

/** The pure reference of a period over every ward of a route answer, with the default settings. */
function defaultReference(from: string, to: string, answer: OccupancyDto) {
  return pureOccupancy(w.db, {
    from,
    to,
    today: '2026-11-26',
    timeZone: 'Asia/Shanghai',
    organizationId: w.homeOrgId,
    wardIds: answer.today.map((t) => t.wardId),
    settings: { sameDayCountsOne: true, losCounting: 'midnights' },
  });
}

async function keptDays(): Promise<number> {
  const [r] = await queryRows<{ n: number }>(w.db, sql`select count(*)::int as n from ward_census_days`);
  return r!.n;
}

describe('occupancy in SQL equals the pure reference', () => {
  it.each([
    ['one ward, a quarter', '2026-08-01', '2026-10-31', 0, 'true', 'midnights'],
    ['the other ward, same-day stays not counted, inclusive LOS', '2026-08-01', '2026-11-26', 1, 'false', 'inclusive'],
    ['both wards, from before the history to today', '2026-07-01', '2026-11-26', null, 'true', 'midnights'],
  ] as const)('%s', async (_label, from, to, wardIndex, sameDay, losCounting) => {
    const ward = wardIndex === null ? null : wards[wardIndex]!;
    const params = new URLSearchParams({ from, to, sameDayCountsOne: sameDay, losCounting });
    if (ward) params.set('wardId', ward.wardId);
    const keptBefore = await keptDays();
    const body = await occupancy(params);
    // The days that are over are kept (the kept daily census); the second answer reads them back and is the same.
    expect(await keptDays()).toBeGreaterThan(keptBefore);
    expect(await occupancy(params)).toEqual(body);
    // The test world may hold other wards of the department: compare over the wards in scope.
    const wardIds = ward ? [ward.wardId] : body.today.map((t) => t.wardId);
    const reference = await pureOccupancy(w.db, {
      from,
      to,
      today: '2026-11-26',
      timeZone: 'Asia/Shanghai',
      organizationId: w.homeOrgId,
      wardIds,
      settings: { sameDayCountsOne: sameDay === 'true', losCounting },
    });
    expect(body.days).toEqual(reference.days);
    expect(body.totals).toEqual(reference.totals);
    expect(body.los).toEqual(reference.los);
    expect(body.totals.occupiedBedDays).toBeGreaterThan(100);
    expect(body.los.discharged).toBeGreaterThan(10);
    expect(body.los.postOpCount).toBeGreaterThan(0);
  });

  it('a write to a past day makes the kept days from its date on be computed again; earlier ones stay kept', async () => {
    const params = new URLSearchParams({ from: '2026-08-01', to: '2026-11-26' });
    const before = await occupancy(params);
    const keptBefore = await keptDays();
    const reference = () => defaultReference('2026-08-01', '2026-11-26', before);
    // Cancel an admission discharged in October (as a correction written straight to the table would) and record an
    // operation within another October stay: both change October's figures, not July's.
    const [cancelled] = await queryRows<{ id: string }>(
      w.db,
      sql`update admissions set status = 'cancelled', cancelled_at = now()
          where id = (select id from admissions where status = 'discharged' and admitted_at >= '2026-10-03T00:00+08'
                      and discharged_at >= '2026-10-10T00:00+08' and discharged_at < '2026-10-20T00:00+08' order by admitted_at limit 1)
          returning id`,
    );
    expect(cancelled).toBeDefined();
    const [operated] = await queryRows<{ patient_id: string; on: string }>(
      w.db,
      sql`select a.patient_id, (a.discharged_at at time zone 'Asia/Shanghai')::date::text as on from admissions a
          where a.status = 'discharged' and a.discharged_at >= '2026-10-21T00:00+08' and a.discharged_at < '2026-10-31T00:00+08'
            and not exists (select 1 from operations o where o.patient_id = a.patient_id and o.deleted_at is null)
          order by a.discharged_at limit 1`,
    );
    expect(operated).toBeDefined();
    await w.db.execute(
      sql`insert into operations (patient_id, operation_date, urgency, intent, approach)
          values (${operated!.patient_id}, ${operated!.on}::date, 'elective', 'curative', 'open')`,
    );
    // Kept days from about the write's date on were forgotten; August and September stay kept.
    expect(await keptDays()).toBeLessThan(keptBefore);
    const [augSep] = await queryRows<{ n: number }>(
      w.db,
      sql`select count(distinct day)::int as n from ward_census_days where day between '2026-08-01' and '2026-09-30'`,
    );
    expect(augSep!.n).toBe(61);
    const after = await occupancy(params);
    const ref = await reference();
    expect(after.days).toEqual(ref.days);
    expect(after.totals).toEqual(ref.totals);
    expect(after.los).toEqual(ref.los);
    expect(after.los.discharged).toBe(before.los.discharged - 1);
    expect(after.los.postOpCount).toBeGreaterThan(before.los.postOpCount);
    expect(await occupancy(params)).toEqual(after);
  });

  it("the ward.census job keeps the last year of each organization's whole-ward census", async () => {
    await w.db.execute(sql`delete from ward_census_days`);
    await w.db.execute(sql`delete from ward_census_spans`);
    const job = featureJobs(w.config, w.database).find((j) => j.name === 'ward.census')!;
    expect(job.everyMs).toBe(3_600_000);
    await job.run({ db: w.db, now: w.clock.now(), runKey: 'test', workerId: 'test' });
    const [kept] = await queryRows<{ n: number; first: string; last: string }>(
      w.db,
      sql`select count(*)::int as n, min(day)::text as first, max(day)::text as last from ward_census_days`,
    );
    expect(kept).toEqual({ n: 365, first: '2025-11-26', last: '2026-11-25' });
    // The page of that year reads them back: equal to the reference.
    const year = await occupancy(new URLSearchParams({ from: '2025-11-27', to: '2026-11-26' }));
    const ref = await defaultReference('2025-11-27', '2026-11-26', year);
    expect(year.days).toEqual(ref.days);
    expect(year.los).toEqual(ref.los);
    expect(await keptDays()).toBe(365);
  });

  it('answers for five years', async () => {
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/ward/occupancy?from=2021-11-27&to=2026-11-26`,
      headers: { cookie: await w.as('department_head') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<OccupancyDto>().days).toHaveLength(1826);
  });
});
