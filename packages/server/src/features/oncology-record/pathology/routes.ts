import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../../http/route.js';
import { DeleteRecordSchema, UuidParamSchema } from '@gisurg/contracts';
import { PathologySchema, PutPathologySchema } from '@gisurg/contracts/oncology-record';
import { DeletedSchema } from '@gisurg/contracts/oncology-record';
import { deletePathology } from './delete-pathology.js';
import { putPathology } from './put-pathology.js';

const tags = ['oncology'];

/** The pathology report of an operation (issue 5). */
export function pathologyRoutes(app: FastifyInstance): void {
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
