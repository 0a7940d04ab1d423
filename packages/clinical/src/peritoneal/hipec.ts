import type { CodedOption } from '../bilingual.js';
import { Issues, checkOneOf, isFiniteNumber } from '../validate.js';
import { BSA_LIMITS } from './bsa.js';

/**
 * Derived HIPEC fields (clinical-rules.md §3): total dose, perfusate volume, final concentration and the
 * fraction schedule. The CRC systematic review (PMC6306814) asks every report to state the final drug
 * concentration; we always derive it when the volume is known.
 */

/** Drug names for the form (names only: no dose is implied by being on this list). */
export const HIPEC_DRUG_OPTIONS: readonly CodedOption[] = [
  { value: 'mitomycin-c', label: { zh: '丝裂霉素C', en: 'Mitomycin C' } },
  { value: 'oxaliplatin', label: { zh: '奥沙利铂', en: 'Oxaliplatin' } },
  { value: 'cisplatin', label: { zh: '顺铂', en: 'Cisplatin' } },
  { value: 'carboplatin', label: { zh: '卡铂', en: 'Carboplatin' } },
  { value: 'lobaplatin', label: { zh: '洛铂', en: 'Lobaplatin' } },
  { value: 'doxorubicin', label: { zh: '多柔比星', en: 'Doxorubicin' } },
  { value: 'paclitaxel', label: { zh: '紫杉醇', en: 'Paclitaxel' } },
  { value: 'docetaxel', label: { zh: '多西他赛', en: 'Docetaxel' } },
  { value: 'fluorouracil', label: { zh: '氟尿嘧啶', en: 'Fluorouracil' } },
  { value: 'raltitrexed', label: { zh: '雷替曲塞', en: 'Raltitrexed' } },
  { value: 'irinotecan', label: { zh: '伊立替康', en: 'Irinotecan' } },
  { value: 'other', label: { zh: '其他', en: 'Other' } },
];
const DRUG_CODES = HIPEC_DRUG_OPTIONS.map((o) => o.value);

export type HipecDoseBasis = 'mg/m2' | 'mg/L' | 'mg';

/** One portion of the dose given at a time after the start of perfusion (e.g. Dutch MMC ½, ¼, ¼). */
export interface HipecFractionInput {
  readonly share: number;
  readonly atMinute: number;
}

export interface HipecDoseInput {
  readonly drug: string;
  readonly dose: number;
  readonly doseBasis: HipecDoseBasis;
  /** Required for mg/m² doses and for carrier volumes in L/m². */
  readonly bsaM2?: number;
  /** Perfusate (carrier) volume in litres; give this or carrierLPerM2, not both. */
  readonly carrierVolumeL?: number;
  /** Perfusate volume per m² of BSA (Elias oxaliplatin: 2 L/m² of 5% dextrose). */
  readonly carrierLPerM2?: number;
  /** Shares of the total dose (summing to 1), as numbers or with their time; default one dose at 0 min. */
  readonly fractions?: readonly (number | HipecFractionInput)[];
}

export interface HipecDoseResult {
  readonly drug: string;
  /** mg, rounded to 0.1 mg. */
  readonly totalDoseMg: number;
  /** L, rounded to 0.01 L; null when no volume was given (allowed for mg/m² and flat doses). */
  readonly volumeL: number | null;
  /** mg/L, rounded to 0.1; null without a volume. */
  readonly concentrationMgPerL: number | null;
  readonly fractions: readonly {
    readonly index: number;
    readonly share: number;
    readonly doseMg: number;
    readonly atMinute: number | null;
  }[];
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Total dose = dose × BSA (mg/m²), dose × volume (mg/L) or dose (flat mg); volume = carrierVolumeL or
 * carrierLPerM2 × BSA; concentration = total / volume. §3 vectors: oxaliplatin 460 mg/m², BSA 1.80,
 * 2 L/m² -> 828 mg, 3.6 L, 230 mg/L; MMC 35 mg/m², BSA 1.60, fractions ½/¼/¼ at 0/30/60 min
 * (Dutch protocol) -> 28, 14, 14 mg. mg/m² without a BSA is an input error.
 */
export function hipecDose(input: HipecDoseInput): HipecDoseResult {
  const issues = new Issues();
  checkOneOf(issues, 'drug', input.drug, DRUG_CODES);
  const basisOk = checkOneOf(issues, 'doseBasis', input.doseBasis, ['mg/m2', 'mg/L', 'mg'] as const);
  if (!isFiniteNumber(input.dose) || input.dose <= 0 || input.dose > 5000) {
    issues.add('dose', 'out_of_range', 'clinical.input.positiveRange', { max: 5000 });
  }
  const needsBsa = input.doseBasis === 'mg/m2' || input.carrierLPerM2 !== undefined;
  const [bMin, bMax] = BSA_LIMITS.bsaM2;
  if (input.bsaM2 === undefined) {
    if (needsBsa) issues.add('bsaM2', 'required', 'clinical.hipec.bsaRequired');
  } else if (!isFiniteNumber(input.bsaM2) || input.bsaM2 < bMin || input.bsaM2 > bMax) {
    issues.add('bsaM2', 'out_of_range', 'clinical.input.numberRange', { min: bMin, max: bMax });
  }
  if (input.carrierVolumeL !== undefined && input.carrierLPerM2 !== undefined) {
    issues.add('carrierVolumeL', 'conflict', 'clinical.hipec.volumeConflict');
  }
  if (
    input.carrierVolumeL !== undefined &&
    (!isFiniteNumber(input.carrierVolumeL) || input.carrierVolumeL <= 0 || input.carrierVolumeL > 30)
  ) {
    issues.add('carrierVolumeL', 'out_of_range', 'clinical.input.positiveRange', { max: 30 });
  }
  if (input.carrierLPerM2 !== undefined && (!isFiniteNumber(input.carrierLPerM2) || input.carrierLPerM2 <= 0 || input.carrierLPerM2 > 10)) {
    issues.add('carrierLPerM2', 'out_of_range', 'clinical.input.positiveRange', { max: 10 });
  }
  if (basisOk && input.doseBasis === 'mg/L' && input.carrierVolumeL === undefined && input.carrierLPerM2 === undefined) {
    issues.add('carrierVolumeL', 'required', 'clinical.hipec.volumeRequired');
  }
  const fractions = readFractions(issues, input.fractions);
  issues.throwIfAny();

  const bsa = input.bsaM2 ?? null;
  const volume =
    input.carrierVolumeL !== undefined
      ? input.carrierVolumeL
      : input.carrierLPerM2 !== undefined && bsa !== null
        ? input.carrierLPerM2 * bsa
        : null;
  let total: number;
  switch (input.doseBasis) {
    case 'mg/m2':
      total = input.dose * (bsa ?? Number.NaN);
      break;
    case 'mg/L':
      total = input.dose * (volume ?? Number.NaN);
      break;
    case 'mg':
      total = input.dose;
      break;
  }
  return {
    drug: input.drug,
    totalDoseMg: round(total, 1),
    volumeL: volume === null ? null : round(volume, 2),
    concentrationMgPerL: volume === null ? null : round(total / volume, 1),
    fractions: fractions.map((f, index) => ({ index, share: f.share, doseMg: round(total * f.share, 1), atMinute: f.atMinute })),
  };
}

function readFractions(issues: Issues, raw: HipecDoseInput['fractions']): readonly { share: number; atMinute: number | null }[] {
  if (raw === undefined) return [{ share: 1, atMinute: 0 }];
  const list: readonly (number | HipecFractionInput)[] = raw;
  if (!Array.isArray(raw) || list.length === 0) {
    issues.add('fractions', 'required', 'clinical.hipec.fractionsSum');
    return [];
  }
  const out = list.map((f) => (typeof f === 'number' ? { share: f, atMinute: null } : { share: f.share, atMinute: f.atMinute }));
  let sum = 0;
  let lastMinute = -Infinity;
  out.forEach((f, i) => {
    if (!isFiniteNumber(f.share) || f.share <= 0 || f.share > 1)
      issues.add(`fractions[${i}].share`, 'out_of_range', 'clinical.hipec.fractionShare');
    else sum += f.share;
    if (f.atMinute !== null) {
      if (!isFiniteNumber(f.atMinute) || f.atMinute < 0 || f.atMinute <= lastMinute || f.atMinute > 24 * 60) {
        issues.add(`fractions[${i}].atMinute`, 'order', 'clinical.hipec.fractionTimes');
      } else lastMinute = f.atMinute;
    }
  });
  if (Math.abs(sum - 1) > 1e-6) issues.add('fractions', 'sum', 'clinical.hipec.fractionsSum');
  return out;
}

/**
 * Published regimens as presets for the form (clinical-rules.md §3.2, [VERIFIED] rows only). Protocol
 * parameters a source does not give are null: the unit must fill them in.
 */
export const HIPEC_REGIMENS = [
  {
    id: 'dutch-mmc-35',
    label: { zh: '丝裂霉素C 35 mg/m²，三次分剂（荷兰方案，结直肠）', en: 'Mitomycin C 35 mg/m², 3 fractions (Dutch protocol, colorectal)' },
    drug: 'mitomycin-c',
    dose: 35,
    doseBasis: 'mg/m2',
    fractions: [
      { share: 0.5, atMinute: 0 },
      { share: 0.25, atMinute: 30 },
      { share: 0.25, atMinute: 60 },
    ],
    carrierLPerM2: null,
    temperatureC: { site: 'inflow', range: [41, 42] },
    durationMin: 90,
    technique: 'open',
    source: 'Dutch HIPEC protocol (pubcompare.ai sE3Xq4sBwGXEOges1g1h)',
  },
  {
    id: 'elias-oxaliplatin-460',
    label: { zh: '奥沙利铂 460 mg/m²，5% 葡萄糖 2 L/m²（Elias）', en: 'Oxaliplatin 460 mg/m² in 5% dextrose 2 L/m² (Elias)' },
    drug: 'oxaliplatin',
    dose: 460,
    doseBasis: 'mg/m2',
    fractions: [{ share: 1, atMinute: 0 }],
    carrierLPerM2: 2,
    temperatureC: { site: 'intraperitoneal', range: [42, 44] },
    durationMin: 30,
    technique: 'open',
    source: 'Elias et al., Ann Oncol 2002;13:267',
  },
] as const;
