import { get, patch, post, qs } from '../../app/api';
import type { Organization, Page, Patient } from '../../app/types';

export type PatientInput = {
  name: string;
  sex: Patient['sex'];
  birthDate: string;
  idType: Patient['idType'];
  idNumber: string | null;
  inpatientNo: string | null;
  phone: string | null;
  address: string | null;
  ethnicity: string | null;
  allergies: string | null;
  sourceOrganizationId: string | null;
};

export const patientsApi = {
  find: (q: string, page: number, pageSize: number, signal?: AbortSignal) =>
    get<Page<Patient>>(`/api/patients${qs({ q, page, pageSize })}`, signal),
  get: (id: string, signal?: AbortSignal) => get<Patient>(`/api/patients/${id}`, signal),
  create: (input: PatientInput) => post<Patient>('/api/patients', input),
  update: (id: string, version: number, input: Partial<PatientInput>) => patch<Patient>(`/api/patients/${id}`, { ...input, version }),
  externalOrganizations: (signal?: AbortSignal) => get<Page<Organization>>('/api/organizations?pageSize=500', signal),
};
