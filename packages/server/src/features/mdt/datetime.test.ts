import { describe, expect, it } from 'vitest';
import { seriesStarts } from './create-meeting.js';
import { DateTimeSchema, addDays, toInstant, wallClock } from './datetime.js';

describe('meeting times', () => {
  it('reads a local time in the hospital zone, and keeps explicit offsets', () => {
    expect(toInstant('2026-12-01T16:00', 'Asia/Shanghai').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(toInstant('2026-12-01T16:00:30', 'Europe/Berlin').toISOString()).toBe('2026-12-01T15:00:30.000Z');
    expect(toInstant('2026-07-01T16:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T14:00:00.000Z');
    expect(toInstant('2026-12-01T16:00+08:00', 'Europe/Berlin').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(toInstant('2026-12-01T08:00:00.000Z', 'Asia/Shanghai').toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it('refuses impossible or loose times', () => {
    for (const s of ['2026-02-30T10:00', '2026-12-01T24:00', '2026-12-01 16:00', '2026-12-01', 'tomorrow', '2026-12-01T16:00+8']) {
      expect(DateTimeSchema.safeParse(s).success, s).toBe(false);
    }
  });

  it('gives the wall clock and adds days across months', () => {
    expect(wallClock(new Date('2026-12-31T17:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2027-01-01', time: '01:30' });
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('repeats a board weekly, fortnightly or monthly at the same hospital time (month ends clamped)', () => {
    const first = toInstant('2027-01-31T16:00', 'Asia/Shanghai');
    const iso = (d: Date[]) => d.map((x) => wallClock(x, 'Asia/Shanghai').date);
    expect(iso(seriesStarts(first, { frequency: 'monthly', occurrences: 3 }, 'Asia/Shanghai'))).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
    ]);
    expect(iso(seriesStarts(first, { frequency: 'biweekly', occurrences: 2 }, 'Asia/Shanghai'))).toEqual(['2027-01-31', '2027-02-14']);
    expect(seriesStarts(first, undefined, 'Asia/Shanghai')).toEqual([first]);
  });
});
