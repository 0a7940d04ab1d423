import type { Bilingual } from '../bilingual.js';
import { PCI_REGIONS } from '../codes/peritoneal.js';
import type { ClinicalMessageKey } from '../messages.js';
import { Issues, checkBoolean, checkOneOf, fail, isFiniteNumber } from '../validate.js';

export type LesionSizeScore = 0 | 1 | 2 | 3;

export interface PciResult {
  /** Sum of the 13 lesion-size scores, 0–39. */
  readonly total: number;
  readonly regions: readonly { readonly id: number; readonly name: Bilingual; readonly score: LesionSizeScore }[];
}

/**
 * Peritoneal Cancer Index, Jacquet & Sugarbaker 1996 (clinical-rules.md §1): the sum of the lesion-size
 * scores (0–3) of the 13 regions 0–12, in region order. Exactly 13 integers 0–3, else a
 * ClinicalInputError listing every wrong entry (§1.3).
 */
export function peritonealCancerIndex(regions: readonly number[]): PciResult {
  const issues = new Issues();
  if (!Array.isArray(regions)) fail('regions', 'required', 'clinical.pci.regionCount', { count: 0 });
  if (regions.length !== PCI_REGIONS.length) {
    issues.add('regions', 'length', 'clinical.pci.regionCount', { count: regions.length });
  }
  regions.forEach((score, i) => {
    if (!isFiniteNumber(score) || !Number.isInteger(score) || score < 0 || score > 3) {
      issues.add(`regions[${i}]`, 'out_of_range', 'clinical.pci.regionScore', { region: i });
    }
  });
  issues.throwIfAny();
  const scored = PCI_REGIONS.map((r) => ({ id: r.id, name: r.name, score: regions[r.id] as LesionSizeScore }));
  return { total: scored.reduce((sum, r) => sum + r.score, 0), regions: scored };
}

export interface LesionSizeOptions {
  /** Confluent disease, or an organ coated by a mat of tumour: LS-3 whatever the size. Default false. */
  readonly confluent?: boolean;
  /**
   * An implant of exactly 5.0 cm: 'ls3' (default; Sugarbaker's "5 cm or greater", e-promise,
   * icrjournal) or 'ls2' (imaios: "> 5.0 cm -> LS-3"). clinical-rules.md §1.2 disagreement.
   */
  readonly boundary5cm?: 'ls3' | 'ls2';
}

/**
 * Lesion-size score of one region from the largest implant in millimetres (not the number of implants),
 * clinical-rules.md §1.2: none -> 0; <= 5 mm -> 1; > 5 mm and < 50 mm (or <= 50 mm, option) -> 2;
 * larger, or confluent -> 3. `largestMm` null or 0 means no implants seen.
 */
export function lesionSizeScore(largestMm: number | null, options: LesionSizeOptions = {}): LesionSizeScore {
  const issues = new Issues();
  const confluent = options.confluent ?? false;
  const boundary = options.boundary5cm ?? 'ls3';
  checkBoolean(issues, 'confluent', confluent);
  checkOneOf(issues, 'boundary5cm', boundary, ['ls3', 'ls2'] as const);
  if (largestMm !== null && (!isFiniteNumber(largestMm) || largestMm < 0 || largestMm > 1000)) {
    issues.add('largestMm', 'out_of_range', 'clinical.pci.lesionSize');
  }
  issues.throwIfAny();
  const none = largestMm === null || largestMm === 0;
  if (confluent && none) fail('confluent', 'contradiction', 'clinical.pci.confluentWithoutImplants');
  if (confluent) return 3;
  if (largestMm === null || largestMm === 0) return 0;
  if (largestMm <= 5) return 1;
  if (largestMm < 50 || (largestMm === 50 && boundary === 'ls2')) return 2;
  return 3;
}

/** Where CRS + HIPEC is considered; decides which PCI cut-offs apply (clinical-rules.md §1.4). */
export type PciIndication = 'colorectal' | 'stomach' | 'pseudomyxoma' | 'mesothelioma' | 'other';
export const PCI_INDICATIONS: readonly PciIndication[] = ['colorectal', 'stomach', 'pseudomyxoma', 'mesothelioma', 'other'];

/** Site policy: configurable, not law (clinical-rules.md §1.4). */
export interface PciPolicy {
  /** Colorectal PM: PCI above this is a contraindication. Default 20 (review text, §1.4). */
  readonly pciMaxColorectal: number;
  /** Colorectal PM: PCI at or above this is a relative contraindication. Default 15 (Elias et al.). */
  readonly pciRelativeColorectal: number;
  /** Gastric PM: PCI above this is a contraindication. Default null: no verified cut-off, a site decision. */
  readonly pciMaxGastric: number | null;
}

export const DEFAULT_PCI_POLICY: PciPolicy = { pciMaxColorectal: 20, pciRelativeColorectal: 15, pciMaxGastric: null };

export type PciFlagCode =
  'above-maximum' | 'relative-contraindication' | 'lower-ileum-involved' | 'no-threshold' | 'pmp-not-contraindication';

export interface PciFlag {
  readonly code: PciFlagCode;
  readonly messageKey: ClinicalMessageKey;
  readonly params?: Readonly<Record<string, number>>;
}

export interface PciEligibility {
  readonly total: number;
  /** false = above the policy maximum; null = no cut-off applies (gastric without a site decision, PMP, other). */
  readonly eligible: boolean | null;
  readonly flags: readonly PciFlag[];
}

const FLAG_KEYS: Readonly<Record<PciFlagCode, ClinicalMessageKey>> = {
  'above-maximum': 'clinical.pci.flag.aboveMaximum',
  'relative-contraindication': 'clinical.pci.flag.relativeContraindication',
  'lower-ileum-involved': 'clinical.pci.flag.lowerIleumInvolved',
  'no-threshold': 'clinical.pci.flag.noThreshold',
  'pmp-not-contraindication': 'clinical.pci.flag.pmpNotContraindication',
};

function flag(code: PciFlagCode, params?: Readonly<Record<string, number>>): PciFlag {
  return params === undefined ? { code, messageKey: FLAG_KEYS[code] } : { code, messageKey: FLAG_KEYS[code], params };
}

/**
 * PCI cut-offs for CRS + HIPEC, as flags for the MDT (clinical-rules.md §1.4):
 * - colorectal: PCI > pciMaxColorectal (20) contraindicated; >= pciRelativeColorectal (15) relative
 *   contraindication (Elias: 5-year OS 48% vs 12%); region 12 (lower ileum) involved = independent
 *   adverse factor (Elias);
 * - stomach: PCI > pciMaxGastric when the site has set one, else no cut-off (eligible null);
 * - pseudomyxoma: PCI is not a contraindication per se (PSOGI 2022);
 * - mesothelioma, other: no cut-off retrieved.
 * `regions` (the 13 scores) must add up to `total`; pass null when only the total is known (the
 * region-12 flag is then not evaluated).
 */
export function pciEligibility(
  total: number,
  regions: readonly number[] | null,
  options: { readonly site: PciIndication; readonly policy?: Partial<PciPolicy> },
): PciEligibility {
  const issues = new Issues();
  checkOneOf(issues, 'site', options.site, PCI_INDICATIONS);
  if (!isFiniteNumber(total) || !Number.isInteger(total) || total < 0 || total > 39) {
    issues.add('total', 'out_of_range', 'clinical.input.integerRange', { min: 0, max: 39 });
  }
  const policy: PciPolicy = { ...DEFAULT_PCI_POLICY, ...options.policy };
  for (const key of ['pciMaxColorectal', 'pciRelativeColorectal'] as const) {
    if (!isFiniteNumber(policy[key]) || policy[key] < 0 || policy[key] > 39) {
      issues.add(`policy.${key}`, 'out_of_range', 'clinical.input.integerRange', { min: 0, max: 39 });
    }
  }
  if (policy.pciMaxGastric !== null && (!isFiniteNumber(policy.pciMaxGastric) || policy.pciMaxGastric < 0 || policy.pciMaxGastric > 39)) {
    issues.add('policy.pciMaxGastric', 'out_of_range', 'clinical.input.integerRange', { min: 0, max: 39 });
  }
  issues.throwIfAny();
  let lowerIleum: number | null = null;
  if (regions !== null) {
    const pci = peritonealCancerIndex(regions);
    if (pci.total !== total) fail('total', 'total_mismatch', 'clinical.pci.totalMismatch', { total, sum: pci.total });
    lowerIleum = pci.regions[12]?.score ?? null;
  }
  const flags: PciFlag[] = [];
  let eligible: boolean | null = null;
  switch (options.site) {
    case 'colorectal':
      eligible = total <= policy.pciMaxColorectal;
      if (!eligible) flags.push(flag('above-maximum', { max: policy.pciMaxColorectal }));
      if (total >= policy.pciRelativeColorectal) flags.push(flag('relative-contraindication', { threshold: policy.pciRelativeColorectal }));
      if (lowerIleum !== null && lowerIleum > 0) flags.push(flag('lower-ileum-involved'));
      break;
    case 'stomach':
      if (policy.pciMaxGastric === null) flags.push(flag('no-threshold'));
      else {
        eligible = total <= policy.pciMaxGastric;
        if (!eligible) flags.push(flag('above-maximum', { max: policy.pciMaxGastric }));
      }
      break;
    case 'pseudomyxoma':
      flags.push(flag('pmp-not-contraindication'));
      break;
    case 'mesothelioma':
    case 'other':
      flags.push(flag('no-threshold'));
      break;
  }
  return { total, eligible, flags };
}
