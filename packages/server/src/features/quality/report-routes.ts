import type { FastifyInstance } from 'fastify';
import { DigestQuerySchema, DigestSchema, SingleDiseaseQuerySchema } from '@gisurg/contracts/quality-report';
import { defineRoute } from '../../http/route.js';
import { getDigest } from './digest.js';
import { getSingleDiseaseExport } from './single-disease.js';

const tags = ['quality'];

/** The department head's reports (issue 12, docs/quality.md): the single-disease export and the weekly digest. */
export function reportRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality/single-disease',
    access: 'quality:report',
    schema: {
      querystring: SingleDiseaseQuerySchema,
      summary: 'Single-disease (单病种) export: one row per gastric or colorectal resection in [from, to], as .xlsx',
      tags,
    },
    handler: async (req, reply, ctx) => {
      const file = await getSingleDiseaseExport(ctx, req.query);
      void reply.header('content-type', file.contentType);
      void reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      return reply.send(file.body);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality/digest',
    access: 'quality:report',
    schema: {
      querystring: DigestQuerySchema,
      response: { 200: DigestSchema },
      summary: 'Weekly digest: indicators that moved past their target, new CUSUM signals, overdue MDT plan items',
      tags,
    },
    handler: async (req, _reply, ctx) => getDigest(ctx, req.query),
  });
}
