import type { Issues } from './validate.js';

/**
 * Calendar dates as ISO `YYYY-MM-DD` strings, computed in UTC so a time zone never shifts a day.
 * Clinical dates here (surgery, discharge, death) are days, not instants.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a real ISO date, or null when the string is not one. */
export function isoToDayNumber(iso: unknown): number | null {
  if (typeof iso !== 'string') return null;
  const m = ISO.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return t / MS_PER_DAY;
}

/** Validate a date field, recording `date_format` when it is not a real ISO date. */
export function checkDate(issues: Issues, field: string, value: unknown): number | null {
  const day = isoToDayNumber(value);
  if (day === null) issues.add(field, 'date_format', 'clinical.input.date');
  return day;
}

/**
 * Add calendar months; a day that does not exist in the target month is clamped to its last day
 * (2025-01-31 + 1 month = 2025-02-28), the usual reading of "in N months" for appointments.
 */
export function addMonths(iso: string, months: number): string {
  const m = ISO.exec(iso);
  if (!m) throw new TypeError(`not an ISO date: ${iso}`);
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1 + months;
  const d = Number(m[3]);
  const targetYear = y + Math.floor(mo / 12);
  const targetMonth = ((mo % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(d, lastDay))).toISOString().slice(0, 10);
}
