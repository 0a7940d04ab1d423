import { describe, expect, it } from 'vitest';
import { careChecklist, operationCareItems, type CareFacts } from '../src/index.js';

/** Hand-built patients for the standardized-care checklist (issue 12, docs/quality.md). */
type Facts = CareFacts;
type Op = Facts['operations'][number];

const gastric = { id: 'dx1', site: 'stomach', stagingSite: 'stomach', clinicalStage: 'III', diagnosisDate: '2026-01-05' };
const gastrectomy = (over: Partial<Op> = {}): Op => ({
  id: 'op1',
  date: '2026-02-01',
  diagnosisId: 'dx1',
  urgency: 'elective',
  intent: 'curative',
  procedureCodes: ['gastrectomy_distal_d2'],
  dischargeDate: '2026-02-09',
  pathology: { nodesExamined: 24, margin: 'R0' },
  cc: null,
  complications: [],
  ...over,
});
const complete: Facts = {
  diagnoses: [gastric],
  operations: [gastrectomy()],
  mdtDiscussions: ['2026-01-20'],
  followUpPlans: [{ diagnosisId: 'dx1' }],
};
const statusOf = (f: Facts) => Object.fromEntries(careChecklist(f).items.map((i) => [i.code, [i.status, ...i.reasons].join(':')]));

describe('careChecklist', () => {
  it('a complete gastrectomy record: 4 of 4 applicable items done, CRS and complications not applicable', () => {
    const c = careChecklist(complete);
    expect(statusOf(complete)).toEqual({
      clinical_stage: 'done',
      mdt_before_surgery: 'done',
      pathology: 'done',
      cc_score: 'not_applicable:no_crs',
      complications_graded: 'not_applicable:no_complication',
      follow_up_plan: 'done',
    });
    expect([c.done, c.applicable, c.score]).toEqual([4, 4, 1]);
  });

  it('no operation yet: only the clinical stage applies (pathology, MDT, CC, follow-up n/a)', () => {
    const f: Facts = { diagnoses: [gastric], operations: [], mdtDiscussions: [], followUpPlans: [] };
    expect(statusOf(f)).toEqual({
      clinical_stage: 'done',
      mdt_before_surgery: 'not_applicable:no_operation',
      pathology: 'not_applicable:no_operation',
      cc_score: 'not_applicable:no_operation',
      complications_graded: 'not_applicable:no_operation',
      follow_up_plan: 'not_applicable:no_operation',
    });
    expect(careChecklist(f).score).toBe(1);
  });

  it('no cancer diagnosis: nothing applies, score null', () => {
    const c = careChecklist({ diagnoses: [], operations: [], mdtDiscussions: [], followUpPlans: [] });
    expect(c.items.every((i) => i.status === 'not_applicable' && i.reasons[0] === 'no_cancer_diagnosis')).toBe(true);
    expect(c.score).toBeNull();
  });

  it('MDT: counts on the operation day and up to 365 days before; not after it, not 366 days before', () => {
    const at = (dates: string[]) => statusOf({ ...complete, mdtDiscussions: dates }).mdt_before_surgery;
    expect(at(['2026-02-02'])).toBe('missing:no_discussion');
    expect(at(['2025-01-31'])).toBe('missing:no_discussion'); // 366 days before 2026-02-01
    expect(at(['2025-02-01'])).toBe('done'); // 365 days
    expect(at(['2026-02-01'])).toBe('done');
    expect(careChecklist({ ...complete, mdtDiscussions: ['2025-12-01'] }, { mdtLookbackDays: 30 }).items[1]!.status).toBe('missing');
  });

  it('MDT applies to elective resections only: an emergency resection or a diagnostic laparoscopy needs none', () => {
    expect(statusOf({ ...complete, mdtDiscussions: [], operations: [gastrectomy({ urgency: 'emergency' })] }).mdt_before_surgery).toBe(
      'not_applicable:no_elective_resection',
    );
    const lap = gastrectomy({ procedureCodes: ['diagnostic_laparoscopy'], intent: 'diagnostic', pathology: null });
    expect(statusOf({ ...complete, mdtDiscussions: [], operations: [lap] })).toMatchObject({
      mdt_before_surgery: 'not_applicable:no_elective_resection',
      pathology: 'not_applicable:no_resection',
      follow_up_plan: 'not_applicable:no_curative_resection',
    });
  });

  it('pathology: missing report, then node count and margin after a radical resection (AJCC, UICC)', () => {
    expect(statusOf({ ...complete, operations: [gastrectomy({ pathology: null })] }).pathology).toBe('missing:no_report');
    expect(statusOf({ ...complete, operations: [gastrectomy({ pathology: { nodesExamined: null, margin: null } })] }).pathology).toBe(
      'missing:no_node_count:no_margin',
    );
    expect(statusOf({ ...complete, operations: [gastrectomy({ pathology: { nodesExamined: 3, margin: null } })] }).pathology).toBe(
      'missing:no_margin',
    );
  });

  it('CRS without a CC score is missing; CRS alone needs a pathology report but no node count', () => {
    const pm = { id: 'dx2', site: 'peritoneal_metastasis', stagingSite: null, clinicalStage: null, diagnosisDate: '2026-03-01' };
    const crs = gastrectomy({
      id: 'op2',
      diagnosisId: 'dx2',
      procedureCodes: ['crs', 'hipec'],
      pathology: { nodesExamined: null, margin: null },
      cc: null,
    });
    const f: Facts = { diagnoses: [pm], operations: [crs], mdtDiscussions: ['2026-01-15'], followUpPlans: [] };
    expect(statusOf(f)).toEqual({
      clinical_stage: 'not_applicable:not_ajcc_staged',
      mdt_before_surgery: 'done',
      pathology: 'done',
      cc_score: 'missing:no_cc',
      complications_graded: 'not_applicable:no_complication',
      follow_up_plan: 'not_applicable:no_curative_resection',
    });
    const c = careChecklist(f);
    expect([c.done, c.applicable]).toEqual([2, 3]);
    expect(statusOf({ ...f, operations: [{ ...crs, cc: 'CC-0' }] }).cc_score).toBe('done');
  });

  it('complications: a leak without its ISREC grade, or an unreadable Clavien–Dindo grade, is missing', () => {
    const withC = (complications: Op['complications']) => statusOf({ ...complete, operations: [gastrectomy({ complications })] });
    expect(withC([{ type: 'ileus', grade: 'II', isrecGrade: null }]).complications_graded).toBe('done');
    expect(withC([{ type: 'anastomotic_leak', grade: 'IIIb', isrecGrade: null }]).complications_graded).toBe('missing:no_isrec_grade');
    expect(withC([{ type: 'anastomotic_leak', grade: 'IIIb', isrecGrade: 'C' }]).complications_graded).toBe('done');
    expect(withC([{ type: 'ileus', grade: 'VI', isrecGrade: null }]).complications_graded).toBe('missing:grade_invalid');
  });

  it('follow-up plan: applies once discharged after a curative resection of a colon, rectum or stomach cancer', () => {
    expect(statusOf({ ...complete, followUpPlans: [] }).follow_up_plan).toBe('missing:no_plan');
    expect(statusOf({ ...complete, followUpPlans: [], operations: [gastrectomy({ dischargeDate: null })] }).follow_up_plan).toBe(
      'not_applicable:not_discharged',
    );
    expect(statusOf({ ...complete, followUpPlans: [], operations: [gastrectomy({ intent: 'palliative' })] }).follow_up_plan).toBe(
      'not_applicable:no_curative_resection',
    );
  });

  it('clinical stage: not recorded or unknown is missing', () => {
    expect(statusOf({ ...complete, diagnoses: [{ ...gastric, clinicalStage: null }] }).clinical_stage).toBe('missing:stage_not_recorded');
    expect(statusOf({ ...complete, diagnoses: [{ ...gastric, clinicalStage: 'unknown' }] }).clinical_stage).toBe('missing:stage_unknown');
  });

  it('scores a record with two gaps: stage unknown and no MDT → 2 of 4', () => {
    const c = careChecklist({ ...complete, diagnoses: [{ ...gastric, clinicalStage: 'unknown' }], mdtDiscussions: [] });
    expect([c.done, c.applicable, c.score]).toEqual([2, 4, 0.5]);
  });
});

describe('operationCareItems', () => {
  it("judges an operation on its own items and its diagnosis's stage, not on another operation", () => {
    const second = gastrectomy({ id: 'op9', date: '2026-06-01', pathology: null, dischargeDate: null });
    const c = careChecklist({ ...complete, operations: [gastrectomy(), second] });
    expect(operationCareItems(c, { id: 'op1', diagnosisId: 'dx1' }).map((i) => `${i.code}:${i.status}`)).toEqual([
      'clinical_stage:done',
      'mdt_before_surgery:done',
      'pathology:done',
      'follow_up_plan:done',
    ]);
    expect(operationCareItems(c, { id: 'op9', diagnosisId: 'dx1' }).map((i) => `${i.code}:${i.status}`)).toEqual([
      'clinical_stage:done',
      'mdt_before_surgery:done', // the January discussion is within 365 days
      'pathology:missing',
    ]);
  });
});
