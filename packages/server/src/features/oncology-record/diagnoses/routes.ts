import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { createDiagnosis } from './create-diagnosis.js';
import { createMarker } from './create-marker.js';
import { createPerformanceStatus } from './create-performance-status.js';
import { deleteDiagnosis } from './delete-diagnosis.js';
import { deletePatientRecord } from './delete-record.js';
import {
  CreateDiagnosisSchema,
  CreateMarkerSchema,
  CreatePerformanceStatusSchema,
  DiagnosisSchema,
  MarkerSchema,
  PerformanceStatusSchema,
  UpdateDiagnosisSchema,
  UpdateMarkerSchema,
  UpdatePerformanceStatusSchema,
} from '@gisurg/contracts/oncology-record';
import { DeleteRecordSchema } from '@gisurg/contracts';
import { DeletedSchema } from '@gisurg/contracts/oncology-record';
import { updateDiagnosis } from './update-diagnosis.js';
import { updateMarker } from './update-marker.js';
import { updatePerformanceStatus } from './update-performance-status.js';

const tags = ['oncology'];

/** Diagnoses, tumour markers and performance status of the oncology record (issue 5). */
export function diagnosisRoutes(app: FastifyInstance): void {
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
    handler: async (req, _reply, ctx) => createDiagnosis(ctx, req.params.id, req.body),
    created: true,
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
    handler: async (req, _reply, ctx) => createMarker(ctx, req.params.id, req.body),
    created: true,
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
    handler: async (req, _reply, ctx) => createPerformanceStatus(ctx, req.params.id, req.body),
    created: true,
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
}
