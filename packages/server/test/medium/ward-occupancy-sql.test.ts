import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('occupancy in SQL equals the pure reference', () => {
  it.each([
    ['one ward, a quarter', '2026-08-01', '2026-10-31', 0, 'true', 'midnights'],
    ['the other ward, same-day stays not counted, inclusive LOS', '2026-08-01', '2026-11-26', 1, 'false', 'inclusive'],
    ['both wards, from before the history to today', '2026-07-01', '2026-11-26', null, 'true', 'midnights'],
  ] as const)('%s', async (_label, from, to, wardIndex, sameDay, losCounting) => {
    const ward = wardIndex === null ? null : wards[wardIndex]!;
    const params = new URLSearchParams({ from, to, sameDayCountsOne: sameDay, losCounting });
    if (ward) params.set('wardId', ward.wardId);
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/ward/occupancy?${params.toString()}`,
      headers: { cookie: await w.as('department_head') },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<OccupancyDto>();
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
