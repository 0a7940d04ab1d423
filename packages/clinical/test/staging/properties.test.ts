import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStageGroups, stageAjcc8, type StagingClassification, type StagingSite } from '../../src/index.js';

/**
 * Property: a worse T (same N, M) or a worse N (same T, M) never gives a better stage, and M1 is never
 * better than M0. Category orders per site, from the AJCC 8 definitions (clinical-rules.md §5).
 */
const ORDERS: readonly { site: StagingSite; classification: StagingClassification; t: string[]; n: string[]; m1: string }[] = [
  { site: 'stomach', classification: 'c', t: ['Tis', 'T1a', 'T1b', 'T2', 'T3', 'T4a', 'T4b'], n: ['N0', 'N1', 'N2', 'N3'], m1: 'M1' },
  {
    site: 'stomach',
    classification: 'p',
    t: ['Tis', 'T1a', 'T1b', 'T2', 'T3', 'T4a', 'T4b'],
    n: ['N0', 'N1', 'N2', 'N3a', 'N3b'],
    m1: 'M1',
  },
  { site: 'stomach', classification: 'yp', t: ['T1a', 'T1b', 'T2', 'T3', 'T4a', 'T4b'], n: ['N0', 'N1', 'N2', 'N3'], m1: 'M1' },
  {
    site: 'colorectal',
    classification: 'p',
    t: ['Tis', 'T1', 'T2', 'T3', 'T4a', 'T4b'],
    n: ['N0', 'N1c', 'N1a', 'N1b', 'N2a', 'N2b'],
    m1: 'M1c',
  },
  { site: 'anus', classification: 'c', t: ['Tis', 'T1', 'T2', 'T3', 'T4'], n: ['N0', 'N1a', 'N1b', 'N1c'], m1: 'M1' },
  { site: 'appendix', classification: 'p', t: ['Tis', 'T1', 'T2', 'T3', 'T4a', 'T4b'], n: ['N0', 'N1c', 'N1a', 'N1b', 'N2'], m1: 'M1c' },
];

const stage = (o: (typeof ORDERS)[number], t: string, n: string, m = 'M0'): string =>
  stageAjcc8({ site: o.site, classification: o.classification, t, n, m }).stage;

describe('stage monotonicity (fast-check)', () => {
  it.each(ORDERS)('$site $classification: higher T or N never gives a better stage', (o) => {
    const idx = (len: number): fc.Arbitrary<[number, number]> =>
      fc.tuple(fc.nat({ max: len - 1 }), fc.nat({ max: len - 1 })).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));
    fc.assert(
      fc.property(
        idx(o.t.length),
        idx(o.n.length),
        fc.nat({ max: o.n.length - 1 }),
        fc.nat({ max: o.t.length - 1 }),
        ([tLo, tHi], [nLo, nHi], nFixed, tFixed) => {
          const pairs = [
            [stage(o, o.t[tLo]!, o.n[nFixed]!), stage(o, o.t[tHi]!, o.n[nFixed]!)],
            [stage(o, o.t[tFixed]!, o.n[nLo]!), stage(o, o.t[tFixed]!, o.n[nHi]!)],
          ];
          for (const [lower, higher] of pairs) {
            const cmp = compareStageGroups(lower!, higher!);
            // 'unknown' cells (e.g. Tis N1) are not comparable and carry no claim.
            if (cmp !== null) expect(cmp, `${lower} vs ${higher}`).toBeLessThanOrEqual(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each(ORDERS)('$site $classification: M1 is never better than M0', (o) => {
    for (const t of o.t)
      for (const n of o.n) {
        const m0 = stage(o, t, n);
        const m1 = stage(o, t, n, o.m1);
        if (m0 !== 'unknown') expect(compareStageGroups(m0, m1)).toBeLessThan(0);
      }
  });
});
