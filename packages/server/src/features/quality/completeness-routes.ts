import type { FastifyInstance } from 'fastify';
import { UuidParamSchema } from '@gisurg/contracts';
import { CareChecklistSchema, CompletenessQuerySchema, CompletenessSchema } from '@gisurg/contracts/quality-completeness';
import { defineRoute } from '../../http/route.js';
import { getCareChecklist } from './get-care-checklist.js';
import { getCompleteness } from './get-completeness.js';

const tags = ['quality'];

/** Standardized care, case by case (issue 12, docs/quality.md): a patient's checklist and the department's completeness. */
export function completenessRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/patients/:id/care-checklist',
    access: 'oncology:read',
    audit: { resourceType: 'patient', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      response: { 200: CareChecklistSchema },
      summary: "A cancer patient's standardized-care checklist: what the rules require, what is missing, the completeness score",
      tags,
    },
    handler: async (req, _reply, ctx) => getCareChecklist(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality/completeness',
    access: 'quality:read',
    schema: {
      querystring: CompletenessQuerySchema,
      response: { 200: CompletenessSchema },
      summary: 'Record completeness over the cancer operations dated in [from, to], per surgeon, with the worklist of incomplete records',
      tags,
    },
    handler: async (req, _reply, ctx) => getCompleteness(ctx, req.query),
  });
}
