import { describe, expect, it } from 'vitest';
import { toInstant } from '@gisurg/contracts';
import {
  dayOfStay,
  lengthOfStay,
  lengthOfStayFigures,
  occupancyByDay,
  totals,
  type AdmissionFacts,
  type StayInterval,
} from './occupancy.js';

const TZ = 'Asia/Shanghai';
const at = (s: string) => toInstant(s, TZ);

/**
 * Hand-computed example (acceptance point 3). Ward W has 4 beds; period 2026-03-01 … 2026-03-04.
 *   A  admitted 03-01 09:00 into W, operated 03-02, discharged 03-03 10:00
 *   B  admitted 02-27 14:00 into W, still in
 *   C  admitted 03-02 08:00 into W, discharged 03-02 17:00 (same day)
 *   D  admitted 03-03 11:00 into W, transferred to ICU (ward X) 03-04 08:00, still in
 *   E  admitted 02-20 into W, operated 02-22, discharged 03-04 09:00
 * Midnight census of W (who is in a W bed at 24:00):
 *   03-01: A B E = 3 · 03-02: A B E = 3, + C same day = 4 · 03-03: B D E = 3 · 03-04: B = 1
 * occupied bed-days 3+4+3+1 = 11; open bed-days 4×4 = 16; 病床使用率 11/16 = 68.75% → 68.8
 * per day 75, 100, 75, 25 %. Admissions 1,1,1,0 (A, C, D); discharges 0,1,1,1 (C, A, E).
 * Discharged in the period: A 2 days (03-01→03-03), C 1 (same day), E 12 (02-20→03-04; Feb 2026 has 28 days)
 *   → average 15/3 = 5, median 2. Post-op: A 03-03−03-02 = 1, E 03-04−02-22 = 10 → average 5.5, median 5.5.
 */
const stays: StayInterval[] = [
  { admissionId: 'A', wardId: 'W', from: at('2026-03-01T09:00'), to: at('2026-03-03T10:00') },
  { admissionId: 'B', wardId: 'W', from: at('2026-02-27T14:00'), to: null },
  { admissionId: 'C', wardId: 'W', from: at('2026-03-02T08:00'), to: at('2026-03-02T17:00') },
  { admissionId: 'D', wardId: 'W', from: at('2026-03-03T11:00'), to: at('2026-03-04T08:00') },
  { admissionId: 'E', wardId: 'W', from: at('2026-02-20T10:00'), to: at('2026-03-04T09:00') },
];
const admissions: AdmissionFacts[] = [
  {
    id: 'A',
    admittedAt: at('2026-03-01T09:00'),
    dischargedAt: at('2026-03-03T10:00'),
    firstWardId: 'W',
    lastWardId: 'W',
    operationDate: '2026-03-02',
  },
  { id: 'B', admittedAt: at('2026-02-27T14:00'), dischargedAt: null, firstWardId: 'W', lastWardId: 'W', operationDate: null },
  {
    id: 'C',
    admittedAt: at('2026-03-02T08:00'),
    dischargedAt: at('2026-03-02T17:00'),
    firstWardId: 'W',
    lastWardId: 'W',
    operationDate: null,
  },
  // D's last bed is in ward X, outside this ward's figures (the caller keeps lastWardId only when it is W).
  { id: 'D', admittedAt: at('2026-03-03T11:00'), dischargedAt: null, firstWardId: 'W', lastWardId: null, operationDate: null },
  {
    id: 'E',
    admittedAt: at('2026-02-20T10:00'),
    dischargedAt: at('2026-03-04T09:00'),
    firstWardId: 'W',
    lastWardId: 'W',
    operationDate: '2026-02-22',
  },
];
const input = { from: '2026-03-01', to: '2026-03-04', timeZone: TZ, openBeds: 4, stays, admissions };

describe('occupancy from the stay history (hand-computed example)', () => {
  it('counts the midnight census per day, with a same-day stay as one bed-day', () => {
    const days = occupancyByDay(input);
    expect(days.map((d) => d.occupied)).toEqual([3, 4, 3, 1]);
    expect(days.map((d) => d.rate)).toEqual([75, 100, 75, 25]);
    expect(days.map((d) => d.open)).toEqual([4, 4, 4, 4]);
  });

  it('gives 病床使用率 = occupied bed-days / open bed-days over the period', () => {
    expect(totals(occupancyByDay(input))).toEqual({ occupiedBedDays: 11, openBedDays: 16, rate: 68.8 });
  });

  it('counts admissions and discharges per day', () => {
    const days = occupancyByDay(input);
    expect(days.map((d) => d.admissions)).toEqual([1, 1, 1, 0]);
    expect(days.map((d) => d.discharges)).toEqual([0, 1, 1, 1]);
  });

  it('gives average and median length of stay and post-operative stay of the discharged', () => {
    expect(lengthOfStayFigures(input)).toEqual({
      discharged: 3,
      averageLos: 5,
      medianLos: 2,
      postOpCount: 2,
      averagePostOpLos: 5.5,
      medianPostOpLos: 5.5,
    });
  });

  it('counts both ends under the inclusive setting, and a same-day stay as 0 when the setting is off', () => {
    const inclusive = lengthOfStayFigures({ ...input, settings: { sameDayCountsOne: true, losCounting: 'inclusive' } });
    expect(inclusive.averageLos).toBe(5.7); // (3 + 1 + 13) / 3
    expect(lengthOfStay('2026-03-02', '2026-03-02', { sameDayCountsOne: false, losCounting: 'midnights' })).toBe(0);
    const days = occupancyByDay({ ...input, settings: { sameDayCountsOne: false, losCounting: 'midnights' } });
    expect(days.map((d) => d.occupied)).toEqual([3, 3, 3, 1]);
  });

  it('numbers the admission day as day 1 of the stay', () => {
    expect(dayOfStay(at('2026-03-01T23:30'), '2026-03-01', TZ)).toBe(1);
    expect(dayOfStay(at('2026-03-01T23:30'), '2026-03-03', TZ)).toBe(3);
  });
});
