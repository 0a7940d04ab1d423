import { describe, expect, it } from 'vitest';
import { DateTimeSchema, addDays, daysBetween, mondayOf, todayIn, toInstant, wallClock } from '../src/index.js';

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

  it('counts days, finds Mondays and caches nothing wrong across zones', () => {
    expect(daysBetween('2026-12-28', '2027-01-04')).toBe(7);
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(todayIn('Asia/Shanghai', new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(todayIn('Europe/Berlin', new Date('2026-12-31T16:30:00Z'))).toBe('2026-12-31');
  });
});
