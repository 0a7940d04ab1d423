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
export const BED_STATES = ['vacant_clean', 'vacant_dirty', 'occupied', 'reserved', 'blocked'] as const;
export type BedState = (typeof BED_STATES)[number];

export const BED_EVENTS = ['assign', 'unassign', 'swap', 'reserve', 'release', 'clean', 'dirty', 'block', 'unblock'] as const;
export type BedEventType = (typeof BED_EVENTS)[number];

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

export const ADMISSION_SOURCES = ['emergency', 'outpatient', 'transfer_in', 'other'] as const;
export type AdmissionSource = (typeof ADMISSION_SOURCES)[number];
/** 入院途径 front-page codes (病案首页 RC026). */
export const ADMISSION_SOURCE_CODES: Record<AdmissionSource, string> = { emergency: '1', outpatient: '2', transfer_in: '3', other: '9' };

export const DISPOSITIONS = ['order', 'transfer_hospital', 'transfer_community', 'against_advice', 'death', 'other'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
/** 离院方式 front-page codes (病案首页 RC019); 2 and 3 require the receiving institution's name. */
export const DISPOSITION_CODES: Record<Disposition, string> = {
  order: '1',
  transfer_hospital: '2',
  transfer_community: '3',
  against_advice: '4',
  death: '5',
  other: '9',
};
export const DISPOSITIONS_NEEDING_INSTITUTION: ReadonlySet<Disposition> = new Set(['transfer_hospital', 'transfer_community']);

export const BLOCK_REASONS = ['maintenance', 'isolation', 'other'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];
