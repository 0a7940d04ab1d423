import { z } from 'zod';
import { IsoDateSchema, PageQuerySchema, optionalText, text } from './common.js';

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
});
export const FiguresSchema = z.object({ year: z.number().int(), hospitals: z.array(HospitalFiguresSchema) });
export type Figures = z.output<typeof FiguresSchema>;

export const UploadAttachmentQuerySchema = z.object({ fileName: text(200).trim().min(1, 'validation.required').default('attachment') });

/** Promote an "MDT" answer to a tumor board: the next scheduled inter-hospital board, or the one given. */
export const PromoteToMdtSchema = z.strictObject({ meetingId: z.uuid().optional() });
export type PromoteToMdt = z.output<typeof PromoteToMdtSchema>;
export const PromotedSchema = z.object({ mdtCaseId: z.uuid(), meetingId: z.uuid() });
