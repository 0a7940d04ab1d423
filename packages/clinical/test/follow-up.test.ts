import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ClinicalInputError,
  FOLLOW_UP_GUIDELINES,
  followUpPlan,
  nextColonoscopyInterval,
  type FollowUpItem,
  type FollowUpKind,
  type FollowUpPlanInput,
} from '../src/index.js';
import { issuesOf } from './helpers.js';

const monthsOf = (plan: readonly FollowUpItem[], kind: FollowUpKind): number[] =>
  plan.filter((i) => i.kind === kind).map((i) => i.monthsAfterSurgery);
const range = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('followUpPlan: NCCN colon (clinical-rules.md §7.3)', () => {
  const plan = followUpPlan({
    site: 'colorectal',
    stage: 'III',
    surgeryDate: '2025-01-10',
    guideline: 'nccn-colon',
    intervalChoice: 'lower',
    imagingIntervalChoice: 'upper',
  });

  it('H&P and CEA at 3..24 every 3 months, then 30..60 every 6 months (14 visits)', () => {
    const expected = [3, 6, 9, 12, 15, 18, 21, 24, 30, 36, 42, 48, 54, 60];
    expect(monthsOf(plan, 'visit')).toEqual(expected);
    expect(monthsOf(plan, 'cea')).toEqual(expected);
  });

  it('CT every 12 months (upper bound of 6–12) to 5 years', () => {
    expect(monthsOf(plan, 'ct')).toEqual([12, 24, 36, 48, 60]);
  });

  it('colonoscopy at 12, then 48 (3 years after a normal one), then 108', () => {
    expect(monthsOf(plan, 'colonoscopy')).toEqual([12, 48, 108]);
  });

  it('dates the items from the surgery date', () => {
    expect(plan[0]).toMatchObject({ dueDate: '2025-04-10', monthsAfterSurgery: 3, kind: 'visit' });
    expect(plan.find((i) => i.kind === 'colonoscopy' && i.monthsAfterSurgery === 108)?.dueDate).toBe('2034-01-10');
    expect(plan.every((i) => i.note === null || (i.note.zh.length > 0 && i.note.en.length > 0))).toBe(true);
  });

  it('one intervalChoice drives CT too unless imagingIntervalChoice is given', () => {
    const lower = followUpPlan({
      site: 'colorectal',
      stage: 'IIB',
      surgeryDate: '2025-01-10',
      guideline: 'nccn-colon',
      intervalChoice: 'lower',
    });
    expect(monthsOf(lower, 'ct')).toEqual(range(6, 60, 6));
    const upper = followUpPlan({
      site: 'colorectal',
      stage: 'IIB',
      surgeryDate: '2025-01-10',
      guideline: 'nccn-colon',
      intervalChoice: 'upper',
    });
    expect(monthsOf(upper, 'visit')).toEqual([6, 12, 18, 24, 30, 36, 42, 48, 54, 60]);
    expect(monthsOf(upper, 'ct')).toEqual([12, 24, 36, 48, 60]);
  });

  it('stage IV: CT every 3–6 months for 2 years, then every 6–12 months', () => {
    const p = followUpPlan({
      site: 'colorectal',
      stage: 'IVA',
      surgeryDate: '2025-01-10',
      guideline: 'nccn-colon',
      intervalChoice: 'lower',
    });
    expect(monthsOf(p, 'ct')).toEqual([...range(3, 24, 3), ...range(30, 60, 6)]);
  });

  it('stage I: colonoscopy only', () => {
    const p = followUpPlan({ site: 'colorectal', stage: 'I', surgeryDate: '2025-01-10', guideline: 'nccn-colon', intervalChoice: 'lower' });
    expect(new Set(p.map((i) => i.kind))).toEqual(new Set(['colonoscopy']));
  });

  it('no complete preoperative colonoscopy: first one at 3 (lower) or 6 (upper) months', () => {
    const base: FollowUpPlanInput = {
      site: 'colorectal',
      stage: 'II',
      surgeryDate: '2025-01-10',
      guideline: 'nccn-colon',
      intervalChoice: 'lower',
      preopColonoscopyComplete: false,
    };
    expect(monthsOf(followUpPlan(base), 'colonoscopy')).toEqual([3, 12, 48, 108]);
    expect(monthsOf(followUpPlan({ ...base, intervalChoice: 'upper' }), 'colonoscopy')).toEqual([6, 12, 48, 108]);
  });
});

describe('followUpPlan: China 2023 colorectal (clinical-rules.md §7.3)', () => {
  const plan = followUpPlan({
    site: 'colorectal',
    stage: 'IIIB',
    surgeryDate: '2025-01-10',
    guideline: 'china-2023-colorectal',
    intervalChoice: 'lower',
  });

  it('H&P + CEA + CA19-9 at 3..24 step 3, 30..60 step 6, then yearly 72..120', () => {
    const expected = [...range(3, 24, 3), ...range(30, 60, 6), ...range(72, 120, 12)];
    expect(monthsOf(plan, 'visit')).toEqual(expected);
    expect(monthsOf(plan, 'cea')).toEqual(expected);
    expect(monthsOf(plan, 'ca19-9')).toEqual(expected);
    expect(monthsOf(plan, 'visit').filter((m) => m <= 24)).toHaveLength(8);
    expect(monthsOf(plan, 'visit').filter((m) => m > 24 && m <= 60)).toHaveLength(6);
  });

  it('CT at 6, 12, 18, 24, 36, 48, 60', () => {
    expect(monthsOf(plan, 'ct')).toEqual([6, 12, 18, 24, 36, 48, 60]);
    expect(monthsOf(plan, 'mri')).toEqual([]);
  });

  it('colonoscopy at 12, +36, then +60; with an incomplete preoperative one, first at 3 months', () => {
    expect(monthsOf(plan, 'colonoscopy')).toEqual([12, 48, 108]);
    const p = followUpPlan({
      site: 'colorectal',
      stage: 'II',
      surgeryDate: '2025-01-10',
      guideline: 'china-2023-colorectal',
      intervalChoice: 'lower',
      preopColonoscopyComplete: false,
    });
    expect(monthsOf(p, 'colonoscopy')[0]).toBe(3);
  });

  it('rectal cancer: chest/abdomen CT plus pelvic MRI at the imaging months', () => {
    const p = followUpPlan({
      site: 'colorectal',
      stage: 'II',
      surgeryDate: '2025-01-10',
      guideline: 'china-2023-colorectal',
      intervalChoice: 'lower',
      rectal: true,
    });
    expect(monthsOf(p, 'mri')).toEqual([6, 12, 18, 24, 36, 48, 60]);
    expect(monthsOf(p, 'ct')).toEqual([6, 12, 18, 24, 36, 48, 60]);
  });

  it('the horizon bounds open-ended items', () => {
    const p = followUpPlan({
      site: 'colorectal',
      stage: 'II',
      surgeryDate: '2025-01-10',
      guideline: 'china-2023-colorectal',
      intervalChoice: 'lower',
      horizonMonths: 60,
    });
    expect(Math.max(...p.map((i) => i.monthsAfterSurgery))).toBe(60);
  });
});

describe('nextColonoscopyInterval', () => {
  it("abnormal -> +12; 'no polyp' after the first -> +36; later normal -> +60", () => {
    expect(nextColonoscopyInterval('china-2023-colorectal', 'abnormal', true)).toBe(12);
    expect(nextColonoscopyInterval('china-2023-colorectal', 'normal', true)).toBe(36);
    expect(nextColonoscopyInterval('china-2023-colorectal', 'normal', false)).toBe(60);
    expect(nextColonoscopyInterval('nccn-colon', 'abnormal', false)).toBe(12);
  });
});

describe('followUpPlan: gastric', () => {
  it('CSCO gastric (lower bound): 3..24 step 3, 30..60 step 6, then 72, 84, ...', () => {
    const p = followUpPlan({
      site: 'stomach',
      stage: 'IIA',
      surgeryDate: '2025-01-10',
      guideline: 'csco-gastric',
      intervalChoice: 'lower',
    });
    expect(monthsOf(p, 'visit')).toEqual([...range(3, 24, 3), ...range(30, 60, 6), ...range(72, 120, 12)]);
    expect(new Set(p.map((i) => i.kind))).toEqual(new Set(['visit']));
  });

  it('CSCO gastric (upper bound): 6..24 step 6, 36..60 step 12', () => {
    const p = followUpPlan({
      site: 'stomach',
      stage: 'IV',
      surgeryDate: '2025-01-10',
      guideline: 'csco-gastric',
      intervalChoice: 'upper',
      horizonMonths: 60,
    });
    expect(monthsOf(p, 'visit')).toEqual([6, 12, 18, 24, 36, 48, 60]);
  });

  it('NCCN gastric stage I: EGD every 6 months for a year, then yearly to 5 years; no CT', () => {
    const p = followUpPlan({ site: 'stomach', stage: 'IB', surgeryDate: '2025-01-10', guideline: 'nccn-gastric', intervalChoice: 'lower' });
    expect(monthsOf(p, 'gastroscopy')).toEqual([6, 12, 24, 36, 48, 60]);
    expect(monthsOf(p, 'ct')).toEqual([]);
  });

  it('NCCN gastric stage 0: EGD to 3 years', () => {
    const p = followUpPlan({ site: 'stomach', stage: '0', surgeryDate: '2025-01-10', guideline: 'nccn-gastric', intervalChoice: 'lower' });
    expect(monthsOf(p, 'gastroscopy')).toEqual([6, 12, 24, 36]);
  });

  it('NCCN gastric stage II–III (or post-neoadjuvant I): CT every 6–12 months for 2 years', () => {
    const p = followUpPlan({
      site: 'stomach',
      stage: 'IIIC',
      surgeryDate: '2025-01-10',
      guideline: 'nccn-gastric',
      intervalChoice: 'lower',
    });
    expect(monthsOf(p, 'ct')).toEqual([6, 12, 18, 24]);
    expect(monthsOf(p, 'gastroscopy')).toEqual([]);
    const yp = followUpPlan({
      site: 'stomach',
      stage: 'I',
      surgeryDate: '2025-01-10',
      guideline: 'nccn-gastric',
      intervalChoice: 'upper',
      neoadjuvant: true,
    });
    expect(monthsOf(yp, 'ct')).toEqual([12, 24]);
    const ext = followUpPlan({
      site: 'stomach',
      stage: 'II',
      surgeryDate: '2025-01-10',
      guideline: 'nccn-gastric',
      intervalChoice: 'upper',
      extendGastricCtTo5Years: true,
    });
    expect(monthsOf(ext, 'ct')).toEqual([12, 24, 36, 48, 60]);
  });
});

describe('followUpPlan: invalid input', () => {
  const base: FollowUpPlanInput = {
    site: 'colorectal',
    stage: 'II',
    surgeryDate: '2025-01-10',
    guideline: 'nccn-colon',
    intervalChoice: 'lower',
  };

  it('rejects a guideline for another site, a bad date and a bad stage together', () => {
    expect(issuesOf(() => followUpPlan({ ...base, guideline: 'csco-gastric', surgeryDate: '2025-02-30', stage: 'V' }))).toEqual([
      { field: 'surgeryDate', code: 'date_format' },
      { field: 'guideline', code: 'site_mismatch' },
      { field: 'stage', code: 'format' },
    ]);
  });

  it('rejects stages a guideline does not cover and unknown stages', () => {
    expect(issuesOf(() => followUpPlan({ ...base, stage: '0' }))).toEqual([{ field: 'stage', code: 'not_covered' }]);
    expect(issuesOf(() => followUpPlan({ ...base, site: 'stomach', guideline: 'nccn-gastric', stage: 'IVB' }))).toEqual([
      { field: 'stage', code: 'not_covered' },
    ]);
    expect(issuesOf(() => followUpPlan({ ...base, stage: 'unknown' }))).toEqual([{ field: 'stage', code: 'format' }]);
  });

  it('rejects unknown interval choices and horizons', () => {
    expect(issuesOf(() => followUpPlan({ ...base, intervalChoice: 'middle' as 'lower', horizonMonths: 6 }))).toEqual([
      { field: 'intervalChoice', code: 'not_allowed' },
      { field: 'horizonMonths', code: 'out_of_range' },
    ]);
  });
});

describe('followUpPlan properties (fast-check)', () => {
  const day = fc.integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2040, 11, 31) / 86_400_000 });
  const guideline = fc.constantFrom(...FOLLOW_UP_GUIDELINES);
  const stage = fc.constantFrom('I', 'IIA', 'IIB', 'III', 'IIIC', 'IVA', '0', 'IV');

  it('every date is strictly after surgery and the items are in date order', () => {
    fc.assert(
      fc.property(
        day,
        guideline,
        stage,
        fc.constantFrom('lower', 'upper' as const),
        fc.boolean(),
        fc.boolean(),
        (d, g, s, choice, preop, rectal) => {
          const surgeryDate = new Date(d * 86_400_000).toISOString().slice(0, 10);
          const site = g === 'csco-gastric' || g === 'nccn-gastric' ? 'stomach' : 'colorectal';
          let plan: readonly FollowUpItem[];
          try {
            plan = followUpPlan({
              site,
              stage: s,
              surgeryDate,
              guideline: g,
              intervalChoice: choice,
              preopColonoscopyComplete: preop,
              rectal,
            });
          } catch (e) {
            // Only "stage not covered by that guideline" may stop a plan here (tested above).
            expect(e).toBeInstanceOf(ClinicalInputError);
            expect((e as ClinicalInputError).code).toBe('not_covered');
            return;
          }
          expect(plan.length).toBeGreaterThan(0);
          for (const item of plan) expect(item.dueDate > surgeryDate).toBe(true);
          for (let i = 1; i < plan.length; i += 1) {
            expect(plan[i]!.dueDate >= plan[i - 1]!.dueDate).toBe(true);
            expect(plan[i]!.monthsAfterSurgery).toBeGreaterThanOrEqual(plan[i - 1]!.monthsAfterSurgery);
          }
        },
      ),
    );
  });

  it('a month-end surgery date is clamped, never rolled into the next month', () => {
    const p = followUpPlan({ site: 'stomach', stage: 'II', surgeryDate: '2024-08-31', guideline: 'csco-gastric', intervalChoice: 'lower' });
    expect(p.slice(0, 3).map((i) => i.dueDate)).toEqual(['2024-11-30', '2025-02-28', '2025-05-31']);
  });
});
