import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  FollowUpSchema,
  FollowUpSettingsSchema,
  ProAlertsSchema,
  ProAnswersSchema,
  ProInvitationSchema,
  ProQuestionnaireSchema,
  SurvivalRequestSchema,
  SurvivalSchema,
  WorklistQuerySchema,
  WorklistSchema,
} from '@gisurg/contracts/followup';
import {
  AdjustPlanSchema,
  AlertLinksSchema,
  AttemptBodySchema,
  ContactBodySchema,
  HandleAlertSchema,
  UpdateFollowUpSettingsSchema,
} from '@gisurg/contracts/followup';
import type { AlertLinkCandidates, AttemptResult } from '@gisurg/contracts/followup';
import { FOLLOW_UP_IMPORT_TYPES, type FollowUpImportReportSchema } from '@gisurg/contracts/followup';
import { api, ApiError, currentApiLocale, get, patch, post, qs } from '../../app/api';

export type FollowUp = z.output<typeof FollowUpSchema>;
export type ContactBody = z.input<typeof ContactBodySchema>;
export type AdjustPlan = z.input<typeof AdjustPlanSchema>;
export type Worklist = z.output<typeof WorklistSchema>;
export type WorklistQuery = z.input<typeof WorklistQuerySchema>;
export type ProAlerts = z.output<typeof ProAlertsSchema>;
export type HandleAlert = z.input<typeof HandleAlertSchema>;
export type SurvivalRequest = z.input<typeof SurvivalRequestSchema>;
export type Survival = z.output<typeof SurvivalSchema>;
export type ProInvitation = z.output<typeof ProInvitationSchema>;
export type ProQuestionnaire = z.output<typeof ProQuestionnaireSchema>;
export type ProAnswers = z.input<typeof ProAnswersSchema>;
export type FollowUpSettings = z.output<typeof FollowUpSettingsSchema>;
export type UpdateFollowUpSettings = z.input<typeof UpdateFollowUpSettingsSchema>;
export type AttemptBody = z.input<typeof AttemptBodySchema>;
export type AlertLinks = z.input<typeof AlertLinksSchema>;

export const followUpKeys = {
  patient: (id: string) => ['follow-up', 'patient', id] as const,
  worklist: (q: WorklistQuery) => ['follow-up', 'worklist', q] as const,
  alerts: (status: string) => ['follow-up', 'alerts', status] as const,
};

export function useFollowUp(patientId: string) {
  return useQuery({
    queryKey: followUpKeys.patient(patientId),
    queryFn: ({ signal }) => get<FollowUp>(`/api/patients/${patientId}/follow-up`, signal),
  });
}

export function useRecordContact(patientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactBody) => post<{ id: string }>(`/api/patients/${patientId}/follow-up/contacts`, body, ContactBodySchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['follow-up'] }),
  });
}

export function useAdjustPlan(patientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, body }: { planId: string; body: AdjustPlan }) =>
      patch<{ id: string }>(`/api/follow-up/plans/${planId}`, body, AdjustPlanSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: followUpKeys.patient(patientId) }),
  });
}

export function useInvite(patientId: string) {
  return useMutation({ mutationFn: () => post<ProInvitation>(`/api/patients/${patientId}/pro-invitations`) });
}

export function useWorklist(q: WorklistQuery) {
  return useQuery({
    queryKey: followUpKeys.worklist(q),
    queryFn: ({ signal }) => get<Worklist>(`/api/follow-up/worklist${qs({ due: q.due, site: q.site, surgeonId: q.surgeonId })}`, signal),
  });
}

/** Alerts refresh every 30 s, so an answer past a threshold shows up within a minute. */
export function useAlerts(status: 'open' | 'handled' | 'all' = 'open') {
  return useQuery({
    queryKey: followUpKeys.alerts(status),
    queryFn: ({ signal }) => get<ProAlerts>(`/api/follow-up/alerts${qs({ status })}`, signal),
    refetchInterval: 30_000,
  });
}

export function useHandleAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: HandleAlert }) =>
      post<{ id: string }>(`/api/follow-up/alerts/${id}/handle`, body, HandleAlertSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['follow-up', 'alerts'] }),
  });
}

/** A failed contact attempt; the answer says how many since the last contact and whether the patient is now lost. */
export function useRecordAttempt() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ patientId, body }: { patientId: string; body: AttemptBody }) =>
      post<AttemptResult>(`/api/patients/${patientId}/follow-up/attempts`, body, AttemptBodySchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['follow-up'] }),
  });
}

/** The admissions and complications that may be linked to an alert (only fetched while `id` is set). */
export function useAlertCandidates(id: string | null) {
  return useQuery({
    queryKey: ['follow-up', 'alert-candidates', id],
    queryFn: ({ signal }) => get<AlertLinkCandidates>(`/api/follow-up/alerts/${id}/link-candidates`, signal),
    enabled: id !== null,
  });
}

export function useLinkAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AlertLinks }) =>
      post<{ id: string }>(`/api/follow-up/alerts/${id}/links`, body, AlertLinksSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['follow-up', 'alerts'] }),
  });
}

export function useSurvival(req: SurvivalRequest) {
  return useQuery({ queryKey: ['survival', req], queryFn: () => post<Survival>('/api/analytics/survival', req) });
}

export function useFollowUpSettings() {
  return useQuery({
    queryKey: ['follow-up', 'settings'],
    queryFn: ({ signal }) => get<FollowUpSettings>('/api/follow-up/settings', signal),
  });
}

export function useSaveFollowUpSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateFollowUpSettings) =>
      api<FollowUpSettings>('PUT', '/api/follow-up/settings', body, { schema: UpdateFollowUpSettingsSchema }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['follow-up', 'settings'] }),
  });
}

/** Public questionnaire calls: no session, the token travels in the body. */
export const proApi = {
  open: (token: string) => api<ProQuestionnaire>('POST', '/api/pro/questionnaire', { token }, { quiet401: true }),
  answer: (token: string, answers: ProAnswers) => api<{ ok: true }>('POST', '/api/pro/answers', { token, answers }, { quiet401: true }),
};

export type FollowUpImportReport = z.output<typeof FollowUpImportReportSchema>;
export const FOLLOW_UP_IMPORT_TEMPLATE_URL = '/api/follow-up/import/template';

/**
 * Upload a follow-up spreadsheet (raw body, docs/follow-up.md) with upload progress (XMLHttpRequest: fetch has
 * none). Resolves with the report; a refusal is an ApiError whose `details.errors` holds the row errors.
 */
export function uploadFollowUpImport(file: File, dryRun: boolean, onProgress: (percent: number) => void): Promise<FollowUpImportReport> {
  const type = file.name.toLowerCase().endsWith('.csv') ? FOLLOW_UP_IMPORT_TYPES.csv : FOLLOW_UP_IMPORT_TYPES.xlsx;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/follow-up/import${qs({ dryRun: dryRun ? 'true' : undefined })}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', type);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-gisurg-locale', currentApiLocale());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', xhr.statusText || 'network error', null));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status === 200) {
        onProgress(100);
        resolve(data as FollowUpImportReport);
        return;
      }
      const err = (data as { error?: { code?: string; message?: string; requestId?: string; details?: ApiError['details'] } } | null)
        ?.error;
      reject(new ApiError(xhr.status, err?.code ?? 'HTTP', err?.message ?? xhr.statusText, err?.requestId ?? null, err?.details ?? {}));
    };
    xhr.send(file);
  });
}

/** The import as a mutation: a real import refreshes the follow-up lists. */
export function useFollowUpImport(onProgress: (percent: number) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => uploadFollowUpImport(file, dryRun, onProgress),
    onSuccess: (r) => (r.dryRun ? undefined : qc.invalidateQueries({ queryKey: ['follow-up'] })),
  });
}
