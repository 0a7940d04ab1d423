import { addDays } from '@gisurg/contracts';

/** Day of the week of a `YYYY-MM-DD` date (0 = Sunday). */
export const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The first Monday-to-Friday date after `date`: the demo's "next working day" (ward reservations, theatre lists). */
export function nextWorkingDay(date: string): string {
  let d = addDays(date, 1);
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, 1);
  return d;
}
