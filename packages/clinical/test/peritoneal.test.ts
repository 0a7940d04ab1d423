import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PCI_REGIONS,
  bodySurfaceArea,
  completenessOfCytoreduction,
  hipecDose,
  isCompleteCytoreduction,
  lesionSizeScore,
  pciEligibility,
  peritonealCancerIndex,
  type CcScore,
} from '../src/index.js';
import { issuesOf } from './helpers.js';

describe('peritonealCancerIndex (clinical-rules.md §1.5)', () => {
  it.each([
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0],
    [[3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 39],
    [[0, 1, 2, 3, 0, 0, 1, 0, 0, 0, 0, 0, 0], 7],
    [[2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 1], 19],
    [[3, 3, 3, 3, 2, 2, 2, 2, 0, 0, 0, 0, 0], 20],
  ])('%j -> PCI %i', (regions, total) => {
    expect(peritonealCancerIndex(regions).total).toBe(total);
  });

  it('returns the 13 regions with ids, bilingual names and scores', () => {
    const r = peritonealCancerIndex([0, 1, 2, 3, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(r.regions).toHaveLength(13);
    expect(r.regions[0]).toEqual({ id: 0, name: { zh: '中央区', en: 'Central' }, score: 0 });
    expect(r.regions[12]).toEqual({ id: 12, name: { zh: '回肠下段', en: 'Lower ileum' }, score: 0 });
    expect(r.regions.map((x) => x.name.en)).toEqual([
      'Central',
      'Right upper',
      'Epigastrium',
      'Left upper',
      'Left flank',
      'Left lower',
      'Pelvis',
      'Right lower',
      'Right flank',
      'Upper jejunum',
      'Lower jejunum',
      'Upper ileum',
      'Lower ileum',
    ]);
  });

  it('rejects 12 entries', () => {
    expect(issuesOf(() => peritonealCancerIndex([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toEqual([{ field: 'regions', code: 'length' }]);
  });

  it('rejects a 4, negatives, fractions and NaN, listing each region', () => {
    expect(issuesOf(() => peritonealCancerIndex([4, 0, -1, 0, 1.5, 0, Number.NaN, 0, 0, 0, 0, 0, 0]))).toEqual([
      { field: 'regions[0]', code: 'out_of_range' },
      { field: 'regions[2]', code: 'out_of_range' },
      { field: 'regions[4]', code: 'out_of_range' },
      { field: 'regions[6]', code: 'out_of_range' },
    ]);
  });

  it('property: total = sum of the regions and stays within 0–39', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 13, maxLength: 13 }), (regions) => {
        const r = peritonealCancerIndex(regions);
        expect(r.total).toBe(regions.reduce((a, b) => a + b, 0));
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(39);
        expect(r.regions.map((x) => x.score)).toEqual(regions);
      }),
    );
  });

  it('property: any other length or any out-of-range score is an input error', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 }).filter((a) => a.length !== 13),
        (regions) => {
          expect(() => peritonealCancerIndex(regions)).toThrow();
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.nat({ max: 12 }),
        fc.oneof(fc.integer({ min: 4 }), fc.integer({ max: -1 }), fc.double({ noInteger: true })),
        (i, bad) => {
          const regions = Array<number>(13).fill(1);
          regions[i] = bad;
          expect(issuesOf(() => peritonealCancerIndex(regions))).toEqual([{ field: `regions[${i}]`, code: 'out_of_range' }]);
        },
      ),
    );
  });

  it('has 13 named regions 0–12', () => {
    expect(PCI_REGIONS.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('lesionSizeScore (clinical-rules.md §1.2, §1.5)', () => {
  it.each([
    [null, 0],
    [0, 0],
    [1, 1],
    [5, 1],
    [6, 2],
    [49.9, 2],
    [50, 3],
    [80, 3],
  ])('largest %s mm -> LS-%i (default)', (mm, ls) => {
    expect(lesionSizeScore(mm)).toBe(ls);
  });

  it('5.0 cm is LS-3 by default and LS-2 with the imaios convention; 5.1 cm is LS-3 in both', () => {
    expect(lesionSizeScore(50, { boundary5cm: 'ls3' })).toBe(3);
    expect(lesionSizeScore(50, { boundary5cm: 'ls2' })).toBe(2);
    expect(lesionSizeScore(51, { boundary5cm: 'ls2' })).toBe(3);
  });

  it('confluent disease is LS-3 whatever the size', () => {
    expect(lesionSizeScore(3, { confluent: true })).toBe(3);
  });

  it('rejects negative sizes, NaN, confluent without implants and unknown options', () => {
    expect(issuesOf(() => lesionSizeScore(-1))).toEqual([{ field: 'largestMm', code: 'out_of_range' }]);
    expect(issuesOf(() => lesionSizeScore(Number.NaN))).toEqual([{ field: 'largestMm', code: 'out_of_range' }]);
    expect(issuesOf(() => lesionSizeScore(null, { confluent: true }))).toEqual([{ field: 'confluent', code: 'contradiction' }]);
    expect(issuesOf(() => lesionSizeScore(10, { boundary5cm: 'ls4' as 'ls3' }))).toEqual([{ field: 'boundary5cm', code: 'not_allowed' }]);
  });
});

describe('pciEligibility (clinical-rules.md §1.4)', () => {
  const r19 = [2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 1];
  const r20 = [3, 3, 3, 3, 2, 2, 2, 2, 0, 0, 0, 0, 0];

  it('colorectal PCI 19: eligible (max 20), relative contraindication (>= 15), region 12 involved', () => {
    const e = pciEligibility(19, r19, { site: 'colorectal' });
    expect(e.eligible).toBe(true);
    expect(e.flags.map((f) => f.code)).toEqual(['relative-contraindication', 'lower-ileum-involved']);
  });

  it('colorectal PCI 20 is eligible: 20 is not > 20', () => {
    expect(pciEligibility(20, r20, { site: 'colorectal' }).eligible).toBe(true);
  });

  it('colorectal PCI 21 is above the maximum', () => {
    const e = pciEligibility(21, null, { site: 'colorectal' });
    expect(e).toMatchObject({ eligible: false });
    expect(e.flags[0]).toMatchObject({ code: 'above-maximum', params: { max: 20 } });
  });

  it('colorectal PCI 14 carries no flag; the policy can move the cut-offs', () => {
    expect(pciEligibility(14, null, { site: 'colorectal' }).flags).toEqual([]);
    expect(pciEligibility(19, r19, { site: 'colorectal', policy: { pciMaxColorectal: 17 } }).eligible).toBe(false);
  });

  it('gastric: no cut-off by default (site decision); a set cut-off is applied', () => {
    expect(pciEligibility(7, null, { site: 'stomach' })).toMatchObject({ eligible: null, flags: [{ code: 'no-threshold' }] });
    expect(pciEligibility(7, null, { site: 'stomach', policy: { pciMaxGastric: 6 } }).eligible).toBe(false);
    expect(pciEligibility(6, null, { site: 'stomach', policy: { pciMaxGastric: 6 } }).eligible).toBe(true);
  });

  it('pseudomyxoma: PCI is not a contraindication per se; mesothelioma/other: no cut-off', () => {
    expect(pciEligibility(39, null, { site: 'pseudomyxoma' })).toMatchObject({
      eligible: null,
      flags: [{ code: 'pmp-not-contraindication' }],
    });
    expect(pciEligibility(10, null, { site: 'mesothelioma' }).flags[0]?.code).toBe('no-threshold');
  });

  it('rejects a total that is not the sum of the regions, out-of-range totals and unknown sites', () => {
    expect(issuesOf(() => pciEligibility(18, r19, { site: 'colorectal' }))).toEqual([{ field: 'total', code: 'total_mismatch' }]);
    expect(issuesOf(() => pciEligibility(40, null, { site: 'colorectal' }))).toEqual([{ field: 'total', code: 'out_of_range' }]);
    expect(issuesOf(() => pciEligibility(10, null, { site: 'liver' as 'colorectal' }))).toEqual([{ field: 'site', code: 'not_allowed' }]);
  });
});

describe('completenessOfCytoreduction (clinical-rules.md §2)', () => {
  it.each([
    [null, 'CC-0'],
    [0, 'CC-0'],
    [1.0, 'CC-1'],
    [2.5, 'CC-1'],
    [2.6, 'CC-2'],
    [25, 'CC-2'],
    [25.1, 'CC-3'],
  ] as const)('%s mm -> %s (default <=)', (mm, cc) => {
    expect(completenessOfCytoreduction(mm)).toBe(cc);
  });

  it('2.5 mm is CC-2 with the Oncolex strict boundary', () => {
    expect(completenessOfCytoreduction(2.5, { boundary: 'lt' })).toBe('CC-2');
    expect(completenessOfCytoreduction(2.4, { boundary: 'lt' })).toBe('CC-1');
  });

  it('CC-0 and CC-1 are complete; CC-2 and CC-3 are not', () => {
    expect(isCompleteCytoreduction('CC-0')).toBe(true);
    expect(isCompleteCytoreduction('CC-1')).toBe(true);
    expect(isCompleteCytoreduction('CC-2')).toBe(false);
    expect(isCompleteCytoreduction('CC-3')).toBe(false);
  });

  it('rejects negative residuals and unknown scores', () => {
    expect(issuesOf(() => completenessOfCytoreduction(-0.1))).toEqual([{ field: 'residualMm', code: 'out_of_range' }]);
    expect(issuesOf(() => isCompleteCytoreduction('CC-4' as CcScore))).toEqual([{ field: 'cc', code: 'unknown_score' }]);
  });
});

describe('hipecDose (clinical-rules.md §3 vectors)', () => {
  it('oxaliplatin 460 mg/m², BSA 1.80, carrier 2 L/m² -> 828 mg, 3.6 L, 230 mg/L', () => {
    const r = hipecDose({ drug: 'oxaliplatin', dose: 460, doseBasis: 'mg/m2', bsaM2: 1.8, carrierLPerM2: 2 });
    expect(r).toMatchObject({ totalDoseMg: 828, volumeL: 3.6, concentrationMgPerL: 230 });
    expect(r.fractions).toEqual([{ index: 0, share: 1, doseMg: 828, atMinute: 0 }]);
  });

  it('MMC 35 mg/m², BSA 1.60, fractions ½ ¼ ¼ at 0/30/60 min -> 28, 14, 14 mg (total 56)', () => {
    const r = hipecDose({
      drug: 'mitomycin-c',
      dose: 35,
      doseBasis: 'mg/m2',
      bsaM2: 1.6,
      fractions: [
        { share: 0.5, atMinute: 0 },
        { share: 0.25, atMinute: 30 },
        { share: 0.25, atMinute: 60 },
      ],
    });
    expect(r.totalDoseMg).toBe(56);
    expect(r.fractions.map((f) => [f.doseMg, f.atMinute])).toEqual([
      [28, 0],
      [14, 30],
      [14, 60],
    ]);
    expect(r.volumeL).toBeNull();
    expect(r.concentrationMgPerL).toBeNull();
  });

  it('accepts plain fraction shares (no times)', () => {
    const r = hipecDose({ drug: 'mitomycin-c', dose: 35, doseBasis: 'mg/m2', bsaM2: 1.6, fractions: [0.5, 0.25, 0.25] });
    expect(r.fractions.map((f) => f.atMinute)).toEqual([null, null, null]);
  });

  it('mg/L doses scale with the volume (MMC 10 mg/L in 3.5 L -> 35 mg)', () => {
    expect(hipecDose({ drug: 'mitomycin-c', dose: 10, doseBasis: 'mg/L', carrierVolumeL: 3.5 })).toMatchObject({
      totalDoseMg: 35,
      concentrationMgPerL: 10,
    });
  });

  it('flat mg doses need neither BSA nor volume', () => {
    expect(hipecDose({ drug: 'fluorouracil', dose: 750, doseBasis: 'mg', carrierVolumeL: 3 })).toMatchObject({
      totalDoseMg: 750,
      volumeL: 3,
      concentrationMgPerL: 250,
    });
  });

  it('mg/m² without BSA is a validation error', () => {
    expect(issuesOf(() => hipecDose({ drug: 'oxaliplatin', dose: 460, doseBasis: 'mg/m2' }))).toEqual([
      { field: 'bsaM2', code: 'required' },
    ]);
  });

  it('rejects every nonsense input at once', () => {
    expect(
      issuesOf(() =>
        hipecDose({ drug: 'aspirin', dose: -5, doseBasis: 'mg/L', bsaM2: 18, carrierVolumeL: 3, carrierLPerM2: 2, fractions: [0.5, 0.6] }),
      ),
    ).toEqual([
      { field: 'drug', code: 'not_allowed' },
      { field: 'dose', code: 'out_of_range' },
      { field: 'bsaM2', code: 'out_of_range' },
      { field: 'carrierVolumeL', code: 'conflict' },
      { field: 'fractions', code: 'sum' },
    ]);
  });

  it('rejects a mg/L dose without volume and fraction times out of order', () => {
    expect(issuesOf(() => hipecDose({ drug: 'cisplatin', dose: 50, doseBasis: 'mg/L' }))).toEqual([
      { field: 'carrierVolumeL', code: 'required' },
    ]);
    expect(
      issuesOf(() =>
        hipecDose({
          drug: 'mitomycin-c',
          dose: 35,
          doseBasis: 'mg/m2',
          bsaM2: 1.6,
          fractions: [
            { share: 0.5, atMinute: 30 },
            { share: 0.5, atMinute: 0 },
          ],
        }),
      ),
    ).toEqual([{ field: 'fractions[1].atMinute', code: 'order' }]);
  });
});

describe('bodySurfaceArea', () => {
  it('Mosteller: 170 cm, 70 kg -> 1.82 m²; DuBois -> 1.81 m²', () => {
    expect(bodySurfaceArea({ heightCm: 170, weightKg: 70, formula: 'mosteller' })).toBe(1.82);
    expect(bodySurfaceArea({ heightCm: 170, weightKg: 70, formula: 'dubois' })).toBe(1.81);
    expect(bodySurfaceArea({ heightCm: 160, weightKg: 55 })).toBe(1.56);
  });

  it('rejects implausible height and weight (typos such as metres for cm)', () => {
    expect(issuesOf(() => bodySurfaceArea({ heightCm: 1.7, weightKg: 700, formula: 'mosteller' }))).toEqual([
      { field: 'heightCm', code: 'out_of_range' },
      { field: 'weightKg', code: 'out_of_range' },
    ]);
  });
});
