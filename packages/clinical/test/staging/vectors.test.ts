import { describe, expect, it } from 'vitest';
import {
  ClinicalInputError,
  appendixNCategory,
  colorectalNCategory,
  gastricNCategory,
  stageAjcc8,
  type StageAjcc8Input,
  type StagingClassification,
  type StagingSite,
} from '../../src/index.js';

/** clinical-rules.md §5.5, copied as written ("SITE class T N M -> stage"). */
const VECTORS = `
STOMACH c  T2  N0  M0  -> I
STOMACH c  T1  N3  M0  -> IIA
STOMACH c  T4a N0  M0  -> IIB
STOMACH c  T3  N2  M0  -> III
STOMACH c  T4b N0  M0  -> IVA
STOMACH c  T1  N0  M1  -> IVB
STOMACH p  T1a N0  M0  -> IA
STOMACH p  T1  N1  M0  -> IB
STOMACH p  T3  N0  M0  -> IIA
STOMACH p  T1  N3a M0  -> IIB
STOMACH p  T4a N2  M0  -> IIIA
STOMACH p  T4b N0  M0  -> IIIA
STOMACH p  T1  N3b M0  -> IIIB
STOMACH p  T4b N3a M0  -> IIIC
STOMACH yp T1  N1  M0  -> I
STOMACH yp T1  N3  M0  -> II
STOMACH yp T2  N3  M0  -> III
STOMACH yp T4a N0  M0  -> II
COLORECTAL p T1  N2a M0 -> IIIA
COLORECTAL p T2  N1c M0 -> IIIA
COLORECTAL p T3  N0  M0 -> IIA
COLORECTAL p T4b N0  M0 -> IIC
COLORECTAL p T2  N2b M0 -> IIIB
COLORECTAL p T4a N2a M0 -> IIIC
ANUS       p T2  N0  M0 -> IIA
ANUS       p T4  N0  M0 -> IIIB
ANUS       p T3  N1b M0 -> IIIC
APPENDIX   p Tis(LAMN) N0 M0 -> 0
APPENDIX   p T4a N0  M0 -> IIB
APPENDIX   p T3  N2  M0 -> IIIC
STOMACH p  TX  N1  M0  -> unknown
`
  .trim()
  .split('\n')
  .map((line) => {
    const [lhs = '', stage = ''] = line.split('->').map((s) => s.trim());
    const [site = '', classification = '', t = '', n = '', m = ''] = lhs.split(/\s+/);
    return { site: site.toLowerCase() as StagingSite, classification: classification as StagingClassification, t, n, m, stage };
  });

describe('stageAjcc8: clinical-rules.md §5.5 vectors', () => {
  it.each(VECTORS)('$site $classification $t $n $m -> $stage', ({ stage, ...input }) => {
    expect(stageAjcc8(input).stage).toBe(stage);
  });

  it('stomach p T2 with 17 positive nodes -> N3b -> IIIB', () => {
    const n = gastricNCategory(17);
    expect(n).toBe('N3b');
    expect(stageAjcc8({ site: 'stomach', classification: 'p', t: 'T2', n, m: 'M0' }).stage).toBe('IIIB');
  });

  it('stomach p any M1 -> IV', () => {
    for (const t of ['Tis', 'T1a', 'T3', 'T4b', 'TX'])
      for (const n of ['N0', 'N3b', 'NX']) {
        expect(stageAjcc8({ site: 'stomach', classification: 'p', t, n, m: 'M1' }).stage).toBe('IV');
      }
  });

  it('colorectal T3 with 0 nodes and deposits -> N1c -> IIIB', () => {
    const n = colorectalNCategory({ positiveNodes: 0, tumorDeposits: true });
    expect(n).toBe('N1c');
    expect(stageAjcc8({ site: 'colorectal', classification: 'p', t: 'T3', n, m: 'M0' }).stage).toBe('IIIB');
  });

  it('colorectal any T any N M1c -> IVC', () => {
    for (const t of ['Tis', 'T1', 'T4b', 'TX'])
      for (const n of ['N0', 'N1c', 'N2b', 'NX']) {
        expect(stageAjcc8({ site: 'colorectal', classification: 'c', t, n, m: 'M1c' }).stage).toBe('IVC');
      }
  });

  it.each([
    ['M1b', 'G1', 'IVA'],
    ['M1b', 'G3', 'IVB'],
    ['M1a', 'GX', 'IVA'],
  ] as const)('appendix any T any N %s %s -> %s', (m, grade, stage) => {
    for (const t of ['Tis(LAMN)', 'T3', 'T4a'])
      for (const n of ['N0', 'N1b', 'N2']) {
        expect(stageAjcc8({ site: 'appendix', classification: 'p', t, n, m, grade }).stage).toBe(stage);
      }
  });
});

describe('stageAjcc8: spellings and normalisation', () => {
  const base: StageAjcc8Input = { site: 'stomach', classification: 'p', t: 'T3', n: 'N1', m: 'M0' };

  it.each(['pT3', 'T3', '3', 't3', ' pT3 ', 'PT3'])('reads T as %j', (t) => {
    expect(stageAjcc8({ ...base, t })).toMatchObject({ stage: 'IIB', categories: { t: 'T3' } });
  });

  it('reads yp prefixes and subcategories', () => {
    expect(stageAjcc8({ site: 'stomach', classification: 'yp', t: 'ypT1b', n: 'ypN3b', m: 'cM0' })).toMatchObject({
      stage: 'II',
      normalized: { t: 'T1', n: 'N3', m: 'M0' },
      categories: { t: 'T1b', n: 'N3b', m: 'M0' },
      edition: 8,
    });
  });

  it('normalises stomach cN3a/cN3b to N3 and T1a/T1b to T1', () => {
    expect(stageAjcc8({ site: 'stomach', classification: 'c', t: 'T1b', n: 'N3a', m: 'M0' })).toMatchObject({
      stage: 'IIA',
      normalized: { t: 'T1', n: 'N3' },
    });
  });

  it('normalises colorectal N1a/N1b/N1c to N1', () => {
    for (const n of ['N1a', 'N1b', 'N1c', '1c']) {
      expect(stageAjcc8({ site: 'colorectal', classification: 'p', t: 'T2', n, m: 'M0' })).toMatchObject({
        stage: 'IIIA',
        normalized: { n: 'N1' },
      });
    }
  });

  it('reads Tis(LAMN) with spaces and any case', () => {
    expect(stageAjcc8({ site: 'appendix', classification: 'p', t: 'pTis (lamn)', n: 'pN0', m: 'cM0' })).toMatchObject({
      stage: '0',
      normalized: { t: 'Tis(LAMN)' },
    });
  });

  it('resolves a parent category only when all its subcategories agree', () => {
    const st = (site: StagingSite, classification: StagingClassification, t: string, n: string, m = 'M0'): string =>
      stageAjcc8({ site, classification, t, n, m }).stage;
    expect(st('stomach', 'p', 'T4', 'N3b')).toBe('IIIC');
    expect(st('stomach', 'p', 'T4b', 'N3')).toBe('IIIC');
    expect(st('stomach', 'p', 'T4', 'N0')).toBe('unknown');
    expect(st('stomach', 'p', 'T1', 'N3')).toBe('unknown');
    expect(st('stomach', 'c', 'T4', 'N1')).toBe('unknown');
    expect(st('colorectal', 'p', 'T4b', 'N2')).toBe('IIIC');
    expect(st('colorectal', 'p', 'T4', 'N2b')).toBe('IIIC');
    expect(st('colorectal', 'p', 'T1', 'N2')).toBe('unknown');
    expect(st('colorectal', 'p', 'T3', 'N0', 'M1')).toBe('unknown');
    expect(st('appendix', 'p', 'T4', 'N1')).toBe('IIIB');
    expect(st('appendix', 'p', 'T3', 'N0', 'M1')).toBe('unknown');
    expect(stageAjcc8({ site: 'stomach', classification: 'p', t: 'T4', n: 'N3b', m: 'M0' }).normalized.t).toBe('T4');
  });

  it('appendix M1b without a grade is unknown (the grade decides)', () => {
    expect(stageAjcc8({ site: 'appendix', classification: 'p', t: 'T4a', n: 'N0', m: 'M1b' }).stage).toBe('unknown');
  });

  it('ypT0 and ypTis of the stomach are unknown (not in the yp table)', () => {
    expect(stageAjcc8({ site: 'stomach', classification: 'yp', t: 'T0', n: 'N0', m: 'M0' }).stage).toBe('unknown');
    expect(stageAjcc8({ site: 'stomach', classification: 'yp', t: 'Tis', n: 'N0', m: 'M0' }).stage).toBe('unknown');
  });
});

describe('stageAjcc8: invalid input', () => {
  const issuesOf = (input: unknown): { field: string; code: string }[] => {
    try {
      stageAjcc8(input as StageAjcc8Input);
    } catch (e) {
      expect(e).toBeInstanceOf(ClinicalInputError);
      return (e as ClinicalInputError).issues.map(({ field, code }) => ({ field, code }));
    }
    throw new Error('expected ClinicalInputError');
  };

  it('rejects an unknown site or classification', () => {
    expect(issuesOf({ site: 'liver', classification: 'p', t: 'T1', n: 'N0', m: 'M0' })).toEqual([{ field: 'site', code: 'not_allowed' }]);
    expect(issuesOf({ site: 'stomach', classification: 'x', t: 'T1', n: 'N0', m: 'M0' })).toEqual([
      { field: 'classification', code: 'not_allowed' },
    ]);
  });

  it('lists every bad category at once', () => {
    expect(issuesOf({ site: 'stomach', classification: 'p', t: 'T5', n: 'N4', m: 'M2' })).toEqual([
      { field: 't', code: 'format' },
      { field: 'n', code: 'format' },
      { field: 'm', code: 'format' },
    ]);
  });

  it('rejects categories that do not exist for the site', () => {
    expect(issuesOf({ site: 'stomach', classification: 'p', t: 'Tis(LAMN)', n: 'N0', m: 'M0' })).toEqual([
      { field: 't', code: 'unknown_category' },
    ]);
    expect(issuesOf({ site: 'anus', classification: 'p', t: 'T4a', n: 'N2', m: 'M1c' })).toEqual([
      { field: 't', code: 'unknown_category' },
      { field: 'n', code: 'unknown_category' },
      { field: 'm', code: 'unknown_category' },
    ]);
    expect(issuesOf({ site: 'appendix', classification: 'p', t: 'T1a', n: 'N0', m: 'M0' })).toEqual([
      { field: 't', code: 'unknown_category' },
    ]);
    expect(issuesOf({ site: 'stomach', classification: 'p', t: 'T3', n: 'N1c', m: 'M0' })).toEqual([
      { field: 'n', code: 'unknown_category' },
    ]);
  });

  it('rejects a T or N prefix that contradicts the classification, but accepts cM0 in pathological staging', () => {
    expect(issuesOf({ site: 'stomach', classification: 'c', t: 'pT3', n: 'ypN1', m: 'M0' })).toEqual([
      { field: 't', code: 'prefix_mismatch' },
      { field: 'n', code: 'prefix_mismatch' },
    ]);
    expect(stageAjcc8({ site: 'stomach', classification: 'p', t: 'pT3', n: 'pN1', m: 'cM0' }).stage).toBe('IIB');
  });

  it('rejects an axis letter on the wrong field, empty and non-string categories, and a bad grade', () => {
    expect(issuesOf({ site: 'colorectal', classification: 'p', t: 'N1', n: '', m: 3, grade: 'G4' })).toEqual([
      { field: 'grade', code: 'not_allowed' },
      { field: 't', code: 'format' },
      { field: 'n', code: 'required' },
      { field: 'm', code: 'required' },
    ]);
  });
});

describe('N category from node counts', () => {
  it.each([
    [0, 'N0'],
    [1, 'N1'],
    [2, 'N1'],
    [3, 'N2'],
    [6, 'N2'],
    [7, 'N3a'],
    [15, 'N3a'],
    [16, 'N3b'],
    [40, 'N3b'],
  ] as const)('stomach %i positive nodes -> %s', (count, n) => {
    expect(gastricNCategory(count)).toBe(n);
  });

  it.each([
    [0, false, 'N0'],
    [0, true, 'N1c'],
    [0, 2, 'N1c'],
    [0, 0, 'N0'],
    [1, true, 'N1a'],
    [2, false, 'N1b'],
    [3, true, 'N1b'],
    [4, false, 'N2a'],
    [6, false, 'N2a'],
    [7, false, 'N2b'],
  ] as const)('colorectal %i nodes, deposits %s -> %s', (positiveNodes, tumorDeposits, n) => {
    expect(colorectalNCategory({ positiveNodes, tumorDeposits })).toBe(n);
  });

  it.each([
    [0, false, 'N0'],
    [0, true, 'N1c'],
    [1, true, 'N1a'],
    [2, false, 'N1b'],
    [3, false, 'N1b'],
    [4, false, 'N2'],
    [20, true, 'N2'],
  ] as const)('appendix %i nodes, deposits %s -> %s', (positiveNodes, tumorDeposits, n) => {
    expect(appendixNCategory({ positiveNodes, tumorDeposits })).toBe(n);
  });

  it('rejects negative, fractional and non-numeric counts and bad deposits', () => {
    expect(() => gastricNCategory(-1)).toThrow(ClinicalInputError);
    expect(() => gastricNCategory(2.5)).toThrow(ClinicalInputError);
    expect(() => gastricNCategory(Number.NaN)).toThrow(ClinicalInputError);
    expect(() => colorectalNCategory({ positiveNodes: 1, tumorDeposits: -1 })).toThrow(ClinicalInputError);
    expect(() => appendixNCategory({ positiveNodes: 0, tumorDeposits: 'yes' as unknown as boolean })).toThrow(ClinicalInputError);
  });
});
