import type { FastifyInstance } from 'fastify';
import { PROCEDURES } from '@gisurg/clinical';
import { defineRoute } from '../../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { DeleteRecordSchema } from '@gisurg/contracts';
import { DeletedSchema } from '@gisurg/contracts/oncology-record';
import { createOperation } from './create-operation.js';
import { deleteOperation } from './delete-operation.js';
import { getOperation } from './get-operation.js';
import { CreateOperationSchema, OperationSchema, ProcedureListSchema, UpdateOperationSchema } from '@gisurg/contracts/oncology-record';
import { updateOperation } from './update-operation.js';

const tags = ['surgery'];

/** Operations (procedures, approach/conversion, staff, times) (issue 5). */
export function operationRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/procedures',
    access: 'oncology:read',
    schema: {
      response: { 200: ProcedureListSchema },
      summary: 'The curated procedure list with ICD-9-CM-3 codes (open / laparoscopic)',
      tags,
    },
    handler: async () => ({
      items: PROCEDURES.map((p) => ({
        code: p.code,
        group: p.group,
        label: { ...p.label },
        icd9cm3: { ...p.icd9cm3 },
        radical: p.radical,
        cytoreductive: p.cytoreductive,
        verified: p.verified,
      })),
    }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/patients/:id/operations',
    access: 'oncology:write',
    audit: { resourceType: 'patient', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: CreateOperationSchema,
      response: { 201: OperationSchema },
      summary: 'Record an operation',
      tags,
    },
    handler: async (req, _reply, ctx) => createOperation(ctx, req.params.id, req.body),
    created: (o) => `/api/operations/${o.id}`,
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/operations/:id',
    access: 'oncology:read',
    audit: { resourceType: 'operation', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      response: { 200: OperationSchema },
      summary: 'One operation with pathology, PCI/HIPEC and complications',
      tags,
    },
    handler: async (req, _reply, ctx) => getOperation(ctx, req.params.id),
    etag: (o) => o.version,
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/operations/:id',
    access: 'oncology:write',
    audit: { resourceType: 'operation', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: UpdateOperationSchema,
      response: { 200: OperationSchema },
      summary: 'Edit an operation (send the version you edit)',
      tags,
    },
    handler: async (req, _reply, ctx) => updateOperation(ctx, req.params.id, req.body),
    etag: (o) => o.version,
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/operations/:id',
    access: 'oncology:write',
    audit: { resourceType: 'operation', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: DeleteRecordSchema,
      response: { 200: DeletedSchema },
      summary: 'Soft-delete an operation with a reason',
      tags,
    },
    handler: async (req, _reply, ctx) => deleteOperation(ctx, req.params.id, req.body),
  });
}
