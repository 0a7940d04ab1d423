import { describe, expect, it } from 'vitest';
import {
  CC_SCORE_OPTIONS,
  CLAVIEN_DINDO_GRADES,
  CLAVIEN_DINDO_OPTIONS,
  FOLLOW_UP_GUIDELINES,
  FOLLOW_UP_GUIDELINE_OPTIONS,
  FOLLOW_UP_KINDS,
  FOLLOW_UP_KIND_OPTIONS,
  GRADE_OPTIONS,
  HIPEC_DRUG_OPTIONS,
  HIPEC_REGIMENS,
  HIPEC_TECHNIQUE_OPTIONS,
  HIPEC_TIMING_OPTIONS,
  PCI_TIMING_OPTIONS,
  ICD10_CODES,
  ISREC_LEAK_GRADE_OPTIONS,
  LESION_SIZE_OPTIONS,
  PSOGI_APPENDICEAL_LESIONS,
  PSOGI_PMP_CATEGORIES,
  R_CLASSIFICATION_OPTIONS,
  STAGING_CLASSIFICATIONS,
  STAGING_CLASSIFICATION_OPTIONS,
  STAGING_SITES,
  STAGING_SITE_OPTIONS,
  WHO_MESOTHELIAL_CATEGORIES,
  hipecDose,
  icd10Entry,
  stageAjcc8,
  stagingSiteForIcd10,
  tnmCategoryOptions,
  type Bilingual,
} from '../src/index.js';

const bilingual = (b: Bilingual): boolean => b.zh.trim().length > 0 && b.en.trim().length > 0 && /[\u4e00-\u9fff]/.test(b.zh);

describe('code lists carry Chinese and English labels', () => {
  const lists = {
    STAGING_SITE_OPTIONS,
    STAGING_CLASSIFICATION_OPTIONS,
    GRADE_OPTIONS,
    LESION_SIZE_OPTIONS,
    CC_SCORE_OPTIONS,
    R_CLASSIFICATION_OPTIONS,
    PSOGI_PMP_CATEGORIES,
    PSOGI_APPENDICEAL_LESIONS,
    WHO_MESOTHELIAL_CATEGORIES,
    CLAVIEN_DINDO_OPTIONS,
    ISREC_LEAK_GRADE_OPTIONS,
    HIPEC_DRUG_OPTIONS,
    FOLLOW_UP_KIND_OPTIONS,
    FOLLOW_UP_GUIDELINE_OPTIONS,
    PCI_TIMING_OPTIONS,
    HIPEC_TIMING_OPTIONS,
    HIPEC_TECHNIQUE_OPTIONS,
  } as const;
  it.each(Object.entries(lists))('%s', (_name, list) => {
    expect(list.length).toBeGreaterThan(0);
    for (const o of list as readonly { label: Bilingual }[]) expect(bilingual(o.label), JSON.stringify(o)).toBe(true);
  });

  it('ICD-10 entries', () => {
    for (const e of ICD10_CODES) expect(bilingual(e.label), e.code).toBe(true);
    expect(new Set(ICD10_CODES.map((e) => e.code)).size).toBe(ICD10_CODES.length);
  });

  it('option lists match the enumerations they label', () => {
    expect(STAGING_SITE_OPTIONS.map((o) => o.value)).toEqual([...STAGING_SITES]);
    expect(STAGING_CLASSIFICATION_OPTIONS.map((o) => o.value)).toEqual([...STAGING_CLASSIFICATIONS]);
    expect(FOLLOW_UP_KIND_OPTIONS.map((o) => o.value)).toEqual([...FOLLOW_UP_KINDS]);
    expect(FOLLOW_UP_GUIDELINE_OPTIONS.map((o) => o.value).sort()).toEqual([...FOLLOW_UP_GUIDELINES].sort());
    const recordable = CLAVIEN_DINDO_OPTIONS.filter((o) => o.recordable).map((o) => o.value);
    expect(recordable).toEqual([...CLAVIEN_DINDO_GRADES]);
  });
});

describe('T/N/M options for the staging form', () => {
  it('every offered category is accepted by stageAjcc8 for that site and classification', () => {
    for (const site of STAGING_SITES) {
      for (const classification of STAGING_CLASSIFICATIONS) {
        const t = tnmCategoryOptions(site, classification, 'T');
        const n = tnmCategoryOptions(site, classification, 'N');
        const m = tnmCategoryOptions(site, classification, 'M');
        for (const list of [t, n, m]) for (const o of list) expect(bilingual(o.label), `${site} ${o.value}`).toBe(true);
        for (const o of t) expect(() => stageAjcc8({ site, classification, t: o.value, n: 'N0', m: 'M0' })).not.toThrow();
        for (const o of n) expect(() => stageAjcc8({ site, classification, t: 'T3', n: o.value, m: 'M0' })).not.toThrow();
        for (const o of m) expect(() => stageAjcc8({ site, classification, t: 'T3', n: 'N0', m: o.value })).not.toThrow();
      }
    }
  });

  it('stomach pN offers N3a/N3b, cN offers N3; appendix offers Tis(LAMN)', () => {
    expect(tnmCategoryOptions('stomach', 'p', 'N').map((o) => o.value)).toContain('N3b');
    expect(tnmCategoryOptions('stomach', 'c', 'N').map((o) => o.value)).toContain('N3');
    expect(tnmCategoryOptions('appendix', 'p', 'T').map((o) => o.value)).toContain('Tis(LAMN)');
  });
});

describe('ICD-10 and diagnosis vectors (clinical-rules.md §9.3)', () => {
  it('appendiceal LAMN with disseminated cellular mucin -> C18.1 + C78.6; AJCC M1b G1 -> IVA', () => {
    expect(stagingSiteForIcd10('C18.1')).toBe('appendix');
    expect(icd10Entry('c78.6')).toMatchObject({ kind: 'secondary', verified: true });
    expect(PSOGI_PMP_CATEGORIES.find((c) => c.value === 'low-grade-mcp')?.icd10).toEqual(['C78.6']);
    expect(stageAjcc8({ site: 'appendix', classification: 'p', t: 'T4a', n: 'N0', m: 'M1b', grade: 'G1' }).stage).toBe('IVA');
  });

  it('gastric adenocarcinoma of the antrum with peritoneal metastases -> C16.3 + C78.6; M1 -> pIV / cIVB', () => {
    expect(stagingSiteForIcd10('C16.3')).toBe('stomach');
    expect(icd10Entry('C16.3')?.label.en).toContain('antrum');
    expect(stageAjcc8({ site: 'stomach', classification: 'p', t: 'T4a', n: 'N2', m: 'M1' }).stage).toBe('IV');
    expect(stageAjcc8({ site: 'stomach', classification: 'c', t: 'T4a', n: 'N2', m: 'M1' }).stage).toBe('IVB');
  });

  it('diffuse malignant peritoneal mesothelioma, epithelioid -> C45.1', () => {
    expect(WHO_MESOTHELIAL_CATEGORIES.find((c) => c.value === 'diffuse-mesothelioma-epithelioid')?.icd10).toEqual(['C45.1']);
    expect(icd10Entry('C45.1')).toBeDefined();
  });

  it('maps primary codes to staging chapters', () => {
    expect(['C18.0', 'C18.7', 'C19', 'C20', 'C18'].map(stagingSiteForIcd10)).toEqual([
      'colorectal',
      'colorectal',
      'colorectal',
      'colorectal',
      'colorectal',
    ]);
    expect(['C21.1', 'C16', 'C45.1', 'C78.6', 'C48.2'].map(stagingSiteForIcd10)).toEqual(['anus', 'stomach', null, null, null]);
  });

  it('C7B.04 is ICD-10-CM only', () => {
    expect(icd10Entry('C7B.04')?.system).toBe('ICD-10-CM');
  });
});

describe('HIPEC regimen presets', () => {
  it('each preset computes with hipecDose', () => {
    for (const r of HIPEC_REGIMENS) {
      const carrier = r.carrierLPerM2 === null ? {} : { carrierLPerM2: r.carrierLPerM2 };
      const out = hipecDose({ drug: r.drug, dose: r.dose, doseBasis: r.doseBasis, bsaM2: 1.8, fractions: r.fractions, ...carrier });
      expect(out.totalDoseMg).toBeCloseTo(r.dose * 1.8, 1);
    }
  });
});
