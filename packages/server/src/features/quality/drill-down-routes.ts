import type { FastifyInstance } from 'fastify';
import { CasesQuerySchema, CasesSchema, FunnelQuerySchema, FunnelSchema } from '@gisurg/contracts/quality';
import { defineRoute } from '../../http/route.js';
import { getCases } from './get-cases.js';
import { getFunnel } from './get-funnel.js';

const tags = ['quality'];

/** The funnel plot of surgeons and the drill-down from a dashboard number to its operations (issue 12, docs/quality.md). */
export function drillDownRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality/funnel',
    access: 'quality:read',
    schema: {
      querystring: FunnelQuerySchema,
      response: { 200: FunnelSchema },
      summary: "One indicator's rate per surgeon against the denominator, with the department rate and 95 % / 99.8 % limits",
      tags,
    },
    handler: async (req, _reply, ctx) => getFunnel(ctx, req.query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality/cases',
    access: 'quality:read',
    schema: {
      querystring: CasesQuerySchema,
      response: { 200: CasesSchema },
      summary: "The operations behind an indicator's numerator, denominator or missing group (researchers: 404)",
      tags,
    },
    handler: async (req, _reply, ctx) => getCases(ctx, req.query),
  });
}
