import { ICD10_CODES, icd10Entry, stagingSiteForIcd10, type Icd10Entry } from '../codes/icd10.js';
import { DIAGNOSIS_SITES, PM_ORIGINS, type DiagnosisSite, type PmOrigin } from '../codes/oncology.js';
import { PSOGI_APPENDICEAL_LESIONS, PSOGI_PMP_CATEGORIES, WHO_MESOTHELIAL_CATEGORIES } from '../codes/peritoneal.js';
import type { PciIndication } from '../peritoneal/pci.js';
import type { StagingSite } from '../staging/types.js';
import { Issues, checkOneOf } from '../validate.js';

/**
 * Which ICD-10 codes (clinical-rules.md §9.3, `ICD10_CODES`) fit each diagnosis site: C16 stomach;
 * C18.0/C18.2–C18.9 and C19 colon (the code is the segment); C20 and C19 rectum; C21 anus; C18.1 appendix;
 * C48 primary peritoneal; C78.6 (C7B.04) peritoneal metastasis; C45.1 mesothelioma; pseudomyxoma
 * peritonei has no code of its own: its primary (usually C18.1) or, when unknown, C78.6 (§9.1).
 */
const SITE_CODES: Readonly<Record<DiagnosisSite, RegExp>> = {
  stomach: /^C16(\.\d)?$/,
  colon: /^(C18\.[02-9]|C19)$/,
  rectum: /^(C20|C19)$/,
  anus: /^C21(\.\d)?$/,
  appendix: /^C18\.1$/,
  peritoneum: /^C48(\.\d)?$/,
  peritoneal_metastasis: /^(C78\.6|C7B\.04)$/,
  mesothelioma: /^C45\.1$/,
  pseudomyxoma: /^(C18\.1|C78\.6)$/,
};

/** The ICD-10 entries a form should offer for a site. */
export function icd10CodesForSite(site: DiagnosisSite): readonly Icd10Entry[] {
  const re = SITE_CODES[site];
  return re ? ICD10_CODES.filter((e) => re.test(e.code)) : [];
}

/**
 * The AJCC 8 chapter a diagnosis is staged with, from its code (`stagingSiteForIcd10`): stomach,
 * colorectal, anus, appendix. Pseudomyxoma coded with its appendiceal primary (C18.1) is staged as
 * appendix (e.g. LAMN with cellular mucin = M1b, clinical-rules.md §9 example). Primary peritoneal
 * tumours, peritoneal metastases recorded without their primary and mesothelioma have no AJCC 8 stage
 * here: null.
 */
export function diagnosisStagingSite(site: DiagnosisSite, icd10: string): StagingSite | null {
  if (site === 'peritoneum' || site === 'peritoneal_metastasis' || site === 'mesothelioma') return null;
  return stagingSiteForIcd10(icd10);
}

export interface DiagnosisCoding {
  readonly site: DiagnosisSite;
  readonly icd10: string;
  readonly icd10Secondary?: string | null;
  readonly pmOrigin?: PmOrigin | null;
  readonly psogiCategory?: string | null;
  readonly appendicealLesion?: string | null;
  readonly whoCategory?: string | null;
}

const blank = (v: unknown): boolean => v === undefined || v === null || v === '';

/**
 * Codes of a diagnosis agree with its site (throws ClinicalInputError listing every problem):
 * the ICD-10 code is in the department's list and fits the site; a secondary code is a secondary
 * (metastasis) code; the PSOGI PMP category applies to pseudomyxoma, the appendix or appendiceal
 * peritoneal metastases; the PSOGI appendiceal lesion to the appendix or pseudomyxoma; the WHO mesothelial
 * category to mesothelioma; the origin of metastases to peritoneal metastases only.
 */
export function checkDiagnosisCoding(d: DiagnosisCoding): void {
  const issues = new Issues();
  const siteOk = checkOneOf(issues, 'site', d.site, DIAGNOSIS_SITES);
  const entry = typeof d.icd10 === 'string' ? icd10Entry(d.icd10) : undefined;
  if (!entry) {
    issues.add('icd10', 'unknown_code', 'clinical.diagnosis.icd10Unknown', { code: String(d.icd10 ?? '') });
  } else if (siteOk && !SITE_CODES[d.site].test(entry.code)) {
    issues.add('icd10', 'not_for_site', 'clinical.diagnosis.icd10NotForSite', { code: entry.code, site: d.site });
  }
  if (!blank(d.icd10Secondary)) {
    const sec = icd10Entry(String(d.icd10Secondary));
    if (!sec) issues.add('icd10Secondary', 'unknown_code', 'clinical.diagnosis.icd10Unknown', { code: String(d.icd10Secondary) });
    else if (sec.kind !== 'secondary')
      issues.add('icd10Secondary', 'not_secondary', 'clinical.diagnosis.icd10NotSecondary', { code: sec.code });
  }
  if (!blank(d.pmOrigin)) {
    if (checkOneOf(issues, 'pmOrigin', d.pmOrigin, PM_ORIGINS) && siteOk && d.site !== 'peritoneal_metastasis') {
      issues.add('pmOrigin', 'not_for_site', 'clinical.diagnosis.itemNotForSite', { sites: 'peritoneal_metastasis' });
    }
  }
  if (!blank(d.psogiCategory)) {
    const ok = checkOneOf(
      issues,
      'psogiCategory',
      d.psogiCategory,
      PSOGI_PMP_CATEGORIES.map((c) => c.value),
    );
    const applies =
      d.site === 'pseudomyxoma' || d.site === 'appendix' || (d.site === 'peritoneal_metastasis' && d.pmOrigin === 'appendiceal');
    if (ok && siteOk && !applies)
      issues.add('psogiCategory', 'not_for_site', 'clinical.diagnosis.itemNotForSite', { sites: 'pseudomyxoma, appendix' });
  }
  if (!blank(d.appendicealLesion)) {
    const ok = checkOneOf(
      issues,
      'appendicealLesion',
      d.appendicealLesion,
      PSOGI_APPENDICEAL_LESIONS.map((c) => c.value),
    );
    if (ok && siteOk && d.site !== 'appendix' && d.site !== 'pseudomyxoma') {
      issues.add('appendicealLesion', 'not_for_site', 'clinical.diagnosis.itemNotForSite', { sites: 'appendix, pseudomyxoma' });
    }
  }
  if (!blank(d.whoCategory)) {
    const ok = checkOneOf(
      issues,
      'whoCategory',
      d.whoCategory,
      WHO_MESOTHELIAL_CATEGORIES.map((c) => c.value),
    );
    if (ok && siteOk && d.site !== 'mesothelioma')
      issues.add('whoCategory', 'not_for_site', 'clinical.diagnosis.itemNotForSite', { sites: 'mesothelioma' });
  }
  issues.throwIfAny();
}

/**
 * Which PCI cut-offs (`pciEligibility`, clinical-rules.md §1.4) apply to a diagnosis: stomach → stomach;
 * colon, rectum → colorectal; pseudomyxoma, and the appendix when a PSOGI PMP category is recorded →
 * pseudomyxoma; mesothelioma → mesothelioma; peritoneal metastases by their recorded origin (colorectal,
 * gastric; appendiceal with a PSOGI category → pseudomyxoma); everything else → other (no cut-off).
 */
export function pciIndicationForDiagnosis(d: {
  readonly site: DiagnosisSite;
  readonly pmOrigin?: PmOrigin | null;
  readonly psogiCategory?: string | null;
}): PciIndication {
  switch (d.site) {
    case 'stomach':
      return 'stomach';
    case 'colon':
    case 'rectum':
      return 'colorectal';
    case 'pseudomyxoma':
      return 'pseudomyxoma';
    case 'mesothelioma':
      return 'mesothelioma';
    case 'appendix':
      return blank(d.psogiCategory) ? 'other' : 'pseudomyxoma';
    case 'peritoneal_metastasis':
      if (d.pmOrigin === 'colorectal') return 'colorectal';
      if (d.pmOrigin === 'gastric') return 'stomach';
      if (d.pmOrigin === 'appendiceal' && !blank(d.psogiCategory)) return 'pseudomyxoma';
      return 'other';
    case 'anus':
    case 'peritoneum':
      return 'other';
  }
}
