/**
 * Collision rules of the theatre schedule (docs/theatre.md), pure: a room, a person or a single piece of
 * equipment may not be in two bookings whose half-open periods [start, end) overlap. Only bookings that
 * hold their resources count (scheduled, in theatre, completed); postponed and cancelled ones free them.
 * Adjacent bookings (one ends when the next starts) do not collide; long and overnight cases are allowed.
 */
import type { Collision } from '@gisurg/contracts/theatre';
import type { BookingStatus } from './states.js';

export interface Period {
  start: Date;
  end: Date;
}

/** [a.start, a.end) and [b.start, b.end) share at least one instant. */
export function overlaps(a: Period, b: Period): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

export interface BookingResources extends Period {
  id: string;
  status: BookingStatus;
  roomId: string;
  staffIds: readonly string[];
  equipmentIds: readonly string[];
}

export type { Collision };

/** Whether a booking in this state holds its room, team and equipment. */
export function holdsResources(status: BookingStatus): boolean {
  return status === 'scheduled' || status === 'in_theatre' || status === 'completed';
}

/** What `candidate` collides with among `others` (the candidate itself, by id, is skipped). Names are left empty. */
export function findCollisions(candidate: Omit<BookingResources, 'status'>, others: readonly BookingResources[]): Collision[] {
  const out: Collision[] = [];
  const staff = new Set(candidate.staffIds);
  const equipment = new Set(candidate.equipmentIds);
  const sorted = [...others].sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
  for (const o of sorted) {
    if (o.id === candidate.id || !holdsResources(o.status) || !overlaps(candidate, o)) continue;
    const base = { bookingId: o.id, start: o.start.toISOString(), end: o.end.toISOString(), name: '' };
    if (o.roomId === candidate.roomId) out.push({ kind: 'room', resourceId: o.roomId, ...base });
    for (const s of o.staffIds) if (staff.has(s)) out.push({ kind: 'staff', resourceId: s, ...base });
    for (const e of o.equipmentIds) if (equipment.has(e)) out.push({ kind: 'equipment', resourceId: e, ...base });
  }
  return out;
}
