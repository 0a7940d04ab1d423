import { describe, expect, it } from 'vitest';
import { toInstant, wallClock } from '@gisurg/contracts';
import { seriesStarts } from './create-meeting.js';

describe('meeting series', () => {
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
