import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { addDays, daysBetween } from '@gisurg/contracts';
import type { DateMode } from '@gisurg/contracts/research';

/**
 * De-identification of research exports (docs/research.md). Pure functions, no I/O:
 * - pseudonym: HMAC-SHA-256 of the patient id under the project's secret, so it is stable within a project,
 *   different between projects, and cannot be reversed or linked without the secret (kept in the hospital);
 * - dates: moved by the patient's own offset (random, fixed at enrolment, constant within the project) so every
 *   interval between a patient's dates is exact, or reduced to the year;
 * - quasi-identifiers coarsened: age band (10 years, 90+), sex, region (province from the address).
 */

/** 32 random bytes, hex: a new project's pseudonym key. */
export function newProjectSecret(): string {
  return randomBytes(32).toString('hex');
}

/** A patient's date offset in days: uniform in ±[30, 365] (never 0, so no date is left as it was). */
export function newDateOffset(): number {
  const magnitude = randomInt(30, 366);
  return randomInt(0, 2) === 0 ? -magnitude : magnitude;
}

export function pseudonym(secret: string, patientId: string): string {
  return 'P' + createHmac('sha256', secret).update(patientId).digest('hex').slice(0, 12).toUpperCase();
}

/** A date of the export: shifted by the patient's offset, or its year. */
export function exportDate(date: string | null, offsetDays: number, mode: DateMode): string | null {
  if (!date) return null;
  return mode === 'year' ? date.slice(0, 4) : addDays(date, offsetDays);
}

/** 10-year age band ('50-59'); 90 and over are one band ('90+'), as are ages under 20 ('<20'). */
export function ageBand(age: number | null): string | null {
  if (age === null || !Number.isFinite(age)) return null;
  if (age >= 90) return '90+';
  if (age < 20) return '<20';
  const lo = Math.floor(age / 10) * 10;
  return `${lo}-${lo + 9}`;
}

/** Province (or municipality / autonomous region) at the start of a Chinese address; null when unrecognised. */
export function regionOf(address: string | null): string | null {
  if (!address) return null;
  const m = /^(.{2,8}?(?:省|自治区|特别行政区))/.exec(address) ?? /^(北京市|天津市|上海市|重庆市)/.exec(address);
  return m ? m[1]! : null;
}

/** Months between two dates (30.4375-day months), one decimal. */
export function monthsBetween(from: string, to: string): number {
  const days = daysBetween(from, to);
  return Math.round((days / 30.4375) * 10) / 10;
}

export interface QuasiRow {
  ageBand: string | null;
  sex: string | null;
  region: string | null;
}

/**
 * k-anonymity over the quasi-identifiers that are in the export: the combinations shared by fewer than k
 * patients (each is a warning; the export is not refused, the researcher coarsens or drops a column).
 */
export function kAnonymity(rows: QuasiRow[], k: number, included: { ageBand: boolean; sex: boolean; region: boolean }) {
  const groups = new Map<string, { ageBand: string | null; sex: string | null; region: string | null; count: number }>();
  for (const r of rows) {
    const g = {
      ageBand: included.ageBand ? r.ageBand : null,
      sex: included.sex ? r.sex : null,
      region: included.region ? r.region : null,
    };
    const key = JSON.stringify(g);
    const cur = groups.get(key);
    if (cur) cur.count += 1;
    else groups.set(key, { ...g, count: 1 });
  }
  const anyIncluded = included.ageBand || included.sex || included.region;
  const rare = anyIncluded ? [...groups.values()].filter((g) => g.count < k).sort((a, b) => a.count - b.count) : [];
  return { rare, patientsInRareGroups: rare.reduce((n, g) => n + g.count, 0) };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; formula-leading characters defused. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
