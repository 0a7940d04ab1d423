import { describe, expect, it } from 'vitest';
import { ECOG_OPTIONS, KARNOFSKY_OPTIONS, ecogFromKarnofsky, karnofskyRangeFromEcog, meetsSystemicTherapyThreshold } from '../src/index.js';
import { issuesOf } from './helpers.js';

describe('ECOG / Karnofsky (clinical-rules.md §11 vectors)', () => {
  it.each([
    [100, 0],
    [90, 0],
    [80, 1],
    [70, 1],
    [60, 2],
    [50, 2],
    [40, 3],
    [30, 3],
    [20, 4],
    [10, 4],
    [0, 5],
  ])('KPS %i -> ECOG %i (default mapping), labelled approximate', (kps, ecog) => {
    expect(ecogFromKarnofsky(kps)).toEqual({ ecog, approximate: true, mapping: 'common' });
  });

  it('mdicu mapping: 90 -> 1, 70/60 -> 2, 50–30 -> 3', () => {
    const m = (kps: number): number => ecogFromKarnofsky(kps, { mapping: 'mdicu' }).ecog;
    expect([100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0].map(m)).toEqual([0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5]);
  });

  it('ECOG 2 -> KPS range [50, 60]', () => {
    expect(karnofskyRangeFromEcog(2)).toEqual({ min: 50, max: 60, approximate: true, mapping: 'common' });
    expect(karnofskyRangeFromEcog(0)).toMatchObject({ min: 90, max: 100 });
    expect(karnofskyRangeFromEcog(5)).toMatchObject({ min: 0, max: 0 });
    expect(karnofskyRangeFromEcog(3, { mapping: 'mdicu' })).toMatchObject({ min: 30, max: 50 });
  });

  it('KPS 85 and ECOG 6 are validation errors', () => {
    expect(issuesOf(() => ecogFromKarnofsky(85))).toEqual([{ field: 'kps', code: 'out_of_range' }]);
    expect(issuesOf(() => karnofskyRangeFromEcog(6))).toEqual([{ field: 'ecog', code: 'out_of_range' }]);
    expect(issuesOf(() => ecogFromKarnofsky(110))).toEqual([{ field: 'kps', code: 'out_of_range' }]);
    expect(issuesOf(() => ecogFromKarnofsky(50, { mapping: 'other' as 'common' }))).toEqual([{ field: 'mapping', code: 'not_allowed' }]);
  });

  it('systemic-therapy threshold: ECOG <= 2 or KPS >= 60', () => {
    expect(meetsSystemicTherapyThreshold({ ecog: 2 })).toBe(true);
    expect(meetsSystemicTherapyThreshold({ ecog: 3 })).toBe(false);
    expect(meetsSystemicTherapyThreshold({ kps: 60 })).toBe(true);
    expect(meetsSystemicTherapyThreshold({ kps: 50 })).toBe(false);
    expect(() => meetsSystemicTherapyThreshold({ kps: 65 })).toThrow();
  });

  it('has a bilingual text for every ECOG grade and every KPS step', () => {
    expect(ECOG_OPTIONS.map((o) => o.value)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(KARNOFSKY_OPTIONS.map((o) => o.value)).toEqual([100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0]);
  });
});
