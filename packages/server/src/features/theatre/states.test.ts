import { describe, expect, it } from 'vitest';
import { canTransition, isEditable, nextStatuses } from './states.js';

describe('booking states', () => {
  it('runs scheduled → in theatre → completed', () => {
    expect(canTransition('scheduled', 'in_theatre')).toBe(true);
    expect(canTransition('in_theatre', 'completed')).toBe(true);
    expect(canTransition('scheduled', 'completed')).toBe(false);
  });
  it('postpones or cancels only before the patient is in theatre', () => {
    expect(canTransition('scheduled', 'postponed')).toBe(true);
    expect(canTransition('postponed', 'cancelled')).toBe(true);
    expect(canTransition('in_theatre', 'postponed')).toBe(false);
    expect(canTransition('in_theatre', 'cancelled')).toBe(false);
  });
  it('keeps completed and cancelled final', () => {
    expect(nextStatuses('completed')).toEqual([]);
    expect(nextStatuses('cancelled')).toEqual([]);
    expect(nextStatuses('scheduled')).toEqual(['in_theatre', 'postponed', 'cancelled']);
    expect(isEditable('postponed')).toBe(true);
    expect(isEditable('in_theatre')).toBe(false);
  });
});
