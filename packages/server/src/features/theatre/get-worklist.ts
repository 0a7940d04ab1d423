import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { findBookings } from './find-bookings.js';
import type { BookingDto } from '@gisurg/contracts/theatre';

/** The surgical worklist of a hospital day (default today): every case on that day, by room and start, with its state. */
export async function getWorklist(ctx: UseCaseContext, date: string | undefined): Promise<{ date: string; items: BookingDto[] }> {
  const day = date ?? todayIn(ctx.timeZone, ctx.clock.now());
  const items = await findBookings(ctx, { from: day, to: day });
  items.sort((a, b) => a.room.code.localeCompare(b.room.code) || a.start.localeCompare(b.start));
  return { date: day, items };
}
