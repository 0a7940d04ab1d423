import type { z } from 'zod';
import type {
  ComplicationSchema,
  DeletedSchema,
  DiagnosisSchema,
  MarkerSchema,
  OncologySummarySchema,
  OperationSchema,
  PathologySchema,
  PerformanceStatusSchema,
  PeritonealSchema,
} from '@gisurg/contracts/oncology-record';
import {
  CreateComplicationSchema,
  CreateDiagnosisSchema,
  CreateMarkerSchema,
  CreateOperationSchema,
  CreatePerformanceStatusSchema,
  PutPathologySchema,
  PutPeritonealSchema,
  UpdateComplicationSchema,
  UpdateDiagnosisSchema,
  UpdateMarkerSchema,
  UpdateOperationSchema,
  UpdatePerformanceStatusSchema,
} from '@gisurg/contracts/oncology-record';
import { api, get } from '../../app/api';

/** Shapes of the oncology-record API, from the contract the server validates with (@gisurg/contracts/oncology-record). */
export type Diagnosis = z.output<typeof DiagnosisSchema>;
export type Pathology = z.output<typeof PathologySchema>;
export type Peritoneal = z.output<typeof PeritonealSchema>;
export type HipecDrug = NonNullable<Peritoneal['hipec']>['drugs'][number];
export type Complication = z.output<typeof ComplicationSchema>;
export type Operation = z.output<typeof OperationSchema>;
export type Person = NonNullable<Operation['surgeon']>;
export type Marker = z.output<typeof MarkerSchema>;
export type PerformanceStatus = z.output<typeof PerformanceStatusSchema>;
export type OncologySummary = z.output<typeof OncologySummarySchema>;
export type Deleted = z.output<typeof DeletedSchema>;

/** Request bodies: what the server's schema accepts (z.input). */
export type CreateDiagnosisBody = z.input<typeof CreateDiagnosisSchema>;
export type UpdateDiagnosisBody = z.input<typeof UpdateDiagnosisSchema>;
export type CreateMarkerBody = z.input<typeof CreateMarkerSchema>;
export type UpdateMarkerBody = z.input<typeof UpdateMarkerSchema>;
export type CreatePerformanceStatusBody = z.input<typeof CreatePerformanceStatusSchema>;
export type UpdatePerformanceStatusBody = z.input<typeof UpdatePerformanceStatusSchema>;
export type CreateOperationBody = z.input<typeof CreateOperationSchema>;
export type UpdateOperationBody = z.input<typeof UpdateOperationSchema>;
export type PutPathologyBody = z.input<typeof PutPathologySchema>;
export type PutPeritonealBody = z.input<typeof PutPeritonealSchema>;
export type CreateComplicationBody = z.input<typeof CreateComplicationSchema>;
export type UpdateComplicationBody = z.input<typeof UpdateComplicationSchema>;

export const oncologyApi = {
  summary: (patientId: string, signal?: AbortSignal) => get<OncologySummary>(`/api/patients/${patientId}/oncology-summary`, signal),
  createDiagnosis: (patientId: string, body: CreateDiagnosisBody) =>
    api<Diagnosis>('POST', `/api/patients/${patientId}/diagnoses`, body, { schema: CreateDiagnosisSchema }),
  updateDiagnosis: (id: string, body: UpdateDiagnosisBody) =>
    api<Diagnosis>('PATCH', `/api/diagnoses/${id}`, body, { schema: UpdateDiagnosisSchema }),
  createMarker: (patientId: string, body: CreateMarkerBody) =>
    api<Marker>('POST', `/api/patients/${patientId}/markers`, body, { schema: CreateMarkerSchema }),
  createPerformanceStatus: (patientId: string, body: CreatePerformanceStatusBody) =>
    api<PerformanceStatus>('POST', `/api/patients/${patientId}/performance-status`, body, { schema: CreatePerformanceStatusSchema }),
  createOperation: (patientId: string, body: CreateOperationBody) =>
    api<Operation>('POST', `/api/patients/${patientId}/operations`, body, { schema: CreateOperationSchema }),
  updateOperation: (id: string, body: UpdateOperationBody) =>
    api<Operation>('PATCH', `/api/operations/${id}`, body, { schema: UpdateOperationSchema }),
  putPathology: (operationId: string, body: PutPathologyBody) =>
    api<Pathology>('PUT', `/api/operations/${operationId}/pathology`, body, { schema: PutPathologySchema }),
  putPeritoneal: (operationId: string, body: PutPeritonealBody) =>
    api<Peritoneal>('PUT', `/api/operations/${operationId}/peritoneal`, body, { schema: PutPeritonealSchema }),
  createComplication: (operationId: string, body: CreateComplicationBody) =>
    api<Complication>('POST', `/api/operations/${operationId}/complications`, body, { schema: CreateComplicationSchema }),
  updateComplication: (id: string, body: UpdateComplicationBody) =>
    api<Complication>('PATCH', `/api/complications/${id}`, body, { schema: UpdateComplicationSchema }),
  updateMarker: (id: string, body: UpdateMarkerBody) => api<Marker>('PATCH', `/api/markers/${id}`, body, { schema: UpdateMarkerSchema }),
  updatePerformanceStatus: (id: string, body: UpdatePerformanceStatusBody) =>
    api<PerformanceStatus>('PATCH', `/api/performance-status/${id}`, body, { schema: UpdatePerformanceStatusSchema }),
  /** Soft delete with a reason: kind = the collection of the record. */
  remove: (path: string, version: number, reason: string) => api<Deleted>('DELETE', path, { version, reason }),
  staff: (signal?: AbortSignal) =>
    get<{ items: { id: string; displayName: string; role: string; organizationId: string; disabled: boolean }[] }>(
      '/api/users?pageSize=100',
      signal,
    ),
};
