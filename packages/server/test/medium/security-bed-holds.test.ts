import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedReservations, bedStates, theatreBookings } from '../../src/db/schema/index.js';
import { aPatient } from './support/builders.js';
import { theatreClient, theatreFixture, type TheatreFixture } from './support/theatre.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Issue 17 failure 9: a CRS+HIPEC hold (theatre) and a manual reservation (bed board) must never both take
 * one bed, whichever comes first and when both arrive at once.
 */
let w: TestWorld;
let f: TheatreFixture;
beforeAll(async () => {
  w = await createTestWorld();
  f = await theatreFixture(w);
});
afterAll(async () => w.close());

let day = 0;
async function book(patientId: string) {
  day += 1;
  const tc = theatreClient(w);
  // Today (the world starts 2026-11-26 10:00 hospital time): the ICU hold begins today.
  return tc.call('surgeon', 'POST', '/api/theatre/bookings', {
    patientId,
    roomId: f.rooms.or1,
    start: '2026-11-26T13:30',
    durationMin: 240,
    surgeonIds: [w.users.surgeon.id],
    procedures: ['crs', 'hipec'],
    equipmentIds: day === 1 ? [f.equipment.hipec] : [],
    icuDays: 1,
  });
}

async function reserve(patientId: string) {
  return w.app.inject({
    method: 'POST',
    url: `/api/beds/${f.icuBed}/reserve`,
    headers: { cookie: await w.as('nurse') },
    payload: { patientId, until: '2026-11-27T18:00' },
  });
}

async function holders(): Promise<string[]> {
  const [state] = await w.db.select().from(bedStates).where(eq(bedStates.bedId, f.icuBed));
  const planned = await w.db
    .select({ patientId: bedReservations.patientId })
    .from(bedReservations)
    .where(and(eq(bedReservations.bedId, f.icuBed), eq(bedReservations.status, 'active'), sql`${bedReservations.toDate} >= '2026-11-26'`));
  const manual = state?.state === 'reserved' && state.reservedPatientId ? [state.reservedPatientId] : [];
  return [...new Set([...manual, ...planned.map((p) => p.patientId)])];
}

async function releaseAll(): Promise<void> {
  await w.db.update(theatreBookings).set({ status: 'cancelled', statusReason: 'test' });
  await w.db.update(bedReservations).set({ status: 'released' }).where(eq(bedReservations.bedId, f.icuBed));
  await w.db
    .update(bedStates)
    .set({ state: 'vacant_clean', reservedPatientId: null, reservedUntil: null })
    .where(eq(bedStates.bedId, f.icuBed));
}

describe('one bed, two ways of holding it', () => {
  it('a CRS+HIPEC booking does not take the ICU bed the bed board reserved for another patient', async () => {
    const a = (await aPatient(w.homeOrgId).build(w.db)).id;
    const b = (await aPatient(w.homeOrgId).build(w.db)).id;
    expect((await reserve(a)).statusCode).toBe(200);
    const res = await book(b);
    expect(res.statusCode).toBe(201);
    expect(res.json<{ warnings: { code: string }[] }>().warnings.map((x) => x.code)).toContain('no_icu_bed');
    expect(await holders()).toEqual([a]);
    await releaseAll();
  });

  it('a CRS+HIPEC booking takes the ICU bed the bed board reserved for the same patient, instead of holding a second', async () => {
    const a = (await aPatient(w.homeOrgId).build(w.db)).id;
    expect((await reserve(a)).statusCode).toBe(200);
    const res = await book(a);
    expect(res.statusCode).toBe(201);
    expect(res.json<{ warnings: { code: string }[] }>().warnings.map((x) => x.code)).not.toContain('no_icu_bed');
    const held = await w.db
      .select({ bedId: bedReservations.bedId, wardKind: bedReservations.wardKind })
      .from(bedReservations)
      .where(and(eq(bedReservations.patientId, a), eq(bedReservations.status, 'active')));
    expect(held.filter((r) => r.wardKind !== 'general').map((r) => r.bedId)).toEqual([f.icuBed]);
    expect(await holders()).toEqual([a]);
    await releaseAll();
  });

  it('the bed board refuses a manual reservation over a CRS+HIPEC hold of another patient', async () => {
    const a = (await aPatient(w.homeOrgId).build(w.db)).id;
    const b = (await aPatient(w.homeOrgId).build(w.db)).id;
    expect((await book(b)).statusCode).toBe(201);
    expect(await holders()).toEqual([b]);
    expect((await reserve(a)).statusCode).toBe(409);
    await releaseAll();
  });

  it('gives the bed to exactly one patient when both requests arrive at once', async () => {
    for (let round = 0; round < 4; round += 1) {
      const a = (await aPatient(w.homeOrgId).build(w.db)).id;
      const b = (await aPatient(w.homeOrgId).build(w.db)).id;
      const [r, bk] = await Promise.all([reserve(a), book(b)]);
      expect([200, 409]).toContain(r.statusCode);
      expect(bk.statusCode).toBe(201);
      expect(await holders()).toHaveLength(1);
      await releaseAll();
    }
  });
});
