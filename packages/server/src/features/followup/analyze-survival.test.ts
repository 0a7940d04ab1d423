import { describe, expect, it } from 'vitest';
import { analyse, observation } from './analyze-survival.js';

const row = (over: Partial<Parameters<typeof observation>[0]>) => ({
  patient_id: 'p',
  diagnosis_date: '2024-01-01',
  sex: 'male',
  stage: 'IIIB',
  approach: 'laparoscopic',
  cc: null,
  last_alive: null,
  death_date: null,
  recurrence_date: null,
  ...over,
});

describe('time zero and censoring (docs/statistics.md)', () => {
  it('OS: death is the event; otherwise censored at the last contact alive; no follow-up → excluded', () => {
    expect(observation(row({ death_date: '2024-03-01', last_alive: '2024-02-01' }), 'os', undefined)).toEqual({
      time: 60,
      event: 1,
      group: 'all',
    });
    expect(observation(row({ last_alive: '2025-01-01', recurrence_date: '2024-06-01' }), 'os', 'stage')).toEqual({
      time: 366,
      event: 0,
      group: 'III',
    });
    expect(observation(row({}), 'os', undefined)).toBeNull();
    expect(observation(row({ last_alive: '2023-12-31' }), 'os', undefined)).toBeNull();
  });

  it('DFS: the first of recurrence and death', () => {
    expect(observation(row({ last_alive: '2025-01-01', recurrence_date: '2024-01-31', death_date: '2024-12-01' }), 'dfs', 'sex')).toEqual({
      time: 30,
      event: 1,
      group: 'male',
    });
  });

  it('median is null when the curve does not reach 0.5; no log-rank for one group', () => {
    const out = analyse([
      { time: 10, event: 1, group: 'all' },
      { time: 20, event: 0, group: 'all' },
      { time: 30, event: 0, group: 'all' },
    ]);
    expect(out.groups[0]).toMatchObject({ n: 3, events: 1, median: null });
    expect(out.groups[0]!.km).toEqual([{ time: 10, survival: 2 / 3, lower: expect.any(Number), upper: 1, atRisk: 3 }]);
    expect(out.logRank).toBeUndefined();
  });
});
