import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { theatreBookingEquipment, theatreBookingStaff, theatreBookings } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { toInstant } from '@gisurg/contracts';
import { checkReferences } from './check-references.js';
import { collisionConflict } from './collision-error.js';
import { collisionsOf, findVisibleBooking, loadEquipmentIds, loadTeam, lockBookings, teamOf, toBookingDtos } from './queries.js';
import { isCrsHipecBooking, releaseReservations, reserveBeds } from './reservations.js';
import type { BookingDto, BookingWarning, UpdateBooking } from '@gisurg/contracts/theatre';
import { holdsResources } from './overlap.js';
import { isEditable } from './states.js';

/**
 * Edit or move a scheduled case, or rebook a postponed one (`status: 'scheduled'` with its new time).
 * Same lock and collision check as booking; a CRS+HIPEC case's bed reservations move with it.
 */
export async function updateBooking(
  ctx: UseCaseContext,
  id: string,
  input: UpdateBooking,
): Promise<BookingDto & { warnings: BookingWarning[] }> {
  const { db, actor, meta, locale, clock, timeZone } = ctx;
  return db.transaction(async (tx) => {
    await lockBookings(tx);
    const b = await findVisibleBooking(tx, actor, id);
    if (!b) throw notFound();
    if (!isEditable(b.status)) throw new AppError('INVALID_STATE', 'theatre.errors.notEditable', { status: b.status });
    if (b.version !== input.version) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: b.version });

    const oldTeam = await loadTeam(tx, b.id);
    const byRole = (...roles: string[]) => oldTeam.filter((m) => roles.includes(m.role)).map((m) => m.userId);
    const teamChanged = [input.surgeonIds, input.assistantIds, input.anesthetistIds, input.nurseIds].some((x) => x !== undefined);
    const teamInput = {
      surgeonIds: input.surgeonIds ?? byRole('surgeon'),
      assistantIds: input.assistantIds ?? byRole('assistant'),
      anesthetistIds: input.anesthetistIds ?? byRole('anesthetist'),
      nurseIds: input.nurseIds ?? byRole('scrub_nurse', 'circulating_nurse'),
    };
    const team = teamChanged ? teamOf(teamInput) : oldTeam;
    const equipmentIds = input.equipmentIds ? [...new Set(input.equipmentIds)] : await loadEquipmentIds(tx, b.id);
    await checkReferences(tx, actor, locale, {
      ...(input.roomId ? { roomId: input.roomId } : {}),
      ...(teamChanged ? { team: { members: team, fields: teamInput } } : {}),
      ...(input.equipmentIds ? { equipmentIds } : {}),
    });

    const start = input.start ? toInstant(input.start, timeZone) : b.startAt;
    const durationMin = input.durationMin ?? b.durationMin;
    const end = new Date(start.getTime() + durationMin * 60_000);
    const roomId = input.roomId ?? b.roomId;
    const status = input.status ?? b.status;
    const procedures = input.procedures ?? b.procedures;
    const crsHipec = isCrsHipecBooking({ crsHipec: input.crsHipec ?? b.crsHipec, procedures });
    if (holdsResources(status)) {
      const collisions = await collisionsOf(tx, { id: b.id, roomId, start, end, staffIds: team.map((m) => m.userId), equipmentIds });
      if (collisions.length > 0) throw collisionConflict(collisions, timeZone);
    }
    const now = clock.now();
    const [row] = await tx
      .update(theatreBookings)
      .set({
        roomId,
        startAt: start,
        endAt: end,
        durationMin,
        procedures,
        anesthesia: input.anesthesia ?? b.anesthesia,
        diagnosis: input.diagnosis !== undefined ? input.diagnosis : b.diagnosis,
        notes: input.notes !== undefined ? input.notes : b.notes,
        crsHipec,
        icuDays: input.icuDays ?? (crsHipec && !b.crsHipec ? 1 : b.icuDays),
        expectedStayDays: input.expectedStayDays !== undefined ? input.expectedStayDays : b.expectedStayDays,
        status,
        statusReason: status === b.status ? b.statusReason : null,
        version: sql`${theatreBookings.version} + 1`,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(and(eq(theatreBookings.id, b.id), eq(theatreBookings.version, input.version)))
      .returning();
    const booking = row!;
    if (teamChanged) {
      await tx.delete(theatreBookingStaff).where(eq(theatreBookingStaff.bookingId, b.id));
      await tx
        .insert(theatreBookingStaff)
        .values(team.map((m) => ({ bookingId: b.id, userId: m.userId, role: m.role, position: m.position })));
    }
    if (input.equipmentIds) {
      await tx.delete(theatreBookingEquipment).where(eq(theatreBookingEquipment.bookingId, b.id));
      if (equipmentIds.length)
        await tx.insert(theatreBookingEquipment).values(equipmentIds.map((equipmentId) => ({ bookingId: b.id, equipmentId })));
    }
    await recordAudit(tx, meta, actor, {
      action: status !== b.status ? 'theatre.booking.rebook' : 'theatre.booking.update',
      outcome: 'success',
      resourceType: 'theatre_booking',
      resourceId: b.id,
      patientId: b.patientId,
      details: {
        version: booking.version,
        from: { roomId: b.roomId, start: b.startAt.toISOString(), end: b.endAt.toISOString(), status: b.status },
        to: { roomId, start: start.toISOString(), end: end.toISOString(), status },
        teamChanged,
        equipmentChanged: Boolean(input.equipmentIds),
      },
    });
    // Beds follow the case: moved, re-sized, or (re)booked.
    let warnings: BookingWarning[] = [];
    const bedsChange =
      start.getTime() !== b.startAt.getTime() ||
      end.getTime() !== b.endAt.getTime() ||
      crsHipec !== b.crsHipec ||
      booking.icuDays !== b.icuDays ||
      booking.expectedStayDays !== b.expectedStayDays ||
      status !== b.status;
    if (bedsChange) {
      await releaseReservations(tx, meta, actor, booking, now, 'booking_moved');
      warnings = await reserveBeds(tx, meta, actor, booking, { now, timeZone, today: todayIn(timeZone, now) });
    }
    const [dto] = await toBookingDtos(tx, [booking], timeZone);
    return { ...dto!, warnings };
  });
}
