import { sql, type SQL } from 'drizzle-orm';

/**
 * How `gisurg generate` lays a run out in time, as SQL expressions of the run's patient number `g` (1…N)
 * — no per-row state, so every table can be filled batch by batch, each derived from `g` alone:
 *
 * - Beds are timelines of slots of P days: bed b's k-th slot starts on day (b mod P) + k·P of the period
 *   (day 0 = the first day of `years`, day D − 1 = today). A stay lasts 3–11 days, so the stays of one bed never
 *   overlap and a bed is occupied ~60 % of the time. Slot number j = k·B + b runs forward in time.
 * - Slots are handed out in threes: slot 3m is the first operation of patient 2m + 1, slot 3m + 1 the only
 *   operation of patient 2m + 2, and slot 3(m + L) + 2 — about 120 days later — the second operation of patient
 *   2m + 1: 1.5 operations per patient (a little less: second operations that would fall after today are not
 *   made), one admission per operation, B beds chosen so the last first operation is about today (the slots
 *   shifted forward when the patients are too few to fill the years).
 * - Random-looking values are a hash of the global patient number and a salt (hashint8), so the diagnosis,
 *   operations, follow-up and tumour board of one patient agree with each other in separate statements.
 */
export const SLOT_DAYS = 12;
export const BEDS_PER_WARD = 40;
const SECOND_OPERATION_AFTER_DAYS = 120;

export interface Layout {
  /** Days in the period (day 0 … D − 1 = today). */
  days: number;
  /** Date of day 0, 'YYYY-MM-DD'. */
  day0: string;
  beds: number;
  /** Slot groups between a patient's first and second operation. */
  lag: number;
  /** Inpatient numbers of earlier runs: this run's patient g is number start + g. */
  start: number;
  /** Days the slots are moved forward so that the last stays end about today (fewer patients than the years hold). */
  shift: number;
}

const slotDayOf = (j: number, beds: number) => ((j % beds) % SLOT_DAYS) + Math.floor(j / beds) * SLOT_DAYS;

/** Enough beds for `patients` patients' operations to fit before today, the last ones ending about today. */
export function planLayout(patients: number, days: number, day0: string, start: number): Layout {
  const slotsPerBed = Math.max(1, Math.floor((days - 1 - SLOT_DAYS) / SLOT_DAYS));
  let beds = Math.max(1, Math.ceil((1.5 * patients) / slotsPerBed));
  const lagOf = (b: number) => Math.max(1, Math.round((SECOND_OPERATION_AFTER_DAYS * b) / (3 * SLOT_DAYS)));
  // The last first operation: the second operations that would fall after today are not made.
  const lastSlot = 3 * Math.floor((Math.max(patients, 1) - 1) / 2) + 1;
  // The latest day of any slot up to the last one (a slot's day runs ahead of its number by up to SLOT_DAYS - 1).
  const lastDay = (b: number) => {
    let max = 0;
    for (let j = Math.max(0, lastSlot - b); j <= lastSlot; j += 1) max = Math.max(max, slotDayOf(j, b));
    return max;
  };
  while (lastDay(beds) > days - 2 && beds < 4 * patients + 10) beds += Math.max(1, Math.floor(beds / 100));
  return { days, day0, beds, lag: lagOf(beds), start, shift: Math.max(0, days - 2 - lastDay(beds)) };
}

const n = (x: number) => sql.raw(String(Math.trunc(x)));

/** SQL expressions over a column `g` (this run's patient number) for one run's layout. */
export function expressions(l: Layout) {
  const G = sql`(${n(l.start)} + g)`;
  /** A uniform number in [0, 1) for this patient and salt. */
  const U = (salt: number | SQL) =>
    sql`((hashint8(${G}::bigint * 64 + ${typeof salt === 'number' ? n(salt) : salt}) + 2147483648)::float8 / 4294967296)`;
  const slot1 = sql`(case when g % 2 = 1 then 3 * ((g - 1) / 2) else 3 * ((g - 2) / 2) + 1 end)`;
  const slot2 = sql`(case when g % 2 = 1 then 3 * ((g - 1) / 2 + ${n(l.lag)}) + 2 end)`;
  const slotDay = (j: SQL) =>
    sql`(${n(l.shift)} + (((${j}) % ${n(l.beds)}) % ${n(SLOT_DAYS)}) + ((${j}) / ${n(l.beds)}) * ${n(SLOT_DAYS)})`;
  /** Length of the stay of operation `k` (1 or 2), in days. */
  const los = (k: SQL | number) => sql`(3 + floor(${U(sql`10 + ${typeof k === 'number' ? n(k) : k}`)} * 9)::int)`;
  const emergency = sql`(${U(12)} < 0.05)`;
  /** The calendar date of a day number. */
  const date = (day: SQL) => sql`(date '${sql.raw(l.day0)}' + (${day})::int)`;
  /** A local (Asia/Shanghai) time on a day number, plus minutes, as timestamptz. */
  const at = (day: SQL, minutes: SQL | number) =>
    sql`((date '${sql.raw(l.day0)}' + (${day})::int)::timestamp + (${typeof minutes === 'number' ? n(minutes) : minutes}) * interval '1 minute') at time zone 'Asia/Shanghai'`;
  /** A version-4-shaped uuid from a key: the same row gets the same id in every statement of the run. */
  const uuid = (kind: string, key: SQL) =>
    sql`overlay(overlay(md5(${sql.raw(`'gisurg-synthetic:${kind}:'`)} || (${key})::text) placing '4' from 13) placing '8' from 17)::uuid`;
  return { G, U, slot1, slot2, slotDay, los, emergency, date, at, uuid, n };
}
