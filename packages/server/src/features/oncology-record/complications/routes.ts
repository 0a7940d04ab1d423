import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../../http/route.js';
import { DeleteRecordSchema, UuidParamSchema } from '@gisurg/contracts';
import { ComplicationSchema, CreateComplicationSchema, OperationSchema, UpdateComplicationSchema } from '@gisurg/contracts/oncology-record';
import { DeletedSchema } from '@gisurg/contracts/oncology-record';
import { createComplication } from './create-complication.js';
import { deleteComplication } from './delete-complication.js';
import { updateComplication } from './update-complication.js';

const tags = ['surgery'];
const WithCci = ComplicationSchema.extend({ cci30: OperationSchema.shape.cci30, cci90: OperationSchema.shape.cci90 });

/** Complications of an operation (Clavien–Dindo) with the operation's CCI (issue 5). */
export function complicationRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/operations/:id/complications',
    access: 'oncology:write',
    audit: { resourceType: 'operation', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: CreateComplicationSchema,
      response: { 201: WithCci },
      summary: 'Record a complication (Clavien–Dindo); the operation’s CCI is recomputed',
      tags,
    },
    handler: async (req, _reply, ctx) => createComplication(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/complications/:id',
    access: 'oncology:write',
    audit: { resourceType: 'complication', idParam: 'id' },
    schema: { params: UuidParamSchema, body: UpdateComplicationSchema, response: { 200: WithCci }, summary: 'Edit a complication', tags },
    handler: async (req, _reply, ctx) => updateComplication(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/complications/:id',
    access: 'oncology:write',
    audit: { resourceType: 'complication', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: DeleteRecordSchema,
      response: { 200: DeletedSchema },
      summary: 'Soft-delete a complication with a reason',
      tags,
    },
    handler: async (req, _reply, ctx) => deleteComplication(ctx, req.params.id, req.body),
  });
}
