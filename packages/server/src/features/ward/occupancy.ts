import { addDays, toInstant, wallClock } from '@gisurg/contracts';

/**
 * Occupancy and length of stay from the stay history (pure: no I/O). Definitions (docs/ward.md):
 *
 * - 实际开放总床日数 (open bed-days): the beds open at each day's midnight census, summed over the days.
 *   Per the 国家卫生健康委《卫生健康统计报表制度》 notes, beds temporarily out of use (消毒、小修理, our
 *   `blocked`) still count as open; only beds closed for rebuilding do not. So a ward's open beds per day =
 *   its beds.
 * - 实际占用总床日数 (occupied bed-days): the beds occupied at each day's midnight census (24:00 hospital
 *   time), summed. A patient admitted and discharged on the same day counts as one occupied bed-day on that
 *   day (same notes: 入院后于当晚12点前出院者按1床日计算) — setting `sameDayCountsOne`.
 * - 病床使用率 (occupancy) = 实际占用总床日数 / 实际开放总床日数 × 100%.
 * - 出院者平均住院日 (average length of stay) = 出院者占用总床日数 / 出院人数, one patient's days =
 *   discharge date − admission date ("算入不算出": the admission day counts, the discharge day does not),
 *   same day = 1. Setting `losCounting: 'inclusive'` counts both ends (+1), as some hospitals report.
 * - Post-operative length of stay (术后住院日) = discharge date − operation date, the first operation of the
 *   patient recorded within the stay (oncology `operations`); stays without an operation are left out.
 * Calendar dates are in the hospital's time zone.
 */
export interface OccupancySettings {
  sameDayCountsOne: boolean;
  losCounting: 'midnights' | 'inclusive';
}
export const DEFAULT_OCCUPANCY_SETTINGS: OccupancySettings = { sameDayCountsOne: true, losCounting: 'midnights' };

export interface StayInterval {
  admissionId: string;
  wardId: string;
  from: Date;
  to: Date | null;
}

export interface AdmissionFacts {
  id: string;
  admittedAt: Date;
  dischargedAt: Date | null;
  /** The ward of the first and the last bed of the stay (admissions are counted in the first, discharges in the last). */
  firstWardId: string | null;
  lastWardId: string | null;
  /** YYYY-MM-DD of the first operation within the stay, if any. */
  operationDate: string | null;
}

export interface DayFigures {
  date: string;
  occupied: number;
  open: number;
  /** Occupancy %, one decimal; null when no bed is open. */
  rate: number | null;
  admissions: number;
  discharges: number;
}

export interface LosFigures {
  discharged: number;
  averageLos: number | null;
  medianLos: number | null;
  postOpCount: number;
  averagePostOpLos: number | null;
  medianPostOpLos: number | null;
}

export interface OccupancyInput {
  from: string;
  to: string;
  timeZone: string;
  /** Open beds per day (all beds of the wards counted). */
  openBeds: number;
  stays: readonly StayInterval[];
  admissions: readonly AdmissionFacts[];
  settings?: OccupancySettings;
}

/** Whole days from date a to date b (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  const ms = (d: string) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, day);
  };
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}

export function datesFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
/** Occupancy %, one decimal; null when no bed is open. */
export const rateOf = (occupied: number, open: number) => (open > 0 ? round1((occupied / open) * 100) : null);

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const mean = (values: readonly number[]) => (values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null);

/** Per day of the period: midnight census, open beds, occupancy %, admissions and discharges. */
export function occupancyByDay(input: OccupancyInput): DayFigures[] {
  const settings = input.settings ?? DEFAULT_OCCUPANCY_SETTINGS;
  const dateOf = (d: Date) => wallClock(d, input.timeZone).date;
  return datesFrom(input.from, input.to).map((date) => {
    const census = toInstant(`${addDays(date, 1)}T00:00`, input.timeZone);
    let occupied = input.stays.filter((s) => s.from <= census && (s.to === null || s.to > census)).length;
    let admissions = 0;
    let discharges = 0;
    for (const a of input.admissions) {
      const admittedOn = dateOf(a.admittedAt);
      const dischargedOn = a.dischargedAt ? dateOf(a.dischargedAt) : null;
      if (admittedOn === date && a.firstWardId !== null) admissions++;
      if (dischargedOn === date && a.lastWardId !== null) {
        discharges++;
        if (settings.sameDayCountsOne && admittedOn === date) occupied++;
      }
    }
    return { date, occupied, open: input.openBeds, rate: rateOf(occupied, input.openBeds), admissions, discharges };
  });
}

export function totals(days: readonly DayFigures[]): { occupiedBedDays: number; openBedDays: number; rate: number | null } {
  const occupiedBedDays = days.reduce((n, d) => n + d.occupied, 0);
  const openBedDays = days.reduce((n, d) => n + d.open, 0);
  return { occupiedBedDays, openBedDays, rate: rateOf(occupiedBedDays, openBedDays) };
}

/** One discharged patient's days of stay under the settings. */
export function lengthOfStay(admittedOn: string, dischargedOn: string, settings: OccupancySettings = DEFAULT_OCCUPANCY_SETTINGS): number {
  return stayDays(daysBetween(admittedOn, dischargedOn), settings);
}

/** Days of stay under the settings from the calendar days between admission and discharge. */
function stayDays(diff: number, settings: OccupancySettings): number {
  if (settings.losCounting === 'inclusive') return diff + 1;
  return diff === 0 && settings.sameDayCountsOne ? 1 : diff;
}

/** A discharge in the period, as calendar dates (hospital time). */
export interface DischargeDates {
  admittedOn: string;
  dischargedOn: string;
  /** The first operation within the stay, if any. */
  operationDate: string | null;
}

/** Length of stay and post-operative length of stay of the patients discharged in the period. */
export function lengthOfStayFigures(input: Pick<OccupancyInput, 'from' | 'to' | 'timeZone' | 'admissions' | 'settings'>): LosFigures {
  const discharges: DischargeDates[] = [];
  for (const a of input.admissions) {
    if (!a.dischargedAt || a.lastWardId === null) continue;
    discharges.push({
      admittedOn: wallClock(a.admittedAt, input.timeZone).date,
      dischargedOn: wallClock(a.dischargedAt, input.timeZone).date,
      operationDate: a.operationDate,
    });
  }
  return losFigures(input.from, input.to, discharges, input.settings);
}

/** LOS figures from discharge dates (those outside from..to are left out). */
export function losFigures(
  from: string,
  to: string,
  discharges: readonly DischargeDates[],
  settings: OccupancySettings = DEFAULT_OCCUPANCY_SETTINGS,
): LosFigures {
  const spans: DischargeSpans[] = [];
  for (const d of discharges) {
    if (d.dischargedOn < from || d.dischargedOn > to) continue;
    spans.push({
      days: daysBetween(d.admittedOn, d.dischargedOn),
      postOpDays: d.operationDate ? daysBetween(d.operationDate, d.dischargedOn) : null,
      n: 1,
    });
  }
  return losFiguresOfSpans(spans, settings);
}

/** `n` discharges with the same calendar days from admission (and from the first operation) to discharge. */
export interface DischargeSpans {
  days: number;
  postOpDays: number | null;
  n: number;
}

/** losFigures of discharges counted by their spans (the SQL of a long period returns ~100 groups, not every discharge). */
export function losFiguresOfSpans(spans: readonly DischargeSpans[], settings: OccupancySettings = DEFAULT_OCCUPANCY_SETTINGS): LosFigures {
  const los: number[] = [];
  const postOp: number[] = [];
  for (const s of spans) {
    const days = stayDays(s.days, settings);
    for (let i = 0; i < s.n; i += 1) {
      los.push(days);
      if (s.postOpDays !== null) postOp.push(s.postOpDays);
    }
  }
  return {
    discharged: los.length,
    averageLos: mean(los),
    medianLos: median(los),
    postOpCount: postOp.length,
    averagePostOpLos: mean(postOp),
    medianPostOpLos: median(postOp),
  };
}

/** Day of stay shown on the bed board: the admission day is day 1 (住院第1天). */
export function dayOfStay(admittedAt: Date, today: string, timeZone: string): number {
  return daysBetween(wallClock(admittedAt, timeZone).date, today) + 1;
}
