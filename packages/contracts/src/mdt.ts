import { z } from 'zod';
import { DateTimeSchema, IsoDateSchema, PageQuerySchema, VersionSchema, optionalText, paged } from '@gisurg/contracts';

/** Tumor boards (server: features/mdt): request and response shapes, coded value lists. */

/**
 * What a board sees of a patient without retyping (issue 7): demographics plus the oncology record —
 * diagnoses with stages, the latest PCI and CC score, operations, the latest pathology, tumor markers and
 * ECOG. Stored on the case at submission (what the board saw) and refreshed on demand.
 */
export const StageSchema = z.object({
  /** e.g. `cT3`, `pT4a`, `ypN1`. */
  t: z.string().nullable(),
  n: z.string().nullable(),
  m: z.string().nullable(),
  /** Stage group, e.g. `IIIA`. */
  group: z.string().nullable(),
  /** e.g. `AJCC 8`. */
  edition: z.string().nullable(),
});

export const ClinicalSnapshotSchema = z.object({
  capturedAt: z.string(),
  /** `demographics_only` until the oncology record feeds the lists (see loadClinicalSnapshot). */
  source: z.enum(['oncology_record', 'demographics_only']),
  patient: z.object({
    id: z.uuid(),
    name: z.string(),
    sex: z.enum(['male', 'female', 'unknown']),
    birthDate: z.string(),
    age: z.number().int(),
    inpatientNo: z.string().nullable(),
    sourceOrganizationName: z.string().nullable(),
  }),
  diagnoses: z.array(
    z.object({
      id: z.string(),
      /** Tumor site code of the oncology record, e.g. `stomach`, `colon`, `rectum`, `appendix`, `peritoneum`. */
      site: z.string(),
      icd10: z.string(),
      label: z.string().nullable(),
      /** English label (snapshots taken before issue 16 have none). */
      labelEn: z.string().nullable().optional(),
      diagnosedOn: z.string().nullable(),
      histology: z.string().nullable(),
      clinicalStage: StageSchema.nullable(),
      pathologicalStage: StageSchema.nullable(),
    }),
  ),
  pci: z
    .object({
      total: z.number().int().min(0).max(39),
      /** Scores 0–3 of regions 0–12 (Sugarbaker), when recorded region by region. */
      regions: z.array(z.number().int().min(0).max(3)).length(13).nullable(),
      /** Completeness of cytoreduction, e.g. `CC-0`. */
      cc: z.string().nullable(),
      assessedOn: z.string(),
    })
    .nullable(),
  operations: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      approach: z.string().nullable(),
      /** Codes of `PROCEDURES` in @gisurg/clinical. */
      procedureCodes: z.array(z.string()),
      label: z.string().nullable(),
      /** English label (snapshots taken before issue 16 have none). */
      labelEn: z.string().nullable().optional(),
    }),
  ),
  pathology: z
    .object({
      reportedOn: z.string(),
      summary: z.string(),
      lymphNodes: z.object({ examined: z.number().int(), positive: z.number().int() }).nullable(),
      margin: z.string().nullable(),
    })
    .nullable(),
  markers: z.array(
    z.object({ name: z.string(), value: z.number(), unit: z.string(), measuredOn: z.string(), upperLimit: z.number().nullable() }),
  ),
  ecog: z.object({ score: z.number().int().min(0).max(5), assessedOn: z.string() }).nullable(),
});
export type ClinicalSnapshot = z.infer<typeof ClinicalSnapshotSchema>;

/** Value sets of the tumor-board feature (docs/mdt.md). The database repeats them as check constraints. */
export const TumorGroupSchema = z.enum(['gastric', 'colorectal', 'peritoneal']);
export const MeetingKindSchema = z.enum(['intra', 'inter']);
export const MeetingStatusSchema = z.enum(['scheduled', 'in_progress', 'closed', 'cancelled']);
export const UrgencySchema = z.enum(['routine', 'urgent']);
export const CaseStatusSchema = z.enum(['submitted', 'scheduled', 'deferred', 'rejected', 'decided', 'completed']);
export const IntentSchema = z.enum(['curative', 'palliative']);
export const PlanItemKindSchema = z.enum([
  'surgery',
  'crs_hipec',
  'chemotherapy',
  'radiotherapy',
  'imaging',
  'biopsy',
  'trial',
  'supportive',
  'follow_up',
]);
export const ItemStatusSchema = z.enum(['pending', 'delivered', 'not_delivered']);
/** What the tracking list shows: a pending item past its due date is `overdue`. */
export const ItemDisplayStatusSchema = z.enum(['pending', 'overdue', 'delivered', 'not_delivered']);
export const NotDeliveredReasonSchema = z.enum(['patient_choice', 'did_not_attend', 'clinical_change', 'comorbidity', 'died', 'other']);
export const AttachmentKindSchema = z.enum(['imaging_report', 'pathology_report', 'key_image', 'other']);
export const ParticipantRoleSchema = z.enum(['chair', 'member', 'guest']);
export const SurgicalApproachSchema = z.enum(['open', 'laparoscopic', 'robotic', 'endoscopic']);
export const TreatmentTimingSchema = z.enum(['neoadjuvant', 'adjuvant', 'perioperative', 'conversion', 'palliative', 'definitive']);
/** Coded lists the screens offer (one definition: the enums above). */
export const TUMOR_GROUPS = TumorGroupSchema.options;
export const PLAN_ITEM_KINDS = PlanItemKindSchema.options;
export const NOT_DELIVERED_REASONS = NotDeliveredReasonSchema.options;
export const ATTACHMENT_KINDS = AttachmentKindSchema.options;
export const SURGICAL_APPROACHES = SurgicalApproachSchema.options;
export const TREATMENT_TIMINGS = TreatmentTimingSchema.options;
/** Specialty codes the screens offer (the web app names them); free text is accepted for others. */
export const SPECIALTIES = [
  'surgery',
  'medical_oncology',
  'radiotherapy',
  'radiology',
  'pathology',
  'gastroenterology',
  'interventional',
  'anesthesia',
  'nursing',
  'nutrition',
  'gynecology',
  'palliative_care',
  'psychology',
] as const;
const SpecialtySchema = z.string().trim().min(1, 'validation.required').max(50);

const VideoLinkSchema = z
  .string()
  .trim()
  .max(500)
  .refine((s) => s === '' || /^https?:\/\/\S+$/i.test(s), { message: 'mdt.validation.videoLink' })
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

// ---------- meetings ----------
export const CreateMeetingSchema = z.strictObject({
  tumorGroup: TumorGroupSchema,
  kind: MeetingKindSchema,
  startsAt: DateTimeSchema,
  title: optionalText(100),
  durationMinutes: z.number().int().min(10).max(720).default(90),
  place: optionalText(100),
  videoLink: VideoLinkSchema,
  chairUserId: z.uuid().nullable().optional(),
  /** A recurring series: this meeting and the next ones, created at once. */
  repeat: z.strictObject({ frequency: z.enum(['weekly', 'biweekly', 'monthly']), occurrences: z.number().int().min(2).max(52) }).optional(),
});
export type CreateMeeting = z.output<typeof CreateMeetingSchema>;

export const UpdateMeetingSchema = z.strictObject({
  version: VersionSchema,
  tumorGroup: TumorGroupSchema.optional(),
  kind: MeetingKindSchema.optional(),
  startsAt: DateTimeSchema.optional(),
  title: optionalText(100),
  durationMinutes: z.number().int().min(10).max(720).optional(),
  place: optionalText(100),
  videoLink: VideoLinkSchema,
  chairUserId: z.uuid().nullable().optional(),
});
export type UpdateMeeting = z.output<typeof UpdateMeetingSchema>;

export const MeetingActionSchema = z.strictObject({
  action: z.enum(['start', 'close', 'cancel']),
  reason: optionalText(500),
  version: VersionSchema.optional(),
});
export type MeetingAction = z.output<typeof MeetingActionSchema>;

export const FindMeetingsQuerySchema = PageQuerySchema.extend({
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  tumorGroup: TumorGroupSchema.optional(),
  kind: MeetingKindSchema.optional(),
  status: MeetingStatusSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type FindMeetingsQuery = z.output<typeof FindMeetingsQuerySchema>;

const PersonRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const MeetingSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  seriesId: z.uuid().nullable(),
  tumorGroup: TumorGroupSchema,
  kind: MeetingKindSchema,
  title: z.string().nullable(),
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  place: z.string().nullable(),
  videoLink: z.string().nullable(),
  chair: PersonRefSchema.nullable(),
  status: MeetingStatusSchema,
  statusReason: z.string().nullable(),
  startedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Counts over the cases the reader may see. */
  counts: z.object({ agenda: z.number().int(), triage: z.number().int(), decided: z.number().int() }),
  createdAt: z.string(),
});
export type MeetingDto = z.infer<typeof MeetingSchema>;

export const CreatedMeetingSchema = MeetingSchema.extend({ seriesMeetingIds: z.array(z.uuid()) });
export const MeetingPageSchema = paged(MeetingSchema);

// ---------- participants and attendance ----------
export const ParticipantSchema = z.object({
  id: z.uuid(),
  userId: z.uuid().nullable(),
  name: z.string(),
  specialty: z.string(),
  title: z.string().nullable(),
  organizationId: z.uuid().nullable(),
  hospital: z.string().nullable(),
  role: ParticipantRoleSchema,
  invited: z.boolean(),
  checkedInAt: z.string().nullable(),
});
export type ParticipantDto = z.infer<typeof ParticipantSchema>;

const personFields = {
  userId: z.uuid().optional(),
  name: optionalText(50),
  specialty: SpecialtySchema.optional(),
  title: optionalText(50),
  organizationId: z.uuid().optional(),
  hospitalName: optionalText(100),
  /** Same as hospitalName. */
  hospital: optionalText(100),
};

export const InviteParticipantSchema = z.strictObject({ ...personFields, role: ParticipantRoleSchema.default('member') });
export type InviteParticipant = z.output<typeof InviteParticipantSchema>;

/** Check-in: an invited participant, a user, a walk-in guest by name — or, with an empty body, yourself. */
export const AttendanceSchema = z.strictObject({
  participantId: z.uuid().optional(),
  ...personFields,
  checkedIn: z.boolean().default(true),
});
export type Attendance = z.output<typeof AttendanceSchema>;

export const ParticipantListSchema = z.object({ participants: z.array(ParticipantSchema) });

// ---------- cases ----------
export const SubmitCaseSchema = z.strictObject({
  patientId: z.uuid(),
  question: z.string().trim().min(1, 'validation.required').max(2000),
  summary: optionalText(8000),
  urgency: UrgencySchema.default('routine'),
  presentingSpecialty: optionalText(50),
});
export type SubmitCase = z.output<typeof SubmitCaseSchema>;

export const UpdateCaseSchema = z.strictObject({
  version: VersionSchema,
  question: z.string().trim().min(1, 'validation.required').max(2000).optional(),
  summary: optionalText(8000),
  urgency: UrgencySchema.optional(),
  presentingSpecialty: optionalText(50),
});
export type UpdateCase = z.output<typeof UpdateCaseSchema>;

export const TriageCaseSchema = z.strictObject({
  action: z.enum(['schedule', 'defer', 'reject']),
  /** Schedule onto another board (a deferred case needs one); default: the case's board. */
  meetingId: z.uuid().optional(),
  reason: optionalText(500),
  version: VersionSchema.optional(),
});
export type TriageCase = z.output<typeof TriageCaseSchema>;

export const AgendaOrderSchema = z.strictObject({ caseIds: z.array(z.uuid()).min(1).max(200), version: VersionSchema.optional() });
export type AgendaOrder = z.output<typeof AgendaOrderSchema>;

export const FindCasesQuerySchema = PageQuerySchema.extend({
  status: CaseStatusSchema.optional(),
  patientId: z.uuid().optional(),
  meetingId: z.uuid().optional(),
  tumorGroup: TumorGroupSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type FindCasesQuery = z.output<typeof FindCasesQuerySchema>;

export const ItemBriefSchema = z.object({ id: z.uuid(), kind: PlanItemKindSchema, status: ItemDisplayStatusSchema, dueDate: z.string() });

export const CaseSummarySchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  meeting: z.object({
    id: z.uuid(),
    startsAt: z.string(),
    tumorGroup: TumorGroupSchema,
    kind: MeetingKindSchema,
    status: MeetingStatusSchema,
  }),
  patient: z.object({
    id: z.uuid(),
    name: z.string(),
    sex: z.enum(['male', 'female', 'unknown']),
    age: z.number().int(),
    inpatientNo: z.string().nullable(),
  }),
  submittingOrganization: PersonRefSchema,
  submittedBy: PersonRefSchema,
  question: z.string(),
  urgency: UrgencySchema,
  presentingSpecialty: z.string().nullable(),
  status: CaseStatusSchema,
  statusReason: z.string().nullable(),
  agendaOrder: z.number().int().nullable(),
  decidedAt: z.string().nullable(),
  items: z.array(ItemBriefSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseSummaryDto = z.infer<typeof CaseSummarySchema>;
export const CasePageSchema = paged(CaseSummarySchema);

export const AttachmentSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: AttachmentKindSchema,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: PersonRefSchema,
  createdAt: z.string(),
});
export type AttachmentDto = z.infer<typeof AttachmentSchema>;

export const UploadAttachmentQuerySchema = z.object({
  kind: AttachmentKindSchema.default('other'),
  fileName: z.string().trim().min(1).max(200).default('attachment'),
});

// ---------- recommendation and tracked items ----------
/** `YYYY-MM-DD`; an ISO date-time is accepted and cut to its date. */
const DueDateSchema = z
  .string()
  .transform((s) => (/^\d{4}-\d{2}-\d{2}T/.test(s) ? s.slice(0, 10) : s))
  .pipe(IsoDateSchema);

const PlanItemInputSchema = z.strictObject({
  kind: PlanItemKindSchema,
  dueDate: DueDateSchema,
  detail: optionalText(500),
  approach: SurgicalApproachSchema.nullable().optional(),
  timing: TreatmentTimingSchema.nullable().optional(),
  /** The item is carried out in an admission (e.g. inpatient chemotherapy): an admission delivers it. */
  requiresAdmission: z.boolean().default(false),
});

const DissentSchema = z.strictObject({
  name: optionalText(50),
  specialty: optionalText(50),
  view: z.string().trim().min(1, 'validation.required').max(1000),
});

export const RecordRecommendationSchema = z.strictObject({
  intent: IntentSchema,
  items: z.array(PlanItemInputSchema).min(1).max(20),
  summary: optionalText(4000),
  /** The guideline followed: a name (`CSCO 胃癌诊疗指南`) or `{ name, version }`. */
  guideline: z
    .union([z.string().trim().max(200), z.strictObject({ name: z.string().trim().min(1).max(200), version: optionalText(50) })])
    .nullable()
    .optional(),
  guidelineVersion: optionalText(50),
  deviationReason: optionalText(1000),
  consensus: z.boolean(),
  dissent: z.array(DissentSchema).max(20).default([]),
  executingSpecialty: optionalText(50),
  responsibleUserId: z.uuid().nullable().optional(),
  responsibleName: optionalText(50),
  /** Plain-language summary for the patient; generated from the plan when absent. */
  patientSummary: optionalText(4000),
});
export type RecordRecommendation = z.output<typeof RecordRecommendationSchema>;

export const UpdateRecommendationSchema = z.strictObject({
  version: VersionSchema,
  summary: optionalText(4000),
  guideline: optionalText(200),
  guidelineVersion: optionalText(50),
  deviationReason: optionalText(1000),
  consensus: z.boolean().optional(),
  dissent: z.array(DissentSchema).max(20).optional(),
  executingSpecialty: optionalText(50),
  responsibleUserId: z.uuid().nullable().optional(),
  responsibleName: optionalText(50),
  patientSummary: optionalText(4000),
});
export type UpdateRecommendation = z.output<typeof UpdateRecommendationSchema>;

export const TrackedItemSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  caseId: z.uuid(),
  patientId: z.uuid(),
  position: z.number().int(),
  kind: PlanItemKindSchema,
  detail: z.string().nullable(),
  approach: SurgicalApproachSchema.nullable(),
  timing: TreatmentTimingSchema.nullable(),
  requiresAdmission: z.boolean(),
  dueDate: z.string(),
  status: ItemDisplayStatusSchema,
  overdue: z.boolean(),
  deliveredVia: z.enum(['operation', 'admission', 'manual']).nullable(),
  deliveredOn: z.string().nullable(),
  evidence: z.string().nullable(),
  notDeliveredReason: NotDeliveredReasonSchema.nullable(),
  notDeliveredText: z.string().nullable(),
  closedAt: z.string().nullable(),
  bookedFor: z.string().nullable(),
  admittedAt: z.string().nullable(),
});
export type TrackedItemDto = z.infer<typeof TrackedItemSchema>;

export const RecommendationSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  caseId: z.uuid(),
  intent: IntentSchema,
  summary: z.string().nullable(),
  guideline: z.string().nullable(),
  guidelineVersion: z.string().nullable(),
  deviationReason: z.string().nullable(),
  consensus: z.boolean(),
  dissent: z.array(z.object({ name: z.string().nullable(), specialty: z.string().nullable(), view: z.string() })),
  executingSpecialty: z.string().nullable(),
  responsible: z.object({ userId: z.uuid().nullable(), name: z.string() }).nullable(),
  patientSummary: z.string(),
  decidedAt: z.string(),
  decidedOn: z.string(),
  decidedBy: PersonRefSchema,
  items: z.array(TrackedItemSchema),
});
export type RecommendationDto = z.infer<typeof RecommendationSchema>;

export const CaseEventSchema = z.object({
  at: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});

export const CaseDetailSchema = CaseSummarySchema.extend({
  summary: z.string().nullable(),
  meeting: CaseSummarySchema.shape.meeting.extend({
    place: z.string().nullable(),
    videoLink: z.string().nullable(),
    title: z.string().nullable(),
  }),
  snapshot: ClinicalSnapshotSchema,
  snapshotAt: z.string(),
  attachments: z.array(AttachmentSchema),
  attendees: z.array(ParticipantSchema),
  recommendation: RecommendationSchema.nullable(),
  events: z.array(CaseEventSchema),
});
export type CaseDetailDto = z.infer<typeof CaseDetailSchema>;

export const LetterQuerySchema = z.object({ lang: z.enum(['zh-CN', 'zh', 'en']).default('zh-CN') });

export const MeetingDetailSchema = MeetingSchema.extend({
  participants: z.array(ParticipantSchema),
  /** On the agenda (scheduled, decided, completed), in agenda order. */
  agenda: z.array(CaseSummarySchema),
  /** Submitted to this board and waiting for triage, or deferred from it. */
  triage: z.array(CaseSummarySchema),
});
export type MeetingDetailDto = z.infer<typeof MeetingDetailSchema>;

/** Request and response shapes of decision-to-delivery tracking, concordance and the coordinator's worklist. */
export const TrackingQuerySchema = PageQuerySchema.extend({
  status: ItemDisplayStatusSchema.optional(),
  tumorGroup: TumorGroupSchema.optional(),
  patientId: z.uuid().optional(),
  meetingId: z.uuid().optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TrackingQuery = z.output<typeof TrackingQuerySchema>;

export const TrackingRowSchema = TrackedItemSchema.extend({
  patientName: z.string(),
  inpatientNo: z.string().nullable(),
  tumorGroup: TumorGroupSchema,
  meetingId: z.uuid(),
  meetingStartsAt: z.string(),
  responsibleName: z.string().nullable(),
});
export type TrackingRowDto = z.infer<typeof TrackingRowSchema>;
/**
 * The tracking list counts its items up to this many and then says "at least" (`totalCapped`): an exact count joins
 * every item of the department to its case and patient (issue 18 "Scale": 282,000 items, 0.5 s on every page), and
 * even 10,001 of them took 0.3–0.45 s when their cases and patients were not in PostgreSQL's buffers (2026-12-06).
 * 1,000 is 20 pages of 50: past it a coordinator narrows the list by status, tumour group or board.
 */
export const TRACKING_COUNT_CAP = 1_000;
export const TrackingPageSchema = paged(TrackingRowSchema).extend({
  /** `total` is TRACKING_COUNT_CAP and more items match (narrow the list with a status, group or board). */
  totalCapped: z.boolean(),
});

export const DeliverItemSchema = z.strictObject({
  evidence: z.string().trim().min(1, 'validation.required').max(1000),
  deliveredOn: IsoDateSchema.optional(),
  version: VersionSchema.optional(),
});
export type DeliverItem = z.output<typeof DeliverItemSchema>;

export const NotDeliveredSchema = z.strictObject({
  reason: NotDeliveredReasonSchema,
  reasonText: optionalText(1000),
  version: VersionSchema.optional(),
});
export type NotDelivered = z.output<typeof NotDeliveredSchema>;

// ---------- concordance and worklist ----------
export const ConcordanceQuerySchema = z.object({
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  tumorGroup: TumorGroupSchema.optional(),
  kind: MeetingKindSchema.optional(),
});
export type ConcordanceQuery = z.output<typeof ConcordanceQuerySchema>;

export const CountsSchema = z.object({
  cases: z.number().int(),
  delivered: z.number().int(),
  partly: z.number().int(),
  notDelivered: z.number().int(),
  pending: z.number().int(),
  /** Fully delivered among cases whose items are all closed; null when none is closed yet. */
  concordanceRate: z.number().nullable(),
});
export const ConcordanceSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  overall: CountsSchema,
  byTumorGroup: z.array(CountsSchema.extend({ tumorGroup: TumorGroupSchema })),
  byMeeting: z.array(
    CountsSchema.extend({ meetingId: z.uuid(), startsAt: z.string(), tumorGroup: TumorGroupSchema, kind: MeetingKindSchema }),
  ),
  byMonth: z.array(CountsSchema.extend({ month: z.string() })),
  items: z.object({ delivered: z.number().int(), notDelivered: z.number().int(), pending: z.number().int(), overdue: z.number().int() }),
  notDeliveredReasons: z.array(z.object({ reason: NotDeliveredReasonSchema, count: z.number().int() })),
});
export type ConcordanceDto = z.infer<typeof ConcordanceSchema>;

export const StuckSchema = z.object({
  entity: z.enum(['mdt_meeting', 'mdt_case']),
  id: z.uuid(),
  status: z.string(),
  since: z.string(),
  label: z.string(),
});
export type StuckDto = z.infer<typeof StuckSchema>;

export const WorklistSchema = z.object({
  triage: z.array(CaseSummarySchema),
  overdue: z.array(TrackingRowSchema),
  stuck: z.array(StuckSchema),
});
