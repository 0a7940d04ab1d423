import type { z } from 'zod';
import type {
  AnswerSchema,
  AssignSchema,
  CloseSchema,
  ConsultationAttachmentSchema,
  ConsultationDetailSchema,
  ConsultationListSchema,
  CreateConsultationSchema,
  CreatedConsultationSchema,
  CreatedReferralSchema,
  CreateReferralSchema,
  DischargeNoteSchema,
  FiguresSchema,
  AgreementBodySchema,
  AgreementListSchema,
  ExchangeVisitBodySchema,
  ExchangeVisitListSchema,
  OutreachBodySchema,
  OutreachListSchema,
  MessageBodySchema,
  PromotedSchema,
  PromoteToMdtSchema,
} from '@gisurg/contracts/consultations';

/** Shapes of the consultation API, from the shared contract (server: features/consultations). */
export type ConsultationList = z.output<typeof ConsultationListSchema>;
export type ConsultationDetail = z.output<typeof ConsultationDetailSchema>;
export type ConsultationAttachment = z.output<typeof ConsultationAttachmentSchema>;
export type Figures = z.output<typeof FiguresSchema>;
export type CreateConsultationBody = z.input<typeof CreateConsultationSchema>;
export type CreatedConsultation = z.output<typeof CreatedConsultationSchema>;
export type AssignBody = z.input<typeof AssignSchema>;
export type MessageBody = z.input<typeof MessageBodySchema>;
export type AnswerBody = z.input<typeof AnswerSchema>;
export type CloseBody = z.input<typeof CloseSchema>;
export type ReferralBody = z.input<typeof CreateReferralSchema>;
export type CreatedReferral = z.output<typeof CreatedReferralSchema>;
export type PromoteBody = z.input<typeof PromoteToMdtSchema>;
export type Promoted = z.output<typeof PromotedSchema>;
export type DischargeNoteBody = z.input<typeof DischargeNoteSchema>;
export type OutreachList = z.output<typeof OutreachListSchema>;
export type OutreachBody = z.input<typeof OutreachBodySchema>;
export type AgreementList = z.output<typeof AgreementListSchema>;
export type AgreementBody = z.input<typeof AgreementBodySchema>;
export type ExchangeVisitList = z.output<typeof ExchangeVisitListSchema>;
export type ExchangeVisitBody = z.input<typeof ExchangeVisitBodySchema>;
export type Outreach = OutreachList['items'][number];
export type Agreement = AgreementList['items'][number];
export type ExchangeVisit = ExchangeVisitList['items'][number];

export {
  AGREEMENT_KINDS,
  CONSULTATION_STATUSES,
  CONSENT_METHODS,
  EXCHANGE_DIRECTIONS,
  OUTREACH_ACTIVITIES,
  OUTREACH_KINDS,
  RECOMMENDATIONS,
  URGENCIES,
} from '@gisurg/contracts/consultations';

/** Hours left until the deadline (negative: overdue). */
export function hoursLeft(dueAt: string, now = Date.now()): number {
  return (new Date(dueAt).getTime() - now) / 3_600_000;
}
