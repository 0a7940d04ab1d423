import {
  BOOKING_STATUSES,
  TRANSITIONS,
  canTransition,
  nextStatuses,
  type BookingStatus,
  type StatusAction,
} from '@gisurg/contracts/theatre';

// The states and their transitions are part of the contract (the worklist offers the same actions).
export { BOOKING_STATUSES, TRANSITIONS, canTransition, nextStatuses, type BookingStatus, type StatusAction };

/**
 * The states of a theatre booking and its guarded transitions (docs/theatre.md):
 *   scheduled → in_theatre → completed
 *   scheduled → postponed (reason) → scheduled again by moving it (PATCH with status 'scheduled')
 *   scheduled | postponed → cancelled (reason)
 * Completed and cancelled are final. Any other move is refused (INVALID_STATE, 409).
 */

/** The target states that need a reason. */
export const NEEDS_REASON: ReadonlySet<BookingStatus> = new Set(['postponed', 'cancelled']);

/** A booking may be edited or moved while scheduled, or while postponed (to rebook it). */
export function isEditable(status: BookingStatus): boolean {
  return status === 'scheduled' || status === 'postponed';
}
