import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { createDiagnosis } from './create-diagnosis.js';
import { createMarker } from './create-marker.js';
import { createPerformanceStatus } from './create-performance-status.js';
import { deleteDiagnosis } from './delete-diagnosis.js';
import { deletePathology } from './delete-pathology.js';
import { deletePatientRecord } from './delete-record.js';
import { getOncologySummary } from './get-oncology-summary.js';
import { putPathology } from './put-pathology.js';
import {
  CreateDiagnosisSchema,
  CreateMarkerSchema,
  CreatePerformanceStatusSchema,
  DiagnosisSchema,
  MarkerSchema,
  PathologySchema,
  PerformanceStatusSchema,
  PutPathologySchema,
  UpdateDiagnosisSchema,
  UpdateMarkerSchema,
  UpdatePerformanceStatusSchema,
} from './schemas.js';
import { DeleteRecordSchema } from '@gisurg/contracts';
import { DeletedSchema, OncologySummarySchema } from './summary-schema.js';
import { updateDiagnosis } from './update-diagnosis.js';
import { updateMarker } from './update-marker.js';
import { updatePerformanceStatus } from './update-performance-status.js';

const tags = ['oncology'];

/** Oncology record: summary, diagnoses, tumour markers, performance status, pathology (issue 5). */
export function oncologyRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/patients/:id/oncology-summary',
    access: 'oncology:read',
    audit: { resourceType: 'patient', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      response: { 200: OncologySummarySchema },
      summary: 'Oncology summary of a patient (diagnoses, stages, operations, PCI/CC, CCI, markers, ECOG/KPS)',
      tags,
    },
    handler: async (req, _reply, ctx) => getOncologySummary(ctx, req.params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/patients/:id/diagnoses',
    access: 'oncology:write',
    audit: { resourceType: 'patient', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: CreateDiagnosisSchema,
      response: { 201: DiagnosisSchema },
      summary: 'Record a diagnosis; the clinical stage is computed (AJCC 8)',
      tags,
    },
    handler: async (req, reply, ctx) => {
      const d = await createDiagnosis(ctx, req.params.id, req.body);
      void reply.status(201);
      return d;
    },
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/diagnoses/:id',
    access: 'oncology:write',
    audit: { resourceType: 'diagnosis', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: UpdateDiagnosisSchema,
      response: { 200: DiagnosisSchema },
      summary: 'Edit a diagnosis (send the version you edit)',
      tags,
    },
    handler: async (req, _reply, ctx) => updateDiagnosis(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/diagnoses/:id',
    access: 'oncology:write',
    audit: { resourceType: 'diagnosis', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: DeleteRecordSchema,
      response: { 200: DeletedSchema },
      summary: 'Soft-delete a diagnosis with a reason',
      tags,
    },
    handler: async (req, _reply, ctx) => deleteDiagnosis(ctx, req.params.id, req.body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/patients/:id/markers',
    access: 'oncology:write',
    audit: { resourceType: 'patient', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: CreateMarkerSchema,
      response: { 201: MarkerSchema },
      summary: 'Record a tumour marker (CEA, CA19-9, CA125, CA72-4)',
      tags,
    },
    handler: async (req, reply, ctx) => {
      const m = await createMarker(ctx, req.params.id, req.body);
      void reply.status(201);
      return m;
    },
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/markers/:id',
    access: 'oncology:write',
    audit: { resourceType: 'tumor_marker', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: UpdateMarkerSchema,
      response: { 200: MarkerSchema },
      summary: 'Edit a tumour marker result',
      tags,
    },
    handler: async (req, _reply, ctx) => updateMarker(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/markers/:id',
    access: 'oncology:write',
    audit: { resourceType: 'tumor_marker', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: DeleteRecordSchema,
      response: { 200: DeletedSchema },
      summary: 'Soft-delete a tumour marker result with a reason',
      tags,
    },
    handler: async (req, _reply, ctx) => deletePatientRecord(ctx, 'marker', req.params.id, req.body),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/patients/:id/performance-status',
    access: 'oncology:write',
    audit: { resourceType: 'patient', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: CreatePerformanceStatusSchema,
      response: { 201: PerformanceStatusSchema },
      summary: 'Record ECOG and/or Karnofsky',
      tags,
    },
    handler: async (req, reply, ctx) => {
      const ps = await createPerformanceStatus(ctx, req.params.id, req.body);
      void reply.status(201);
      return ps;
    },
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/performance-status/:id',
    access: 'oncology:write',
    audit: { resourceType: 'performance_status', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: UpdatePerformanceStatusSchema,
      response: { 200: PerformanceStatusSchema },
      summary: 'Edit an ECOG/KPS entry',
      tags,
    },
    handler: async (req, _reply, ctx) => updatePerformanceStatus(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/performance-status/:id',
    access: 'oncology:write',
    audit: { resourceType: 'performance_status', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: DeleteRecordSchema,
      response: { 200: DeletedSchema },
      summary: 'Soft-delete an ECOG/KPS entry with a reason',
      tags,
    },
    handler: async (req, _reply, ctx) => deletePatientRecord(ctx, 'performanceStatus', req.params.id, req.body),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/operations/:id/pathology',
    access: 'oncology:write',
    audit: { resourceType: 'operation', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: PutPathologySchema,
      response: { 200: PathologySchema },
      summary: 'Create or replace the pathology of an operation; N, p/yp stage and node adequacy are computed',
      tags,
    },
    handler: async (req, _reply, ctx) => putPathology(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/operations/:id/pathology',
    access: 'oncology:write',
    audit: { resourceType: 'operation', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: DeleteRecordSchema,
      response: { 200: DeletedSchema },
      summary: 'Soft-delete the pathology of an operation with a reason',
      tags,
    },
    handler: async (req, _reply, ctx) => deletePathology(ctx, req.params.id, req.body),
  });
}
