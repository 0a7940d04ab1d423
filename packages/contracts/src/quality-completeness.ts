import { CARE_ITEM_CODES, CARE_ITEM_REASONS, CARE_ITEM_STATUSES } from '@gisurg/clinical';
import { z } from 'zod';
import { IsoDateSchema } from './common.js';

/**
 * Standardized care, case by case (issue 12, docs/quality.md "Standardized care checklist and completeness"):
 * a cancer patient's checklist and the department's completeness rate with its worklist.
 *
 * The item codes are ONE list, `CARE_ITEM_CODES` of @gisurg/clinical (`careChecklist`), re-exported here:
 * - `clinical_stage`: clinical (cTNM) stage group of every AJCC-staged cancer diagnosis, before treatment.
 * - `mdt_before_surgery`: a decided tumor-board discussion on or before every elective resection (≤ 365 days).
 * - `pathology`: the pathology report of every resection; after a radical resection with the regional node
 *   count (AJCC) and the margin (UICC R).
 * - `cc_score`: the completeness-of-cytoreduction score after every cytoreductive operation (PSOGI practice).
 * - `complications_graded`: every recorded complication with a valid Clavien–Dindo grade, an anastomotic
 *   leak also with its ISREC grade.
 * - `follow_up_plan`: a follow-up plan for a colon, rectum or stomach cancer once the patient is discharged
 *   after its curative resection.
 */
export const CARE_CHECKLIST_CODES = CARE_ITEM_CODES;
export type CareChecklistCode = (typeof CARE_CHECKLIST_CODES)[number];

export const CareItemSchema = z.object({
  code: z.enum(CARE_ITEM_CODES),
  status: z.enum(CARE_ITEM_STATUSES),
  /** Why missing or not applicable (empty when done); the first is the main one. */
  reasons: z.array(z.enum(CARE_ITEM_REASONS)),
  diagnosisId: z.uuid().nullable(),
  operationId: z.uuid().nullable(),
  /** Date of the diagnosis or operation the item is about. */
  date: z.string().nullable(),
});
export type CareItemDto = z.output<typeof CareItemSchema>;

export const CareChecklistSchema = z.object({
  patientId: z.uuid(),
  items: z.array(CareItemSchema),
  done: z.number().int(),
  applicable: z.number().int(),
  /** done / applicable (0–1); null when nothing applies (no cancer diagnosis). */
  score: z.number().nullable(),
});
export type CareChecklist = z.output<typeof CareChecklistSchema>;

/** Without from/to: 1 January of the current year to today (hospital time zone), as the indicators. */
export const CompletenessQuerySchema = z
  .object({
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    /** The department head may look at one surgeon; surgeons always see their own operations. */
    surgeonId: z.uuid().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'quality.validation.period', path: ['to'] });
export type CompletenessQuery = z.input<typeof CompletenessQuerySchema>;

const Counts = { complete: z.number().int(), total: z.number().int() };

export const CompletenessSchema = z.object({
  from: z.string(),
  to: z.string(),
  surgeonId: z.string().nullable(),
  /** complete / total over the cancer operations dated in [from, to]; null when there are none. */
  rate: z.number().nullable(),
  ...Counts,
  /** Operations with each item missing (an operation can miss several). */
  missingByCode: z.array(z.object({ code: z.enum(CARE_ITEM_CODES), count: z.number().int() })),
  /** Per primary surgeon; empty for a researcher (department aggregates only). */
  bySurgeon: z.array(z.object({ surgeonId: z.string().nullable(), displayName: z.string().nullable(), ...Counts })),
  /** Incomplete operations, oldest first; empty for a researcher (no patient is named). */
  worklist: z.array(
    z.object({
      patientId: z.uuid(),
      name: z.string(),
      inpatientNo: z.string().nullable(),
      surgeonId: z.string().nullable(),
      operationId: z.uuid(),
      operationDate: z.string(),
      missing: z.array(z.enum(CARE_ITEM_CODES)),
    }),
  ),
});
export type Completeness = z.output<typeof CompletenessSchema>;
