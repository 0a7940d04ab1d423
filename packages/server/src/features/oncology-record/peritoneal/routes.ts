import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { DeleteRecordSchema } from '@gisurg/contracts';
import { DeletedSchema } from '@gisurg/contracts/oncology-record';
import { deletePeritoneal } from './delete-peritoneal.js';
import { putPeritoneal } from './put-peritoneal.js';
import { PeritonealSchema, PutPeritonealSchema } from '@gisurg/contracts/oncology-record';

const tags = ['peritoneal'];

/** Peritoneal disease of an operation: PCI body diagram, CC, HIPEC perfusion (issue 5). */
export function peritonealRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'PUT',
    url: '/api/operations/:id/peritoneal',
    access: 'oncology:write',
    audit: { resourceType: 'operation', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: PutPeritonealSchema,
      response: { 200: PeritonealSchema },
      summary: 'Create or replace PCI (13 regions), CC and HIPEC of an operation; totals, flags and doses are computed',
      tags,
    },
    handler: async (req, _reply, ctx) => putPeritoneal(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/operations/:id/peritoneal',
    access: 'oncology:write',
    audit: { resourceType: 'operation', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: DeleteRecordSchema,
      response: { 200: DeletedSchema },
      summary: 'Soft-delete the peritoneal record of an operation with a reason',
      tags,
    },
    handler: async (req, _reply, ctx) => deletePeritoneal(ctx, req.params.id, req.body),
  });
}
