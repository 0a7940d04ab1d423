import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLAVIEN_DINDO_GRADES,
  comprehensiveComplicationIndex,
  highestClavienDindo,
  isMajorComplication,
  parseClavienDindo,
} from '../src/index.js';
import { issuesOf } from './helpers.js';

describe('comprehensiveComplicationIndex (clinical-rules.md §4.2 vectors)', () => {
  it.each([
    [[], 0],
    [['I'], 8.7],
    [['II'], 20.9],
    [['IIIa'], 26.2],
    [['IIIb'], 33.7],
    [['IVa'], 42.4],
    [['IVb'], 46.2],
    [['II', 'IIIa'], 33.5],
    [['I', 'I', 'II'], 24.2],
    [['I', 'II', 'IIIb'], 40.6],
    [['IVb', 'IVb', 'IVb', 'IVb', 'IVb'], 100],
    [['IIIa', 'V'], 100],
    [['II(d)'], 20.9],
  ])('%j -> %d', (grades, cci) => {
    expect(comprehensiveComplicationIndex(grades)).toBe(cci);
  });

  it('[III] without sub-grade is a validation error', () => {
    expect(issuesOf(() => comprehensiveComplicationIndex(['III']))).toEqual([{ field: 'grades[0]', code: 'subgrade_required' }]);
    expect(issuesOf(() => comprehensiveComplicationIndex(['I', 'IV', 'VI']))).toEqual([
      { field: 'grades[1]', code: 'subgrade_required' },
      { field: 'grades[2]', code: 'unknown_grade' },
    ]);
  });

  const grade = fc.constantFrom('I', 'II', 'IIIa', 'IIIb', 'IVa', 'IVb', 'IId', 'IIIbd', 'IVa(d)');

  it('property: adding a complication never lowers the CCI, and it never exceeds 100', () => {
    fc.assert(
      fc.property(fc.array(grade, { maxLength: 12 }), fc.oneof(grade, fc.constant('V')), (grades, extra) => {
        const before = comprehensiveComplicationIndex(grades);
        const after = comprehensiveComplicationIndex([...grades, extra]);
        expect(after).toBeGreaterThanOrEqual(before);
        expect(after).toBeLessThanOrEqual(100);
        expect(before).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('highestClavienDindo', () => {
  it('patient grades [I, IIIb, II] -> IIIb', () => {
    expect(highestClavienDindo(['I', 'IIIb', 'II'])).toBe('IIIb');
  });

  it('[II(d)] -> IId; the d belongs to the highest grade only', () => {
    expect(highestClavienDindo(['II(d)'])).toBe('IId');
    expect(highestClavienDindo(['I(d)', 'IIIa'])).toBe('IIIa');
    expect(highestClavienDindo(['IIIa', 'IIIa-d'])).toBe('IIIad');
  });

  it('none -> null', () => {
    expect(highestClavienDindo([])).toBeNull();
  });
});

describe('parseClavienDindo', () => {
  it.each([
    ['I', 'I', false],
    ['iiia', 'IIIa', false],
    ['IIIb', 'IIIb', false],
    ['Ⅲb', 'IIIb', false],
    ['3a', 'IIIa', false],
    ['IVa d', 'IVa', true],
    ['II-d', 'II', true],
    ['IId', 'II', true],
    ['V', 'V', false],
  ] as const)('%j -> %s (d=%s)', (raw, grade, disability) => {
    expect(parseClavienDindo(raw)).toEqual({ grade, disability });
  });

  it.each([['III'], ['IV'], ['IIId'], ['Vd'], ['VI'], [''], ['IIc']])('%j is an input error', (raw) => {
    expect(() => parseClavienDindo(raw)).toThrow();
  });

  it('orders the grades I < II < IIIa < IIIb < IVa < IVb < V', () => {
    expect(CLAVIEN_DINDO_GRADES).toEqual(['I', 'II', 'IIIa', 'IIIb', 'IVa', 'IVb', 'V']);
  });
});

describe('isMajorComplication', () => {
  it('is CD >= IIIa by default', () => {
    expect(['I', 'II', 'IId'].map((g) => isMajorComplication(g))).toEqual([false, false, false]);
    expect(['IIIa', 'IIIb', 'IVa', 'IVb', 'V'].map((g) => isMajorComplication(g))).toEqual([true, true, true, true, true]);
  });

  it('takes another threshold', () => {
    expect(isMajorComplication('II', { threshold: 'II' })).toBe(true);
    expect(isMajorComplication('IIIa', { threshold: 'IIIb' })).toBe(false);
  });

  it('rejects III without sub-grade', () => {
    expect(issuesOf(() => isMajorComplication('III'))).toEqual([{ field: 'grade', code: 'subgrade_required' }]);
  });
});
