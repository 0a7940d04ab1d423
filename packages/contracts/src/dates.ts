/**
 * The one date/time module of GISurg, used by the server and the web app (issue 15).
 * Calendar dates are `YYYY-MM-DD` strings computed in UTC, so no time zone shifts a day. "Today" and wall
 * clocks are the hospital's: the server reads GISURG_TIMEZONE (default Asia/Shanghai) and the web app gets
 * the same zone from `/api/auth/me` at sign-in (china-context.md §8.4).
 * `Intl.DateTimeFormat` objects are built once per time zone and reused: constructing one costs ~0.3 ms,
 * which showed up as 6.6 % of a search request's CPU (issue 18).
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is not one). */
export function isRealIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const partFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dateFormats.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, f);
  }
  return f;
}

function partFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(timeZone, f);
  }
  return f;
}

/** The calendar date of `now` in `timeZone`, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date): string {
  return dateFormat(timeZone).format(now);
}

/** Add whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date read digit by digit (days-from-civil, H. Hinnant), or null when `s` is not
 * of that shape (month 1–12, day 1–31; a day past the month's end runs on into the next month, as Date.parse does).
 * Survival analysis calls daysBetween twice per patient: Date.parse of a built string was ~50 ms per 100,000.
 */
function dayNumber(s: string): number | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48,
    m2 = s.charCodeAt(6) - 48,
    d1 = s.charCodeAt(8) - 48,
    d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return null;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a !== null && b !== null) return b - a;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The Monday of the week of `date`. */
export function mondayOf(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((dow + 6) % 7));
}

/** Whole years between a birth date and a date (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Date-times on the wire: ISO 8601 with `Z` or an offset (`2026-12-01T08:00:00Z`, `2026-12-01T16:00+08:00`),
 * or a hospital wall-clock time without offset (`2026-12-01T16:00`), read in the hospital's time zone.
 */
export const DATE_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

export function isDateTime(s: string): boolean {
  const m = DATE_TIME_PATTERN.exec(s);
  return Boolean(m && isRealIsoDate(m[1]!) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4] ?? 0) < 60);
}

/** Minutes to add to UTC to get the wall clock of `timeZone` at `instant`, read from Intl (slow: ~10 µs). */
function exactOffsetMinutes(instant: number, timeZone: string): number {
  const parts = partFormat(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * Offsets by UTC day and zone. A day whose first and last millisecond have the same offset has it all day (zones
 * change offset at most once a day); a day with a change (NaN here) is computed per instant. Bed boards and
 * lists convert many instants of the same few days: this spares `formatToParts` on each (issue 18 profiles).
 */
const dayOffsets = new Map<string, Map<number, number>>();
const DAY_MS = 86_400_000;

/** Minutes to add to UTC to get the wall clock of `timeZone` at `instant`. */
export function offsetMinutes(instant: number, timeZone: string): number {
  const day = Math.floor(instant / DAY_MS);
  let zone = dayOffsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    dayOffsets.set(timeZone, zone);
  }
  let offset = zone.get(day);
  if (offset === undefined) {
    const first = exactOffsetMinutes(day * DAY_MS, timeZone);
    offset = first === exactOffsetMinutes((day + 1) * DAY_MS - 1, timeZone) ? first : Number.NaN;
    if (zone.size >= 50_000) zone.clear();
    zone.set(day, offset);
  }
  return Number.isNaN(offset) ? exactOffsetMinutes(instant, timeZone) : offset;
}

/** A valid date-time string (see DATE_TIME_PATTERN) → the instant it names. */
export function toInstant(s: string, timeZone: string): Date {
  const m = DATE_TIME_PATTERN.exec(s);
  if (!m) throw new Error(`not a date-time: ${s}`);
  if (m[5]) return new Date(s);
  const [y, mo, d] = m[1]!.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, Number(m[2]), Number(m[3]), Number(m[4] ?? 0));
  // Two passes settle the offset across a daylight-saving change (none in Asia/Shanghai, but configurable).
  let t = wall - offsetMinutes(wall, timeZone) * 60_000;
  t = wall - offsetMinutes(t, timeZone) * 60_000;
  return new Date(t);
}

/** `{ date: 'YYYY-MM-DD', time: 'HH:mm' }` of an instant in the hospital's time zone. */
export function wallClock(instant: Date, timeZone: string): { date: string; time: string } {
  const t = instant.getTime();
  const local = new Date(t + offsetMinutes(t, timeZone) * 60_000);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) {
    const parts = partFormat(timeZone).formatToParts(instant);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
  }
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** `YYYY-MM-DDTHH:mm` wall clock of an instant (the value a date-time form field holds). */
export function toWallClockString(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.date}T${w.time}`;
}
