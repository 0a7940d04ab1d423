import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bedEvents, bedReservations } from '../../src/db/schema/index.js';
import { aPatient } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';
import { aWard, wardClient, type ErrorBody } from './support/ward.js';

let w: TestWorld;
let c: ReturnType<typeof wardClient>;
let ward: { wardId: string; bedIds: string[] };
let icu: { wardId: string; bedIds: string[] };
const patient = async () => (await aPatient(w.homeOrgId).build(w.db)).id;

beforeAll(async () => {
  w = await createTestWorld();
  c = wardClient(w);
  ward = await aWard(w.homeOrgId, { beds: 6 }).build(w.db);
  icu = await aWard(w.homeOrgId, { beds: 2, kind: 'icu' }).build(w.db);
});
afterAll(async () => w.close());

describe('admission', () => {
  it('admits into a clean bed: 201, the bed shows occupied with the admission, assign event and audit', async () => {
    const p = await patient();
    const id = await c.admit(p, ward.bedIds[0]!, {
      diagnosis: '胃癌',
      plannedProcedure: '腹腔镜远端胃切除术',
      fallRisk: 'high',
      attendingSurgeonId: w.users.surgeon.id,
    });
    const bed = await c.bedState(ward.wardId, ward.bedIds[0]!);
    expect(bed).toMatchObject({
      state: 'occupied',
      admissionId: id,
      plannedProcedure: '腹腔镜远端胃切除术',
      dayOfStay: 1,
      flags: { fallRisk: 'high' },
    });
    const events = await w.db.select().from(bedEvents).where(eq(bedEvents.bedId, ward.bedIds[0]!));
    expect(events.map((e) => [e.type, e.fromState, e.toState])).toEqual([['assign', 'vacant_clean', 'occupied']]);
    const audit = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'ward.admission.create'), eq(auditLog.resourceId, id)));
    expect(audit).toHaveLength(1);
  });

  it('refuses an occupied bed with 409 and writes nothing', async () => {
    const res = await c.admitRaw(await patient(), ward.bedIds[0]!);
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.code).toBe('CONFLICT');
  });

  it('refuses a patient already admitted with 409', async () => {
    const p = await patient();
    await c.admit(p, ward.bedIds[1]!);
    expect((await c.admitRaw(p, ward.bedIds[2]!)).statusCode).toBe(409);
  });

  it('refuses a blocked bed and a bed awaiting cleaning with 409', async () => {
    const bed = ward.bedIds[3]!;
    c.ok(await c.call('nurse', 'POST', `/api/beds/${bed}/block`, { reason: 'maintenance' }));
    expect((await c.admitRaw(await patient(), bed)).statusCode).toBe(409);
    c.ok(await c.call('nurse', 'POST', `/api/beds/${bed}/unblock`, {}));
    expect((await c.bedState(ward.wardId, bed)).state).toBe('vacant_dirty');
    expect((await c.admitRaw(await patient(), bed)).statusCode).toBe(409);
    c.ok(await c.call('nurse', 'POST', `/api/beds/${bed}/clean`, {}));
    expect((await c.bedState(ward.wardId, bed)).state).toBe('vacant_clean');
  });

  it('needs the source institution for a transfer-in (400 with Chinese and English messages)', async () => {
    const res = await c.admitRaw(await patient(), ward.bedIds[4]!, { source: 'transfer_in' });
    expect(res.statusCode).toBe(400);
    const field = res.json<ErrorBody>().error.details.fields[0]!;
    expect(field).toMatchObject({ path: 'sourceInstitution' });
    expect(field.messageZh).toContain('机构');
    expect(field.messageEn).toContain('institution');
  });

  it('refuses an admission time in the future', async () => {
    const res = await c.admitRaw(await patient(), ward.bedIds[4]!, { admittedAt: '2026-11-27T08:00' });
    expect(res.statusCode).toBe(400);
  });
});

describe('reservations', () => {
  it('a manually reserved bed refuses another patient and takes the reserved one', async () => {
    const bed = icu.bedIds[0]!;
    const p = await patient();
    c.ok(await c.call('nurse', 'POST', `/api/beds/${bed}/reserve`, { patientId: p, until: '2026-11-27T18:00' }));
    const shown = await c.bedState(icu.wardId, bed);
    expect(shown.state).toBe('reserved');
    expect((await c.admitRaw(await patient(), bed)).statusCode).toBe(409);
    await c.admit(p, bed);
    expect((await c.bedState(icu.wardId, bed)).state).toBe('occupied');
  });

  it('a planned reservation (bed_reservations) shows reserved, refuses others, and is used by its patient', async () => {
    const bed = icu.bedIds[1]!;
    const p = await patient();
    const [r] = await w.db
      .insert(bedReservations)
      .values({ patientId: p, bedId: bed, wardKind: 'icu', fromDate: '2026-11-25', toDate: '2026-11-28' })
      .returning();
    expect((await c.bedState(icu.wardId, bed)).state).toBe('reserved');
    expect((await c.admitRaw(await patient(), bed)).statusCode).toBe(409);
    await c.admit(p, bed);
    const [after] = await w.db.select().from(bedReservations).where(eq(bedReservations.id, r!.id));
    expect(after!.status).toBe('used');
  });
});

describe('concurrency (acceptance point 2)', () => {
  it('two simultaneous admissions for the last free bed: exactly one 201 and one 409 (five rounds)', async () => {
    for (let round = 0; round < 5; round++) {
      const small = await aWard(w.homeOrgId, { beds: 1 }).build(w.db);
      const [p1, p2] = [await patient(), await patient()];
      const results = await Promise.all([c.admitRaw(p1, small.bedIds[0]!), c.admitRaw(p2, small.bedIds[0]!)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const events = await w.db.select().from(bedEvents).where(eq(bedEvents.bedId, small.bedIds[0]!));
      expect(events).toHaveLength(1);
    }
  });

  it('two simultaneous admissions of one patient into two beds: one 201 and one 409', async () => {
    const two = await aWard(w.homeOrgId, { beds: 2 }).build(w.db);
    const p = await patient();
    const results = await Promise.all([c.admitRaw(p, two.bedIds[0]!), c.admitRaw(p, two.bedIds[1]!)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('two simultaneous transfers into one free bed: one 200 and one 409', async () => {
    const three = await aWard(w.homeOrgId, { beds: 3 }).build(w.db);
    const a = await c.admit(await patient(), three.bedIds[0]!);
    const b = await c.admit(await patient(), three.bedIds[1]!);
    const results = await Promise.all(
      [a, b].map((id) => c.call('nurse', 'POST', `/api/admissions/${id}/transfer`, { bedId: three.bedIds[2]!, at: '2026-11-26T09:00' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });
});

describe('an expired manual reservation (the clock moves: last in this file)', () => {
  it('shows the bed clean again and lets another patient in', async () => {
    const one = await aWard(w.homeOrgId, { beds: 1 }).build(w.db);
    const bedId = one.bedIds[0]!;
    c.ok(await c.call('nurse', 'POST', `/api/beds/${bedId}/reserve`, { patientId: await patient(), until: '2026-11-26T11:00' }));
    w.clock.advance(2 * 3_600_000);
    const cookie = await w.login(w.users.nurse.username);
    const board = (await w.app.inject({ method: 'GET', url: `/api/wards?wardId=${one.wardId}`, headers: { cookie } })).json<
      { beds: { state: string }[] }[]
    >();
    expect(board[0]!.beds[0]!.state).toBe('vacant_clean');
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/admissions',
      headers: { cookie },
      payload: { patientId: await patient(), bedId, admittedAt: '2026-11-26T11:30', source: 'emergency' },
    });
    expect(res.statusCode).toBe(201);
  });
});
