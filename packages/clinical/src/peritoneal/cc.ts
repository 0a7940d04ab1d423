import { checkOneOf, fail, isFiniteNumber, Issues } from '../validate.js';

export type CcScore = 'CC-0' | 'CC-1' | 'CC-2' | 'CC-3';
export const CC_SCORES: readonly CcScore[] = ['CC-0', 'CC-1', 'CC-2', 'CC-3'];

export interface CcOptions {
  /**
   * A residual nodule of exactly 2.5 mm: 'le' (default; CC-1 = <= 2.5 mm, Baratti et al. Eur J Cancer
   * 2013, as used by the major HIPEC series) or 'lt' (Oncolex: CC-1 < 2.5 mm, so 2.5 mm is CC-2).
   * clinical-rules.md §2 disagreement.
   */
  readonly boundary?: 'le' | 'lt';
}

/**
 * Completeness of cytoreduction from the largest residual nodule in millimetres (clinical-rules.md §2,
 * Oncolex; Baratti 2013): none visible (null or 0) -> CC-0; up to 2.5 mm -> CC-1; 2.5 mm to 25 mm -> CC-2;
 * above 25 mm -> CC-3.
 */
export function completenessOfCytoreduction(residualMm: number | null, options: CcOptions = {}): CcScore {
  const issues = new Issues();
  const boundary = options.boundary ?? 'le';
  checkOneOf(issues, 'boundary', boundary, ['le', 'lt'] as const);
  if (residualMm !== null && (!isFiniteNumber(residualMm) || residualMm < 0 || residualMm > 1000)) {
    issues.add('residualMm', 'out_of_range', 'clinical.cc.residual');
  }
  issues.throwIfAny();
  if (residualMm === null || residualMm === 0) return 'CC-0';
  if (residualMm < 2.5 || (residualMm === 2.5 && boundary === 'le')) return 'CC-1';
  if (residualMm <= 25) return 'CC-2';
  return 'CC-3';
}

/** Complete cytoreduction = CC-0 or CC-1 (clinical-rules.md §2). */
export function isCompleteCytoreduction(cc: CcScore): boolean {
  if (!(CC_SCORES as readonly string[]).includes(cc)) fail('cc', 'unknown_score', 'clinical.cc.unknownScore', { value: String(cc) });
  return cc === 'CC-0' || cc === 'CC-1';
}
