import { describe, expect, it } from 'vitest';
import {
  QUALITY_INDICATORS,
  isConversion,
  isrecLeakGrade,
  lymphNodesAdequate,
  mortalityWithin,
  postoperativeLengthOfStay,
  qualityIndicator,
  textbookOutcome,
  type LeakManagement,
  type TextbookOutcomeInput,
} from '../src/index.js';
import { issuesOf } from './helpers.js';

describe('quality indicators: clinical-rules.md §6.3 vectors', () => {
  it('colorectal specimen 11 nodes -> inadequate (threshold 12); 12 -> adequate', () => {
    expect(lymphNodesAdequate({ site: 'colorectal', examined: 11 })).toBe(false);
    expect(lymphNodesAdequate({ site: 'colorectal', examined: 12 })).toBe(true);
  });

  it('gastric specimen 15 nodes -> inadequate at 16 (default), adequate at 15', () => {
    expect(lymphNodesAdequate({ site: 'stomach', examined: 15 })).toBe(false);
    expect(lymphNodesAdequate({ site: 'stomach', examined: 15, threshold: 15 })).toBe(true);
    expect(lymphNodesAdequate({ site: 'stomach', examined: 16 })).toBe(true);
  });

  it('started laparoscopic, planned 5 cm extraction incision only -> not converted', () => {
    expect(isConversion({ startedApproach: 'laparoscopic', incisionEarlierThanPlanned: false, incisionLengthCm: 5 })).toBe(false);
  });

  it('started laparoscopic, unplanned laparotomy for bleeding at 40 min -> converted', () => {
    expect(isConversion({ startedApproach: 'laparoscopic', incisionEarlierThanPlanned: true, incisionLengthCm: 20 })).toBe(true);
  });

  it('rectal leak managed by a transanal drain, no relaparotomy -> ISREC grade B', () => {
    expect(isrecLeakGrade('active-non-operative')).toBe('B');
    expect(isrecLeakGrade('none')).toBe('A');
    expect(isrecLeakGrade('relaparotomy')).toBe('C');
  });

  it('op 2025-03-01, death 2025-04-15 -> 30-day mortality false, 90-day true', () => {
    expect(mortalityWithin(30, '2025-03-01', '2025-04-15')).toBe(false);
    expect(mortalityWithin(90, '2025-03-01', '2025-04-15')).toBe(true);
  });

  it('op 2025-03-01, discharge 2025-03-12 -> postoperative LOS 11 days', () => {
    expect(postoperativeLengthOfStay('2025-03-01', '2025-03-12')).toBe(11);
  });

  const gastrodata: TextbookOutcomeInput = {
    site: 'stomach',
    definition: 'gastrodata',
    rStatus: 'R0',
    lymphNodesExamined: 22,
    lengthOfStayDays: 9,
    complications: ['I', 'II'],
    reintervention: false,
    readmissionDaysAfterDischarge: null,
    deathDaysAfterOperation: null,
  };

  it('gastric TO (GASTRODATA): R0, 22 LN, LOS 9, CD II max, no reop/readmission, alive at 90 d -> achieved', () => {
    expect(textbookOutcome(gastrodata)).toEqual({ achieved: true, failed: [], unknown: [], definition: 'gastrodata' });
  });

  it('same with CD IIIa -> not achieved, complications named', () => {
    expect(textbookOutcome({ ...gastrodata, complications: ['II', 'IIIa'] })).toMatchObject({ achieved: false, failed: ['complications'] });
  });
});

describe('isConversion options and errors', () => {
  it('an open operation is never a conversion', () => {
    expect(isConversion({ startedApproach: 'open', incisionEarlierThanPlanned: true })).toBe(false);
  });

  it('incision length counts only with the long-incision option', () => {
    const long = { startedApproach: 'robotic', incisionEarlierThanPlanned: false, incisionLengthCm: 12 } as const;
    expect(isConversion(long)).toBe(false);
    expect(isConversion(long, { incisionLongerThanCm: 10 })).toBe(true);
    expect(isConversion({ ...long, incisionLengthCm: 9 }, { incisionLongerThanCm: 10 })).toBe(false);
  });

  it('rejects unknown approaches, non-boolean flags, negative lengths and unknown leak management', () => {
    expect(
      issuesOf(() =>
        isConversion({
          startedApproach: 'hybrid' as 'open',
          incisionEarlierThanPlanned: 'yes' as unknown as boolean,
          incisionLengthCm: -2,
        }),
      ),
    ).toEqual([
      { field: 'startedApproach', code: 'not_allowed' },
      { field: 'incisionEarlierThanPlanned', code: 'not_boolean' },
      { field: 'incisionLengthCm', code: 'out_of_range' },
    ]);
    expect(issuesOf(() => isrecLeakGrade('drain' as LeakManagement))).toEqual([{ field: 'management', code: 'not_allowed' }]);
  });
});

describe('dates, mortality and LOS', () => {
  it('a death on day 30 counts as a 30-day death; no death date = alive', () => {
    expect(mortalityWithin(30, '2025-03-01', '2025-03-31')).toBe(true);
    expect(mortalityWithin(30, '2025-03-01', '2025-04-01')).toBe(false);
    expect(mortalityWithin(90, '2025-03-01', null)).toBe(false);
  });

  it('same-day discharge is 0 days; LOS across a leap day', () => {
    expect(postoperativeLengthOfStay('2025-03-01', '2025-03-01')).toBe(0);
    expect(postoperativeLengthOfStay('2024-02-27', '2024-03-02')).toBe(4);
  });

  it('rejects discharge or death before the operation, non-dates and bad windows', () => {
    expect(issuesOf(() => postoperativeLengthOfStay('2025-03-12', '2025-03-01'))).toEqual([
      { field: 'dischargeDate', code: 'before_operation' },
    ]);
    expect(issuesOf(() => mortalityWithin(30, '2025-03-12', '2025-03-01'))).toEqual([{ field: 'deathDate', code: 'before_operation' }]);
    expect(issuesOf(() => postoperativeLengthOfStay('2025-13-01', '12/03/2025'))).toEqual([
      { field: 'operationDate', code: 'date_format' },
      { field: 'dischargeDate', code: 'date_format' },
    ]);
    expect(issuesOf(() => mortalityWithin(0, '2025-03-01', null))).toEqual([{ field: 'days', code: 'out_of_range' }]);
  });

  it('lymph-node checks reject negative counts, unknown sites and zero thresholds', () => {
    expect(issuesOf(() => lymphNodesAdequate({ site: 'liver' as 'stomach', examined: -1, threshold: 0 }))).toEqual([
      { field: 'site', code: 'not_allowed' },
      { field: 'examined', code: 'out_of_range' },
      { field: 'threshold', code: 'out_of_range' },
    ]);
  });
});

describe('textbookOutcome definitions', () => {
  const eurecca: TextbookOutcomeInput = {
    site: 'stomach',
    definition: 'eurecca-spain',
    macroscopicallyComplete: true,
    rStatus: 'R0',
    lymphNodesExamined: 15,
    lengthOfStayDays: 14,
    complications: [],
    reintervention: false,
    readmissionDaysAfterDischarge: 45,
    deathDaysAfterOperation: null,
  };

  it('EURECCA: CD I allowed, CD II fails (as published); readmission after day 30 does not count', () => {
    expect(textbookOutcome(eurecca).achieved).toBe(true);
    expect(textbookOutcome({ ...eurecca, complications: ['Id'] }).achieved).toBe(true);
    expect(textbookOutcome({ ...eurecca, complications: ['II'] }).failed).toEqual(['complications']);
    expect(textbookOutcome({ ...eurecca, lengthOfStayDays: 15, readmissionDaysAfterDischarge: 30 }).failed).toEqual([
      'length-of-stay',
      'readmission',
    ]);
    expect(textbookOutcome({ ...eurecca, macroscopicallyComplete: false, rStatus: 'R1' }).failed).toEqual(['macroscopic-complete', 'r0']);
  });

  it('GASTRODATA: > 15 nodes means 16; LOS 21 passes, 22 fails; death on day 90 fails', () => {
    const g: TextbookOutcomeInput = {
      ...eurecca,
      definition: 'gastrodata',
      lymphNodesExamined: 16,
      lengthOfStayDays: 21,
      readmissionDaysAfterDischarge: null,
    };
    expect(textbookOutcome(g).achieved).toBe(true);
    expect(textbookOutcome({ ...g, lymphNodesExamined: 15, lengthOfStayDays: 22, deathDaysAfterOperation: 90 }).failed).toEqual([
      'lymph-nodes',
      'length-of-stay',
      'mortality',
    ]);
  });

  it('colorectal TOO: >= 12 nodes, no CD >= III, LOS <= site threshold (default 14), 30-day windows', () => {
    const c: TextbookOutcomeInput = {
      site: 'colorectal',
      definition: 'colorectal-too',
      rStatus: 'R0',
      lymphNodesExamined: 12,
      lengthOfStayDays: 10,
      complications: ['II'],
      readmissionDaysAfterDischarge: null,
      deathDaysAfterOperation: 40,
    };
    expect(textbookOutcome(c).achieved).toBe(true);
    expect(textbookOutcome({ ...c, lengthOfStayDays: 10, losThresholdDays: 8 }).failed).toEqual(['length-of-stay']);
    expect(textbookOutcome({ ...c, complications: ['IIIa'], deathDaysAfterOperation: 30 }).failed).toEqual(['complications', 'mortality']);
  });

  it('missing components are unknown, never assumed met; RX is unknown', () => {
    const r = textbookOutcome({ site: 'colorectal', definition: 'colorectal-too', rStatus: 'RX', lymphNodesExamined: 20 });
    expect(r.achieved).toBeNull();
    expect(r.unknown).toEqual(['r0', 'complications', 'length-of-stay', 'readmission', 'mortality']);
    expect(textbookOutcome({ site: 'colorectal', definition: 'colorectal-too', lymphNodesExamined: 3 }).achieved).toBe(false);
  });

  it('rejects a definition for another site and invalid components', () => {
    expect(issuesOf(() => textbookOutcome({ site: 'colorectal', definition: 'gastrodata', complications: ['III'] }))).toEqual([
      { field: 'definition', code: 'site_mismatch' },
    ]);
    expect(issuesOf(() => textbookOutcome({ site: 'stomach', definition: 'gastrodata', complications: ['III'] }))).toEqual([
      { field: 'grades[0]', code: 'subgrade_required' },
    ]);
    expect(
      issuesOf(() => textbookOutcome({ site: 'stomach', definition: 'gastrodata', lymphNodesExamined: -1, rStatus: 'R3' as 'R0' })),
    ).toEqual([
      { field: 'rStatus', code: 'not_allowed' },
      { field: 'lymphNodesExamined', code: 'out_of_range' },
    ]);
  });
});

describe('indicator registry', () => {
  it('has unique codes with bilingual names, numerators and denominators', () => {
    const codes = QUALITY_INDICATORS.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of QUALITY_INDICATORS) {
      for (const text of [i.name, i.numerator, i.denominator]) {
        expect(text.zh.length, i.code).toBeGreaterThan(0);
        expect(text.en.length, i.code).toBeGreaterThan(0);
      }
      expect(i.source.length).toBeGreaterThan(0);
      // No numeric target was found in any source; none may be invented.
      expect(i.target).toBeNull();
    }
  });

  it('covers the §6.1 indicators', () => {
    for (const code of [
      'GIS-LN-CRC-12',
      'GIS-LN-GC-16',
      'GIS-LN-GC-15',
      'GIS-R0',
      'GIS-CONVERSION',
      'GIS-LEAK',
      'GIS-MORTALITY-30',
      'GIS-MORTALITY-90',
      'GIS-SEVERE-MORBIDITY',
      'GIS-LOS-MEDIAN',
      'GIS-TO-GC-GASTRODATA',
      'GIS-TO-GC-EURECCA',
      'GIS-TOO-CRC',
    ]) {
      expect(qualityIndicator(code), code).toBeDefined();
    }
    expect(qualityIndicator('GIS-MARGIN-POS-GC')?.nationalCode).toBe('4.32.1.3');
    expect(qualityIndicator('nope')).toBeUndefined();
  });
});
