import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bedReservations,
  operatingRooms,
  theatreBookingEquipment,
  theatreBookingStaff,
  theatreBookings,
  theatreEquipment,
} from '../../src/db/schema/index.js';
import { findCollisions } from '../../src/features/theatre/overlap.js';
import { createDemoDatabase, DEMO_NOW, type DemoDatabase } from './support/test-db.js';

let database: DemoDatabase;
const now = DEMO_NOW;
beforeAll(async () => {
  database = await createDemoDatabase();
});
afterAll(async () => database.destroy());

describe('theatre demo data', () => {
  it('has five rooms with two sessions, the HIPEC machine and three laparoscopic towers', async () => {
    const rooms = await database.db.select().from(operatingRooms);
    expect(rooms).toHaveLength(5);
    expect(rooms.every((r) => r.sessions.length === 2 && r.sessions[0]!.start === '08:00' && r.sessions[1]!.start === '13:30')).toBe(true);
    const eq_ = await database.db.select().from(theatreEquipment);
    expect(eq_.filter((e) => e.kind === 'hipec_machine')).toHaveLength(1);
    expect(eq_.filter((e) => e.kind === 'laparoscopic_tower')).toHaveLength(3);
  });

  it('has two weeks of bookings: completed before today, scheduled after, one postponed, one cancelled, no collisions', async () => {
    const rows = await database.db.select().from(theatreBookings);
    expect(rows.length).toBeGreaterThan(40);
    const before = rows.filter((b) => b.endAt < now);
    expect(before.filter((b) => b.status === 'completed').length).toBeGreaterThan(15);
    expect(rows.filter((b) => b.startAt > now).every((b) => b.status === 'scheduled' || b.status === 'postponed')).toBe(true);
    expect(rows.filter((b) => b.status === 'postponed')).toHaveLength(1);
    expect(rows.filter((b) => b.status === 'cancelled')).toHaveLength(1);
    const staff = await database.db.select().from(theatreBookingStaff);
    const equipment = await database.db.select().from(theatreBookingEquipment);
    const resources = rows.map((b) => ({
      id: b.id,
      status: b.status,
      roomId: b.roomId,
      start: b.startAt,
      end: b.endAt,
      staffIds: staff.filter((s) => s.bookingId === b.id).map((s) => s.userId),
      equipmentIds: equipment.filter((e) => e.bookingId === b.id).map((e) => e.equipmentId),
    }));
    for (const r of resources.filter((x) => x.status !== 'postponed' && x.status !== 'cancelled'))
      expect(findCollisions(r, resources)).toEqual([]);
  });

  it('has a coming CRS+HIPEC case holding an ICU bed and a ward bed', async () => {
    const crs = await database.db
      .select()
      .from(theatreBookings)
      .where(and(eq(theatreBookings.crsHipec, true), eq(theatreBookings.status, 'scheduled')));
    expect(crs).toHaveLength(1);
    const held = await database.db
      .select()
      .from(bedReservations)
      .where(
        inArray(
          bedReservations.bookingId,
          crs.map((c) => c.id),
        ),
      );
    expect(held.map((r) => [r.wardKind, r.status, r.bedId !== null])).toEqual(
      expect.arrayContaining([
        ['icu', 'active', true],
        ['general', 'active', true],
      ]),
    );
  });
});
