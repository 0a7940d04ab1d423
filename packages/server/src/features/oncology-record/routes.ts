import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { getOncologySummary } from './get-oncology-summary.js';
import { OncologySummarySchema } from '@gisurg/contracts/oncology-record';

const tags = ['oncology'];

/** The whole oncology record of a patient in one read (issue 5). */
export function summaryRoutes(app: FastifyInstance): void {
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
}
