import { procedureDefinition } from '../codes/procedures.js';
import { parseClavienDindo } from '../complications.js';
import { isoToDayNumber } from '../dates.js';

/**
 * Standardized care, case by case (issue 12, docs/quality.md "Standardized care checklist and completeness"):
 * what the record of a cancer patient must hold, item by item, and whether it does.
 *
 * | code                   | required for                                            | source |
 * | ---------------------- | ------------------------------------------------------- | ------ |
 * | `clinical_stage`       | every AJCC-staged cancer diagnosis (cTNM stage group)    | MoH 2012 colorectal QC item 1 (clinical staging before surgery, chemo- or radiotherapy); NHC 2023 oncology QC CA-xx-01 "首次治疗前临床TNM分期诊断率"; 单病种 GC-1 pre-treatment cTNM; NCCN / CSCO work-up (clinical-rules.md §6.2, china-context.md §2) |
 * | `mdt_before_surgery`   | every elective resection (radical or cytoreductive)     | 单病种 GC-1 "治疗前接受过2个或以上治疗科室会诊" (the MDT proxy); NHC 肿瘤多学科诊疗试点工作方案 2018–2020, digestive tumours first (china-context.md §3) |
 * | `pathology`            | every resection: a report; after a radical resection also the regional node count and the margin (R) | MoH 2012 colorectal QC item 5 (margins; node counts after radical surgery); AJCC 8 (node count decides pN; ≥ 16 gastric, ≥ 12 colorectal); UICC R classification |
 * | `cc_score`             | every cytoreductive operation                           | Sugarbaker CC score (PSOGI practice; clinical-rules.md §4) |
 * | `complications_graded` | every operation with a recorded complication: a valid Clavien–Dindo grade, and the ISREC grade of an anastomotic leak | Dindo, Ann Surg 2004; Rahbari (ISREC), Surgery 2010 (clinical-rules.md §6, §9); 单病种 GC-8 |
 * | `follow_up_plan`       | a colon, rectum or stomach cancer after a curative resection, once the patient is discharged | 单病种 GC-15 (discharge education incl. follow-up); 中国结直肠癌诊疗规范 2023, NCCN, CSCO gastric follow-up (clinical-rules.md §8) |
 *
 * The clinical stage is by definition (AJCC 8, cTNM) the extent before the first treatment; the record keeps it
 * on the diagnosis without the date it was written, so the item checks that it is there, not when it was typed.
 * No source gives a window for "before": a discussion counts for an operation when it is dated on or before the
 * operation day and at most `mdtLookbackDays` (default 365, room for neoadjuvant therapy) earlier — a GISurg
 * choice, documented as such.
 */
export const CARE_ITEM_CODES = [
  'clinical_stage',
  'mdt_before_surgery',
  'pathology',
  'cc_score',
  'complications_graded',
  'follow_up_plan',
] as const;
export type CareItemCode = (typeof CARE_ITEM_CODES)[number];

export const CARE_ITEM_STATUSES = ['done', 'missing', 'not_applicable'] as const;
export type CareItemStatus = (typeof CARE_ITEM_STATUSES)[number];

/** Why an item is missing or not applicable (none when done). */
export const CARE_ITEM_REASONS = [
  // not applicable
  'no_cancer_diagnosis',
  'not_ajcc_staged',
  'no_operation',
  'no_elective_resection',
  'no_resection',
  'no_crs',
  'no_complication',
  'no_curative_resection',
  'not_discharged',
  // missing
  'stage_not_recorded',
  'stage_unknown',
  'no_discussion',
  'no_report',
  'no_node_count',
  'no_margin',
  'no_cc',
  'grade_invalid',
  'no_isrec_grade',
  'no_plan',
] as const;
export type CareItemReason = (typeof CARE_ITEM_REASONS)[number];

export interface CareFacts {
  readonly diagnoses: readonly {
    readonly id: string;
    /** DIAGNOSIS_SITES. */
    readonly site: string;
    /** AJCC chapter the diagnosis is staged with; null = not AJCC-staged (peritoneal metastasis, mesothelioma). */
    readonly stagingSite: string | null;
    readonly clinicalStage: string | null;
    readonly diagnosisDate: string;
  }[];
  readonly operations: readonly {
    readonly id: string;
    readonly date: string;
    readonly diagnosisId: string | null;
    /** OPERATION_URGENCIES: 'elective' | 'urgent' | 'emergency'. */
    readonly urgency: string;
    /** OPERATION_INTENTS: 'curative' | 'palliative' | 'diagnostic'. */
    readonly intent: string;
    /** PROCEDURES codes, principal first. */
    readonly procedureCodes: readonly string[];
    readonly dischargeDate: string | null;
    readonly pathology: { readonly nodesExamined: number | null; readonly margin: string | null } | null;
    /** The CC score of the operation's peritoneal assessment (null = none recorded). */
    readonly cc: string | null;
    readonly complications: readonly { readonly type: string; readonly grade: string; readonly isrecGrade: string | null }[];
  }[];
  /** Dates (YYYY-MM-DD) of the patient's decided tumor-board discussions. */
  readonly mdtDiscussions: readonly string[];
  /** The diagnoses that have a follow-up plan. */
  readonly followUpPlans: readonly { readonly diagnosisId: string }[];
}

export interface CareItem {
  readonly code: CareItemCode;
  readonly status: CareItemStatus;
  /** Empty when done; the first reason is the main one. */
  readonly reasons: readonly CareItemReason[];
  /** What the item is about (null for a patient-level "not applicable"). */
  readonly diagnosisId: string | null;
  readonly operationId: string | null;
  /** The date of that diagnosis or operation. */
  readonly date: string | null;
}

export interface CareChecklist {
  readonly items: readonly CareItem[];
  readonly done: number;
  /** Items that apply (done + missing). */
  readonly applicable: number;
  /** done / applicable (0–1); null when nothing applies. */
  readonly score: number | null;
}

export interface CareChecklistOptions {
  /** How many days before an operation a tumor-board discussion still counts for it (default 365). */
  readonly mdtLookbackDays?: number;
}

export const DEFAULT_MDT_LOOKBACK_DAYS = 365;

/** Diagnosis sites with a follow-up guideline in `followUpPlan` (clinical-rules.md §8). */
const FOLLOW_UP_SITES: ReadonlySet<string> = new Set(['colon', 'rectum', 'stomach']);

type Op = CareFacts['operations'][number];
const defs = (op: Op) => op.procedureCodes.map((c) => procedureDefinition(c)).filter((d) => d !== undefined);
const isRadical = (op: Op) => defs(op).some((d) => d.radical);
const isCytoreductive = (op: Op) => defs(op).some((d) => d.cytoreductive);
const isResection = (op: Op) => isRadical(op) || isCytoreductive(op);

function gradeIsValid(grade: string): boolean {
  try {
    parseClavienDindo(grade);
    return true;
  } catch {
    return false;
  }
}

const item = (
  code: CareItemCode,
  reasons: CareItemReason[],
  about: { diagnosisId?: string | null; operationId?: string | null; date?: string | null } = {},
  notApplicable = false,
): CareItem => ({
  code,
  status: notApplicable ? 'not_applicable' : reasons.length === 0 ? 'done' : 'missing',
  reasons,
  diagnosisId: about.diagnosisId ?? null,
  operationId: about.operationId ?? null,
  date: about.date ?? null,
});
const na = (code: CareItemCode, reason: CareItemReason) => item(code, [reason], {}, true);

function stageItems(f: CareFacts): CareItem[] {
  const staged = f.diagnoses.filter((d) => d.stagingSite !== null);
  if (staged.length === 0) return [na('clinical_stage', 'not_ajcc_staged')];
  return staged.map((d) => {
    const stage = d.clinicalStage?.trim() ?? '';
    const reasons: CareItemReason[] = stage === '' ? ['stage_not_recorded'] : stage.toLowerCase() === 'unknown' ? ['stage_unknown'] : [];
    return item('clinical_stage', reasons, { diagnosisId: d.id, date: d.diagnosisDate });
  });
}

function mdtItems(f: CareFacts, lookbackDays: number): CareItem[] {
  if (f.operations.length === 0) return [na('mdt_before_surgery', 'no_operation')];
  const elective = f.operations.filter((o) => o.urgency === 'elective' && isResection(o));
  if (elective.length === 0) return [na('mdt_before_surgery', 'no_elective_resection')];
  return elective.map((o) => {
    const day = isoToDayNumber(o.date);
    const discussed =
      day !== null &&
      f.mdtDiscussions.some((d) => {
        const at = isoToDayNumber(d);
        return at !== null && at <= day && at >= day - lookbackDays;
      });
    return item('mdt_before_surgery', discussed ? [] : ['no_discussion'], { operationId: o.id, diagnosisId: o.diagnosisId, date: o.date });
  });
}

function pathologyItems(f: CareFacts): CareItem[] {
  if (f.operations.length === 0) return [na('pathology', 'no_operation')];
  const resections = f.operations.filter(isResection);
  if (resections.length === 0) return [na('pathology', 'no_resection')];
  return resections.map((o) => {
    const reasons: CareItemReason[] = [];
    if (o.pathology === null) reasons.push('no_report');
    else if (isRadical(o)) {
      // AJCC: pN needs the number of regional nodes examined; UICC R needs the margin.
      if (o.pathology.nodesExamined === null) reasons.push('no_node_count');
      if (o.pathology.margin === null) reasons.push('no_margin');
    }
    return item('pathology', reasons, { operationId: o.id, diagnosisId: o.diagnosisId, date: o.date });
  });
}

function ccItems(f: CareFacts): CareItem[] {
  const crs = f.operations.filter(isCytoreductive);
  if (crs.length === 0) return [na('cc_score', f.operations.length === 0 ? 'no_operation' : 'no_crs')];
  return crs.map((o) => item('cc_score', o.cc ? [] : ['no_cc'], { operationId: o.id, diagnosisId: o.diagnosisId, date: o.date }));
}

function complicationItems(f: CareFacts): CareItem[] {
  const withComplications = f.operations.filter((o) => o.complications.length > 0);
  if (withComplications.length === 0) return [na('complications_graded', f.operations.length === 0 ? 'no_operation' : 'no_complication')];
  return withComplications.map((o) => {
    const reasons: CareItemReason[] = [];
    if (o.complications.some((c) => !gradeIsValid(c.grade))) reasons.push('grade_invalid');
    if (o.complications.some((c) => c.type === 'anastomotic_leak' && !c.isrecGrade)) reasons.push('no_isrec_grade');
    return item('complications_graded', reasons, { operationId: o.id, diagnosisId: o.diagnosisId, date: o.date });
  });
}

function followUpItems(f: CareFacts): CareItem[] {
  const out: CareItem[] = [];
  let notDischarged = false;
  for (const d of f.diagnoses.filter((x) => FOLLOW_UP_SITES.has(x.site))) {
    const curative = f.operations
      .filter((o) => o.diagnosisId === d.id && o.intent === 'curative' && isRadical(o))
      .sort((a, b) => a.date.localeCompare(b.date));
    const discharged = curative.find((o) => o.dischargeDate !== null);
    if (!discharged) {
      notDischarged ||= curative.length > 0;
      continue;
    }
    const planned = f.followUpPlans.some((p) => p.diagnosisId === d.id);
    out.push(item('follow_up_plan', planned ? [] : ['no_plan'], { diagnosisId: d.id, operationId: discharged.id, date: discharged.date }));
  }
  if (out.length > 0) return out;
  return [na('follow_up_plan', notDischarged ? 'not_discharged' : f.operations.length === 0 ? 'no_operation' : 'no_curative_resection')];
}

/** The checklist of one patient: every item that applies, done or missing, and the not-applicable ones. */
export function careChecklist(facts: CareFacts, options: CareChecklistOptions = {}): CareChecklist {
  const items =
    facts.diagnoses.length === 0
      ? CARE_ITEM_CODES.map((c) => na(c, 'no_cancer_diagnosis'))
      : [
          ...stageItems(facts),
          ...mdtItems(facts, options.mdtLookbackDays ?? DEFAULT_MDT_LOOKBACK_DAYS),
          ...pathologyItems(facts),
          ...ccItems(facts),
          ...complicationItems(facts),
          ...followUpItems(facts),
        ];
  const done = items.filter((i) => i.status === 'done').length;
  const applicable = items.filter((i) => i.status !== 'not_applicable').length;
  return { items, done, applicable, score: applicable > 0 ? done / applicable : null };
}

/**
 * The items one operation's record is judged on (the department's completeness): the items about the
 * operation itself and the clinical stage of its diagnosis (of every diagnosis when it names none).
 */
export function operationCareItems(checklist: CareChecklist, operation: { id: string; diagnosisId: string | null }): CareItem[] {
  return checklist.items.filter(
    (i) =>
      i.status !== 'not_applicable' &&
      (i.operationId === operation.id ||
        (i.code === 'clinical_stage' && (operation.diagnosisId === null || i.diagnosisId === operation.diagnosisId))),
  );
}
