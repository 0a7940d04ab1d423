/**
 * Expectation tables for the AJCC 8 stage groups, typed in by hand from clinical-rules.md §5.1–5.4
 * (independently of src/staging), as text grids: header = N columns, one line per T row, '-' = not a
 * valid combination ('unknown'). `m1` lines give the stage for each M1 category whatever T and N.
 */
export interface ExpectedTable {
  readonly name: string;
  readonly site: 'stomach' | 'colorectal' | 'anus' | 'appendix';
  readonly classifications: readonly ('c' | 'p' | 'yp')[];
  readonly grid: string;
  readonly m1: string;
}

export const EXPECTED_TABLES: readonly ExpectedTable[] = [
  {
    name: 'stomach cTNM',
    site: 'stomach',
    classifications: ['c'],
    grid: `
      .    N0   N1   N2   N3
      Tis  0    -    -    -
      T1   I    IIA  IIA  IIA
      T2   I    IIA  IIA  IIA
      T3   IIB  III  III  III
      T4a  IIB  III  III  III
      T4b  IVA  IVA  IVA  IVA`,
    m1: 'M1=IVB',
  },
  {
    name: 'stomach pTNM',
    site: 'stomach',
    classifications: ['p'],
    grid: `
      .    N0    N1    N2    N3a   N3b
      Tis  0     -     -     -     -
      T1   IA    IB    IIA   IIB   IIIB
      T2   IB    IIA   IIB   IIIA  IIIB
      T3   IIA   IIB   IIIA  IIIB  IIIC
      T4a  IIB   IIIA  IIIA  IIIB  IIIC
      T4b  IIIA  IIIB  IIIB  IIIC  IIIC`,
    m1: 'M1=IV',
  },
  {
    name: 'stomach ypTNM',
    site: 'stomach',
    classifications: ['yp'],
    grid: `
      .    N0   N1   N2   N3
      T1   I    I    II   II
      T2   I    II   II   III
      T3   II   II   III  III
      T4a  II   III  III  III
      T4b  III  III  III  III`,
    m1: 'M1=IV',
  },
  {
    name: 'colon and rectum',
    site: 'colorectal',
    classifications: ['c', 'p', 'yp'],
    grid: `
      .    N0   N1    N2a   N2b
      Tis  0    -     -     -
      T1   I    IIIA  IIIA  IIIB
      T2   I    IIIA  IIIB  IIIB
      T3   IIA  IIIB  IIIB  IIIC
      T4a  IIB  IIIB  IIIC  IIIC
      T4b  IIC  IIIC  IIIC  IIIC`,
    m1: 'M1a=IVA M1b=IVB M1c=IVC',
  },
  {
    name: 'anus',
    site: 'anus',
    classifications: ['c', 'p', 'yp'],
    grid: `
      .    N0    N1
      Tis  0     -
      T1   I     IIIA
      T2   IIA   IIIA
      T3   IIB   IIIC
      T4   IIIB  IIIC`,
    m1: 'M1=IV',
  },
  {
    name: 'appendix',
    site: 'appendix',
    classifications: ['c', 'p', 'yp'],
    grid: `
      .          N0   N1    N2
      Tis        0    -     -
      Tis(LAMN)  0    -     -
      T1         I    IIIA  IIIC
      T2         I    IIIA  IIIC
      T3         IIA  IIIB  IIIC
      T4a        IIB  IIIB  IIIC
      T4b        IIC  IIIB  IIIC`,
    m1: 'M1a=IVA M1b/G1=IVA M1b/G2=IVB M1b/G3=IVB M1b/GX=IVB M1c=IVC',
  },
];

export interface Cell {
  readonly t: string;
  readonly n: string;
  readonly stage: string;
}

/** Every cell of a grid; '-' becomes 'unknown'. */
export function cellsOf(table: ExpectedTable): Cell[] {
  const lines = table.grid
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
  const [header, ...rows] = lines;
  if (!header) throw new Error(`empty grid ${table.name}`);
  const nCols = header.slice(1);
  return rows.flatMap(([t, ...stages]) => {
    if (t === undefined || stages.length !== nCols.length) throw new Error(`bad row in ${table.name}`);
    return stages.map((s, i) => ({ t, n: nCols[i] ?? '?', stage: s === '-' ? 'unknown' : s }));
  });
}

export function m1Of(table: ExpectedTable): { m: string; grade: string | null; stage: string }[] {
  return table.m1.split(' ').map((entry) => {
    const [lhs = '', stage = ''] = entry.split('=');
    const [m = '', grade] = lhs.split('/');
    return { m, grade: grade ?? null, stage };
  });
}

export function rowsOf(table: ExpectedTable): string[] {
  return [...new Set(cellsOf(table).map((c) => c.t))];
}

export function columnsOf(table: ExpectedTable): string[] {
  return [...new Set(cellsOf(table).map((c) => c.n))];
}
