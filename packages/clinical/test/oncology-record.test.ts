import { describe, expect, it } from 'vitest';
import {
  ANESTHESIA_METHOD_OPTIONS,
  COMPLICATION_TYPE_OPTIONS,
  DIAGNOSIS_SITES,
  ICDO3_MORPHOLOGY_OPTIONS,
  ICDO3_MORPHOLOGY_PATTERN,
  TUMOR_MARKER_OPTIONS,
  checkDiagnosisCoding,
  checkNAgainstNodeCounts,
  checkSiteSpecificItems,
  clinicalMessages,
  complicationDay,
  complicationIndexWithin,
  conversionOf,
  diagnosisStagingSite,
  her2Status,
  icd10CodesForSite,
  nCategoryFromNodes,
  operationDurationMinutes,
  pciIndicationForDiagnosis,
  stageAjcc8,
} from '../src/index.js';
import { issuesOf } from './helpers.js';

describe('diagnosis coding', () => {
  it('offers the codes of each site: the colon by segment, the rectum, the appendix', () => {
    expect(icd10CodesForSite('colon').map((e) => e.code)).toEqual([
      'C18.0',
      'C18.2',
      'C18.3',
      'C18.4',
      'C18.5',
      'C18.6',
      'C18.7',
      'C18.8',
      'C18.9',
      'C19',
    ]);
    expect(icd10CodesForSite('rectum').map((e) => e.code)).toEqual(['C19', 'C20']);
    expect(icd10CodesForSite('appendix').map((e) => e.code)).toEqual(['C18.1']);
    expect(icd10CodesForSite('pseudomyxoma').map((e) => e.code)).toEqual(['C18.1', 'C78.6']);
    for (const site of DIAGNOSIS_SITES) expect(icd10CodesForSite(site).length, site).toBeGreaterThan(0);
  });

  it('stages by the code: C16 stomach, C18.1 appendix (also pseudomyxoma of appendiceal origin), none for peritoneal sites', () => {
    expect(diagnosisStagingSite('stomach', 'C16.3')).toBe('stomach');
    expect(diagnosisStagingSite('colon', 'C18.7')).toBe('colorectal');
    expect(diagnosisStagingSite('rectum', 'C20')).toBe('colorectal');
    expect(diagnosisStagingSite('anus', 'C21.1')).toBe('anus');
    expect(diagnosisStagingSite('pseudomyxoma', 'C18.1')).toBe('appendix');
    expect(diagnosisStagingSite('pseudomyxoma', 'C78.6')).toBeNull();
    expect(diagnosisStagingSite('mesothelioma', 'C45.1')).toBeNull();
    expect(diagnosisStagingSite('peritoneal_metastasis', 'C78.6')).toBeNull();
  });

  it('refuses a code that does not fit the site, an unknown code, and items of another site', () => {
    expect(issuesOf(() => checkDiagnosisCoding({ site: 'stomach', icd10: 'C20' }))).toEqual([{ field: 'icd10', code: 'not_for_site' }]);
    expect(issuesOf(() => checkDiagnosisCoding({ site: 'colon', icd10: 'C99.9' }))).toEqual([{ field: 'icd10', code: 'unknown_code' }]);
    expect(issuesOf(() => checkDiagnosisCoding({ site: 'appendix', icd10: 'C18.1', icd10Secondary: 'C20' }))).toEqual([
      { field: 'icd10Secondary', code: 'not_secondary' },
    ]);
    expect(
      issuesOf(() =>
        checkDiagnosisCoding({
          site: 'stomach',
          icd10: 'C16.2',
          psogiCategory: 'low-grade-mcp',
          whoCategory: 'wdpmt',
          pmOrigin: 'gastric',
        }),
      ),
    ).toEqual([
      { field: 'pmOrigin', code: 'not_for_site' },
      { field: 'psogiCategory', code: 'not_for_site' },
      { field: 'whoCategory', code: 'not_for_site' },
    ]);
    expect(() =>
      checkDiagnosisCoding({
        site: 'pseudomyxoma',
        icd10: 'C18.1',
        icd10Secondary: 'C78.6',
        psogiCategory: 'low-grade-mcp',
        appendicealLesion: 'lamn',
      }),
    ).not.toThrow();
    expect(() =>
      checkDiagnosisCoding({ site: 'mesothelioma', icd10: 'C45.1', whoCategory: 'diffuse-mesothelioma-epithelioid' }),
    ).not.toThrow();
  });

  it('picks the PCI cut-offs of the indication', () => {
    expect(pciIndicationForDiagnosis({ site: 'colon' })).toBe('colorectal');
    expect(pciIndicationForDiagnosis({ site: 'stomach' })).toBe('stomach');
    expect(pciIndicationForDiagnosis({ site: 'appendix', psogiCategory: 'low-grade-mcp' })).toBe('pseudomyxoma');
    expect(pciIndicationForDiagnosis({ site: 'appendix' })).toBe('other');
    expect(pciIndicationForDiagnosis({ site: 'peritoneal_metastasis', pmOrigin: 'gastric' })).toBe('stomach');
    expect(pciIndicationForDiagnosis({ site: 'peritoneal_metastasis', pmOrigin: 'ovarian' })).toBe('other');
    expect(pciIndicationForDiagnosis({ site: 'mesothelioma' })).toBe('mesothelioma');
  });
});

describe('N from node counts', () => {
  it('gives the issue example: stomach 5 of 22 → N2, and pT3 N2 M0 → pIIIA', () => {
    const n = nCategoryFromNodes('stomach', { examined: 22, positive: 5 });
    expect(n).toBe('N2');
    expect(stageAjcc8({ site: 'stomach', classification: 'p', t: 'T3', n: n!, m: 'M0' }).stage).toBe('IIIA');
  });

  it('derives colorectal and appendix N with deposits, NX when no node was examined, null for the anus', () => {
    expect(nCategoryFromNodes('colorectal', { examined: 14, positive: 0, tumorDeposits: 2 })).toBe('N1c');
    expect(nCategoryFromNodes('colorectal', { examined: 14, positive: 7 })).toBe('N2b');
    expect(nCategoryFromNodes('appendix', { examined: 12, positive: 4 })).toBe('N2');
    expect(nCategoryFromNodes('stomach', { examined: 0, positive: 0 })).toBe('NX');
    expect(nCategoryFromNodes('anus', { examined: 6, positive: 1 })).toBeNull();
  });

  it('refuses more positive nodes than examined, with the message in both languages', () => {
    expect(issuesOf(() => nCategoryFromNodes('stomach', { examined: 3, positive: 5 }))).toEqual([
      { field: 'nodesPositive', code: 'exceeds_examined' },
    ]);
    expect(issuesOf(() => nCategoryFromNodes('stomach', { examined: -1, positive: 1.5 }))).toEqual([
      { field: 'nodesExamined', code: 'out_of_range' },
      { field: 'nodesPositive', code: 'not_integer' },
    ]);
    expect(clinicalMessages['zh-CN']['clinical.staging.positiveExceedsExamined']).toContain('不能多于');
  });

  it('checks a hand-entered N against the counts', () => {
    expect(issuesOf(() => checkNAgainstNodeCounts('N0', { examined: 8, positive: 2 }))).toEqual([
      { field: 'n', code: 'contradicts_counts' },
    ]);
    expect(issuesOf(() => checkNAgainstNodeCounts('N1a', { examined: 8, positive: 0 }))).toEqual([
      { field: 'n', code: 'contradicts_counts' },
    ]);
    expect(() => checkNAgainstNodeCounts('N1b', { examined: 8, positive: 1 })).not.toThrow();
  });

  it('reads HER2 by the CAP/ASCP/ASCO rule and keeps site-specific markers to their sites', () => {
    expect(her2Status('3+')).toBe('positive');
    expect(her2Status('2+')).toBe('equivocal');
    expect(her2Status('2+', 'amplified')).toBe('positive');
    expect(her2Status('2+', 'not_amplified')).toBe('negative');
    expect(her2Status('1+')).toBe('negative');
    expect(her2Status(null)).toBeNull();
    expect(issuesOf(() => checkSiteSpecificItems('colorectal', { her2Ihc: '3+', kras: 'mutant' }))).toEqual([
      { field: 'her2Ihc', code: 'not_for_site' },
    ]);
    expect(issuesOf(() => checkSiteSpecificItems('stomach', { braf: 'v600e' }))).toEqual([{ field: 'braf', code: 'not_for_site' }]);
    expect(() => checkSiteSpecificItems('stomach', { her2Ihc: '2+', her2Ish: 'amplified', kras: null })).not.toThrow();
  });
});

describe('operation record', () => {
  it('computes the duration in minutes across midnight and time zones', () => {
    expect(operationDurationMinutes('2026-03-02T08:30+08:00', '2026-03-02T12:05+08:00')).toBe(215);
    expect(operationDurationMinutes('2026-03-02T23:00:00+08:00', '2026-03-02T16:30:00Z')).toBe(90);
  });

  it('refuses an end before the start, a day-long operation and malformed times', () => {
    expect(issuesOf(() => operationDurationMinutes('2026-03-02T12:00+08:00', '2026-03-02T08:00+08:00'))).toEqual([
      { field: 'endTime', code: 'before_start' },
    ]);
    expect(issuesOf(() => operationDurationMinutes('2026-03-02T08:00+08:00', '2026-03-03T09:00+08:00'))).toEqual([
      { field: 'endTime', code: 'too_long' },
    ]);
    expect(issuesOf(() => operationDurationMinutes('2026-02-30T08:00+08:00', '08:00'))).toEqual([
      { field: 'startTime', code: 'format' },
      { field: 'endTime', code: 'format' },
    ]);
  });

  it('counts a conversion only for a converted operation, which needs its reason', () => {
    expect(conversionOf({ approach: 'converted', conversionReason: 'adhesions', incisionLengthCm: 12 })).toBe(true);
    expect(conversionOf({ approach: 'laparoscopic' })).toBe(false);
    expect(conversionOf({ approach: 'open' })).toBe(false);
    expect(issuesOf(() => conversionOf({ approach: 'converted' }))).toEqual([{ field: 'conversionReason', code: 'required' }]);
    expect(issuesOf(() => conversionOf({ approach: 'open', conversionReason: 'bleeding' }))).toEqual([
      { field: 'conversionReason', code: 'not_converted' },
    ]);
    expect(issuesOf(() => conversionOf({ approach: 'converted', conversionReason: 'bleeding', incisionLengthCm: -3 }))).toEqual([
      { field: 'incisionLengthCm', code: 'out_of_range' },
    ]);
  });

  it('has the WS 364 anaesthesia codes, incision and complication lists with labels in both languages', () => {
    expect(ANESTHESIA_METHOD_OPTIONS.map((o) => o.value)).toEqual([
      '1',
      '11',
      '12',
      '13',
      '2',
      '21',
      '22',
      '3',
      '31',
      '32',
      '33',
      '34',
      '35',
      '36',
      '4',
      '41',
      '42',
      '9',
    ]);
    for (const list of [ANESTHESIA_METHOD_OPTIONS, COMPLICATION_TYPE_OPTIONS, TUMOR_MARKER_OPTIONS, ICDO3_MORPHOLOGY_OPTIONS]) {
      for (const o of list) expect(o.label.zh && o.label.en, String(o.value)).toBeTruthy();
    }
    for (const o of ICDO3_MORPHOLOGY_OPTIONS) expect(o.value).toMatch(ICDO3_MORPHOLOGY_PATTERN);
  });
});

describe('complications per operation', () => {
  const complications = [
    { date: '2026-03-05', grade: 'II' },
    { date: '2026-03-10', grade: 'IIIb' },
    { date: '2026-04-20', grade: 'IIIa' },
  ];

  it('computes the CCI over 30 and 90 days, counting the last day', () => {
    expect(complicationIndexWithin({ operationDate: '2026-03-01', complications, days: 30 })).toEqual({
      days: 30,
      cci: 39.7,
      highest: 'IIIb',
      count: 2,
    });
    expect(complicationIndexWithin({ operationDate: '2026-03-01', complications, days: 90 }).cci).toBe(47.6);
    expect(
      complicationIndexWithin({ operationDate: '2026-03-01', complications: [{ date: '2026-03-31', grade: 'I' }], days: 30 }).count,
    ).toBe(1);
    expect(complicationIndexWithin({ operationDate: '2026-03-01', complications: [], days: 30 })).toEqual({
      days: 30,
      cci: 0,
      highest: null,
      count: 0,
    });
  });

  it('refuses a complication before its operation', () => {
    expect(issuesOf(() => complicationDay('2026-03-01', '2026-02-28'))).toEqual([{ field: 'date', code: 'before_operation' }]);
    expect(complicationDay('2026-03-01', '2026-03-08')).toBe(7);
    expect(
      issuesOf(() =>
        complicationIndexWithin({ operationDate: '2026-03-01', complications: [{ date: '2026-02-01', grade: 'I' }], days: 30 }),
      ),
    ).toEqual([{ field: 'complications[0].date', code: 'before_operation' }]);
  });
});
