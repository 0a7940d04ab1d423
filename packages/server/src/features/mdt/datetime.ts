import { z } from 'zod';
import { isRealIsoDate } from '../../shared/dates.js';

/**
 * Meeting times: ISO 8601 with `Z` or an offset (`2026-12-01T08:00:00Z`, `2026-12-01T16:00+08:00`), or a
 * local time without offset (`2026-12-01T16:00`), which is read in the hospital's time zone.
 */
const PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

export const DateTimeSchema = z.string().refine(
  (s) => {
    const m = PATTERN.exec(s);
    return Boolean(m && isRealIsoDate(m[1]!) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4] ?? 0) < 60);
  },
  { message: 'mdt.validation.datetime' },
);

/** Minutes to add to UTC to get the wall clock of `timeZone` at `instant`. */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** A validated DateTimeSchema string → the instant it names. */
export function toInstant(s: string, timeZone: string): Date {
  const m = PATTERN.exec(s);
  if (!m) throw new Error(`not a date-time: ${s}`);
  if (m[5]) return new Date(s);
  const [y, mo, d] = m[1]!.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, Number(m[2]), Number(m[3]), Number(m[4] ?? 0));
  // Two passes settle the offset across a daylight-saving change (none in Asia/Shanghai, but configurable).
  let t = wall - offsetMinutes(wall, timeZone) * 60_000;
  t = wall - offsetMinutes(t, timeZone) * 60_000;
  return new Date(t);
}

/** `YYYY-MM-DD HH:mm` of an instant in the hospital's time zone (letters, summaries). */
export function wallClock(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** Add whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
