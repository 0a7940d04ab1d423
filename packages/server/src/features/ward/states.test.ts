import { describe, expect, it } from 'vitest';
import { BED_EVENTS, BED_STATES, BED_TRANSITIONS, nextBedState } from './states.js';

describe('bed state machine', () => {
  it('refuses assigning an occupied or blocked bed', () => {
    expect(nextBedState('occupied', 'assign')).toBeNull();
    expect(nextBedState('blocked', 'assign')).toBeNull();
    expect(nextBedState('vacant_dirty', 'assign')).toBeNull();
  });

  it('sends a vacated bed to cleaning, and a cleaned bed back to vacant_clean', () => {
    expect(nextBedState('occupied', 'unassign')).toBe('vacant_dirty');
    expect(nextBedState('vacant_dirty', 'clean')).toBe('vacant_clean');
  });

  it('lets a reserved bed take its patient and a blocked bed come back dirty', () => {
    expect(nextBedState('reserved', 'assign')).toBe('occupied');
    expect(nextBedState('blocked', 'unblock')).toBe('vacant_dirty');
  });

  it('names only known states in the table, and every event has a transition', () => {
    for (const e of BED_EVENTS) {
      const t = BED_TRANSITIONS[e];
      expect(BED_STATES).toContain(t.to);
      for (const f of t.from) expect(BED_STATES).toContain(f);
    }
  });

  it('leaves every state some way out (no dead end)', () => {
    for (const s of BED_STATES)
      expect(BED_EVENTS.some((e) => nextBedState(s, e) !== null && nextBedState(s, e) !== s) || s === 'vacant_clean').toBe(true);
  });
});
