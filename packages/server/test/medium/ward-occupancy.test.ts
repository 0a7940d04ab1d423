import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OccupancyDto } from '@gisurg/contracts/ward';
import { anOperation, aPatient } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';
import { aWard, wardClient } from './support/ward.js';

/**
 * Occupancy from the history written by the API (the figures themselves: occupancy.test.ts, hand-computed).
 * Ward of 3 beds; clock 2026-11-26 10:00 (Asia/Shanghai).
 *   P1 admitted 11-24 09:00, operated 11-24, discharged 11-25 15:00 → census 11-24 only; LOS 1, post-op 1
 *   P2 admitted 11-25 08:00, still in → census 11-25
 *   P3 admitted 11-24 10:00 and cancelled (wrong entry) → not counted
 * 11-24..11-25: occupied 1 + 1 = 2 of 3 + 3 open bed-days → 33.3 %.
 */
let w: TestWorld;
let ward: { wardId: string; bedIds: string[] };
beforeAll(async () => {
  w = await createTestWorld();
  const c = wardClient(w);
  ward = await aWard(w.homeOrgId, { beds: 3 }).build(w.db);
  const p1 = (await aPatient(w.homeOrgId).build(w.db)).id;
  await anOperation(p1, { operationDate: '2026-11-24' }).build(w.db);
  const a1 = await c.admit(p1, ward.bedIds[0]!, { admittedAt: '2026-11-24T09:00' });
  c.ok(await c.call('nurse', 'POST', `/api/admissions/${a1}/discharge`, { at: '2026-11-25T15:00', disposition: 'order' }));
  await c.admit((await aPatient(w.homeOrgId).build(w.db)).id, ward.bedIds[1]!, { admittedAt: '2026-11-25T08:00' });
  const a3 = await c.admit((await aPatient(w.homeOrgId).build(w.db)).id, ward.bedIds[2]!, { admittedAt: '2026-11-24T10:00' });
  c.ok(await c.call('nurse', 'POST', `/api/admissions/${a3}/cancel`, { reason: '录入错误' }));
});
afterAll(async () => w.close());

describe('GET /api/ward/occupancy', () => {
  it('computes census, occupancy, admissions, discharges and LOS from the recorded stays', async () => {
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/ward/occupancy?from=2026-11-24&to=2026-11-25&wardId=${ward.wardId}`,
      headers: { cookie: await w.as('department_head') },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<OccupancyDto>();
    expect(body.days.map((d) => d.occupied)).toEqual([1, 1]);
    expect(body.days.map((d) => d.admissions)).toEqual([1, 1]);
    expect(body.days.map((d) => d.discharges)).toEqual([0, 1]);
    expect(body.totals).toEqual({ occupiedBedDays: 2, openBedDays: 6, rate: 33.3 });
    expect(body.los).toMatchObject({ discharged: 1, averageLos: 1, medianLos: 1, postOpCount: 1, averagePostOpLos: 1 });
    const today = body.today.find((t) => t.wardId === ward.wardId);
    expect(today).toMatchObject({ beds: 3, occupied: 1, rate: 33.3 });
  });

  it('defaults to the last 30 days and refuses a reversed period', async () => {
    const cookie = await w.as('student');
    const res = await w.app.inject({ method: 'GET', url: '/api/ward/occupancy', headers: { cookie } });
    expect(res.json<OccupancyDto>()).toMatchObject({ from: '2026-10-28', to: '2026-11-26' });
    expect(
      (await w.app.inject({ method: 'GET', url: '/api/ward/occupancy?from=2026-11-25&to=2026-11-01', headers: { cookie } })).statusCode,
    ).toBe(400);
  });
});
