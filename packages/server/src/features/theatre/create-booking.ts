import { recordAudit } from '../../audit/record.js';
import { theatreBookingEquipment, theatreBookingStaff, theatreBookings } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { toInstant, wallClock } from '@gisurg/contracts';
import { publish } from '../../core/events.js';
import { checkReferences } from './check-references.js';
import { collisionConflict } from './collision-error.js';
import { collisionsOf, lockBookings, teamOf, toBookingDtos } from './queries.js';
import { DEFAULT_CRS_HIPEC_STAY_DAYS, isCrsHipecBooking, reserveBeds } from './reservations.js';
import type { BookingDto, BookingWarning, CreateBooking } from '@gisurg/contracts/theatre';

/**
 * Book an operation. In one transaction: lock the booking table (writers queue, readers do not), refuse
 * any collision of room, person or equipment (409 naming each), insert the booking with its team and
 * equipment, hold ICU/ward beds for a CRS+HIPEC case, note the booking on the patient's tumor-board plan,
 * audit.
 */
export async function createBooking(ctx: UseCaseContext, input: CreateBooking): Promise<BookingDto & { warnings: BookingWarning[] }> {
  const { db, actor, meta, locale, clock, timeZone } = ctx;
  const team = teamOf(input);
  const equipmentIds = [...new Set(input.equipmentIds ?? [])];
  await checkReferences(db, actor, locale, {
    patientId: input.patientId,
    roomId: input.roomId,
    team: {
      members: team,
      fields: {
        surgeonIds: input.surgeonIds,
        assistantIds: input.assistantIds,
        anesthetistIds: input.anesthetistIds,
        nurseIds: input.nurseIds,
      },
    },
    equipmentIds,
  });
  const start = toInstant(input.start, timeZone);
  const end = new Date(start.getTime() + input.durationMin * 60_000);
  const crsHipec = isCrsHipecBooking({ crsHipec: input.crsHipec ?? false, procedures: input.procedures });
  return db.transaction(async (tx) => {
    await lockBookings(tx);
    const collisions = await collisionsOf(tx, {
      id: '',
      roomId: input.roomId,
      start,
      end,
      staffIds: team.map((m) => m.userId),
      equipmentIds,
    });
    if (collisions.length > 0) throw collisionConflict(collisions, timeZone);
    const now = clock.now();
    const [row] = await tx
      .insert(theatreBookings)
      .values({
        patientId: input.patientId,
        roomId: input.roomId,
        startAt: start,
        endAt: end,
        durationMin: input.durationMin,
        procedures: input.procedures,
        diagnosis: input.diagnosis ?? null,
        anesthesia: input.anesthesia ?? 'general',
        crsHipec,
        icuDays: crsHipec ? (input.icuDays ?? 1) : (input.icuDays ?? 0),
        expectedStayDays: input.expectedStayDays ?? (crsHipec ? DEFAULT_CRS_HIPEC_STAY_DAYS : null),
        status: 'scheduled',
        notes: input.notes ?? null,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    const booking = row!;
    await tx.insert(theatreBookingStaff).values(team.map((m) => ({ bookingId: booking.id, ...m })));
    if (equipmentIds.length)
      await tx.insert(theatreBookingEquipment).values(equipmentIds.map((equipmentId) => ({ bookingId: booking.id, equipmentId })));
    await recordAudit(tx, meta, actor, {
      action: 'theatre.booking.create',
      outcome: 'success',
      resourceType: 'theatre_booking',
      resourceId: booking.id,
      patientId: booking.patientId,
      details: {
        roomId: booking.roomId,
        start: start.toISOString(),
        end: end.toISOString(),
        staff: team.map((m) => m.userId),
        equipmentIds,
        crsHipec,
      },
    });
    const warnings = await reserveBeds(tx, meta, actor, booking, { now, timeZone, today: todayIn(timeZone, now) });
    const date = wallClock(start, timeZone).date;
    await publish(
      { tx, meta, actor, now, timeZone },
      {
        type: 'booking_made',
        patientId: booking.patientId,
        bookingId: booking.id,
        date,
        procedureCodes: booking.procedures.flatMap((p) => (p.code ? [p.code] : [])),
      },
    );
    const [dto] = await toBookingDtos(tx, [booking], timeZone);
    return { ...dto!, warnings };
  });
}
