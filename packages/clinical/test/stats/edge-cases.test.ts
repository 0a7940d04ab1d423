/**
 * Issue 4, acceptance point 2: edge cases give defined answers — empty input, unequal lengths and
 * negative times are input errors; no events gives survival 1 and an undefined (null) median; one
 * group in the log-rank test is an input error.
 */
import { describe, expect, it } from 'vitest';
import { coxProportionalHazards, dummyCode, kaplanMeier, logRankTest, restrictedMeanSurvival, survivalAt } from '../../src/stats/index.js';
import { isClinicalInputError, type ClinicalIssue } from '../../src/errors.js';

function issuesOf(fn: () => unknown): readonly ClinicalIssue[] {
  try {
    fn();
  } catch (e) {
    if (isClinicalInputError(e)) return e.issues;
    throw e;
  }
  throw new Error('expected a ClinicalInputError');
}

const codes = (fn: () => unknown): string[] => issuesOf(fn).map((i) => i.code);

describe('empty input is an input error', () => {
  it.each([
    ['kaplanMeier', () => kaplanMeier({ time: [], event: [] })],
    ['logRankTest', () => logRankTest({ time: [], event: [], group: [] })],
    ['coxProportionalHazards', () => coxProportionalHazards({ time: [], event: [], covariates: { x: [] } })],
  ])('%s', (_name, fn) => {
    expect(issuesOf(fn)).toContainEqual({ field: 'time', code: 'empty', messageKey: 'stats.input.empty', params: { field: 'time' } });
  });
});

describe('unequal lengths are an input error', () => {
  it('event shorter than time', () => {
    expect(issuesOf(() => kaplanMeier({ time: [1, 2, 3], event: [1, 0] }))).toEqual([
      {
        field: 'event',
        code: 'length_mismatch',
        messageKey: 'stats.input.lengthMismatch',
        params: { field: 'event', expected: 3, actual: 2 },
      },
    ]);
  });

  it('group longer than time', () => {
    expect(codes(() => logRankTest({ time: [1, 2], event: [1, 1], group: ['a', 'b', 'a'] }))).toEqual(['length_mismatch']);
  });

  it('a covariate of the wrong length, named in the field', () => {
    const issues = issuesOf(() => coxProportionalHazards({ time: [1, 2, 3], event: [1, 0, 1], covariates: { age: [60, 70] } }));
    expect(issues.map((i) => [i.field, i.code])).toEqual([['covariates.age', 'length_mismatch']]);
  });
});

describe('negative times are an input error', () => {
  it('reports every negative time by index', () => {
    expect(issuesOf(() => kaplanMeier({ time: [3, -1, 2, -0.5], event: [1, 1, 0, 1] })).map((i) => i.field)).toEqual([
      'time[1]',
      'time[3]',
    ]);
  });

  it.each([
    ['logRankTest', () => logRankTest({ time: [1, -2], event: [1, 1], group: [1, 2] })],
    ['coxProportionalHazards', () => coxProportionalHazards({ time: [1, -2], event: [1, 1], covariates: { x: [0, 1] } })],
  ])('%s', (_name, fn) => {
    expect(codes(fn)).toEqual(['negative']);
  });

  it('survivalAt and restrictedMeanSurvival refuse a negative time', () => {
    const km = kaplanMeier({ time: [1, 2], event: [1, 0] });
    expect(codes(() => survivalAt(km, -1))).toEqual(['negative']);
    expect(codes(() => restrictedMeanSurvival(km, -5))).toEqual(['negative']);
  });
});

describe('other malformed input is an input error', () => {
  it('non-finite times, events other than 0/1, several problems at once', () => {
    const issues = issuesOf(() => kaplanMeier({ time: [1, Number.NaN, Infinity], event: [1, 2, 0] as (0 | 1)[] }));
    expect(issues.map((i) => `${i.field}:${i.code}`)).toEqual(['time[1]:not_finite', 'time[2]:not_finite', 'event[1]:not_binary']);
  });

  it('at most 20 issues for a long bad column', () => {
    expect(issuesOf(() => kaplanMeier({ time: new Array<number>(1000).fill(-1), event: new Array<0 | 1>(1000).fill(1) }))).toHaveLength(20);
  });

  it('unknown confType and a confLevel outside (0, 1)', () => {
    const bad = { confType: 'arcsin', confLevel: 1 } as unknown as Parameters<typeof kaplanMeier>[1];
    expect(codes(() => kaplanMeier({ time: [1], event: [1] }, bad))).toEqual(['unknown_option', 'out_of_range']);
  });

  it('missing or invalid group values', () => {
    const group = ['a', null, Number.NaN] as unknown as string[];
    expect(codes(() => logRankTest({ time: [1, 2, 3], event: [1, 1, 1], group }))).toEqual(['invalid_group', 'invalid_group']);
  });

  it('a Cox model without covariates', () => {
    expect(codes(() => coxProportionalHazards({ time: [1, 2], event: [1, 1], covariates: {} }))).toEqual(['required']);
  });
});

describe('no events', () => {
  const data = { time: [3, 5, 5, 8, 10], event: [0, 0, 0, 0, 0] as (0 | 1)[] };

  it('Kaplan–Meier: survival 1 throughout, median and its limits undefined (null)', () => {
    const km = kaplanMeier(data);
    expect(km.survival).toEqual([1, 1, 1, 1]);
    expect(km.events).toBe(0);
    expect(km.median).toBeNull();
    expect(km.medianLower).toBeNull();
    expect(km.medianUpper).toBeNull();
    expect(survivalAt(km, 7)).toEqual({ time: 7, survival: 1, stdErr: 0, lower: 1, upper: 1, nRisk: 2 });
    expect(restrictedMeanSurvival(km, 10)).toEqual({ tau: 10, rmean: 10, stdErr: 0 });
  });

  it('log-rank and Cox refuse (R would return chi-square 0 with df −1, or NA coefficients)', () => {
    expect(codes(() => logRankTest({ ...data, group: [1, 2, 1, 2, 1] }))).toEqual(['no_events']);
    expect(codes(() => coxProportionalHazards({ ...data, covariates: { x: [1, 2, 3, 4, 5] } }))).toEqual(['no_events']);
  });
});

describe('log-rank groups', () => {
  it('one group is an input error', () => {
    expect(issuesOf(() => logRankTest({ time: [1, 2, 3], event: [1, 0, 1], group: ['A', 'A', 'A'] }))).toEqual([
      { field: 'group', code: 'single_group', messageKey: 'stats.logRank.singleGroup' },
    ]);
  });

  it('a second group with nobody at risk at any event time cannot be tested', () => {
    expect(codes(() => logRankTest({ time: [1, 5, 6], event: [0, 1, 1], group: ['B', 'A', 'A'] }))).toEqual(['not_estimable']);
  });
});

describe('Kaplan–Meier boundaries', () => {
  it('one patient who dies: survival 0, limits undefined', () => {
    const km = kaplanMeier({ time: [4], event: [1] });
    expect(km.survival).toEqual([0]);
    expect(km.stdErr).toEqual([null]);
    expect(km.lower).toEqual([null]);
    expect(km.median).toBe(4);
  });

  it('events at time 0 count at 0 (right-continuous curve)', () => {
    const km = kaplanMeier({ time: [0, 0, 1, 2], event: [1, 0, 1, 0] });
    expect(km.time).toEqual([0, 1, 2]);
    expect(survivalAt(km, 0).survival).toBe(0.75);
    expect(survivalAt(km, 0).nRisk).toBe(4);
  });
});

describe('dummyCode', () => {
  it('makes one 0/1 column per non-reference level, in level order', () => {
    expect(dummyCode(['b', 'a', 'c', 'a'], { reference: 'a', prefix: 'arm' })).toEqual({ armb: [1, 0, 0, 0], armc: [0, 0, 1, 0] });
    expect(dummyCode([3, 1, 2, 1], { reference: 1, prefix: 'ecog' })).toEqual({ ecog2: [0, 0, 1, 0], ecog3: [1, 0, 0, 0] });
  });

  it('refuses an absent reference, a single level and clashing names', () => {
    expect(codes(() => dummyCode(['a', 'b'], { reference: 'z' }))).toEqual(['unknown_reference']);
    expect(codes(() => dummyCode([1, 2], { reference: '1' }))).toEqual(['unknown_reference']);
    expect(codes(() => dummyCode(['a', 'a'], { reference: 'a' }))).toEqual(['single_level']);
    expect(codes(() => dummyCode([1, '1', 2], { reference: 2 }))).toEqual(['duplicate_name']);
    expect(codes(() => dummyCode([], { reference: 'a' }))).toEqual(['empty']);
  });
});

describe('Cox collinearity', () => {
  it('names the redundant covariate (R returns NA for it)', () => {
    const time = [1, 2, 3, 4, 5, 6, 7, 8];
    const x1 = [0.3, -1.2, 0.8, 0.1, 2.0, -0.4, 1.1, -0.9];
    const issues = issuesOf(() =>
      coxProportionalHazards({ time, event: [1, 1, 0, 1, 1, 0, 1, 1], covariates: { x1, x2: x1.map((v) => 2 * v) } }),
    );
    expect(issues).toEqual([{ field: 'covariates', code: 'collinear', messageKey: 'stats.cox.collinear', params: { covariates: 'x2' } }]);
  });
});

describe('Cox with a constant covariate', () => {
  it('refuses it as carrying no information (R returns NA)', () => {
    const issues = issuesOf(() =>
      coxProportionalHazards({
        time: [1, 2, 3, 4, 5],
        event: [1, 0, 1, 1, 0],
        covariates: { age: [3, 1, 4, 1, 5], male: [1, 1, 1, 1, 1] },
      }),
    );
    expect(issues.map((i) => [i.code, i.params])).toEqual([['collinear', { covariates: 'male' }]]);
  });
});
