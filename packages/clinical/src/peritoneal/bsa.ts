import { Issues, checkOneOf, isFiniteNumber } from '../validate.js';

export type BsaFormula = 'mosteller' | 'dubois';

/** Plausibility limits for an adult surgical patient; outside them the input is rejected as a typo. */
export const BSA_LIMITS = { heightCm: [50, 250], weightKg: [3, 350], bsaM2: [0.3, 3.5] } as const;

/**
 * Body surface area in m², rounded to 2 decimals.
 * - 'mosteller' (default): sqrt(height cm × weight kg / 3600), Mosteller RD, N Engl J Med 1987;317:1098.
 * - 'dubois': 0.007184 × weight^0.425 × height^0.725, Du Bois D, Du Bois EF, Arch Intern Med 1916;17:863.
 * Needed for mg/m² HIPEC doses (clinical-rules.md §3.1; mCODE BodySurfaceArea, LOINC 8277-6).
 */
export function bodySurfaceArea(input: { readonly heightCm: number; readonly weightKg: number; readonly formula?: BsaFormula }): number {
  const issues = new Issues();
  const formula = input.formula ?? 'mosteller';
  checkOneOf(issues, 'formula', formula, ['mosteller', 'dubois'] as const);
  const [hMin, hMax] = BSA_LIMITS.heightCm;
  const [wMin, wMax] = BSA_LIMITS.weightKg;
  if (!isFiniteNumber(input.heightCm) || input.heightCm < hMin || input.heightCm > hMax) {
    issues.add('heightCm', 'out_of_range', 'clinical.input.numberRange', { min: hMin, max: hMax });
  }
  if (!isFiniteNumber(input.weightKg) || input.weightKg < wMin || input.weightKg > wMax) {
    issues.add('weightKg', 'out_of_range', 'clinical.input.numberRange', { min: wMin, max: wMax });
  }
  issues.throwIfAny();
  const { heightCm: h, weightKg: w } = input;
  const bsa = formula === 'mosteller' ? Math.sqrt((h * w) / 3600) : 0.007184 * w ** 0.425 * h ** 0.725;
  return Math.round(bsa * 100) / 100;
}
