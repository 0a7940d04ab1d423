import {
  ADMISSION_SOURCES,
  BED_EVENTS,
  BED_STATES,
  BLOCK_REASONS,
  DISPOSITIONS,
  DISPOSITIONS_NEEDING_INSTITUTION,
} from '@gisurg/contracts/ward';
import type { AdmissionSource, BedEventType, BedState, BlockReason, Disposition } from '@gisurg/contracts/ward';

// The coded lists live in the contract (one definition, shared with the web app).
export { ADMISSION_SOURCES, BED_EVENTS, BED_STATES, BLOCK_REASONS, DISPOSITIONS, DISPOSITIONS_NEEDING_INSTITUTION };
export type { AdmissionSource, BedEventType, BedState, BlockReason, Disposition };

/**
 * The bed state machine (docs/ward.md): every bed transition goes through `nextBedState`, inside one
 * transaction that has locked the bed's `bed_states` row (features/ward/bed-lock.ts).
 *
 *   vacant_clean ──assign──▶ occupied ──unassign──▶ vacant_dirty ──clean──▶ vacant_clean
 *   vacant_clean ──reserve─▶ reserved ──release──▶ vacant_clean ; reserved ──assign (the reserved patient)──▶ occupied
 *   vacant_clean | vacant_dirty ──block──▶ blocked ──unblock──▶ vacant_dirty (cleaned before use)
 *   occupied ──swap──▶ occupied (two beds exchange their patients)
 *
 * A cancelled admission (wrongly entered) also leaves the bed through `unassign`, to vacant_dirty: the
 * patient may have lain in it.
 */

export interface BedTransition {
  from: readonly BedState[];
  to: BedState;
}

export const BED_TRANSITIONS: Record<BedEventType, BedTransition> = {
  assign: { from: ['vacant_clean', 'reserved'], to: 'occupied' },
  unassign: { from: ['occupied'], to: 'vacant_dirty' },
  swap: { from: ['occupied'], to: 'occupied' },
  reserve: { from: ['vacant_clean'], to: 'reserved' },
  release: { from: ['reserved', 'vacant_clean'], to: 'vacant_clean' },
  clean: { from: ['vacant_dirty'], to: 'vacant_clean' },
  dirty: { from: ['vacant_clean'], to: 'vacant_dirty' },
  block: { from: ['vacant_clean', 'vacant_dirty'], to: 'blocked' },
  unblock: { from: ['blocked'], to: 'vacant_dirty' },
};

/** The state after `event`, or null when the bed's current state does not allow it. */
export function nextBedState(from: BedState, event: BedEventType): BedState | null {
  const t = BED_TRANSITIONS[event];
  return t.from.includes(from) ? t.to : null;
}

/** 入院途径 front-page codes (病案首页 RC026). */
export const ADMISSION_SOURCE_CODES: Record<AdmissionSource, string> = { emergency: '1', outpatient: '2', transfer_in: '3', other: '9' };

/** 离院方式 front-page codes (病案首页 RC019); 2 and 3 require the receiving institution's name. */
export const DISPOSITION_CODES: Record<Disposition, string> = {
  order: '1',
  transfer_hospital: '2',
  transfer_community: '3',
  against_advice: '4',
  death: '5',
  other: '9',
};
