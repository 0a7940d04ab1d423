import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { theatreBookingStaff, theatreBookings } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { addDays, toInstant } from '@gisurg/contracts';
import { findBookingRows, overlapping, toBookingDtos } from './queries.js';
import type { BookingDto, FindBookingsQuery } from '@gisurg/contracts/theatre';

/** Bookings overlapping the hospital days `from`..`to` (inclusive), optionally of one room, surgeon or state. */
export async function findBookings(ctx: UseCaseContext, q: FindBookingsQuery): Promise<BookingDto[]> {
  const { db, actor, meta, timeZone } = ctx;
  const fromDate = q.from?.slice(0, 10) ?? (q.to ? addDays(q.to.slice(0, 10), -6) : todayIn(timeZone, ctx.clock.now()));
  const toDate = q.to?.slice(0, 10) ?? addDays(fromDate, 6);
  const from = q.from && q.from.length > 10 ? toInstant(q.from, timeZone) : toInstant(`${fromDate}T00:00`, timeZone);
  const to = q.to && q.to.length > 10 ? toInstant(q.to, timeZone) : toInstant(`${addDays(toDate, 1)}T00:00`, timeZone);
  return db.transaction(async (tx) => {
    const rows = await findBookingRows(
      tx,
      actor,
      and(
        overlapping(from, to),
        q.roomId ? eq(theatreBookings.roomId, q.roomId) : undefined,
        q.status ? eq(theatreBookings.status, q.status) : undefined,
        q.surgeonId
          ? inArray(
              theatreBookings.id,
              tx
                .select({ id: theatreBookingStaff.bookingId })
                .from(theatreBookingStaff)
                .where(and(eq(theatreBookingStaff.userId, q.surgeonId), eq(theatreBookingStaff.role, 'surgeon'))),
            )
          : undefined,
      ),
    );
    if (rows.length > 0) {
      await recordAudit(tx, meta, actor, {
        action: 'theatre.bookings.read',
        outcome: 'success',
        resourceType: 'theatre_booking',
        details: { from: fromDate, to: toDate, count: rows.length, patientIds: [...new Set(rows.map((r) => r.patientId))] },
      });
    }
    return toBookingDtos(tx, rows, timeZone);
  });
}
