import { Issues, fail } from './validate.js';

/**
 * Clavien–Dindo grades and the Comprehensive Complication Index (clinical-rules.md §4).
 * Grades: I < II < IIIa < IIIb < IVa < IVb < V; the suffix "d" (complication present at discharge) is a
 * flag on the complication, not a grade, and does not change the CCI weight.
 */
export const CLAVIEN_DINDO_GRADES = ['I', 'II', 'IIIa', 'IIIb', 'IVa', 'IVb', 'V'] as const;
export type ClavienDindoGrade = (typeof CLAVIEN_DINDO_GRADES)[number];

export interface ParsedComplicationGrade {
  readonly grade: ClavienDindoGrade;
  /** The "d" suffix: the complication is still present at discharge. */
  readonly disability: boolean;
}

/**
 * CCI weights wC (Slankamenac et al., Ann Surg 2013;258:1-7, as implemented in the public
 * "Deterministic CCI Calculator"; grade I = 300 and II = 1750 confirmed by a second page).
 */
export const CCI_WEIGHTS: Readonly<Record<Exclude<ClavienDindoGrade, 'V'>, number>> = {
  I: 300,
  II: 1750,
  IIIa: 2750,
  IIIb: 4550,
  IVa: 7200,
  IVb: 8550,
};

const ROMAN: Readonly<Record<string, ClavienDindoGrade>> = {
  i: 'I',
  ii: 'II',
  iiia: 'IIIa',
  iiib: 'IIIb',
  iva: 'IVa',
  ivb: 'IVb',
  v: 'V',
  '1': 'I',
  '2': 'II',
  '3a': 'IIIa',
  '3b': 'IIIb',
  '4a': 'IVa',
  '4b': 'IVb',
  '5': 'V',
};

/**
 * Read one grade: `I`, `II`, `IIIa`, `IVb`, `V`, with an optional d suffix (`IId`, `II(d)`, `II-d`);
 * case-insensitive; Arabic numerals (`3a`) and the Unicode Roman numerals (`Ⅲa`) are accepted too.
 * `III`/`IV` without sub-grade cannot be weighted (error `subgrade_required`); `Vd` is nonsense.
 */
export function parseClavienDindo(raw: string, field = 'grade'): ParsedComplicationGrade {
  const issues = new Issues();
  const parsed = readGrade(issues, field, raw);
  issues.throwIfAny();
  if (parsed === null) throw new TypeError('unreachable: grade validated');
  return parsed;
}

function readGrade(issues: Issues, field: string, raw: unknown): ParsedComplicationGrade | null {
  if (typeof raw !== 'string') {
    issues.add(field, 'required', 'clinical.cd.grade', { value: '' });
    return null;
  }
  const text = raw.trim().replace(/Ⅰ/g, 'I').replace(/Ⅱ/g, 'II').replace(/Ⅲ/g, 'III').replace(/Ⅳ/g, 'IV').replace(/Ⅴ/g, 'V').toLowerCase();
  const m = /^(?:grade\s*|cd\s*)?([iv]+[ab]?|[1-5][ab]?)\s*([-(]?\s*d\s*\)?)?$/.exec(text);
  const core = m?.[1];
  const hasD = m?.[2] !== undefined;
  if (core === undefined) {
    issues.add(field, 'unknown_grade', 'clinical.cd.grade', { value: raw });
    return null;
  }
  if (core === 'iii' || core === 'iv' || core === '3' || core === '4') {
    issues.add(field, 'subgrade_required', 'clinical.cd.subgradeRequired', { value: raw });
    return null;
  }
  const grade = ROMAN[core];
  if (grade === undefined) {
    issues.add(field, 'unknown_grade', 'clinical.cd.grade', { value: raw });
    return null;
  }
  if (grade === 'V' && hasD) {
    issues.add(field, 'death_with_disability', 'clinical.cd.deathWithDisability');
    return null;
  }
  return { grade, disability: hasD };
}

function parseAll(grades: readonly string[]): ParsedComplicationGrade[] {
  if (!Array.isArray(grades)) fail('grades', 'required', 'clinical.cd.grade', { value: '' });
  const issues = new Issues();
  const out: ParsedComplicationGrade[] = [];
  grades.forEach((g, i) => {
    const p = readGrade(issues, `grades[${i}]`, g);
    if (p !== null) out.push(p);
  });
  issues.throwIfAny();
  return out;
}

const ORDER: Readonly<Record<ClavienDindoGrade, number>> = { I: 1, II: 2, IIIa: 3, IIIb: 4, IVa: 5, IVb: 6, V: 7 };

/** Negative when grade a is less severe than b (I < II < IIIa < IIIb < IVa < IVb < V). */
export function compareClavienDindo(a: ClavienDindoGrade, b: ClavienDindoGrade): number {
  return ORDER[a] - ORDER[b];
}

/**
 * Comprehensive Complication Index (Slankamenac 2013; clinical-rules.md §4.2) of one patient's
 * complications in the observation window (store the window, 30 or 90 days, with the result):
 * CCI = sqrt(Σ wC) / 2, rounded to 1 decimal; any grade V -> 100; none -> 0. Clamped to 100: the scale
 * is 0–100 (abstract); the reference code does not clamp, so sums over 40 000 would exceed 100.
 */
export function comprehensiveComplicationIndex(grades: readonly string[]): number {
  const parsed = parseAll(grades);
  if (parsed.some((p) => p.grade === 'V')) return 100;
  const sum = parsed.reduce((s, p) => s + CCI_WEIGHTS[p.grade as Exclude<ClavienDindoGrade, 'V'>], 0);
  return Math.min(100, Math.round((Math.sqrt(sum) / 2) * 10) / 10);
}

/**
 * The patient-level Clavien–Dindo grade: the highest grade across the complications, with "d" when a
 * complication of that highest grade carries it (`[II(d)]` -> `IId`). Null when there is none.
 */
export function highestClavienDindo(grades: readonly string[]): `${ClavienDindoGrade}` | `${ClavienDindoGrade}d` | null {
  const parsed = parseAll(grades);
  let best: ParsedComplicationGrade | null = null;
  for (const p of parsed) {
    if (best === null || ORDER[p.grade] > ORDER[best.grade] || (p.grade === best.grade && p.disability)) best = p;
  }
  if (best === null) return null;
  return best.disability ? `${best.grade}d` : best.grade;
}

/**
 * "Major" complication: Clavien–Dindo >= IIIa by default (conventional; [UNVERIFIED] as a standard).
 * GASTRODATA's "severe" (CD > II) is the same set, since III must carry a sub-grade. `threshold` lets a
 * site use another cut-off.
 */
export function isMajorComplication(grade: string, options: { readonly threshold?: ClavienDindoGrade } = {}): boolean {
  const threshold = options.threshold ?? 'IIIa';
  if (!(CLAVIEN_DINDO_GRADES as readonly string[]).includes(threshold)) {
    fail('threshold', 'unknown_grade', 'clinical.cd.grade', { value: String(threshold) });
  }
  return ORDER[parseClavienDindo(grade).grade] >= ORDER[threshold];
}
