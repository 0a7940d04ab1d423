import {
  BSA_LIMITS,
  DEFAULT_PCI_POLICY,
  bodySurfaceArea,
  completenessOfCytoreduction,
  hipecDose,
  pciEligibility,
  peritonealCancerIndex,
  type CcScore,
  type PciIndication,
} from '@gisurg/clinical';
import type { Problems } from '../../../core/problems.js';
import type { HipecRecord, PutPeritoneal } from '@gisurg/contracts/oncology-record';

export interface EvaluatedPeritoneal {
  pciRegions: number[];
  pciTiming: string;
  pciTotal: number;
  pciIndication: PciIndication;
  pciEligible: boolean | null;
  pciFlags: { code: string; messageKey: string; params?: Record<string, number> }[];
  pciPolicy: Record<string, unknown>;
  residualMm: number | null;
  cc: CcScore | null;
  ccBoundary: 'le' | null;
  heightCm: number | null;
  weightKg: number | null;
  bsaM2: number | null;
  bsaFormula: 'mosteller' | null;
  hipec: HipecRecord | null;
}

/** Option used for a residual nodule of exactly 2.5 mm (clinical-rules.md §4 default). */
export const CC_BOUNDARY = 'le' as const;

/**
 * The peritoneal record of an operation (issue 5), all computed by @gisurg/clinical:
 * PCI = peritonealCancerIndex of the 13 regions; eligibility flags = pciEligibility with the default policy
 * for the indication (stored with the policy); CC = completenessOfCytoreduction of the largest residual
 * nodule (absent = not assessed); BSA = bodySurfaceArea (Mosteller) from height and weight, or as entered
 * (they must agree when both are given); HIPEC doses = hipecDose per drug (mg/m² needs a BSA). Values the
 * client computed and sent along must agree.
 */
export function evaluatePeritoneal(problems: Problems, input: PutPeritoneal, defaultIndication: PciIndication): EvaluatedPeritoneal {
  const regions = input.pci.regions;
  const pci = problems.clinical('pci', () => peritonealCancerIndex(regions));
  const indication = input.indication ?? defaultIndication;
  const eligibility = pci
    ? problems.clinical('pci', () => pciEligibility(pci.total, regions, { site: indication, policy: DEFAULT_PCI_POLICY }))
    : undefined;
  if (pci) problems.agree('pciTotal', input.pciTotal, pci.total);

  let cc: CcScore | null = null;
  if (input.residualMm !== undefined) {
    const residual = input.residualMm;
    cc = problems.clinical('', () => completenessOfCytoreduction(residual, { boundary: CC_BOUNDARY })) ?? null;
    if (cc) problems.agree('cc', input.cc, cc);
  } else if (input.cc !== undefined && input.cc !== null) {
    problems.agree('cc', input.cc, null);
  }

  const heightCm = input.heightCm ?? null;
  const weightKg = input.weightKg ?? null;
  let bsaM2 = input.bsaM2 ?? null;
  let bsaFormula: 'mosteller' | null = null;
  if ((heightCm === null) !== (weightKg === null))
    problems.add(heightCm === null ? 'heightCm' : 'weightKg', 'oncology.validation.heightWeightPair');
  if (heightCm !== null && weightKg !== null) {
    const computed = problems.clinical('', () => bodySurfaceArea({ heightCm, weightKg, formula: 'mosteller' }));
    if (computed !== undefined) {
      if (bsaM2 !== null && Math.abs(bsaM2 - computed) > 0.01)
        problems.add('bsaM2', 'oncology.validation.bsaMismatch', { expected: computed });
      bsaM2 = computed;
      bsaFormula = 'mosteller';
    }
  } else if (bsaM2 !== null && (bsaM2 < BSA_LIMITS.bsaM2[0] || bsaM2 > BSA_LIMITS.bsaM2[1])) {
    problems.add('bsaM2', 'clinical.input.numberRange', { min: BSA_LIMITS.bsaM2[0], max: BSA_LIMITS.bsaM2[1] });
  }

  let hipec: HipecRecord | null = null;
  if (input.hipec) {
    const h = input.hipec;
    if (h.inflowTempC != null && h.outflowTempC != null && h.outflowTempC > h.inflowTempC)
      problems.add('hipec.outflowTempC', 'oncology.validation.outflowAboveInflow');
    const drugs: HipecRecord['drugs'] = [];
    h.drugs.forEach((d, i) => {
      const map = (field: string) =>
        field === 'bsaM2'
          ? 'bsaM2'
          : field === 'carrierVolumeL' || field === 'carrierLPerM2'
            ? `hipec.${field}`
            : `hipec.drugs[${i}].${field}`;
      const r = problems.clinical(map, () =>
        hipecDose({
          drug: d.drug,
          dose: d.dose,
          doseBasis: d.doseBasis,
          ...(bsaM2 !== null ? { bsaM2 } : {}),
          ...(h.carrierVolumeL != null ? { carrierVolumeL: h.carrierVolumeL } : {}),
          ...(h.carrierLPerM2 != null ? { carrierLPerM2: h.carrierLPerM2 } : {}),
          ...(d.fractions ? { fractions: d.fractions } : {}),
        }),
      );
      if (r) {
        problems.agree(`hipec.drugs[${i}].totalDoseMg`, d.totalDoseMg, r.totalDoseMg);
        drugs.push({
          drug: d.drug,
          dose: d.dose,
          doseBasis: d.doseBasis,
          totalDoseMg: r.totalDoseMg,
          volumeL: r.volumeL,
          concentrationMgPerL: r.concentrationMgPerL,
          fractions: [...r.fractions],
        });
      }
    });
    hipec = {
      timing: h.timing,
      technique: h.technique,
      carrier: h.carrier ?? null,
      carrierVolumeL: h.carrierVolumeL ?? null,
      carrierLPerM2: h.carrierLPerM2 ?? null,
      volumeL: drugs[0]?.volumeL ?? null,
      inflowTempC: h.inflowTempC ?? null,
      outflowTempC: h.outflowTempC ?? null,
      durationMin: h.durationMin ?? null,
      flowMlMin: h.flowMlMin ?? null,
      drugs,
    };
  }
  return {
    pciRegions: [...regions],
    pciTiming: input.pci.timing,
    pciTotal: pci?.total ?? 0,
    pciIndication: indication,
    pciEligible: eligibility?.eligible ?? null,
    pciFlags: (eligibility?.flags ?? []).map((f) => ({
      code: f.code,
      messageKey: f.messageKey,
      ...(f.params ? { params: { ...f.params } } : {}),
    })),
    pciPolicy: { ...DEFAULT_PCI_POLICY },
    residualMm: input.residualMm ?? null,
    cc,
    ccBoundary: cc ? CC_BOUNDARY : null,
    heightCm,
    weightKg,
    bsaM2,
    bsaFormula,
    hipec,
  };
}
