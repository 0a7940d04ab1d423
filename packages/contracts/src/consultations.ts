import { z } from 'zod';
import { IsoDateSchema, PageQuerySchema, VersionSchema, optionalText, text } from './common.js';

/**
 * Consultation network (issue 10, docs/consultation.md): the contract between the server and the web app.
 * A primary hospital's doctor asks; the coordinator assigns an expert; the expert asks for more information
 * or answers; the asking hospital closes with a three-question survey. A transfer books a referral with a bed.
 */
export const CONSULTATION_STATUSES = ['submitted', 'assigned', 'info_requested', 'answered', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
export const URGENCIES = ['routine', 'urgent'] as const;
export const CONSENT_METHODS = ['written', 'verbal', 'electronic'] as const;
export const RECOMMENDATIONS = ['manage_locally', 'mdt', 'transfer'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export const MESSAGE_KINDS = ['info_request', 'reply', 'answer', 'assign'] as const;

const required = (max: number) => text(max).trim().min(1, 'validation.required');

export const CreateConsultationSchema = z.strictObject({
  patientId: z.uuid(),
  question: required(2000),
  urgency: z.enum(URGENCIES),
  consent: z.strictObject({ obtainedOn: IsoDateSchema, method: z.enum(CONSENT_METHODS) }),
  history: optionalText(4000),
  stage: optionalText(200),
  specialty: optionalText(100),
});
export type CreateConsultation = z.output<typeof CreateConsultationSchema>;

export const CreatedConsultationSchema = z.object({ id: z.uuid(), status: z.enum(CONSULTATION_STATUSES), dueAt: z.string() });

export const ConsultationListQuerySchema = PageQuerySchema.extend({
  status: z.enum(CONSULTATION_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  patientId: z.uuid().optional(),
});
export type ConsultationListQuery = z.output<typeof ConsultationListQuerySchema>;

export const ConsultationListItemSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  status: z.enum(CONSULTATION_STATUSES),
  urgency: z.enum(URGENCIES),
  question: z.string(),
  submittedAt: z.string(),
  dueAt: z.string(),
  answeredAt: z.string().nullable(),
  overdue: z.boolean(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  expertId: z.uuid().nullable(),
  expertName: z.string().nullable(),
  recommendation: z.enum(RECOMMENDATIONS).nullable(),
});
export type ConsultationListItem = z.output<typeof ConsultationListItemSchema>;

export const ConsultationListSchema = z.object({
  items: z.array(ConsultationListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ConsultationList = z.output<typeof ConsultationListSchema>;

export const ConsultationMessageSchema = z.object({
  id: z.uuid(),
  kind: z.enum(MESSAGE_KINDS),
  body: z.string().nullable(),
  authorName: z.string().nullable(),
  at: z.string(),
});

export const ConsultationAttachmentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});
export type ConsultationAttachment = z.output<typeof ConsultationAttachmentSchema>;

export const ReferralSchema = z.object({
  id: z.uuid(),
  expectedAdmissionDate: z.string(),
  status: z.enum(['reserved', 'admitted', 'cancelled']),
  bedReservation: z.object({ id: z.uuid().nullable(), bedId: z.uuid().nullable(), bedLabel: z.string().nullable() }),
  admissionId: z.uuid().nullable(),
  admittedAt: z.string().nullable(),
  /** Sent back on discharge (离院方式 transfer to a hospital): what the asking doctor reads. */
  sentBack: z
    .object({
      dischargedAt: z.string(),
      disposition: z.string(),
      institution: z.string().nullable(),
      diagnosis: z.string().nullable(),
      procedure: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
});
export type Referral = z.output<typeof ReferralSchema>;

export const SurveySchema = z.strictObject({
  referralAvoided: z.boolean({ error: 'consultations.validation.survey' }),
  willFollowAdvice: z.boolean({ error: 'consultations.validation.survey' }),
  educational: z.boolean({ error: 'consultations.validation.survey' }),
});

export const ConsultationDetailSchema = ConsultationListItemSchema.extend({
  version: z.number().int(),
  history: z.string().nullable(),
  stage: z.string().nullable(),
  specialty: z.string().nullable(),
  consent: z.object({ obtainedOn: z.string(), method: z.enum(CONSENT_METHODS) }),
  requestedByName: z.string(),
  assignedAt: z.string().nullable(),
  advice: z.string().nullable(),
  closedAt: z.string().nullable(),
  survey: z.object({ referralAvoided: z.boolean(), willFollowAdvice: z.boolean(), educational: z.boolean() }).nullable(),
  mdtCaseId: z.uuid().nullable(),
  messages: z.array(ConsultationMessageSchema),
  attachments: z.array(ConsultationAttachmentSchema),
  referral: ReferralSchema.nullable(),
});
export type ConsultationDetail = z.output<typeof ConsultationDetailSchema>;

export const AssignSchema = z.strictObject({ expertId: z.uuid() });
export type Assign = z.output<typeof AssignSchema>;

export const MessageBodySchema = z.strictObject({ body: required(4000) });
export type MessageBody = z.output<typeof MessageBodySchema>;

export const AnswerSchema = z.strictObject({ advice: required(8000), recommendation: z.enum(RECOMMENDATIONS) });
export type Answer = z.output<typeof AnswerSchema>;

export const CloseSchema = z.strictObject({ survey: SurveySchema });
export type Close = z.output<typeof CloseSchema>;

export const CreateReferralSchema = z.strictObject({ expectedAdmissionDate: IsoDateSchema });
export type CreateReferral = z.output<typeof CreateReferralSchema>;

export const StatusResultSchema = z.object({ status: z.enum(CONSULTATION_STATUSES), answeredAt: z.string().optional() });
export const CreatedReferralSchema = z.object({ id: z.uuid(), bedReservation: z.object({ id: z.uuid(), bedId: z.uuid() }) });

/** `year` defaults to the current year in the hospital's time zone. */
export const FiguresQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const HospitalFiguresSchema = z.object({
  organizationId: z.uuid(),
  organizationName: z.string(),
  consultations: z.number().int(),
  answered: z.number().int(),
  answeredWithinDeadline: z.number().int(),
  medianHoursToAnswer: z.number().nullable(),
  recommendations: z.object({ manage_locally: z.number().int(), mdt: z.number().int(), transfer: z.number().int() }),
  referralsAdmitted: z.number().int(),
  /** Referrals whose patient was discharged back to a hospital. */
  referralsSentBack: z.number().int(),
  /** Close-out surveys: how many, and how many said yes to each question; shares 0–1 (null without surveys). */
  survey: z.object({
    count: z.number().int(),
    referralAvoided: z.number().int(),
    willFollowAdvice: z.number().int(),
    educational: z.number().int(),
    referralAvoidedShare: z.number().nullable(),
    willFollowAdviceShare: z.number().nullable(),
    educationalShare: z.number().nullable(),
  }),
  /** Outreach in the year that reached this hospital: guidance visits and tele-consultation sessions. */
  outreachVisits: z.number().int(),
  teleSessions: z.number().int(),
});
export const FiguresSchema = z.object({ year: z.number().int(), hospitals: z.array(HospitalFiguresSchema) });
export type Figures = z.output<typeof FiguresSchema>;

export const UploadAttachmentQuerySchema = z.object({ fileName: text(200).trim().min(1, 'validation.required').default('attachment') });

/** Promote an "MDT" answer to a tumor board: the next scheduled inter-hospital board, or the one given. */
export const PromoteToMdtSchema = z.strictObject({ meetingId: z.uuid().optional() });
export type PromoteToMdt = z.output<typeof PromoteToMdtSchema>;
export const PromotedSchema = z.object({ mdtCaseId: z.uuid(), meetingId: z.uuid() });

// ——— Outreach: technical-guidance visits and tele-consultation sessions ———
export const OUTREACH_KINDS = ['visit', 'tele_session'] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];
export const OUTREACH_ACTIVITIES = ['demonstration_operation', 'lecture', 'ward_round', 'teaching_class'] as const;
export type OutreachActivity = (typeof OUTREACH_ACTIVITIES)[number];

const uuidList = (max: number) => z.array(z.uuid()).max(max);

/**
 * A visit: one hospital, an activity, at least one of our surgeons. A tele-session: a video link (http/https),
 * one or more hospitals, participants as text. The use case checks the combination (400 per field).
 */
export const OutreachBodySchema = z.strictObject({
  kind: z.enum(OUTREACH_KINDS),
  date: IsoDateSchema,
  organizationIds: uuidList(20).min(1, 'consultations.validation.hospitalsRequired'),
  surgeonIds: uuidList(20).default([]),
  activity: z.enum(OUTREACH_ACTIVITIES).nullable().optional(),
  videoLink: optionalText(500),
  participants: optionalText(2000),
  notes: optionalText(4000),
});
export type OutreachBody = z.output<typeof OutreachBodySchema>;
export const UpdateOutreachSchema = OutreachBodySchema.extend({ version: VersionSchema });
export type UpdateOutreach = z.output<typeof UpdateOutreachSchema>;

export const OutreachSchema = z.object({
  id: z.uuid(),
  kind: z.enum(OUTREACH_KINDS),
  date: z.string(),
  hospitals: z.array(z.object({ id: z.uuid(), name: z.string() })),
  surgeons: z.array(z.object({ id: z.uuid(), name: z.string() })),
  activity: z.enum(OUTREACH_ACTIVITIES).nullable(),
  videoLink: z.string().nullable(),
  participants: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
});
export type Outreach = z.output<typeof OutreachSchema>;
export const OutreachListSchema = z.object({ items: z.array(OutreachSchema), total: z.number().int() });
export type OutreachList = z.output<typeof OutreachListSchema>;

/** Lists of outreach, agreements and exchange visits: optional year (by date) and hospital. */
export const ReachListQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  organizationId: z.uuid().optional(),
});
export type ReachListQuery = z.output<typeof ReachListQuerySchema>;

// ——— Partner hospitals: agreements and exchange visits ———
export const AGREEMENT_KINDS = ['counterpart_support', 'medical_alliance', 'specialist_alliance', 'telemedicine', 'other'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AgreementBodySchema = z.strictObject({
  organizationId: z.uuid(),
  kind: z.enum(AGREEMENT_KINDS),
  startDate: IsoDateSchema,
  endDate: IsoDateSchema.nullable().optional(),
  scope: required(4000),
});
export type AgreementBody = z.output<typeof AgreementBodySchema>;
export const UpdateAgreementSchema = AgreementBodySchema.extend({ version: VersionSchema });
export type UpdateAgreement = z.output<typeof UpdateAgreementSchema>;
export const AgreementSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  kind: z.enum(AGREEMENT_KINDS),
  startDate: z.string(),
  endDate: z.string().nullable(),
  scope: z.string(),
  /** In force today (hospital time zone). */
  active: z.boolean(),
  version: z.number().int(),
});
export type Agreement = z.output<typeof AgreementSchema>;
export const AgreementListSchema = z.object({ items: z.array(AgreementSchema), total: z.number().int() });

export const EXCHANGE_DIRECTIONS = ['in', 'out'] as const;
export const ExchangeVisitBodySchema = z.strictObject({
  organizationId: z.uuid(),
  direction: z.enum(EXCHANGE_DIRECTIONS),
  doctors: required(1000),
  fromDate: IsoDateSchema,
  toDate: IsoDateSchema,
  purpose: required(2000),
});
export type ExchangeVisitBody = z.output<typeof ExchangeVisitBodySchema>;
export const UpdateExchangeVisitSchema = ExchangeVisitBodySchema.extend({ version: VersionSchema });
export type UpdateExchangeVisit = z.output<typeof UpdateExchangeVisitSchema>;
export const ExchangeVisitSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  direction: z.enum(EXCHANGE_DIRECTIONS),
  doctors: z.string(),
  fromDate: z.string(),
  toDate: z.string(),
  purpose: z.string(),
  version: z.number().int(),
});
export type ExchangeVisit = z.output<typeof ExchangeVisitSchema>;
export const ExchangeVisitListSchema = z.object({ items: z.array(ExchangeVisitSchema), total: z.number().int() });

// ——— Send back on discharge: the team's note to the asking doctor ———
export const DischargeNoteSchema = z.strictObject({ note: required(4000) });
export type DischargeNote = z.output<typeof DischargeNoteSchema>;

// ——— In-app notifications (derived from the records; read state per user) ———
export const NOTIFICATION_KINDS = ['assigned', 'info_requested', 'answered', 'deadline_near', 'sent_back'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationSchema = z.object({
  /** Stable per event (kind, consultation and the state it refers to): marking it read is per key. */
  key: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  consultationId: z.uuid(),
  patientName: z.string(),
  at: z.string(),
  dueAt: z.string().nullable(),
  read: z.boolean(),
});
export type Notification = z.output<typeof NotificationSchema>;
export const NotificationListSchema = z.object({ items: z.array(NotificationSchema), unread: z.number().int() });
export type NotificationList = z.output<typeof NotificationListSchema>;
export const MarkReadSchema = z.strictObject({ keys: z.array(text(200)).min(1).max(200) });
export type MarkRead = z.output<typeof MarkReadSchema>;
