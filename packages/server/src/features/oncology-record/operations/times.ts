import { parseInstant } from '@gisurg/clinical';
import { isRealIsoDate, todayIn } from '@gisurg/contracts';

/** Offset of a time zone from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** A wall-clock date and time in the hospital's zone → the instant. */
export function zonedToInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s = 0] = time.split(':').map(Number) as [number, number, number?];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  return new Date(second);
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL = /^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/**
 * Operation start/end as sent by a form or an import: an ISO instant with an offset
 * (`2026-03-02T08:30:00+08:00`), a wall-clock `YYYY-MM-DDTHH:mm` in the hospital's zone, or `HH:mm` on the
 * operation date. Returns the instant, null for empty, or 'invalid'.
 */
export function resolveOperationTime(value: string | null | undefined, operationDate: string, timeZone: string): Date | null | 'invalid' {
  if (value === null || value === undefined || value.trim() === '') return null;
  const v = value.trim();
  const hm = HHMM.exec(v);
  if (hm) return zonedToInstant(operationDate, `${hm[1]}:${hm[2]}`, timeZone);
  const local = LOCAL.exec(v);
  if (local) {
    if (!isRealIsoDate(local[1]!)) return 'invalid';
    return zonedToInstant(local[1]!, `${local[2]}:${local[3]}:${local[4] ?? '00'}`, timeZone);
  }
  const t = parseInstant(v);
  return t === null ? 'invalid' : new Date(t);
}

/** The hospital-calendar date of an instant. */
export function localDateOf(instant: Date, timeZone: string): string {
  return todayIn(timeZone, instant);
}
