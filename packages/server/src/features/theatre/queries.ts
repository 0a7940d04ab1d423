import { and, asc, eq, gt, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import {
  bedReservations,
  beds,
  departments,
  operatingRooms,
  patients,
  theatreBookingEquipment,
  theatreBookingStaff,
  theatreBookings,
  theatreEquipment,
  users,
  wards,
} from '../../db/schema/index.js';
import { inSequence } from '../../db/sql.js';
import type { Db } from '../../db/types.js';
import { patientScope } from '../patients/index.js';
import { wallClock } from '@gisurg/contracts';
import { findCollisions, type BookingResources, type Collision } from './overlap.js';
import type { BookingDto, EquipmentDto, RoomDto } from '@gisurg/contracts/theatre';

export type BookingRow = typeof theatreBookings.$inferSelect;
type StaffRole = (typeof theatreBookingStaff.$inferSelect)['role'];

/** Operating rooms of the actor's hospital (not disabled), in display order. */
export async function listRooms(db: Db, actor: Actor): Promise<RoomDto[]> {
  const rows = await db
    .select({ r: operatingRooms })
    .from(operatingRooms)
    .innerJoin(departments, eq(departments.id, operatingRooms.departmentId))
    .where(and(eq(departments.organizationId, actor.organizationId), isNull(operatingRooms.disabledAt)))
    .orderBy(asc(operatingRooms.sortOrder), asc(operatingRooms.code));
  return rows.map(({ r }) => ({ id: r.id, code: r.code, name: r.name, nameEn: r.nameEn, sessions: r.sessions, sortOrder: r.sortOrder }));
}

export async function findRoom(db: Db, actor: Actor, id: string): Promise<RoomDto | null> {
  return (await listRooms(db, actor)).find((r) => r.id === id) ?? null;
}

export async function listEquipment(db: Db): Promise<EquipmentDto[]> {
  const rows = await db
    .select()
    .from(theatreEquipment)
    .where(isNull(theatreEquipment.disabledAt))
    .orderBy(asc(theatreEquipment.kind), asc(theatreEquipment.code));
  return rows.map((e) => ({ id: e.id, code: e.code, name: e.name, nameEn: e.nameEn, kind: e.kind }));
}

/** A booking of a patient the actor may reach (else null → 404). */
export async function findVisibleBooking(db: Db, actor: Actor, id: string): Promise<BookingRow | null> {
  const rows = await db
    .select({ b: theatreBookings })
    .from(theatreBookings)
    .innerJoin(patients, eq(patients.id, theatreBookings.patientId))
    .innerJoin(operatingRooms, eq(operatingRooms.id, theatreBookings.roomId))
    .innerJoin(departments, eq(departments.id, operatingRooms.departmentId))
    .where(and(eq(theatreBookings.id, id), patientScope(actor), eq(departments.organizationId, actor.organizationId)))
    .limit(1);
  return rows[0]?.b ?? null;
}

/** Bookings of the actor's hospital matching `where`, as DTOs, in start order. */
export async function findBookingRows(db: Db, actor: Actor, where: SQL | undefined): Promise<BookingRow[]> {
  const rows = await db
    .select({ b: theatreBookings })
    .from(theatreBookings)
    .innerJoin(patients, eq(patients.id, theatreBookings.patientId))
    .innerJoin(operatingRooms, eq(operatingRooms.id, theatreBookings.roomId))
    .innerJoin(departments, eq(departments.id, operatingRooms.departmentId))
    .where(and(patientScope(actor), eq(departments.organizationId, actor.organizationId), where))
    .orderBy(asc(theatreBookings.startAt), asc(operatingRooms.sortOrder), asc(theatreBookings.id));
  return rows.map((r) => r.b);
}

/** Bookings whose [start, end) overlaps [from, to). */
export function overlapping(from: Date, to: Date): SQL {
  return and(lt(theatreBookings.startAt, to), gt(theatreBookings.endAt, from))!;
}

export async function toBookingDtos(db: Db, rows: BookingRow[], timeZone: string): Promise<BookingDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [pats, rooms, staff, equipment, reservations] = await inSequence([
    () =>
      db
        .select({
          id: patients.id,
          name: patients.name,
          sex: patients.sex,
          birthDate: patients.birthDate,
          inpatientNo: patients.inpatientNo,
        })
        .from(patients)
        .where(inArray(patients.id, [...new Set(rows.map((r) => r.patientId))])),
    () =>
      db
        .select({ id: operatingRooms.id, code: operatingRooms.code, name: operatingRooms.name, nameEn: operatingRooms.nameEn })
        .from(operatingRooms)
        .where(inArray(operatingRooms.id, [...new Set(rows.map((r) => r.roomId))])),
    () =>
      db
        .select({
          bookingId: theatreBookingStaff.bookingId,
          id: users.id,
          name: users.displayName,
          role: theatreBookingStaff.role,
          position: theatreBookingStaff.position,
        })
        .from(theatreBookingStaff)
        .innerJoin(users, eq(users.id, theatreBookingStaff.userId))
        .where(inArray(theatreBookingStaff.bookingId, ids))
        .orderBy(asc(theatreBookingStaff.position)),
    () =>
      db
        .select({ bookingId: theatreBookingEquipment.bookingId, e: theatreEquipment })
        .from(theatreBookingEquipment)
        .innerJoin(theatreEquipment, eq(theatreEquipment.id, theatreBookingEquipment.equipmentId))
        .where(inArray(theatreBookingEquipment.bookingId, ids))
        .orderBy(asc(theatreEquipment.code)),
    () =>
      db
        .select({ r: bedReservations, bedLabel: beds.label, wardName: wards.name })
        .from(bedReservations)
        .leftJoin(beds, eq(beds.id, bedReservations.bedId))
        .leftJoin(wards, eq(wards.id, beds.wardId))
        .where(inArray(bedReservations.bookingId, ids))
        .orderBy(asc(bedReservations.fromDate), asc(bedReservations.createdAt)),
  ]);
  const patientById = new Map(pats.map((p) => [p.id, p]));
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const local = (d: Date) => {
    const w = wallClock(d, timeZone);
    return `${w.date}T${w.time}`;
  };
  return rows.map((b) => {
    const team = staff.filter((s) => s.bookingId === b.id);
    return {
      id: b.id,
      version: b.version,
      patient: patientById.get(b.patientId)!,
      room: roomById.get(b.roomId)!,
      start: b.startAt.toISOString(),
      end: b.endAt.toISOString(),
      startLocal: local(b.startAt),
      endLocal: local(b.endAt),
      date: wallClock(b.startAt, timeZone).date,
      durationMin: b.durationMin,
      procedures: b.procedures,
      diagnosis: b.diagnosis,
      anesthesia: b.anesthesia,
      crsHipec: b.crsHipec,
      icuDays: b.icuDays,
      expectedStayDays: b.expectedStayDays,
      status: b.status,
      statusReason: b.statusReason,
      startedAt: iso(b.startedAt),
      completedAt: iso(b.completedAt),
      operationId: b.operationId,
      notes: b.notes,
      surgeons: team.filter((s) => s.role === 'surgeon').map((s) => ({ id: s.id, name: s.name })),
      team: team.map((s) => ({ id: s.id, name: s.name, role: s.role })),
      equipment: equipment
        .filter((e) => e.bookingId === b.id)
        .map(({ e }) => ({ id: e.id, code: e.code, name: e.name, nameEn: e.nameEn, kind: e.kind })),
      reservations: reservations
        .filter((r) => r.r.bookingId === b.id)
        .map(({ r, bedLabel, wardName }) => ({
          id: r.id,
          wardKind: r.wardKind,
          bedId: r.bedId,
          bedLabel,
          wardName,
          fromDate: r.fromDate,
          toDate: r.toDate,
          status: r.status,
        })),
      createdAt: b.createdAt.toISOString(),
    };
  });
}

export interface TeamMember {
  userId: string;
  role: StaffRole;
  position: number;
}

/** The team rows of a booking input: surgeons, assistants, anesthetists, nurses (first scrub, then circulating). */
export function teamOf(input: {
  surgeonIds: readonly string[];
  assistantIds?: readonly string[] | undefined;
  anesthetistIds?: readonly string[] | undefined;
  nurseIds?: readonly string[] | undefined;
}): TeamMember[] {
  let position = 0;
  const out: TeamMember[] = [];
  const add = (ids: readonly string[] | undefined, role: (i: number) => StaffRole) =>
    ids?.forEach((userId, i) => out.push({ userId, role: role(i), position: position++ }));
  add(input.surgeonIds, () => 'surgeon');
  add(input.assistantIds, () => 'assistant');
  add(input.anesthetistIds, () => 'anesthetist');
  add(input.nurseIds, (i) => (i === 0 ? 'scrub_nurse' : 'circulating_nurse'));
  return out;
}

export async function loadTeam(db: Db, bookingId: string): Promise<TeamMember[]> {
  return db
    .select({ userId: theatreBookingStaff.userId, role: theatreBookingStaff.role, position: theatreBookingStaff.position })
    .from(theatreBookingStaff)
    .where(eq(theatreBookingStaff.bookingId, bookingId))
    .orderBy(asc(theatreBookingStaff.position));
}

export async function loadEquipmentIds(db: Db, bookingId: string): Promise<string[]> {
  const rows = await db
    .select({ id: theatreBookingEquipment.equipmentId })
    .from(theatreBookingEquipment)
    .where(eq(theatreBookingEquipment.bookingId, bookingId));
  return rows.map((r) => r.id);
}

/**
 * What a booking would collide with, by name. Run under the booking table lock (see lockBookings) so two
 * writers cannot both pass the check. Every hospital's bookings count (a person is in one place at a time).
 */
export async function collisionsOf(db: Db, candidate: Omit<BookingResources, 'status'>): Promise<Collision[]> {
  const staffIds = [...candidate.staffIds];
  const equipmentIds = [...candidate.equipmentIds];
  const touches: SQL[] = [eq(theatreBookings.roomId, candidate.roomId)];
  if (staffIds.length > 0) {
    touches.push(
      inArray(
        theatreBookings.id,
        db.select({ id: theatreBookingStaff.bookingId }).from(theatreBookingStaff).where(inArray(theatreBookingStaff.userId, staffIds)),
      ),
    );
  }
  if (equipmentIds.length > 0) {
    touches.push(
      inArray(
        theatreBookings.id,
        db
          .select({ id: theatreBookingEquipment.bookingId })
          .from(theatreBookingEquipment)
          .where(inArray(theatreBookingEquipment.equipmentId, equipmentIds)),
      ),
    );
  }
  const rows = await db
    .select({
      id: theatreBookings.id,
      roomId: theatreBookings.roomId,
      startAt: theatreBookings.startAt,
      endAt: theatreBookings.endAt,
      status: theatreBookings.status,
    })
    .from(theatreBookings)
    .where(
      and(
        overlapping(candidate.start, candidate.end),
        inArray(theatreBookings.status, ['scheduled', 'in_theatre', 'completed']),
        candidate.id ? ne(theatreBookings.id, candidate.id) : undefined,
        or(...touches),
      ),
    );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [staff, equipment] = await inSequence([
    () =>
      db
        .select({ bookingId: theatreBookingStaff.bookingId, userId: theatreBookingStaff.userId })
        .from(theatreBookingStaff)
        .where(inArray(theatreBookingStaff.bookingId, ids)),
    () =>
      db
        .select({ bookingId: theatreBookingEquipment.bookingId, id: theatreBookingEquipment.equipmentId })
        .from(theatreBookingEquipment)
        .where(inArray(theatreBookingEquipment.bookingId, ids)),
  ]);
  const others: BookingResources[] = rows.map((r) => ({
    id: r.id,
    roomId: r.roomId,
    start: r.startAt,
    end: r.endAt,
    status: r.status,
    staffIds: staff.filter((s) => s.bookingId === r.id).map((s) => s.userId),
    equipmentIds: equipment.filter((e) => e.bookingId === r.id).map((e) => e.id),
  }));
  const found = findCollisions(candidate, others);
  const names = new Map<string, string>();
  const roomIds = found.filter((c) => c.kind === 'room').map((c) => c.resourceId);
  const userIds = found.filter((c) => c.kind === 'staff').map((c) => c.resourceId);
  const eqIds = found.filter((c) => c.kind === 'equipment').map((c) => c.resourceId);
  if (roomIds.length)
    for (const r of await db
      .select({ id: operatingRooms.id, name: operatingRooms.name })
      .from(operatingRooms)
      .where(inArray(operatingRooms.id, roomIds)))
      names.set(r.id, r.name);
  if (userIds.length)
    for (const u of await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds)))
      names.set(u.id, u.name);
  if (eqIds.length)
    for (const e of await db
      .select({ id: theatreEquipment.id, name: theatreEquipment.name })
      .from(theatreEquipment)
      .where(inArray(theatreEquipment.id, eqIds)))
      names.set(e.id, e.name);
  return found.map((c) => ({ ...c, name: names.get(c.resourceId) ?? '' }));
}

/**
 * Serialize booking writers (ADR 0008): SHARE ROW EXCLUSIVE conflicts with itself and with every write to
 * the table, not with plain reads. Taken first in the transaction, before the collision check.
 */
export async function lockBookings(tx: Db): Promise<void> {
  await tx.execute(sql`LOCK TABLE theatre_bookings IN SHARE ROW EXCLUSIVE MODE`);
}
