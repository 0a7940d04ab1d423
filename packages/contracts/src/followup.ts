import { z } from 'zod';
import { IsoDateSchema, optionalText, text, VersionSchema } from './common.js';

/**
 * Follow-up and survivorship (issue 11, docs/follow-up.md): plans, contacts, the due worklist, patient-reported
 * outcomes (PRO) after discharge and survival analysis. The "contract used by outside checks" of the issue is
 * met exactly by ContactBodySchema, FollowUpSchema, WorklistSchema, SurvivalRequestSchema / SurvivalSchema and
 * ProInvitationSchema.
 */

export const CONTACT_STATUSES = ['alive_no_disease', 'alive_with_disease', 'dead', 'lost'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
export const CONTACT_METHODS = ['clinic', 'phone', 'message'] as const;
export const RECURRENCE_SITES = ['local', 'liver', 'lung', 'peritoneum', 'distant_nodes', 'other'] as const;
export const DEATH_CAUSES = ['cancer', 'other', 'unknown'] as const;
export const PLAN_ITEM_STATUSES = ['planned', 'done', 'cancelled'] as const;
export const FOLLOW_UP_GUIDELINE_CODES = ['nccn-colon', 'china-2023-colorectal', 'csco-gastric', 'nccn-gastric'] as const;

export const ContactBodySchema = z
  .strictObject({
    date: IsoDateSchema,
    status: z.enum(CONTACT_STATUSES),
    method: z.enum(CONTACT_METHODS).optional(),
    recurrence: z
      .strictObject({ date: IsoDateSchema, site: z.enum(RECURRENCE_SITES) })
      .nullable()
      .optional(),
    death: z
      .strictObject({ date: IsoDateSchema, cause: z.enum(DEATH_CAUSES) })
      .nullable()
      .optional(),
    notes: optionalText(2000),
  })
  .refine((b) => b.status === 'dead' || !b.death, { path: ['death'], message: 'followup.validation.deathOnlyWhenDead' })
  .refine((b) => b.status !== 'dead' || !!b.death, { path: ['death'], message: 'followup.validation.deathRequired' })
  .refine((b) => !b.death || b.death.date <= b.date, { path: ['death', 'date'], message: 'followup.validation.deathAfterContact' })
  .refine((b) => !b.recurrence || b.recurrence.date <= b.date, {
    path: ['recurrence', 'date'],
    message: 'followup.validation.recurrenceAfterContact',
  });
export type ContactBody = z.input<typeof ContactBodySchema>;

export const CreatedSchema = z.object({ id: z.uuid() });

/**
 * A contact attempt that failed (phone not answered, message unanswered): not a contact, so the contract of
 * the contacts route is unchanged. After `lostAfterAttempts` of them since the last contact the system records
 * the patient as lost to follow-up.
 */
export const AttemptBodySchema = z.strictObject({
  date: IsoDateSchema,
  method: z.enum(CONTACT_METHODS).optional(),
  notes: optionalText(500),
});
export type AttemptBody = z.input<typeof AttemptBodySchema>;
export const AttemptResultSchema = z.object({
  id: z.uuid(),
  /** Failed attempts since the last contact, this one included. */
  attempts: z.number().int(),
  /** The id of the `lost` contact the system recorded when the attempts reached the setting, else null. */
  lostContactId: z.uuid().nullable(),
});
export type AttemptResult = z.output<typeof AttemptResultSchema>;
export const AttemptSchema = z.object({
  id: z.uuid(),
  date: z.string(),
  method: z.enum(CONTACT_METHODS),
  notes: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export type Attempt = z.output<typeof AttemptSchema>;

export const ContactSchema = z.object({
  id: z.uuid(),
  date: z.string(),
  status: z.enum(CONTACT_STATUSES),
  method: z.enum(CONTACT_METHODS),
  recurrence: z.object({ date: z.string(), site: z.enum(RECURRENCE_SITES) }).nullable(),
  death: z.object({ date: z.string(), cause: z.enum(DEATH_CAUSES) }).nullable(),
  notes: z.string().nullable(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Contact = z.output<typeof ContactSchema>;

export const PlanItemSchema = z.object({
  id: z.uuid(),
  dueDate: z.string(),
  status: z.enum(PLAN_ITEM_STATUSES),
  monthsAfterSurgery: z.number().int(),
  kind: z.string(),
  note: z.object({ zh: z.string(), en: z.string() }).nullable(),
});
export type PlanItem = z.output<typeof PlanItemSchema>;

export const PlanSchema = z.object({
  id: z.uuid().nullable(),
  version: z.number().int().nullable(),
  site: z.string().nullable(),
  stage: z.string().nullable(),
  guideline: z.string().nullable(),
  intervalChoice: z.enum(['lower', 'upper']).nullable(),
  startDate: z.string().nullable(),
  adjustReason: z.string().nullable(),
  items: z.array(PlanItemSchema),
});
export type Plan = z.output<typeof PlanSchema>;

export const FollowUpSchema = z.object({ plan: PlanSchema, contacts: z.array(ContactSchema), attempts: z.array(AttemptSchema).optional() });
export type FollowUp = z.output<typeof FollowUpSchema>;

export const AdjustPlanSchema = z.strictObject({
  version: VersionSchema,
  reason: text(500)
    .transform((s) => s.trim())
    .pipe(z.string().min(2, 'followup.validation.reason')),
  guideline: z.enum(FOLLOW_UP_GUIDELINE_CODES).optional(),
  intervalChoice: z.enum(['lower', 'upper']).optional(),
  startDate: IsoDateSchema.optional(),
});
export type AdjustPlan = z.input<typeof AdjustPlanSchema>;

/**
 * The worklist filters: `overdue` (planned visits due before today), `week` (due today … today + 7) and
 * `not_seen` (patients whose last contact is longer ago than their plan's largest gap between visits allows).
 */
export const WORKLIST_DUE = ['overdue', 'week', 'not_seen'] as const;
export const WorklistQuerySchema = z.object({
  due: z.enum(WORKLIST_DUE).optional(),
  surgeonId: z.uuid().optional(),
  site: z.string().max(40).optional(),
});
export type WorklistQuery = z.input<typeof WorklistQuerySchema>;

export const WorklistItemSchema = z.object({
  patientId: z.uuid(),
  planId: z.uuid(),
  name: z.string(),
  inpatientNo: z.string().nullable(),
  site: z.string(),
  stage: z.string(),
  dueDate: z.string(),
  kinds: z.array(z.string()),
  overdueDays: z.number().int(),
  lastContactDate: z.string().nullable(),
  surgeonName: z.string().nullable(),
  /** Failed contact attempts since the last contact (docs/follow-up.md: lost to follow-up after N). */
  failedAttempts: z.number().int(),
  /** `not_seen` only: the plan's largest gap between visits, in days (dueDate = last contact + this gap). */
  allowedGapDays: z.number().int().nullable(),
});
export type WorklistItem = z.output<typeof WorklistItemSchema>;
export const WorklistSchema = z.object({ items: z.array(WorklistItemSchema), total: z.number().int() });
export type Worklist = z.output<typeof WorklistSchema>;

/* Survival analysis. */
export const SURVIVAL_GROUPINGS = ['sex', 'stage', 'approach', 'cc'] as const;
export const SurvivalRequestSchema = z.strictObject({
  cohort: z
    .strictObject({
      site: z.string().max(40).optional(),
      from: IsoDateSchema.optional(),
      to: IsoDateSchema.optional(),
    })
    .default({}),
  endpoint: z.enum(['os', 'dfs']),
  groupBy: z.enum(SURVIVAL_GROUPINGS).optional(),
});
export type SurvivalRequest = z.input<typeof SurvivalRequestSchema>;

const nullableNumber = z.number().nullable();
export const KmPointSchema = z.object({
  time: z.number(),
  survival: z.number(),
  lower: nullableNumber,
  upper: nullableNumber,
  atRisk: z.number(),
});
export const SurvivalGroupSchema = z.object({
  key: z.string(),
  n: z.number().int(),
  events: z.number().int(),
  median: nullableNumber,
  medianLower: nullableNumber,
  medianUpper: nullableNumber,
  /** S(t) with its 95 % CI at 1, 3 and 5 years (365.25-day years). */
  landmarks: z.array(z.object({ years: z.number(), survival: nullableNumber, lower: nullableNumber, upper: nullableNumber })),
  km: z.array(KmPointSchema),
  /** Numbers at risk at 0, 1, 2, … years, for the table under the plot. */
  atRiskByYear: z.array(z.object({ years: z.number(), atRisk: z.number().int() })),
});
export const SurvivalSchema = z.object({
  n: z.number().int(),
  events: z.number().int(),
  /** Patients of the cohort left out: no follow-up contact, or follow-up ending before diagnosis. */
  excluded: z.number().int(),
  groups: z.array(SurvivalGroupSchema),
  logRank: z.object({ chiSquare: z.number(), df: z.number().int(), pValue: z.number() }).optional(),
  cox: z
    .object({
      reference: z.string(),
      rows: z.array(z.object({ term: z.string(), hr: z.number(), lower: z.number(), upper: z.number(), pValue: z.number() })),
    })
    .optional(),
});
export type Survival = z.output<typeof SurvivalSchema>;
export type SurvivalGroup = z.output<typeof SurvivalGroupSchema>;

/* Patient-reported outcomes (PRO): a public questionnaire behind a random link. */
/** The questions; when each raises an alert is the department's setting (ProThresholdsSchema). */
export const PRO_QUESTIONS = [
  { key: 'pain', type: 'scale', min: 0, max: 10 },
  { key: 'fever', type: 'yesno' },
  { key: 'vomiting', type: 'yesno' },
  { key: 'eating', type: 'choice', options: ['normal', 'less', 'none'] },
  { key: 'stool', type: 'choice', options: ['normal', 'none', 'diarrhoea', 'high_output'] },
  { key: 'wound', type: 'yesno' },
  { key: 'breathless', type: 'yesno' },
] as const;

export const ProAnswersSchema = z.strictObject({
  pain: z.number().int().min(0).max(10),
  fever: z.boolean(),
  vomiting: z.boolean(),
  eating: z.enum(['normal', 'less', 'none']),
  stool: z.enum(['normal', 'none', 'diarrhoea', 'high_output']),
  wound: z.boolean(),
  breathless: z.boolean(),
  comment: optionalText(1000),
});
export type ProAnswers = z.input<typeof ProAnswersSchema>;

export const ProInvitationSchema = z.object({ url: z.string(), expiresAt: z.string() });
export const ProTokenParamSchema = z.object({ token: z.string().max(200) });
export const ProQuestionnaireSchema = z.object({ expiresAt: z.string(), questions: z.array(z.string()), days: z.array(z.number().int()) });
export const ProSubmittedSchema = z.object({ ok: z.literal(true) });

export const PRO_ALERT_ACTIONS = ['phone_advice', 'clinic_visit', 'readmission', 'no_action'] as const;
export const ProAlertSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  name: z.string(),
  inpatientNo: z.string().nullable(),
  submittedAt: z.string(),
  reasons: z.array(z.string()),
  answers: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'handled']),
  action: z.enum(PRO_ALERT_ACTIONS).nullable(),
  actionNote: z.string().nullable(),
  /** The readmission that followed the alert, linked by the team. */
  admission: z.object({ id: z.uuid(), admittedAt: z.string(), status: z.string(), diagnosis: z.string().nullable() }).nullable(),
  /** A complication of the patient within the alert's window, linked by the team. */
  complication: z.object({ id: z.uuid(), occurredOn: z.string(), type: z.string(), grade: z.string() }).nullable(),
});
export type ProAlert = z.output<typeof ProAlertSchema>;
export const ProAlertsSchema = z.object({ items: z.array(ProAlertSchema) });
export const ProAlertsQuerySchema = z.object({ status: z.enum(['open', 'handled', 'all']).default('open') });
/** Days around an alert in which an admission or complication may be linked to it (docs/follow-up.md). */
export const ALERT_LINK_DAYS_BEFORE = 14;
export const ALERT_LINK_DAYS_AFTER = 30;
const AlertLinks = {
  /** The admission that followed (readmission); null unlinks. */
  admissionId: z.uuid().nullable().optional(),
  /** A complication of the patient within the alert's window; null unlinks. */
  complicationId: z.uuid().nullable().optional(),
};
export const HandleAlertSchema = z.strictObject({ action: z.enum(PRO_ALERT_ACTIONS), note: optionalText(1000), ...AlertLinks });
export const AlertLinksSchema = z.strictObject(AlertLinks);
export type AlertLinks = z.input<typeof AlertLinksSchema>;
/** What may be linked to an alert: the patient's admissions and complications within the alert's window. */
export const AlertLinkCandidatesSchema = z.object({
  admissions: z.array(z.object({ id: z.uuid(), admittedAt: z.string(), status: z.string(), diagnosis: z.string().nullable() })),
  complications: z.array(z.object({ id: z.uuid(), occurredOn: z.string(), type: z.string(), grade: z.string() })),
});
export type AlertLinkCandidates = z.output<typeof AlertLinkCandidatesSchema>;
export type HandleAlert = z.input<typeof HandleAlertSchema>;

/**
 * Alert thresholds per question, a department setting (docs/follow-up.md): pain alerts at or above `pain` (null:
 * never); a yes/no question alerts on "yes" when true; a choice alerts on the listed options.
 */
export const ProThresholdsSchema = z.strictObject({
  pain: z.number().int().min(1).max(10).nullable(),
  fever: z.boolean(),
  vomiting: z.boolean(),
  eating: z.array(z.enum(['less', 'none'])).max(2),
  stool: z.array(z.enum(['none', 'diarrhoea', 'high_output'])).max(3),
  wound: z.boolean(),
  breathless: z.boolean(),
});
export type ProThresholds = z.output<typeof ProThresholdsSchema>;

export const DEFAULT_PRO_THRESHOLDS: ProThresholds = {
  pain: 7,
  fever: true,
  vomiting: true,
  eating: ['none'],
  stool: ['high_output'],
  wound: true,
  breathless: true,
};
export const DEFAULT_PRO_DAYS = [3, 7, 14, 30] as const;
/** A questionnaire link works until this many days after the last questionnaire day (30 + 15 = 45 by default). */
export const PRO_LINK_GRACE_DAYS = 15;

/** The days after discharge on which the patient answers: 1–4 distinct days in 1…90, ascending. */
export const ProDaysSchema = z
  .array(z.number().int().min(1).max(90))
  .min(1)
  .max(4)
  .refine((d) => d.every((x, i) => i === 0 || x > d[i - 1]!), { message: 'followup.validation.daysAscending' });

/** Failed contact attempts (since the last contact) after which the patient is recorded as lost to follow-up. */
export const DEFAULT_LOST_AFTER_ATTEMPTS = 3;
export const LostAfterAttemptsSchema = z.number().int().min(1).max(20);
export const FollowUpSettingsSchema = z.object({
  thresholds: ProThresholdsSchema,
  proDays: z.array(z.number().int()),
  lostAfterAttempts: z.number().int(),
});
export type FollowUpSettings = z.output<typeof FollowUpSettingsSchema>;
export const UpdateFollowUpSettingsSchema = z.strictObject({
  thresholds: ProThresholdsSchema.optional(),
  proDays: ProDaysSchema.optional(),
  lostAfterAttempts: LostAfterAttemptsSchema.optional(),
});
export type UpdateFollowUpSettings = z.input<typeof UpdateFollowUpSettingsSchema>;

/** Which PRO answers raise an alert under the department's thresholds (the defaults when none are given). */
export function proAlertReasons(a: z.output<typeof ProAnswersSchema>, th: ProThresholds = DEFAULT_PRO_THRESHOLDS): string[] {
  const reasons: string[] = [];
  if (th.pain !== null && a.pain >= th.pain) reasons.push('pain');
  if (th.fever && a.fever) reasons.push('fever');
  if (th.vomiting && a.vomiting) reasons.push('vomiting');
  if ((th.eating as readonly string[]).includes(a.eating)) reasons.push('eating');
  if ((th.stool as readonly string[]).includes(a.stool)) reasons.push('stool');
  if (th.wound && a.wound) reasons.push('wound');
  if (th.breathless && a.breathless) reasons.push('breathless');
  return reasons;
}

/* The patient's journey in one chronological timeline (GET /api/patients/:id/timeline). */
export const TIMELINE_KINDS = [
  'diagnosis',
  'mdt',
  'mdt_decision',
  'operation',
  'complication',
  'admission',
  'discharge',
  'follow_up',
  'recurrence',
  'death',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
/** One event: its date (YYYY-MM-DD, hospital time zone), a coded value the page translates, and free text as entered. */
export const TimelineEventSchema = z.object({
  date: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  code: z.string().nullable(),
  text: z.string().nullable(),
});
export type TimelineEvent = z.output<typeof TimelineEventSchema>;
export const TimelineSchema = z.object({ events: z.array(TimelineEventSchema) });
export type Timeline = z.output<typeof TimelineSchema>;

/*
 * Import of historic follow-up (docs/follow-up.md, "历史随访导入"): `POST /api/follow-up/import` with the
 * spreadsheet as the raw body; one row = one contact. The whole file is written or nothing is.
 */
export const FOLLOW_UP_IMPORT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const;
/** Largest file accepted (bytes). */
export const FOLLOW_UP_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export const FollowUpImportQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type FollowUpImportQuery = z.input<typeof FollowUpImportQuerySchema>;

export const FollowUpImportRowErrorSchema = z.object({
  /** Line (CSV) or row (xlsx) of the file, counting the header as 1. */
  line: z.number().int(),
  /** Template column key (e.g. `death_date`). */
  column: z.string(),
  message: z.string(),
});
export type FollowUpImportRowError = z.output<typeof FollowUpImportRowErrorSchema>;

/**
 * The answer of an import (200), and `error.details` of the 400 when a row fails (code VALIDATION): then `imported` is 0 and nothing was written.
 */
export const FollowUpImportReportSchema = z.object({
  total: z.number().int(),
  imported: z.number().int(),
  /** Rows whose patient already has a contact on that date with that status (importing twice writes nothing). */
  skipped: z.number().int(),
  failed: z.number().int(),
  dryRun: z.boolean(),
  errors: z.array(FollowUpImportRowErrorSchema),
});
export type FollowUpImportReport = z.output<typeof FollowUpImportReportSchema>;
