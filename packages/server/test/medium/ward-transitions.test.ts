import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admissions, auditLog, bedEvents, bedStays } from '../../src/db/schema/index.js';
import { aPatient } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';
import { aWard, wardClient, type ErrorBody } from './support/ward.js';

let w: TestWorld;
let c: ReturnType<typeof wardClient>;
let ward: { wardId: string; bedIds: string[] };
let icu: { wardId: string; bedIds: string[] };
const patient = async () => (await aPatient(w.homeOrgId).build(w.db)).id;
const bed = (i: number) => ward.bedIds[i]!;

beforeAll(async () => {
  w = await createTestWorld();
  c = wardClient(w);
  ward = await aWard(w.homeOrgId, { beds: 12 }).build(w.db);
  icu = await aWard(w.homeOrgId, { beds: 2, kind: 'icu' }).build(w.db);
});
afterAll(async () => w.close());

describe('transfer', () => {
  it('moves to the ICU and back: stays close and open, the left bed awaits cleaning', async () => {
    const id = await c.admit(await patient(), bed(0));
    c.ok(await c.call('nurse', 'POST', `/api/admissions/${id}/transfer`, { bedId: icu.bedIds[0]!, at: '2026-11-26T09:00' }));
    expect((await c.bedState(ward.wardId, bed(0))).state).toBe('vacant_dirty');
    expect((await c.bedState(icu.wardId, icu.bedIds[0]!)).admissionId).toBe(id);
    c.ok(await c.call('nurse', 'POST', `/api/admissions/${id}/transfer`, { bedId: bed(1), at: '2026-11-26T09:30' }));
    const got = c.ok<{ bed: { bedId: string }; stays: { bedId: string; toAt: string | null }[] }>(
      await c.call('nurse', 'GET', `/api/admissions/${id}`),
    );
    expect(got.bed.bedId).toBe(bed(1));
    expect(got.stays.map((s) => [s.bedId, s.toAt === null])).toEqual([
      [bed(0), false],
      [icu.bedIds[0]!, false],
      [bed(1), true],
    ]);
  });

  it('refuses a transfer before the current stay began', async () => {
    const id = await c.admit(await patient(), bed(2));
    const res = await c.call('nurse', 'POST', `/api/admissions/${id}/transfer`, { bedId: bed(3), at: '2026-11-26T07:00' });
    expect(res.statusCode).toBe(400);
  });
});

describe('discharge', () => {
  it('discharges with 离院方式: admission closed, bed vacant_dirty, audited', async () => {
    const id = await c.admit(await patient(), bed(4));
    c.ok(await c.call('nurse', 'POST', `/api/admissions/${id}/discharge`, { at: '2026-11-26T09:45', disposition: 'order' }));
    const [a] = await w.db.select().from(admissions).where(eq(admissions.id, id));
    expect(a).toMatchObject({ status: 'discharged', disposition: 'order' });
    expect((await c.bedState(ward.wardId, bed(4))).state).toBe('vacant_dirty');
    expect(
      await w.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'ward.admission.discharge'), eq(auditLog.resourceId, id))),
    ).toHaveLength(1);
  });

  it('a discharged admission cannot be transferred or discharged again (409)', async () => {
    const id = await c.admit(await patient(), bed(5));
    c.ok(await c.call('nurse', 'POST', `/api/admissions/${id}/discharge`, { at: '2026-11-26T09:45', disposition: 'death' }));
    const t = await c.call('nurse', 'POST', `/api/admissions/${id}/transfer`, { bedId: bed(6), at: '2026-11-26T09:50' });
    expect(t.statusCode).toBe(409);
    expect(t.json<ErrorBody>().error.code).toBe('INVALID_STATE');
    expect(
      (await c.call('nurse', 'POST', `/api/admissions/${id}/discharge`, { at: '2026-11-26T09:50', disposition: 'order' })).statusCode,
    ).toBe(409);
  });

  it('needs the receiving institution when transferred to another hospital', async () => {
    const id = await c.admit(await patient(), bed(6));
    const res = await c.call('nurse', 'POST', `/api/admissions/${id}/discharge`, {
      at: '2026-11-26T09:45',
      disposition: 'transfer_hospital',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.details.fields[0]!.path).toBe('dispositionInstitution');
    c.ok(
      await c.call('nurse', 'POST', `/api/admissions/${id}/discharge`, {
        at: '2026-11-26T09:45',
        disposition: 'transfer_hospital',
        dispositionInstitution: '丽水市人民医院',
      }),
    );
  });
});

describe('cancel, swap, edit', () => {
  it('cancels a wrongly entered admission with its reason: bed freed, audit carries the reason', async () => {
    const id = await c.admit(await patient(), bed(7));
    expect((await c.call('nurse', 'POST', `/api/admissions/${id}/cancel`, { reason: '' })).statusCode).toBe(400);
    c.ok(await c.call('nurse', 'POST', `/api/admissions/${id}/cancel`, { reason: '录错患者' }));
    expect((await c.bedState(ward.wardId, bed(7))).state).toBe('vacant_dirty');
    const [row] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'ward.admission.cancel'), eq(auditLog.resourceId, id)));
    expect(row!.details).toMatchObject({ reason: '录错患者' });
  });

  it('swaps two patients: each bed gets a swap event and holds the other admission', async () => {
    const a = await c.admit(await patient(), bed(8));
    const b = await c.admit(await patient(), bed(9));
    c.ok(await c.call('nurse', 'POST', `/api/admissions/${a}/swap`, { otherAdmissionId: b }));
    expect((await c.bedState(ward.wardId, bed(8))).admissionId).toBe(b);
    expect((await c.bedState(ward.wardId, bed(9))).admissionId).toBe(a);
    const swaps = await w.db.select().from(bedEvents).where(eq(bedEvents.type, 'swap'));
    expect(swaps).toHaveLength(2);
    const open = await w.db.select().from(bedStays).where(eq(bedStays.admissionId, a));
    expect(open.filter((s) => s.toAt === null).map((s) => s.bedId)).toEqual([bed(9)]);
  });

  it('edits flags with the version; a stale version gets 409', async () => {
    const id = await c.admit(await patient(), bed(10));
    const got = c.ok<{ version: number }>(await c.call('surgeon', 'GET', `/api/admissions/${id}`));
    const upd = c.ok<{ version: number; isolation: string }>(
      await c.call('surgeon', 'PATCH', `/api/admissions/${id}`, { version: got.version, isolation: '接触隔离', expectedLosDays: 9 }),
    );
    expect(upd.isolation).toBe('接触隔离');
    expect((await c.call('surgeon', 'PATCH', `/api/admissions/${id}`, { version: got.version, isolation: '无' })).statusCode).toBe(409);
  });

  it("lists a patient's stays and shows a bed's history", async () => {
    const p = await patient();
    const id = await c.admit(p, bed(11));
    const list = c.ok<{ id: string }[]>(await c.call('nurse', 'GET', `/api/admissions?patientId=${p}`));
    expect(list.map((x) => x.id)).toEqual([id]);
    const events = c.ok<{ type: string; patient: { id: string } }[]>(await c.call('nurse', 'GET', `/api/beds/${bed(11)}/events`));
    expect(events[0]).toMatchObject({ type: 'assign', patient: { id: p } });
  });
});

describe('board filters and bed actions', () => {
  it('filters the board by state and by attending surgeon, and counts every bed of the ward', async () => {
    const small = await aWard(w.homeOrgId, { beds: 3 }).build(w.db);
    const id = await c.admit(await patient(), small.bedIds[0]!, { attendingSurgeonId: w.users.surgeon.id });
    type Board = { id: string; counts: Record<string, number>; beds: { id: string; admissionId?: string }[] }[];
    const occupied = c.ok<Board>(await c.call('nurse', 'GET', `/api/wards?wardId=${small.wardId}&state=occupied`));
    expect(occupied[0]!.beds.map((b) => b.admissionId)).toEqual([id]);
    expect(occupied[0]!.counts).toMatchObject({ total: 3, occupied: 1, vacant_clean: 2 });
    const bySurgeon = c.ok<Board>(
      await c.call('nurse', 'GET', `/api/wards?surgeonId=${w.users.department_head.id}&wardId=${small.wardId}`),
    );
    expect(bySurgeon[0]!.beds).toEqual([]);
  });

  it('reserves a clean bed and releases it; a release without a reservation is 409', async () => {
    const small = await aWard(w.homeOrgId, { beds: 1 }).build(w.db);
    const bedId = small.bedIds[0]!;
    expect((await c.call('nurse', 'POST', `/api/beds/${bedId}/release`, {})).statusCode).toBe(409);
    expect(
      (await c.call('nurse', 'POST', `/api/beds/${bedId}/reserve`, { patientId: await patient(), until: '2026-11-26T08:00' })).statusCode,
    ).toBe(400);
    c.ok(await c.call('nurse', 'POST', `/api/beds/${bedId}/reserve`, { patientId: await patient(), until: '2026-11-27T08:00' }));
    expect((await c.bedState(small.wardId, bedId)).state).toBe('reserved');
    c.ok(await c.call('nurse', 'POST', `/api/beds/${bedId}/release`, {}));
    expect((await c.bedState(small.wardId, bedId)).state).toBe('vacant_clean');
    const history = c.ok<{ type: string }[]>(await c.call('nurse', 'GET', `/api/beds/${bedId}/events`));
    expect(history.map((e) => e.type)).toEqual(['release', 'reserve']);
  });

  it('refuses blocking an occupied bed and cleaning a clean one (409, state unchanged)', async () => {
    const small = await aWard(w.homeOrgId, { beds: 2 }).build(w.db);
    await c.admit(await patient(), small.bedIds[0]!);
    expect((await c.call('nurse', 'POST', `/api/beds/${small.bedIds[0]!}/block`, { reason: 'isolation' })).statusCode).toBe(409);
    expect((await c.call('nurse', 'POST', `/api/beds/${small.bedIds[1]!}/clean`, {})).statusCode).toBe(409);
    expect((await c.bedState(small.wardId, small.bedIds[0]!)).state).toBe('occupied');
  });
});

describe('permissions and visibility', () => {
  it('students read the board but cannot admit (403); unknown ids are 404', async () => {
    expect((await c.call('student', 'GET', '/api/wards')).statusCode).toBe(200);
    expect((await c.admitRaw(await patient(), bed(11), {}, 'student')).statusCode).toBe(403);
    expect((await c.call('nurse', 'GET', '/api/admissions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await c.call('nurse', 'POST', '/api/beds/00000000-0000-4000-8000-000000000000/clean', {})).statusCode).toBe(404);
  });

  it('a patient of another hospital cannot be admitted (400 on patientId, nothing written)', async () => {
    const other = (await aPatient(w.orgA).build(w.db)).id;
    const res = await c.admitRaw(other, bed(3));
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.details.fields[0]!.path).toBe('patientId');
  });
});
