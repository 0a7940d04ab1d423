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

  it('counts days between dates as Date.parse does, over four centuries, leap days and a day past the month end', () => {
    const byParse = (from: string, to: string) =>
      Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
    const dates: string[] = [];
    for (let t = Date.UTC(1800, 0, 1); t < Date.UTC(2200, 0, 1); t += 86_400_000 * 37) dates.push(new Date(t).toISOString().slice(0, 10));
    dates.push('2000-02-29', '1900-02-28', '2100-03-01', '2024-02-30', '2023-02-31', '0001-01-01', '9999-12-31');
    for (let i = 0; i < dates.length; i++) {
      const from = dates[i]!;
      const to = dates[(i * 7919) % dates.length]!;
      expect(daysBetween(from, to), `${from} → ${to}`).toBe(byParse(from, to));
    }
    // Not a date of that shape: as Date.parse (NaN).
    expect(daysBetween('2024-13-01', '2024-01-01')).toBeNaN();
    expect(daysBetween('2024-1-01', '2024-01-01')).toBeNaN();
  });

  it('gives the same wall clock as Intl for any instant, also on days when the offset changes', () => {
    const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns'];
    const formats = new Map(
      zones.map((timeZone) => [
        timeZone,
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
        }),
      ]),
    );
    const viaIntl = (d: Date, timeZone: string) => {
      const parts = formats.get(timeZone)!.formatToParts(d);
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
    };
    // Instants around the 2026 changes in Berlin and New York, every 7 minutes, and a spread over 1950–2060.
    const instants: number[] = [];
    for (const change of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z']) {
      for (let m = -26 * 60; m <= 26 * 60; m += 7) instants.push(Date.parse(change) + m * 60_000);
    }
    let seed = 7;
    for (let i = 0; i < 400; i++) {
      seed = (seed * 48271) % 2147483647;
      instants.push(Date.parse('1950-01-01T00:00:00Z') + (seed / 2147483647) * 110 * 365.25 * 86_400_000);
    }
    for (const timeZone of zones) {
      for (const t of instants) {
        const d = new Date(Math.floor(t / 60_000) * 60_000);
        expect(wallClock(d, timeZone), `${d.toISOString()} ${timeZone}`).toEqual(viaIntl(d, timeZone));
      }
    }
  });
});
