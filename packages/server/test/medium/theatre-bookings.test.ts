import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bedReservations, mdtPlanItems, operations, theatreBookings } from '../../src/db/schema/index.js';
import { mdtClient } from './support/mdt.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';
import { theatreClient, theatreFixture, type TheatreFixture } from './support/theatre.js';

type Collision = { kind: string; resourceId: string; name: string; bookingId: string; start: string; end: string };
type Booking = {
  id: string;
  version: number;
  status: string;
  start: string;
  end: string;
  startLocal: string;
  endLocal: string;
  date: string;
  procedures: { code: string | null; name: string | null }[];
  surgeons: { id: string; name: string }[];
  team: { id: string; role: string }[];
  equipment: { id: string }[];
  reservations: { id: string; wardKind: string; bedId: string | null; fromDate: string; toDate: string; status: string }[];
  warnings: { code: string; dates: { from: string; to: string } }[];
  operationId: string | null;
};
type ErrorBody = {
  error: { code: string; message: string; details?: { collisions?: Collision[]; fields?: { path: string }[]; currentVersion?: number } };
};

let w: TestWorld;
let f: TheatreFixture;
let t: ReturnType<typeof theatreClient>;
beforeAll(async () => {
  w = await createTestWorld();
  f = await theatreFixture(w);
  t = theatreClient(w);
});
afterAll(async () => w.close());

const count = async () => (await w.db.select({ n: sql<number>`count(*)::int` }).from(theatreBookings))[0]!.n;

async function book(body: Record<string, unknown>, who: Parameters<TestWorld['as']>[0] = 'surgeon') {
  return t.call(who, 'POST', '/api/theatre/bookings', {
    patientId: await t.patient(),
    roomId: f.rooms.or1,
    durationMin: 120,
    surgeonIds: [w.users.surgeon.id],
    procedures: ['gastrectomy_distal_d2'],
    ...body,
  });
}
const created = async (body: Record<string, unknown>) => t.ok<Booking>(await book(body), 201);

describe('rooms and equipment', () => {
  it('lists the rooms with sessions and the equipment', async () => {
    const rooms = t.ok<{ code: string; sessions: { start: string }[] }[]>(await t.call('student', 'GET', '/api/theatre/rooms'));
    expect(rooms.map((r) => r.code)).toEqual(['T1', 'T2', 'T3']);
    expect(rooms[0]!.sessions[0]!.start).toBe('08:00');
    const eq = t.ok<{ code: string; kind: string }[]>(await t.call('nurse', 'GET', '/api/theatre/equipment'));
    expect(eq.map((e) => e.code)).toEqual(['HIPEC-T', 'LAP-T1', 'LAP-T2']);
  });
});

describe('POST /api/theatre/bookings', () => {
  it('books from the contract body; procedures as catalogue codes or free text; audited', async () => {
    const b = await created({
      start: '2026-12-01T08:00',
      procedures: ['gastrectomy_distal_d2', { code: 'diagnostic_laparoscopy' }, { name: '胃造瘘术' }, '空肠营养管置入'],
      assistantIds: [w.users.resident.id],
      anesthetistIds: [f.anesthetist],
      nurseIds: [w.users.nurse.id],
      equipmentIds: [f.equipment.lap1],
    });
    expect(b).toMatchObject({
      status: 'scheduled',
      start: '2026-12-01T00:00:00.000Z',
      end: '2026-12-01T02:00:00.000Z',
      startLocal: '2026-12-01T08:00',
      date: '2026-12-01',
    });
    expect(b.procedures).toEqual([
      { code: 'gastrectomy_distal_d2', name: null },
      { code: 'diagnostic_laparoscopy', name: null },
      { code: null, name: '胃造瘘术' },
      { code: null, name: '空肠营养管置入' },
    ]);
    expect(b.team.map((m) => m.role)).toEqual(['surgeon', 'assistant', 'anesthetist', 'scrub_nurse']);
    expect(b.warnings).toEqual([]);
    const audit = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'theatre.booking.create'), eq(auditLog.resourceId, b.id)));
    expect(audit).toHaveLength(1);
    const list = t.ok<Booking[]>(await t.call('student', 'GET', '/api/theatre/bookings?from=2026-12-01&to=2026-12-01'));
    expect(list.map((x) => x.id)).toContain(b.id);
    // from/to may also be instants (to exclusive): 07:00–08:00 does not reach the 08:00 case, 09:00–… does.
    const before = t.ok<Booking[]>(
      await t.call('student', 'GET', `/api/theatre/bookings?from=${encodeURIComponent('2026-12-01T07:00+08:00')}&to=2026-12-01T08:00`),
    );
    expect(before.map((x) => x.id)).not.toContain(b.id);
    const during = t.ok<Booking[]>(await t.call('student', 'GET', `/api/theatre/bookings?from=2026-11-30T17:00:00Z&to=2026-12-01T10:00`));
    expect(during.map((x) => x.id)).toContain(b.id);
    expect((await t.call('student', 'GET', '/api/theatre/bookings?from=2026-12-01&to=2026-11-01')).statusCode).toBe(400);
    expect((await t.call('student', 'GET', '/api/theatre/bookings?from=someday')).statusCode).toBe(400);
  });

  it('refuses a room collision with 409 naming the room and the other booking, writing nothing', async () => {
    const first = await created({ start: '2026-12-02T08:00', durationMin: 180 });
    const before = await count();
    const res = await book({ start: '2026-12-02T10:00', surgeonIds: [f.surgeonB] });
    expect(res.statusCode).toBe(409);
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe('CONFLICT');
    expect(body.error.details!.collisions).toEqual([
      {
        kind: 'room',
        resourceId: f.rooms.or1,
        name: '第1手术间',
        bookingId: first.id,
        start: '2026-12-02T00:00:00.000Z',
        end: '2026-12-02T03:00:00.000Z',
      },
    ]);
    expect(body.error.message).toContain('第1手术间');
    expect(await count()).toBe(before);
  });

  it('refuses the same surgeon in two rooms at once', async () => {
    const first = await created({ start: '2026-12-03T08:00', roomId: f.rooms.or1, surgeonIds: [f.surgeonB] });
    const res = await book({
      start: '2026-12-03T09:00',
      roomId: f.rooms.or2,
      surgeonIds: [w.users.surgeon.id],
      assistantIds: [f.surgeonB],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.details!.collisions).toEqual([
      expect.objectContaining({ kind: 'staff', resourceId: f.surgeonB, name: '测试外科乙', bookingId: first.id }),
    ]);
  });

  it('refuses a single piece of equipment in two bookings, but allows the second tower', async () => {
    const first = await created({ start: '2026-12-04T08:00', roomId: f.rooms.or1, equipmentIds: [f.equipment.lap1] });
    const res = await book({ start: '2026-12-04T08:30', roomId: f.rooms.or2, surgeonIds: [f.surgeonB], equipmentIds: [f.equipment.lap1] });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.details!.collisions).toEqual([
      expect.objectContaining({ kind: 'equipment', resourceId: f.equipment.lap1, name: '腹腔镜系统 1', bookingId: first.id }),
    ]);
    expect(
      (await book({ start: '2026-12-04T08:30', roomId: f.rooms.or2, surgeonIds: [f.surgeonB], equipmentIds: [f.equipment.lap2] }))
        .statusCode,
    ).toBe(201);
  });

  it('allows adjacent bookings (one ends when the next starts)', async () => {
    await created({ start: '2026-12-05T08:00', durationMin: 120, equipmentIds: [f.equipment.hipec] });
    const next = await book({ start: '2026-12-05T10:00', durationMin: 60, equipmentIds: [f.equipment.hipec] });
    expect(next.statusCode).toBe(201);
  });

  it('allows a case longer than a session and an overnight case, and checks collisions across midnight', async () => {
    const overnight = await created({ start: '2026-12-06T13:30', durationMin: 14 * 60, roomId: f.rooms.or3, crsHipec: false });
    expect(overnight.endLocal).toBe('2026-12-07T03:30');
    const res = await book({ start: '2026-12-07T02:00', roomId: f.rooms.or3, surgeonIds: [f.surgeonB] });
    expect(res.statusCode).toBe(409);
    expect((await book({ start: '2026-12-07T03:30', roomId: f.rooms.or3, surgeonIds: [f.surgeonB] })).statusCode).toBe(201);
    const day2 = t.ok<Booking[]>(
      await t.call('surgeon', 'GET', `/api/theatre/bookings?from=2026-12-07&to=2026-12-07&roomId=${f.rooms.or3}`),
    );
    expect(day2.map((b) => b.id)).toContain(overnight.id);
  });

  it('refuses bad input with 400 field messages in both languages, and writes nothing', async () => {
    const before = await count();
    const patientId = await t.patient();
    const base = {
      patientId,
      roomId: f.rooms.or1,
      start: '2026-12-08T08:00',
      durationMin: 60,
      surgeonIds: [w.users.surgeon.id],
      procedures: ['crs'],
    };
    for (const [body, path] of [
      [{ ...base, start: '2026-02-30T08:00' }, 'start'],
      [{ ...base, start: 'tomorrow' }, 'start'],
      [{ ...base, durationMin: 5 }, 'durationMin'],
      [{ ...base, surgeonIds: [] }, 'surgeonIds'],
      [{ ...base, procedures: [] }, 'procedures'],
      [{ ...base, procedures: [{ code: 'no_such_code' }] }, 'procedures[0]'],
      [{ ...base, roomId: '00000000-0000-4000-8000-000000000000' }, 'roomId'],
      [{ ...base, patientId: '00000000-0000-4000-8000-000000000000' }, 'patientId'],
      [{ ...base, assistantIds: [w.users.surgeon.id] }, 'assistantIds[0]'],
      [{ ...base, equipmentIds: ['00000000-0000-4000-8000-000000000000'] }, 'equipmentIds[0]'],
      [{ ...base, surgeonIds: [w.users.external_doctor.id] }, 'surgeonIds[0]'],
      [{ ...base, status: 'completed' }, ''],
    ] as const) {
      const res = await t.call('surgeon', 'POST', '/api/theatre/bookings', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      if (path) expect(res.json<ErrorBody>().error.details!.fields!.map((x) => x.path)).toContain(path);
    }
    expect(await count()).toBe(before);
  });

  it('gives field messages in both languages', async () => {
    const res = await book({ start: '2026-12-08T08:00', patientId: '00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(400);
    const field = res.json<{ error: { details: { fields: { path: string; messageZh: string; messageEn: string }[] } } }>().error.details
      .fields[0]!;
    expect(field).toMatchObject({ path: 'patientId', messageZh: '患者不存在', messageEn: 'No such patient' });
  });

  it('notes the booking on the patient’s pending tumor-board surgery item (booking_made)', async () => {
    const m = mdtClient(w);
    const patientId = await t.patient();
    const meeting = await m.meeting();
    const c = await m.submit(meeting.id, patientId);
    const rec = await m.recommend(c.id, [{ kind: 'surgery', dueDate: '2026-12-31' }]);
    const b = await created({ patientId, start: '2026-12-09T08:00', roomId: f.rooms.or3, surgeonIds: [f.surgeonB] });
    const [item] = await w.db.select().from(mdtPlanItems).where(eq(mdtPlanItems.id, rec.items[0]!.id));
    expect(item).toMatchObject({ status: 'pending', bookingRef: b.id, bookedFor: '2026-12-09' });
  });

  it('needs theatre:book (a nurse runs the list but does not book)', async () => {
    expect((await book({ start: '2026-12-09T08:00' }, 'nurse')).statusCode).toBe(403);
    expect((await book({ start: '2026-12-09T08:00' }, 'student')).statusCode).toBe(403);
  });
});

describe('concurrency', () => {
  it('two simultaneous colliding bookings: exactly one 201 and one 409', async () => {
    const [a, b] = await Promise.all([t.patient(), t.patient()]);
    for (let round = 0; round < 3; round++) {
      const day = `2026-12-1${round}`;
      const results = await Promise.all([
        t.call('surgeon', 'POST', '/api/theatre/bookings', {
          patientId: a,
          roomId: f.rooms.or2,
          start: `${day}T08:00`,
          durationMin: 90,
          surgeonIds: [w.users.surgeon.id],
          procedures: ['appendectomy'],
        }),
        t.call('department_head', 'POST', '/api/theatre/bookings', {
          patientId: b,
          roomId: f.rooms.or2,
          start: `${day}T08:30`,
          durationMin: 90,
          surgeonIds: [f.surgeonB],
          procedures: ['appendectomy'],
        }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const rows = await w.db
        .select()
        .from(theatreBookings)
        .where(and(eq(theatreBookings.roomId, f.rooms.or2), sql`${theatreBookings.startAt}::date = ${day}::date`));
      expect(rows).toHaveLength(1);
    }
  });
});

describe('worklist and transitions', () => {
  it('runs scheduled → in theatre → completed; refuses skipping and stale versions', async () => {
    const b = await created({ start: '2026-11-26T13:30', roomId: f.rooms.or2, surgeonIds: [f.surgeonB] });
    const wl = t.ok<{ date: string; items: Booking[] }>(await t.call('nurse', 'GET', '/api/theatre/worklist'));
    expect(wl.date).toBe('2026-11-26');
    expect(wl.items.map((x) => x.id)).toContain(b.id);
    const skip = await t.call('nurse', 'POST', `/api/theatre/bookings/${b.id}/status`, { status: 'completed', version: b.version });
    expect(skip.statusCode).toBe(409);
    expect(skip.json<ErrorBody>().error.code).toBe('INVALID_STATE');
    const stale = await t.call('nurse', 'POST', `/api/theatre/bookings/${b.id}/status`, { status: 'in_theatre', version: b.version + 5 });
    expect(stale.json<ErrorBody>().error.details!.currentVersion).toBe(b.version);
    const inTheatre = t.ok<Booking>(
      await t.call('nurse', 'POST', `/api/theatre/bookings/${b.id}/status`, { status: 'in_theatre', version: b.version }),
    );
    expect(inTheatre.status).toBe('in_theatre');
    const edit = await t.call('surgeon', 'PATCH', `/api/theatre/bookings/${b.id}`, { version: inTheatre.version, durationMin: 300 });
    expect(edit.statusCode).toBe(409);
    const done = t.ok<Booking>(
      await t.call('nurse', 'POST', `/api/theatre/bookings/${b.id}/status`, { status: 'completed', version: inTheatre.version }),
    );
    expect(done.status).toBe('completed');
    expect(
      (await t.call('nurse', 'POST', `/api/theatre/bookings/${b.id}/status`, { status: 'cancelled', reason: 'x', version: done.version }))
        .statusCode,
    ).toBe(409);
    // The operation record is pre-filled from the booking, and linked when saved.
    const detail = t.ok<Booking & { prefill: { date: string; procedures: string[]; surgeonId: string; patientId: string } }>(
      await t.call('surgeon', 'GET', `/api/theatre/bookings/${b.id}`),
    );
    expect(detail.prefill).toMatchObject({ date: '2026-11-26', procedures: ['gastrectomy_distal_d2'], surgeonId: f.surgeonB });
    const opRes = await t.call('surgeon', 'POST', `/api/patients/${detail.prefill.patientId}/operations`, {
      date: detail.prefill.date,
      approach: 'laparoscopic',
      procedures: detail.prefill.procedures,
      surgeonId: f.surgeonB,
      bookingId: b.id,
    });
    expect(opRes.statusCode, opRes.body).toBe(201);
    const opId = opRes.json<{ id: string }>().id;
    const [row] = await w.db.select().from(theatreBookings).where(eq(theatreBookings.id, b.id));
    expect(row!.operationId).toBe(opId);
    // A second operation cannot claim the same booking; nor can another patient's operation.
    const again = await t.call('surgeon', 'POST', `/api/patients/${detail.prefill.patientId}/operations`, {
      date: '2026-11-26',
      approach: 'open',
      procedures: ['appendectomy'],
      bookingId: b.id,
    });
    expect(again.statusCode).toBe(400);
    expect(
      (
        await w.db
          .select({ n: sql<number>`count(*)::int` })
          .from(operations)
          .where(eq(operations.patientId, detail.prefill.patientId))
      )[0]!.n,
    ).toBe(1);
  });

  it('postpones with a reason, frees the slot, and rebooks by moving the case', async () => {
    const b = await created({ start: '2026-12-14T08:00', roomId: f.rooms.or1 });
    const noReason = await t.call('surgeon', 'POST', `/api/theatre/bookings/${b.id}/status`, { status: 'postponed', version: b.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<ErrorBody>().error.details!.fields![0]!.path).toBe('reason');
    const p = t.ok<Booking & { statusReason: string }>(
      await t.call('surgeon', 'POST', `/api/theatre/bookings/${b.id}/status`, {
        status: 'postponed',
        reason: '术前检查未完成',
        version: b.version,
      }),
    );
    expect(p).toMatchObject({ status: 'postponed', statusReason: '术前检查未完成' });
    // The slot is free again.
    const other = await created({ start: '2026-12-14T08:00', roomId: f.rooms.or1, surgeonIds: [f.surgeonB] });
    // Rebooking into the taken slot collides; into a free one succeeds.
    const clash = await t.call('surgeon', 'PATCH', `/api/theatre/bookings/${b.id}`, { version: p.version, status: 'scheduled' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json<ErrorBody>().error.details!.collisions![0]!.bookingId).toBe(other.id);
    const moved = t.ok<Booking>(
      await t.call('surgeon', 'PATCH', `/api/theatre/bookings/${b.id}`, {
        version: p.version,
        status: 'scheduled',
        start: '2026-12-15T08:00',
      }),
    );
    expect(moved).toMatchObject({ status: 'scheduled', startLocal: '2026-12-15T08:00' });
    const cancelled = t.ok<Booking>(
      await t.call('surgeon', 'POST', `/api/theatre/bookings/${b.id}/status`, {
        status: 'cancelled',
        reason: '患者拒绝手术',
        version: moved.version,
      }),
    );
    expect(cancelled.status).toBe('cancelled');
    expect(
      (await t.call('surgeon', 'PATCH', `/api/theatre/bookings/${b.id}`, { version: cancelled.version, durationMin: 60 })).statusCode,
    ).toBe(409);
    const audit = await w.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.resourceId, b.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'theatre.booking.create',
        'theatre.booking.postponed',
        'theatre.booking.rebook',
        'theatre.booking.cancelled',
      ]),
    );
  });

  it('moves a case by PATCH with the same collision check', async () => {
    const a = await created({ start: '2026-12-16T08:00', roomId: f.rooms.or1 });
    const b = await created({ start: '2026-12-16T13:30', roomId: f.rooms.or1, surgeonIds: [f.surgeonB] });
    const res = await t.call('surgeon', 'PATCH', `/api/theatre/bookings/${b.id}`, { version: b.version, start: '2026-12-16T09:00' });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.details!.collisions![0]).toMatchObject({ kind: 'room', bookingId: a.id });
    const moved = t.ok<Booking>(
      await t.call('surgeon', 'PATCH', `/api/theatre/bookings/${b.id}`, {
        version: b.version,
        start: '2026-12-16T10:00',
        roomId: f.rooms.or1,
      }),
    );
    expect(moved.startLocal).toBe('2026-12-16T10:00');
    // Editing without moving does not collide with itself.
    expect(
      (await t.call('surgeon', 'PATCH', `/api/theatre/bookings/${b.id}`, { version: moved.version, notes: '备血 2U' })).statusCode,
    ).toBe(200);
  });

  it('answers 404 for an unknown booking', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await t.call('surgeon', 'GET', `/api/theatre/bookings/${missing}`)).statusCode).toBe(404);
    expect((await t.call('surgeon', 'PATCH', `/api/theatre/bookings/${missing}`, { version: 1, notes: 'x' })).statusCode).toBe(404);
    expect(
      (await t.call('nurse', 'POST', `/api/theatre/bookings/${missing}/status`, { status: 'in_theatre', version: 1 })).statusCode,
    ).toBe(404);
  });
});

describe('CRS+HIPEC bed reservations', () => {
  const reservations = async (bookingId: string) =>
    w.db
      .select()
      .from(bedReservations)
      .where(eq(bedReservations.bookingId, bookingId))
      .orderBy(bedReservations.fromDate, bedReservations.createdAt);

  it('holds an ICU bed and a ward bed; warns when no ICU bed is free; releases on cancel; moves with the case', async () => {
    const first = await created({
      start: '2026-12-20T08:00',
      durationMin: 600,
      roomId: f.rooms.or3,
      procedures: ['crs', 'hipec'],
      equipmentIds: [f.equipment.hipec],
      expectedStayDays: 12,
    });
    expect(first.warnings).toEqual([]);
    expect(first.reservations.map((r) => [r.wardKind, r.bedId, r.fromDate, r.toDate, r.status])).toEqual([
      ['icu', f.icuBed, '2026-12-20', '2026-12-21', 'active'],
      ['general', f.wardBeds[0], '2026-12-21', '2027-01-01', 'active'],
    ]);
    // A second CRS+HIPEC case on the next day: the only ICU bed is held → warning, booking saved anyway.
    const second = await created({
      start: '2026-12-21T08:00',
      durationMin: 480,
      roomId: f.rooms.or2,
      surgeonIds: [f.surgeonB],
      crsHipec: true,
      procedures: [{ name: '腹膜切除术' }],
      icuDays: 2,
    });
    expect(second.warnings).toEqual([{ code: 'no_icu_bed', dates: { from: '2026-12-21', to: '2026-12-23' } }]);
    expect(second.reservations.map((r) => [r.wardKind, r.bedId])).toEqual([
      ['icu', null],
      ['general', f.wardBeds[1]],
    ]);
    // A third: no ward bed either.
    const third = await created({
      start: '2026-12-21T08:00',
      durationMin: 480,
      roomId: f.rooms.or1,
      surgeonIds: [w.users.department_head.id],
      crsHipec: true,
    });
    expect(third.warnings.map((x) => x.code)).toEqual(['no_icu_bed', 'no_ward_bed']);
    // Cancelling the first releases its beds.
    t.ok(
      await t.call('surgeon', 'POST', `/api/theatre/bookings/${first.id}/status`, {
        status: 'cancelled',
        reason: '病情变化',
        version: first.version,
      }),
    );
    expect((await reservations(first.id)).map((r) => r.status)).toEqual(['released', 'released']);
    // Moving the second re-holds its beds for the new dates (the ICU bed is free now).
    const moved = t.ok<Booking>(
      await t.call('surgeon', 'PATCH', `/api/theatre/bookings/${second.id}`, { version: second.version, start: '2026-12-28T08:00' }),
    );
    expect(moved.warnings).toEqual([]);
    const active = (await reservations(second.id)).filter((r) => r.status === 'active');
    expect(active.map((r) => [r.wardKind, r.bedId, r.fromDate, r.toDate])).toEqual([
      ['icu', f.icuBed, '2026-12-28', '2026-12-30'],
      ['general', f.wardBeds[0], '2026-12-30', '2027-01-11'],
    ]);
    const audit = await w.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.action, 'theatre.reservation.create'));
    expect(audit[0]!.n).toBeGreaterThanOrEqual(8);
  });

  it('skips blocked beds and beds occupied today', async () => {
    await w.db.execute(sql`update bed_states set state = 'blocked', block_reason = 'maintenance' where bed_id = ${f.wardBeds[1]}`);
    try {
      const b = await created({
        start: '2026-11-26T08:00',
        roomId: f.rooms.or3,
        surgeonIds: [w.users.resident.id],
        crsHipec: true,
        icuDays: 0,
        expectedStayDays: 3,
      });
      // Ward bed 1 is held by the moved case from 12-30, free before; ward bed 2 is blocked.
      expect(b.reservations).toEqual([
        expect.objectContaining({ wardKind: 'general', bedId: f.wardBeds[0], fromDate: '2026-11-26', toDate: '2026-11-29' }),
      ]);
    } finally {
      await w.db.execute(sql`update bed_states set state = 'vacant_clean', block_reason = null where bed_id = ${f.wardBeds[1]}`);
    }
  });
});
