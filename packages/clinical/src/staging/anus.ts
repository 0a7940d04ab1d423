import type { StageTable } from './types.js';

/**
 * Anus (C21.x), AJCC 8th ed. chapter 21, as in clinical-rules.md §5.3 and VistA ONCSGA8A label 21.
 * Sources disagree: mcqsurgery.com groups "IIIA: T1–3 N1; IIIB: T4 N0/N1 or T1–3 N1b/N1c"; that matches
 * neither VistA nor droracle ("T4 N1 -> IIIC"), so the VistA grouping is used. N1a/N1b/N1c -> N1.
 * AJCC 9 (2023) revised anal staging; this table is explicitly edition 8. One table for c, p and yp.
 */
export const ANUS: StageTable = {
  source: 'AJCC 8th ed. ch. 21 anus, stage groups (c, p, yp); VistA ONCSGA8A label 21',
  categories: {
    T: { TX: [], T0: ['T0'], Tis: ['Tis'], T1: ['T1'], T2: ['T2'], T3: ['T3'], T4: ['T4'] },
    N: { NX: [], N0: ['N0'], N1: ['N1'], N1a: ['N1'], N1b: ['N1'], N1c: ['N1'] },
    M: { MX: [], M0: ['M0'], M1: ['M1'] },
  },
  nColumns: ['N0', 'N1'],
  m0: {
    Tis: ['0', null],
    T1: ['I', 'IIIA'],
    T2: ['IIA', 'IIIA'],
    T3: ['IIB', 'IIIC'],
    T4: ['IIIB', 'IIIC'],
  },
  // Para-aortic nodes count as M1.
  m1: { M1: 'IV' },
};
