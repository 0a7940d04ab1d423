import { Issues, checkOneOf, isFiniteNumber } from './validate.js';

/**
 * ECOG <-> Karnofsky conversion (clinical-rules.md §11.3). There is no formal mapping in the published
 * literature (hemonc.org), so every conversion is labelled approximate. Store both raw scores and never
 * overwrite a recorded value with a converted one.
 * - 'common' (default): 100/90 -> 0, 80/70 -> 1, 60/50 -> 2, 40/30 -> 3, 20/10 -> 4, 0 -> 5
 *   (myelomacomorbidityindex.org, aihaoyisheng.com; "one commonly used comparison", Oken/ECOG handout).
 * - 'mdicu' (mdicu.com): 90 -> 1, 70/60 -> 2, 50/40/30 -> 3; 100 -> 0, 80 -> 1, 20/10 -> 4 and 0 -> 5 are
 *   our completion of that table (the source lists only the differing rows).
 */
export type EcogKpsMapping = 'common' | 'mdicu';
export const ECOG_KPS_MAPPINGS: readonly EcogKpsMapping[] = ['common', 'mdicu'];

const KPS_TO_ECOG: Readonly<Record<EcogKpsMapping, Readonly<Record<number, number>>>> = {
  common: { 100: 0, 90: 0, 80: 1, 70: 1, 60: 2, 50: 2, 40: 3, 30: 3, 20: 4, 10: 4, 0: 5 },
  mdicu: { 100: 0, 90: 1, 80: 1, 70: 2, 60: 2, 50: 3, 40: 3, 30: 3, 20: 4, 10: 4, 0: 5 },
};

export interface EcogFromKarnofsky {
  readonly ecog: number;
  readonly approximate: true;
  readonly mapping: EcogKpsMapping;
}

export interface KarnofskyRange {
  readonly min: number;
  readonly max: number;
  readonly approximate: true;
  readonly mapping: EcogKpsMapping;
}

function checkKps(issues: Issues, value: unknown): value is number {
  const ok = isFiniteNumber(value) && Number.isInteger(value) && value >= 0 && value <= 100 && value % 10 === 0;
  if (!ok) issues.add('kps', 'out_of_range', 'clinical.ps.kps');
  return ok;
}

/** Approximate ECOG for a Karnofsky score (0–100, multiple of 10). */
export function ecogFromKarnofsky(kps: number, options: { readonly mapping?: EcogKpsMapping } = {}): EcogFromKarnofsky {
  const mapping = options.mapping ?? 'common';
  const issues = new Issues();
  checkOneOf(issues, 'mapping', mapping, ECOG_KPS_MAPPINGS);
  checkKps(issues, kps);
  issues.throwIfAny();
  const ecog = KPS_TO_ECOG[mapping][kps];
  if (ecog === undefined) throw new TypeError('unreachable: kps validated');
  return { ecog, approximate: true, mapping };
}

/** Approximate Karnofsky range for an ECOG grade (0–5): ECOG 2 -> [50, 60] with the default mapping. */
export function karnofskyRangeFromEcog(ecog: number, options: { readonly mapping?: EcogKpsMapping } = {}): KarnofskyRange {
  const mapping = options.mapping ?? 'common';
  const issues = new Issues();
  checkOneOf(issues, 'mapping', mapping, ECOG_KPS_MAPPINGS);
  if (!isFiniteNumber(ecog) || !Number.isInteger(ecog) || ecog < 0 || ecog > 5) issues.add('ecog', 'out_of_range', 'clinical.ps.ecog');
  issues.throwIfAny();
  const kps = Object.entries(KPS_TO_ECOG[mapping])
    .filter(([, e]) => e === ecog)
    .map(([k]) => Number(k));
  return { min: Math.min(...kps), max: Math.max(...kps), approximate: true, mapping };
}

/**
 * Fit for systemic therapy by the commonly used threshold ECOG <= 2 or KPS >= 60 (aihaoyisheng.com,
 * attributed to NCCN; [UNVERIFIED] primary source). Validates the score like the converters.
 */
export function meetsSystemicTherapyThreshold(score: { readonly ecog: number } | { readonly kps: number }): boolean {
  const issues = new Issues();
  if ('ecog' in score) {
    if (!isFiniteNumber(score.ecog) || !Number.isInteger(score.ecog) || score.ecog < 0 || score.ecog > 5)
      issues.add('ecog', 'out_of_range', 'clinical.ps.ecog');
    issues.throwIfAny();
    return score.ecog <= 2;
  }
  checkKps(issues, score.kps);
  issues.throwIfAny();
  return score.kps >= 60;
}
