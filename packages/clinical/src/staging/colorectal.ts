import type { StageTable } from './types.js';

/**
 * Colon and rectum (C18.x except C18.1, C19, C20), AJCC 8th ed. chapter 20, as in clinical-rules.md
 * §5.2 and VistA ONCSGA8A label 20, which applies one table to c, p and yp alike (so does this code).
 * N1a/N1b/N1c -> N1 and T1a/T1b -> T1 before lookup; a bare N2, T4 or M1 is resolved only where all its
 * subcategories give the same stage (M1 never: IVA/IVB/IVC need the subcategory).
 */
export const COLORECTAL: StageTable = {
  source: 'AJCC 8th ed. ch. 20 colon and rectum, stage groups (c, p, yp); VistA ONCSGA8A label 20',
  categories: {
    T: {
      TX: [],
      T0: ['T0'],
      Tis: ['Tis'],
      T1: ['T1'],
      T1a: ['T1'],
      T1b: ['T1'],
      T2: ['T2'],
      T3: ['T3'],
      T4: ['T4a', 'T4b'],
      T4a: ['T4a'],
      T4b: ['T4b'],
    },
    N: { NX: [], N0: ['N0'], N1: ['N1'], N1a: ['N1'], N1b: ['N1'], N1c: ['N1'], N2: ['N2a', 'N2b'], N2a: ['N2a'], N2b: ['N2b'] },
    M: { MX: [], M0: ['M0'], M1: ['M1a', 'M1b', 'M1c'], M1a: ['M1a'], M1b: ['M1b'], M1c: ['M1c'] },
  },
  nColumns: ['N0', 'N1', 'N2a', 'N2b'],
  m0: {
    Tis: ['0', null, null, null],
    T1: ['I', 'IIIA', 'IIIA', 'IIIB'],
    T2: ['I', 'IIIA', 'IIIB', 'IIIB'],
    T3: ['IIA', 'IIIB', 'IIIB', 'IIIC'],
    T4a: ['IIB', 'IIIB', 'IIIC', 'IIIC'],
    T4b: ['IIC', 'IIIC', 'IIIC', 'IIIC'],
  },
  // M1a: one organ/site without peritoneal metastasis; M1b: more than one; M1c: peritoneal surface.
  m1: { M1a: 'IVA', M1b: 'IVB', M1c: 'IVC' },
};
