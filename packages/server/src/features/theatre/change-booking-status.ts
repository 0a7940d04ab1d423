import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { theatreBookings } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { findVisibleBooking, lockBookings, toBookingDtos } from './queries.js';
import { releaseReservations } from './reservations.js';
import type { BookingDto, BookingStatusAction } from '@gisurg/contracts/theatre';
import { canTransition } from './states.js';

/** Worklist actions: in theatre, completed, postponed or cancelled (with a reason). A guarded transition. */
export async function changeBookingStatus(ctx: UseCaseContext, id: string, input: BookingStatusAction): Promise<BookingDto> {
  const { db, actor, meta, clock, timeZone } = ctx;
  return db.transaction(async (tx) => {
    await lockBookings(tx);
    const b = await findVisibleBooking(tx, actor, id);
    if (!b) throw notFound();
    if (b.version !== input.version) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: b.version });
    if (!canTransition(b.status, input.status))
      throw new AppError('INVALID_STATE', 'theatre.errors.transition', { from: b.status, to: input.status });
    const now = clock.now();
    const [row] = await tx
      .update(theatreBookings)
      .set({
        status: input.status,
        statusReason: input.reason ?? null,
        ...(input.status === 'in_theatre' ? { startedAt: now } : {}),
        ...(input.status === 'completed' ? { completedAt: now } : {}),
        version: sql`${theatreBookings.version} + 1`,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(and(eq(theatreBookings.id, b.id), eq(theatreBookings.version, input.version)))
      .returning();
    if (input.status === 'postponed' || input.status === 'cancelled')
      await releaseReservations(tx, meta, actor, row!, now, `booking_${input.status}`);
    await recordAudit(tx, meta, actor, {
      action: `theatre.booking.${input.status}`,
      outcome: 'success',
      resourceType: 'theatre_booking',
      resourceId: b.id,
      patientId: b.patientId,
      details: { from: b.status, to: input.status, reason: input.reason ?? null, version: row!.version },
    });
    const [dto] = await toBookingDtos(tx, [row!], timeZone);
    return dto!;
  });
}
