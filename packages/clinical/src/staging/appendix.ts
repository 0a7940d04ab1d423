import type { StageTable } from './types.js';

/**
 * Appendix carcinoma (C18.1, including LAMN, HAMN and goblet-cell adenocarcinoma; well-differentiated
 * NETs are staged elsewhere), AJCC 8th ed. chapter 19, as in clinical-rules.md §5.4 and VistA ONCSGA8A
 * label 19. One table for c, p and yp. Tis(LAMN) = LAMN confined by the muscularis propria (T1/T2 do not
 * apply to LAMN). The grade decides M1b only: G1 -> IVA, G2/G3/GX -> IVB; no grade -> 'unknown'.
 */
export const APPENDIX: StageTable = {
  source: 'AJCC 8th ed. ch. 19 appendix carcinoma, stage groups (c, p, yp); VistA ONCSGA8A label 19',
  categories: {
    T: {
      TX: [],
      T0: ['T0'],
      Tis: ['Tis'],
      'Tis(LAMN)': ['Tis(LAMN)'],
      T1: ['T1'],
      T2: ['T2'],
      T3: ['T3'],
      T4: ['T4a', 'T4b'],
      T4a: ['T4a'],
      T4b: ['T4b'],
    },
    N: { NX: [], N0: ['N0'], N1: ['N1'], N1a: ['N1'], N1b: ['N1'], N1c: ['N1'], N2: ['N2'] },
    M: { MX: [], M0: ['M0'], M1: ['M1a', 'M1b', 'M1c'], M1a: ['M1a'], M1b: ['M1b'], M1c: ['M1c'] },
  },
  nColumns: ['N0', 'N1', 'N2'],
  m0: {
    Tis: ['0', null, null],
    'Tis(LAMN)': ['0', null, null],
    T1: ['I', 'IIIA', 'IIIC'],
    T2: ['I', 'IIIA', 'IIIC'],
    T3: ['IIA', 'IIIB', 'IIIC'],
    T4a: ['IIB', 'IIIB', 'IIIC'],
    T4b: ['IIC', 'IIIB', 'IIIC'],
  },
  // M1a: intraperitoneal acellular mucin; M1b: intraperitoneal metastasis incl. cellular mucin; M1c: beyond the peritoneum.
  m1: { M1a: 'IVA', M1b: { G1: 'IVA', G2: 'IVB', G3: 'IVB', GX: 'IVB' }, M1c: 'IVC' },
};
