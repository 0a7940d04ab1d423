import type { z } from 'zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CandidatesSchema,
  CohortCriteriaSchema,
  CohortPreviewSchema,
  CreatedSchema,
  DateMode,
  ExportColumn,
  ExportLogSchema,
  FrozenSchema,
  KAnonymitySchema,
  ProjectListSchema,
  ProjectSchema,
  WithdrawBodySchema,
} from '@gisurg/contracts/research';
import { CreateProjectBodySchema, EnrolBodySchema, OutputBodySchema, UpdateProjectBodySchema } from '@gisurg/contracts/research';
import { api, get, patch, post, qs } from '../../app/api';
import { saveResponse } from '../../app/download';

/** The research API, typed from the contract (packages/contracts/src/research.ts). */
export type ProjectList = z.output<typeof ProjectListSchema>;
export type Project = z.output<typeof ProjectSchema>;
export type Candidates = z.output<typeof CandidatesSchema>;
export type CohortPreview = z.output<typeof CohortPreviewSchema>;
export type KAnonymity = z.output<typeof KAnonymitySchema>;
export type ExportLog = z.output<typeof ExportLogSchema>;
export type CohortCriteria = z.input<typeof CohortCriteriaSchema>;
export type CreateProjectBody = z.input<typeof CreateProjectBodySchema>;
export type UpdateProjectBody = z.input<typeof UpdateProjectBodySchema>;
export type OutputBody = z.input<typeof OutputBodySchema>;
export type EnrolBody = z.input<typeof EnrolBodySchema>;
export type WithdrawBody = z.input<typeof WithdrawBodySchema>;

export function useProjects() {
  return useQuery({ queryKey: ['research', 'projects'], queryFn: ({ signal }) => get<ProjectList>('/api/research/projects', signal) });
}

export function useProject(id: string) {
  return useQuery({ queryKey: ['research', 'project', id], queryFn: ({ signal }) => get<Project>(`/api/research/projects/${id}`, signal) });
}

export function useCandidates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['research', 'candidates', id],
    queryFn: ({ signal }) => get<Candidates>(`/api/research/projects/${id}/candidates`, signal),
    enabled,
  });
}

export function useKAnonymity(id: string, columns: ExportColumn[]) {
  return useQuery({
    queryKey: ['research', 'k', id, columns],
    queryFn: ({ signal }) => get<KAnonymity>(`/api/research/projects/${id}/k-anonymity${qs({ columns: columns.join(',') })}`, signal),
    enabled: columns.length > 0,
  });
}

export function useExportLog(id: string) {
  return useQuery({
    queryKey: ['research', 'exports', id],
    queryFn: ({ signal }) => get<ExportLog>(`/api/research/projects/${id}/exports`, signal),
  });
}

/** Every research write refreshes the research queries. */
function useResearchMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['research'] }) });
}

export const useCreateProject = () =>
  useResearchMutation((b: CreateProjectBody) => post<z.output<typeof CreatedSchema>>('/api/research/projects', b, CreateProjectBodySchema));
export const useUpdateProject = (id: string) =>
  useResearchMutation((b: UpdateProjectBody) =>
    patch<{ id: string; version: number }>(`/api/research/projects/${id}`, b, UpdateProjectBodySchema),
  );
export const useAddOutput = (id: string) =>
  useResearchMutation((b: OutputBody) => post<{ id: string }>(`/api/research/projects/${id}/outputs`, b, OutputBodySchema));
export const useDeleteOutput = () =>
  useResearchMutation((outputId: string) => api<{ id: string }>('DELETE', `/api/research/outputs/${outputId}`));
export const usePreviewCohort = () =>
  useMutation({ mutationFn: (c: CohortCriteria) => post<CohortPreview>('/api/research/cohort/preview', c) });
export const useFreezeCohort = (id: string) =>
  useResearchMutation((criteria: CohortCriteria) =>
    post<z.output<typeof FrozenSchema>>(`/api/research/projects/${id}/cohort/freeze`, { criteria }),
  );
export const useEnrol = (id: string) =>
  useResearchMutation((b: EnrolBody) => post<{ pseudonym: string }>(`/api/research/projects/${id}/patients`, b, EnrolBodySchema));
export const useWithdraw = (id: string) =>
  useResearchMutation((a: { patientId: string } & WithdrawBody) =>
    post<{ withdrawnOn: string }>(`/api/research/projects/${id}/patients/${a.patientId}/withdraw`, { date: a.date }),
  );

/** The de-identified export as a file (CSV or Excel). */
export async function downloadExport(id: string, format: 'csv' | 'xlsx', columns: ExportColumn[], dateMode: DateMode): Promise<void> {
  const res = await fetch(`/api/research/projects/${id}/export.${format}${qs({ columns: columns.join(','), dateMode })}`, {
    credentials: 'same-origin',
  });
  await saveResponse(res, `research.${format}`);
}

/** The identified export (department head), with the stated reason. */
export async function downloadIdentified(id: string, format: 'csv' | 'xlsx', reason: string, locale: string): Promise<void> {
  const res = await fetch(`/api/research/projects/${id}/export-identified`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-gisurg-locale': locale },
    body: JSON.stringify({ reason, format }),
  });
  await saveResponse(res, `research-identified.${format}`);
}
