import type { FastifyInstance } from 'fastify';
import {
  FOLLOW_UP_IMPORT_MAX_BYTES,
  FOLLOW_UP_IMPORT_TYPES,
  FollowUpImportQuerySchema,
  FollowUpImportReportSchema,
} from '@gisurg/contracts/followup';
import { contentDisposition } from '../../core/content-disposition.js';
import { defineRoute } from '../../http/route.js';
import { importFollowUp } from './import/import-follow-up.js';
import { followUpWorkbook } from './import/template.js';

const tags = ['follow-up'];

/**
 * Historic follow-up import (docs/follow-up.md, "历史随访导入"), in its own plugin scope so only this route
 * accepts a raw spreadsheet body (xlsx or text/csv: neither can be sent cross-site without a preflight).
 */
export function followUpImportRoutes(app: FastifyInstance): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      Object.values(FOLLOW_UP_IMPORT_TYPES),
      { parseAs: 'buffer', bodyLimit: FOLLOW_UP_IMPORT_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
    defineRoute(scope, {
      method: 'POST',
      url: '/api/follow-up/import',
      access: 'followup:write',
      bodyLimit: FOLLOW_UP_IMPORT_MAX_BYTES,
      schema: {
        querystring: FollowUpImportQuerySchema,
        response: { 200: FollowUpImportReportSchema },
        summary: 'Import historic follow-up contacts from the xlsx/CSV template (raw body; ?dryRun=true checks only). All rows or none.',
        tags,
      },
      handler: async (req, _reply, ctx) => {
        const body: unknown = req.body;
        return importFollowUp(ctx, Buffer.isBuffer(body) ? body : null, { dryRun: req.query.dryRun });
      },
    });
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/follow-up/import/template',
    access: 'followup:write',
    schema: { summary: 'The follow-up import template (xlsx, with a sheet explaining the columns in Chinese and English)', tags },
    handler: async (_req, reply) => {
      void reply.header('content-type', FOLLOW_UP_IMPORT_TYPES.xlsx);
      void reply.header('content-disposition', contentDisposition('随访导入模板-followup-template.xlsx', 'attachment'));
      return reply.send(await followUpWorkbook());
    },
  });
}
