import { describe, expect, it } from 'vitest';
import { caseOutcome, tally, tallyBy } from './concordance.js';

describe('decision-to-delivery concordance', () => {
  it('classifies a case by its plan items', () => {
    expect(caseOutcome(['delivered', 'delivered'])).toBe('delivered');
    expect(caseOutcome(['delivered', 'not_delivered'])).toBe('partly');
    expect(caseOutcome(['not_delivered', 'not_delivered'])).toBe('not_delivered');
    expect(caseOutcome(['delivered', 'pending'])).toBe('pending');
    expect(caseOutcome([])).toBe('pending');
  });

  it('rates fully delivered decisions among those whose outcome is known', () => {
    expect(tally(['delivered', 'delivered', 'partly', 'not_delivered', 'pending'])).toEqual({
      cases: 5,
      delivered: 2,
      partly: 1,
      notDelivered: 1,
      pending: 1,
      concordanceRate: 0.5,
    });
    expect(tally(['pending']).concordanceRate).toBeNull();
    expect(tally([]).cases).toBe(0);
  });

  it('tallies groups in first-seen order', () => {
    expect(
      tallyBy([
        { key: 'gastric', outcome: 'delivered' },
        { key: 'peritoneal', outcome: 'not_delivered' },
        { key: 'gastric', outcome: 'partly' },
      ]).map((g) => [g.key, g.counts.cases, g.counts.concordanceRate]),
    ).toEqual([
      ['gastric', 2, 0.5],
      ['peritoneal', 1, 0],
    ]);
  });
});
