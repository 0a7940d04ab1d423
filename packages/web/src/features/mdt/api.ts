import { ApiError, api, get, patch, post, qs } from '../../app/api';
import type { Page } from '../../app/types';
import type { z } from 'zod';
import type {
  AttachmentKindSchema,
  AttachmentSchema,
  CaseDetailSchema,
  CaseStatusSchema,
  CaseSummarySchema,
  CountsSchema,
  ConcordanceQuerySchema,
  ConcordanceSchema,
  CreatedMeetingSchema,
  FindCasesQuerySchema,
  FindMeetingsQuerySchema,
  IntentSchema,
  ItemDisplayStatusSchema,
  MeetingActionSchema,
  MeetingDetailSchema,
  MeetingKindSchema,
  MeetingSchema,
  MeetingStatusSchema,
  NotDeliveredReasonSchema,
  ParticipantListSchema,
  ParticipantSchema,
  PlanItemKindSchema,
  RecommendationSchema,
  StageSchema,
  SurgicalApproachSchema,
  TreatmentTimingSchema,
  TrackedItemSchema,
  TrackingQuerySchema,
  TrackingPageSchema,
  TrackingRowSchema,
  TumorGroupSchema,
  WorklistSchema,
} from '@gisurg/contracts/mdt';
import {
  AttendanceSchema,
  CreateMeetingSchema,
  DeliverItemSchema,
  InviteParticipantSchema,
  NotDeliveredSchema,
  RecordRecommendationSchema,
  SubmitCaseSchema,
  TriageCaseSchema,
  UpdateCaseSchema,
  UpdateMeetingSchema,
  UpdateRecommendationSchema,
} from '@gisurg/contracts/mdt';

/** Shapes of the tumor-board API: the contract shared with the server (@gisurg/contracts/mdt). */
export {
  ATTACHMENT_KINDS,
  NOT_DELIVERED_REASONS,
  PLAN_ITEM_KINDS,
  SPECIALTIES,
  SURGICAL_APPROACHES,
  TREATMENT_TIMINGS,
  TUMOR_GROUPS,
  type ClinicalSnapshot,
} from '@gisurg/contracts/mdt';

export type TumorGroup = z.output<typeof TumorGroupSchema>;
export type MeetingKind = z.output<typeof MeetingKindSchema>;
export type MeetingStatus = z.output<typeof MeetingStatusSchema>;
export type CaseStatus = z.output<typeof CaseStatusSchema>;
export type PlanItemKind = z.output<typeof PlanItemKindSchema>;
/** What the screens show: a pending item past its due date is `overdue`. */
export type ItemStatus = z.output<typeof ItemDisplayStatusSchema>;
export type NotDeliveredReason = z.output<typeof NotDeliveredReasonSchema>;
export type AttachmentKind = z.output<typeof AttachmentKindSchema>;
export type Intent = z.output<typeof IntentSchema>;

export type Meeting = z.output<typeof MeetingSchema>;
export type Participant = z.output<typeof ParticipantSchema>;
export type CaseSummary = z.output<typeof CaseSummarySchema>;
export type MeetingDetail = z.output<typeof MeetingDetailSchema>;
export type Attachment = z.output<typeof AttachmentSchema>;
export type TrackedItem = z.output<typeof TrackedItemSchema>;
export type Recommendation = z.output<typeof RecommendationSchema>;
export type CaseDetail = z.output<typeof CaseDetailSchema>;
export type TrackingRow = z.output<typeof TrackingRowSchema>;
/** A page of the tracking list; `totalCapped`: more than TRACKING_COUNT_CAP items match. */
export type TrackingPage = z.output<typeof TrackingPageSchema>;
export type Concordance = z.output<typeof ConcordanceSchema>;
export type Worklist = z.output<typeof WorklistSchema>;
export type Stage = z.output<typeof StageSchema>;
export type Counts = z.output<typeof CountsSchema>;
export type SurgicalApproach = z.output<typeof SurgicalApproachSchema>;
export type TreatmentTiming = z.output<typeof TreatmentTimingSchema>;

export type CreateMeetingBody = z.input<typeof CreateMeetingSchema>;
export type UpdateMeetingBody = z.input<typeof UpdateMeetingSchema>;
export type InviteBody = z.input<typeof InviteParticipantSchema>;
export type AttendanceBody = z.input<typeof AttendanceSchema>;
export type SubmitCaseBody = z.input<typeof SubmitCaseSchema>;
export type UpdateCaseBody = z.input<typeof UpdateCaseSchema>;
export type TriageBody = z.input<typeof TriageCaseSchema>;
export type RecommendationInput = z.input<typeof RecordRecommendationSchema>;
export type PlanItemInput = RecommendationInput['items'][number];
export type UpdateRecommendationBody = z.input<typeof UpdateRecommendationSchema>;
export type DeliverBody = z.input<typeof DeliverItemSchema>;
export type NotDeliveredBody = z.input<typeof NotDeliveredSchema>;
/** Query parameters as the server reads them (all optional: the server fills its defaults). */
export type MeetingsQuery = Partial<z.output<typeof FindMeetingsQuerySchema>>;
export type CasesQuery = Partial<z.output<typeof FindCasesQuerySchema>>;
export type TrackingQuery = Partial<z.output<typeof TrackingQuerySchema>>;
export type ConcordanceQuery = Partial<z.output<typeof ConcordanceQuerySchema>>;

/** Raw-body upload (the server recognizes the type from the content). */
async function upload(caseId: string, file: File, kind: AttachmentKind): Promise<Attachment> {
  const res = await fetch(`/api/mdt/cases/${caseId}/attachments${qs({ kind, fileName: file.name })}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
  const data = (await res.json().catch(() => null)) as
    { error?: { code?: string; message?: string; details?: ApiError['details'] } } | Attachment | null;
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: ApiError['details'] } } | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? 'HTTP',
      err?.message ?? res.statusText,
      res.headers.get('x-request-id'),
      err?.details ?? {},
    );
  }
  return data as Attachment;
}

type ParticipantList = z.output<typeof ParticipantListSchema>;

export const mdtApi = {
  meetings: (q: MeetingsQuery, signal?: AbortSignal) => get<Page<Meeting>>(`/api/mdt/meetings${qs({ pageSize: 200, ...q })}`, signal),
  meeting: (id: string, signal?: AbortSignal) => get<MeetingDetail>(`/api/mdt/meetings/${id}`, signal),
  createMeeting: (body: CreateMeetingBody) => post<z.output<typeof CreatedMeetingSchema>>('/api/mdt/meetings', body, CreateMeetingSchema),
  updateMeeting: (id: string, body: UpdateMeetingBody) => patch<Meeting>(`/api/mdt/meetings/${id}`, body, UpdateMeetingSchema),
  meetingAction: (id: string, action: z.input<typeof MeetingActionSchema>['action'], version: number, reason?: string) =>
    post<Meeting>(`/api/mdt/meetings/${id}/status`, { action, version, ...(reason ? { reason } : {}) } satisfies z.input<
      typeof MeetingActionSchema
    >),
  invite: (id: string, body: InviteBody) => post<ParticipantList>(`/api/mdt/meetings/${id}/participants`, body, InviteParticipantSchema),
  removeParticipant: (participantId: string) => api<ParticipantList>('DELETE', `/api/mdt/participants/${participantId}`, {}),
  checkIn: (id: string, body: AttendanceBody) => post<ParticipantList>(`/api/mdt/meetings/${id}/attendance`, body, AttendanceSchema),
  reorder: (id: string, caseIds: string[], version: number) => post<MeetingDetail>(`/api/mdt/meetings/${id}/agenda`, { caseIds, version }),
  submitCase: (meetingId: string, body: SubmitCaseBody) => post<CaseDetail>(`/api/mdt/meetings/${meetingId}/cases`, body, SubmitCaseSchema),
  cases: (q: CasesQuery, signal?: AbortSignal) => get<Page<CaseSummary>>(`/api/mdt/cases${qs({ pageSize: 100, ...q })}`, signal),
  case: (id: string, signal?: AbortSignal) => get<CaseDetail>(`/api/mdt/cases/${id}`, signal),
  updateCase: (id: string, body: UpdateCaseBody) => patch<CaseDetail>(`/api/mdt/cases/${id}`, body, UpdateCaseSchema),
  triage: (id: string, body: TriageBody) => post<CaseDetail>(`/api/mdt/cases/${id}/triage`, body, TriageCaseSchema),
  refreshSnapshot: (id: string) => post<CaseDetail>(`/api/mdt/cases/${id}/snapshot`),
  recommend: (id: string, body: RecommendationInput) =>
    post<Recommendation>(`/api/mdt/cases/${id}/recommendation`, body, RecordRecommendationSchema),
  amendRecommendation: (id: string, body: UpdateRecommendationBody) =>
    patch<Recommendation>(`/api/mdt/cases/${id}/recommendation`, body, UpdateRecommendationSchema),
  upload,
  removeAttachment: (id: string) => api<null>('DELETE', `/api/mdt/attachments/${id}`, {}),
  attachmentUrl: (id: string) => `/api/mdt/attachments/${id}`,
  letterUrl: (caseId: string, lang: 'zh-CN' | 'en') => `/api/mdt/cases/${caseId}/letter.pdf${lang === 'en' ? '?lang=en' : ''}`,
  patientSummaryUrl: (caseId: string) => `/api/mdt/cases/${caseId}/patient-summary.pdf`,
  tracking: (q: TrackingQuery, signal?: AbortSignal) => get<TrackingPage>(`/api/mdt/tracking${qs({ pageSize: 50, ...q })}`, signal),
  deliver: (id: string, body: DeliverBody) => post<TrackedItem>(`/api/mdt/tracking/${id}/deliver`, body, DeliverItemSchema),
  notDelivered: (id: string, body: NotDeliveredBody) =>
    post<TrackedItem>(`/api/mdt/tracking/${id}/not-delivered`, body, NotDeliveredSchema),
  concordance: (q: ConcordanceQuery, signal?: AbortSignal) => get<Concordance>(`/api/mdt/concordance${qs(q)}`, signal),
  worklist: (signal?: AbortSignal) => get<Worklist>('/api/mdt/worklist', signal),
};
