import { describe, expect, it } from 'vitest';
import { findCollisions, overlaps, type BookingResources } from './overlap.js';

const at = (hm: string, day = '2026-12-01') => new Date(`${day}T${hm}:00+08:00`);
const booking = (over: Partial<BookingResources>): BookingResources => ({
  id: 'b1',
  status: 'scheduled',
  roomId: 'r1',
  staffIds: ['s1'],
  equipmentIds: [],
  start: at('08:00'),
  end: at('10:00'),
  ...over,
});

describe('overlaps', () => {
  it('treats periods as half-open: end == start is adjacent, not overlapping', () => {
    expect(overlaps({ start: at('08:00'), end: at('10:00') }, { start: at('10:00'), end: at('12:00') })).toBe(false);
    expect(overlaps({ start: at('10:00'), end: at('12:00') }, { start: at('08:00'), end: at('10:00') })).toBe(false);
    expect(overlaps({ start: at('08:00'), end: at('10:01') }, { start: at('10:00'), end: at('12:00') })).toBe(true);
  });
  it('finds containment both ways', () => {
    expect(overlaps({ start: at('08:00'), end: at('18:00') }, { start: at('09:00'), end: at('10:00') })).toBe(true);
    expect(overlaps({ start: at('09:00'), end: at('10:00') }, { start: at('08:00'), end: at('18:00') })).toBe(true);
  });
  it('handles a case crossing midnight', () => {
    const overnight = { start: at('18:00'), end: at('02:00', '2026-12-02') };
    expect(overlaps(overnight, { start: at('01:00', '2026-12-02'), end: at('03:00', '2026-12-02') })).toBe(true);
    expect(overlaps(overnight, { start: at('02:00', '2026-12-02'), end: at('04:00', '2026-12-02') })).toBe(false);
  });
});

describe('findCollisions', () => {
  const candidate = { id: 'new', roomId: 'r1', staffIds: ['s1', 's2'], equipmentIds: ['e1'], start: at('09:00'), end: at('11:00') };
  it('names each shared room, person and piece of equipment of an overlapping booking', () => {
    const c = findCollisions(candidate, [booking({ id: 'x', staffIds: ['s2', 's9'], equipmentIds: ['e1', 'e2'] })]);
    expect(c.map((x) => [x.kind, x.resourceId, x.bookingId])).toEqual([
      ['room', 'r1', 'x'],
      ['staff', 's2', 'x'],
      ['equipment', 'e1', 'x'],
    ]);
    expect(c[0]!.start).toBe(at('08:00').toISOString());
  });
  it('ignores other rooms and teams, postponed and cancelled bookings, and the booking itself', () => {
    expect(findCollisions(candidate, [booking({ roomId: 'r2', staffIds: ['s3'] })])).toEqual([]);
    expect(findCollisions(candidate, [booking({ status: 'postponed' }), booking({ status: 'cancelled' })])).toEqual([]);
    expect(findCollisions(candidate, [booking({ id: 'new' })])).toEqual([]);
  });
  it('counts in-theatre and completed bookings', () => {
    expect(findCollisions(candidate, [booking({ status: 'in_theatre' })])).toHaveLength(2);
    expect(findCollisions(candidate, [booking({ status: 'completed', staffIds: [] })])).toHaveLength(1);
  });
});
