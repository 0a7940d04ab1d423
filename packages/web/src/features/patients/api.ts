import { get, patch, post, qs } from '../../app/api';
import type { z } from 'zod';
import { BreakGlassBodySchema, CreatePatientSchema, UpdatePatientSchema } from '@gisurg/contracts/patients';
import type { BreakGlassGrant } from '@gisurg/contracts/patients';
import type { Organization, Page, Patient, PatientPage } from '../../app/types';

/** Request bodies, typed from the contract the server validates with. */
export type PatientInput = z.input<typeof CreatePatientSchema>;
export type PatientUpdate = Omit<z.input<typeof UpdatePatientSchema>, 'version'>;

export const patientsApi = {
  find: (q: string, page: number, pageSize: number, signal?: AbortSignal) =>
    get<PatientPage>(`/api/patients${qs({ q, page, pageSize, with: 'facts' })}`, signal),
  get: (id: string, signal?: AbortSignal) => get<Patient>(`/api/patients/${id}`, signal),
  create: (input: PatientInput) => post<Patient>('/api/patients', input, CreatePatientSchema),
  update: (id: string, version: number, input: PatientUpdate) =>
    patch<Patient>(`/api/patients/${id}`, { ...input, version }, UpdatePatientSchema),
  /** Break-glass (issue 17): open a patient outside one's scope for a few hours, with a reason (audited, reported). */
  breakGlass: (id: string, reason: string) => post<BreakGlassGrant>(`/api/patients/${id}/break-glass`, { reason }, BreakGlassBodySchema),
  externalOrganizations: (signal?: AbortSignal) => get<Page<Organization>>('/api/organizations?pageSize=500', signal),
};
