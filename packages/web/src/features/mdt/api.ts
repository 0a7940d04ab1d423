import { ApiError, api, get, patch, post, qs } from '../../app/api';
import type { Page } from '../../app/types';

/** Shapes of the tumor-board API (server: features/mdt/schemas.ts; OpenAPI at /api/docs). */
export type TumorGroup = 'gastric' | 'colorectal' | 'peritoneal';
export type MeetingKind = 'intra' | 'inter';
export type MeetingStatus = 'scheduled' | 'in_progress' | 'closed' | 'cancelled';
export type CaseStatus = 'submitted' | 'scheduled' | 'deferred' | 'rejected' | 'decided' | 'completed';
export type PlanItemKind =
  'surgery' | 'crs_hipec' | 'chemotherapy' | 'radiotherapy' | 'imaging' | 'biopsy' | 'trial' | 'supportive' | 'follow_up';
export type ItemStatus = 'pending' | 'overdue' | 'delivered' | 'not_delivered';
export type NotDeliveredReason = 'patient_choice' | 'did_not_attend' | 'clinical_change' | 'comorbidity' | 'died' | 'other';
export type AttachmentKind = 'imaging_report' | 'pathology_report' | 'key_image' | 'other';
export type Intent = 'curative' | 'palliative';

export const TUMOR_GROUPS: TumorGroup[] = ['gastric', 'colorectal', 'peritoneal'];
export const PLAN_ITEM_KINDS: PlanItemKind[] = [
  'surgery',
  'crs_hipec',
  'chemotherapy',
  'radiotherapy',
  'imaging',
  'biopsy',
  'trial',
  'supportive',
  'follow_up',
];
export const NOT_DELIVERED_REASONS: NotDeliveredReason[] = [
  'patient_choice',
  'did_not_attend',
  'clinical_change',
  'comorbidity',
  'died',
  'other',
];
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
export const ATTACHMENT_KINDS: AttachmentKind[] = ['imaging_report', 'pathology_report', 'key_image', 'other'];

export interface PersonRef {
  id: string;
  name: string;
}

export interface Meeting {
  id: string;
  version: number;
  seriesId: string | null;
  tumorGroup: TumorGroup;
  kind: MeetingKind;
  title: string | null;
  startsAt: string;
  durationMinutes: number;
  place: string | null;
  videoLink: string | null;
  chair: PersonRef | null;
  status: MeetingStatus;
  statusReason: string | null;
  startedAt: string | null;
  closedAt: string | null;
  counts: { agenda: number; triage: number; decided: number };
  createdAt: string;
}

export interface Participant {
  id: string;
  userId: string | null;
  name: string;
  specialty: string;
  title: string | null;
  organizationId: string | null;
  hospital: string | null;
  role: 'chair' | 'member' | 'guest';
  invited: boolean;
  checkedInAt: string | null;
}

export interface ItemBrief {
  id: string;
  kind: PlanItemKind;
  status: ItemStatus;
  dueDate: string;
}

export interface CaseSummary {
  id: string;
  version: number;
  meeting: { id: string; startsAt: string; tumorGroup: TumorGroup; kind: MeetingKind; status: MeetingStatus };
  patient: { id: string; name: string; sex: 'male' | 'female' | 'unknown'; age: number; inpatientNo: string | null };
  submittingOrganization: PersonRef;
  submittedBy: PersonRef;
  question: string;
  urgency: 'routine' | 'urgent';
  presentingSpecialty: string | null;
  status: CaseStatus;
  statusReason: string | null;
  agendaOrder: number | null;
  decidedAt: string | null;
  items: ItemBrief[];
  createdAt: string;
  updatedAt: string;
}

export interface MeetingDetail extends Meeting {
  participants: Participant[];
  agenda: CaseSummary[];
  triage: CaseSummary[];
}

export interface Stage {
  t: string | null;
  n: string | null;
  m: string | null;
  group: string | null;
  edition: string | null;
}

export interface ClinicalSnapshot {
  capturedAt: string;
  source: 'oncology_record' | 'demographics_only';
  patient: {
    id: string;
    name: string;
    sex: 'male' | 'female' | 'unknown';
    birthDate: string;
    age: number;
    inpatientNo: string | null;
    sourceOrganizationName: string | null;
  };
  diagnoses: {
    id: string;
    site: string;
    icd10: string;
    label: string | null;
    diagnosedOn: string | null;
    histology: string | null;
    clinicalStage: Stage | null;
    pathologicalStage: Stage | null;
  }[];
  pci: { total: number; regions: number[] | null; cc: string | null; assessedOn: string } | null;
  operations: { id: string; date: string; approach: string | null; procedureCodes: string[]; label: string | null }[];
  pathology: {
    reportedOn: string;
    summary: string;
    lymphNodes: { examined: number; positive: number } | null;
    margin: string | null;
  } | null;
  markers: { name: string; value: number; unit: string; measuredOn: string; upperLimit: number | null }[];
  ecog: { score: number; assessedOn: string } | null;
}

export interface Attachment {
  id: string;
  caseId: string;
  kind: AttachmentKind;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: PersonRef;
  createdAt: string;
}

export interface TrackedItem {
  id: string;
  version: number;
  caseId: string;
  patientId: string;
  position: number;
  kind: PlanItemKind;
  detail: string | null;
  approach: string | null;
  timing: string | null;
  requiresAdmission: boolean;
  dueDate: string;
  status: ItemStatus;
  overdue: boolean;
  deliveredVia: 'operation' | 'admission' | 'manual' | null;
  deliveredOn: string | null;
  evidence: string | null;
  notDeliveredReason: NotDeliveredReason | null;
  notDeliveredText: string | null;
  closedAt: string | null;
  bookedFor: string | null;
  admittedAt: string | null;
}

export interface Recommendation {
  id: string;
  version: number;
  caseId: string;
  intent: Intent;
  summary: string | null;
  guideline: string | null;
  guidelineVersion: string | null;
  deviationReason: string | null;
  consensus: boolean;
  dissent: { name: string | null; specialty: string | null; view: string }[];
  executingSpecialty: string | null;
  responsible: { userId: string | null; name: string } | null;
  patientSummary: string;
  decidedAt: string;
  decidedOn: string;
  decidedBy: PersonRef;
  items: TrackedItem[];
}

export interface CaseDetail extends Omit<CaseSummary, 'meeting'> {
  summary: string | null;
  meeting: CaseSummary['meeting'] & { place: string | null; videoLink: string | null; title: string | null };
  snapshot: ClinicalSnapshot;
  snapshotAt: string;
  attachments: Attachment[];
  attendees: Participant[];
  recommendation: Recommendation | null;
  events: {
    at: string;
    action: string;
    fromStatus: string | null;
    toStatus: string | null;
    actorName: string | null;
    note: string | null;
  }[];
}

export interface TrackingRow extends TrackedItem {
  patientName: string;
  inpatientNo: string | null;
  tumorGroup: TumorGroup;
  meetingId: string;
  meetingStartsAt: string;
  responsibleName: string | null;
}

export interface Counts {
  cases: number;
  delivered: number;
  partly: number;
  notDelivered: number;
  pending: number;
  concordanceRate: number | null;
}

export interface Concordance {
  from: string | null;
  to: string | null;
  overall: Counts;
  byTumorGroup: (Counts & { tumorGroup: TumorGroup })[];
  byMeeting: (Counts & { meetingId: string; startsAt: string; tumorGroup: TumorGroup; kind: MeetingKind })[];
  byMonth: (Counts & { month: string })[];
  items: { delivered: number; notDelivered: number; pending: number; overdue: number };
  notDeliveredReasons: { reason: NotDeliveredReason; count: number }[];
}

export interface Worklist {
  triage: CaseSummary[];
  overdue: TrackingRow[];
  stuck: { entity: 'mdt_meeting' | 'mdt_case'; id: string; status: string; since: string; label: string }[];
}

export interface PlanItemInput {
  kind: PlanItemKind;
  dueDate: string;
  detail?: string | null;
  approach?: string | null;
  timing?: string | null;
  requiresAdmission?: boolean;
}

export interface RecommendationInput {
  intent: Intent;
  items: PlanItemInput[];
  summary?: string | null;
  guideline?: string | null;
  guidelineVersion?: string | null;
  deviationReason?: string | null;
  consensus: boolean;
  dissent?: { name?: string | null; specialty?: string | null; view: string }[];
  executingSpecialty?: string | null;
  responsibleUserId?: string | null;
}

export interface PersonInput {
  participantId?: string;
  userId?: string;
  name?: string;
  specialty?: string;
  title?: string;
  organizationId?: string;
  hospitalName?: string;
  role?: Participant['role'];
  checkedIn?: boolean;
}

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

export const mdtApi = {
  meetings: (
    q: { from?: string; to?: string; tumorGroup?: TumorGroup; kind?: MeetingKind; status?: MeetingStatus; pageSize?: number },
    signal?: AbortSignal,
  ) => get<Page<Meeting>>(`/api/mdt/meetings${qs({ pageSize: 200, ...q })}`, signal),
  meeting: (id: string, signal?: AbortSignal) => get<MeetingDetail>(`/api/mdt/meetings/${id}`, signal),
  createMeeting: (body: Record<string, unknown>) => post<Meeting & { seriesMeetingIds: string[] }>('/api/mdt/meetings', body),
  updateMeeting: (id: string, body: Record<string, unknown>) => patch<Meeting>(`/api/mdt/meetings/${id}`, body),
  meetingAction: (id: string, action: 'start' | 'close' | 'cancel', version: number, reason?: string) =>
    post<Meeting>(`/api/mdt/meetings/${id}/status`, { action, version, ...(reason ? { reason } : {}) }),
  invite: (id: string, body: PersonInput) => post<{ participants: Participant[] }>(`/api/mdt/meetings/${id}/participants`, body),
  removeParticipant: (participantId: string) =>
    api<{ participants: Participant[] }>('DELETE', `/api/mdt/participants/${participantId}`, {}),
  checkIn: (id: string, body: PersonInput) => post<{ participants: Participant[] }>(`/api/mdt/meetings/${id}/attendance`, body),
  reorder: (id: string, caseIds: string[], version: number) => post<MeetingDetail>(`/api/mdt/meetings/${id}/agenda`, { caseIds, version }),
  submitCase: (
    meetingId: string,
    body: {
      patientId: string;
      question: string;
      summary?: string | null;
      urgency: 'routine' | 'urgent';
      presentingSpecialty?: string | null;
    },
  ) => post<CaseDetail>(`/api/mdt/meetings/${meetingId}/cases`, body),
  cases: (q: { patientId?: string; status?: CaseStatus; meetingId?: string; pageSize?: number }, signal?: AbortSignal) =>
    get<Page<CaseSummary>>(`/api/mdt/cases${qs({ pageSize: 100, ...q })}`, signal),
  case: (id: string, signal?: AbortSignal) => get<CaseDetail>(`/api/mdt/cases/${id}`, signal),
  updateCase: (id: string, body: Record<string, unknown>) => patch<CaseDetail>(`/api/mdt/cases/${id}`, body),
  triage: (id: string, body: { action: 'schedule' | 'defer' | 'reject'; meetingId?: string; reason?: string; version?: number }) =>
    post<CaseDetail>(`/api/mdt/cases/${id}/triage`, body),
  refreshSnapshot: (id: string) => post<CaseDetail>(`/api/mdt/cases/${id}/snapshot`),
  recommend: (id: string, body: RecommendationInput) => post<Recommendation>(`/api/mdt/cases/${id}/recommendation`, body),
  amendRecommendation: (id: string, body: Record<string, unknown>) => patch<Recommendation>(`/api/mdt/cases/${id}/recommendation`, body),
  upload,
  removeAttachment: (id: string) => api<null>('DELETE', `/api/mdt/attachments/${id}`, {}),
  attachmentUrl: (id: string) => `/api/mdt/attachments/${id}`,
  letterUrl: (caseId: string, lang: 'zh-CN' | 'en') => `/api/mdt/cases/${caseId}/letter.pdf${lang === 'en' ? '?lang=en' : ''}`,
  patientSummaryUrl: (caseId: string) => `/api/mdt/cases/${caseId}/patient-summary.pdf`,
  tracking: (
    q: { status?: ItemStatus; tumorGroup?: TumorGroup; patientId?: string; page?: number; pageSize?: number },
    signal?: AbortSignal,
  ) => get<Page<TrackingRow>>(`/api/mdt/tracking${qs({ pageSize: 50, ...q })}`, signal),
  deliver: (id: string, body: { evidence: string; deliveredOn?: string; version?: number }) =>
    post<TrackedItem>(`/api/mdt/tracking/${id}/deliver`, body),
  notDelivered: (id: string, body: { reason: NotDeliveredReason; reasonText?: string; version?: number }) =>
    post<TrackedItem>(`/api/mdt/tracking/${id}/not-delivered`, body),
  concordance: (q: { from?: string; to?: string; tumorGroup?: TumorGroup; kind?: MeetingKind }, signal?: AbortSignal) =>
    get<Concordance>(`/api/mdt/concordance${qs(q)}`, signal),
  worklist: (signal?: AbortSignal) => get<Worklist>('/api/mdt/worklist', signal),
};
