import { BOOKING_STATUSES, type BookingStatus } from '@gisurg/contracts/theatre';

export { BOOKING_STATUSES, type BookingStatus };

/**
 * The states of a theatre booking and its guarded transitions (docs/theatre.md):
 *   scheduled → in_theatre → completed
 *   scheduled → postponed (reason) → scheduled again by moving it (PATCH with status 'scheduled')
 *   scheduled | postponed → cancelled (reason)
 * Completed and cancelled are final. Any other move is refused (INVALID_STATE, 409).
 */

/** The states a status action may lead to, and from where. */
export const TRANSITIONS: Record<Exclude<BookingStatus, 'scheduled'>, readonly BookingStatus[]> = {
  in_theatre: ['scheduled'],
  completed: ['in_theatre'],
  postponed: ['scheduled'],
  cancelled: ['scheduled', 'postponed'],
};

/** The target states that need a reason. */
export const NEEDS_REASON: ReadonlySet<BookingStatus> = new Set(['postponed', 'cancelled']);

export function canTransition(from: BookingStatus, to: Exclude<BookingStatus, 'scheduled'>): boolean {
  return TRANSITIONS[to].includes(from);
}

/** A booking may be edited or moved while scheduled, or while postponed (to rebook it). */
export function isEditable(status: BookingStatus): boolean {
  return status === 'scheduled' || status === 'postponed';
}

/** The actions offered on the worklist for a booking in `status`. */
export function nextStatuses(status: BookingStatus): Exclude<BookingStatus, 'scheduled'>[] {
  return (Object.keys(TRANSITIONS) as Exclude<BookingStatus, 'scheduled'>[]).filter((to) => canTransition(status, to));
}
