import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../../../config.js';
import { AppError } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { validationError, zodIssuesToFields } from '../../../core/validation.js';
import { defineRoute } from '../../../http/route.js';
import { translate, type Locale } from '../../../i18n/messages.js';
import { FhirIdParamSchema } from '@gisurg/contracts/fhir';
import { FhirExportFileParamSchema, FhirExportIdParamSchema, FhirExportQuerySchema } from '@gisurg/contracts/fhir-export';
import { cancelExport, exportFileToSend, exportStatus, startExport, type KickOff } from './service.js';
import { exportFile } from './store.js';

const FHIR_PREFIX = '/fhir/R4';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
/** Seconds a client should wait before polling the status again. */
const RETRY_AFTER_SECONDS = 5;

function parse<S extends z.ZodType>(schema: S, value: unknown, locale: Locale, prefix: string): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw validationError(zodIssuesToFields(r.error.issues, locale).map((f) => ({ ...f, path: f.path ? `${prefix}.${f.path}` : prefix })));
}

const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}${FHIR_PREFIX}`;

/** Bulk Data: the kick-off needs `Prefer: respond-async` (400 OperationOutcome otherwise). */
function requireRespondAsync(req: FastifyRequest): void {
  const prefer = String(req.headers.prefer ?? '');
  if (!prefer.split(/[,;]/).some((p) => p.trim().toLowerCase() === 'respond-async'))
    throw new AppError('VALIDATION', 'fhir.export.preferAsync');
}

/**
 * FHIR Bulk Data `$export` (IG 2.0; docs/fhir.md "Bulk export"), registered inside the FHIR scope (features/fhir/routes.ts),
 * so errors are OperationOutcomes and answers are not cached:
 * - kick-off `GET /$export`, `GET /Patient/$export`, `GET /Group/:id/$export` → 202 + Content-Location;
 * - status `GET /$export-status/:id` → 202 + X-Progress + Retry-After, 200 + manifest, 500 OperationOutcome if failed;
 *   `DELETE` cancels (202);
 * - files `GET /$export-file/:id/<Type>.ndjson` (the caller who started the export only; 404 otherwise).
 */
export function exportRoutes(scope: FastifyInstance, config: Config): void {
  const kickOff = async (
    req: FastifyRequest,
    reply: FastifyReply,
    ctx: UseCaseContext,
    level: KickOff['level'],
    groupId: string | null,
  ) => {
    requireRespondAsync(req);
    const query = parse(FhirExportQuerySchema, req.query, ctx.locale, 'query');
    const id = await startExport(
      ctx,
      { level, groupId, query, requestUrl: `${req.protocol}://${req.host}${req.url}` },
      { ttlMs: config.fhirExport.ttlMs },
    );
    return reply
      .status(202)
      .header('content-location', `${baseUrl(req)}/$export-status/${id}`)
      .type(FHIR_JSON)
      .send(
        JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'information', code: 'informational', diagnostics: translate(ctx.locale, 'fhir.export.accepted') }],
        }),
      );
  };

  for (const [url, level] of [
    ['/$export', 'system'],
    ['/Patient/$export', 'patient'],
  ] as const) {
    defineRoute(scope, {
      method: 'GET',
      url,
      access: 'fhir:export',
      schema: { summary: `FHIR bulk export (${level} level)`, tags: ['fhir'] },
      handler: async (req, reply, ctx) => kickOff(req, reply, ctx, level, null),
    });
  }
  defineRoute(scope, {
    method: 'GET',
    url: '/Group/:id/$export',
    access: 'fhir:export',
    audit: { resourceType: 'Group', idParam: 'id' },
    schema: { summary: 'FHIR bulk export of a Group (a tumor-board meeting’s patients)', tags: ['fhir'] },
    handler: async (req, reply, ctx) => {
      const { id } = parse(FhirIdParamSchema, req.params, ctx.locale, 'id');
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError('NOT_FOUND', 'errors.notFound');
      return kickOff(req, reply, ctx, 'group', id.toLowerCase());
    },
  });

  defineRoute(scope, {
    method: 'GET',
    url: '/$export-status/:id',
    access: 'fhir:export',
    audit: { resourceType: 'fhir_export', idParam: 'id' },
    schema: { summary: 'FHIR bulk export status', tags: ['fhir'] },
    handler: async (req, reply, ctx) => {
      const { id } = parse(FhirExportIdParamSchema, req.params, ctx.locale, 'id');
      const s = await exportStatus(ctx, id, baseUrl(req));
      if (s.state === 'in-progress') {
        return reply.status(202).header('x-progress', s.progress).header('retry-after', String(RETRY_AFTER_SECONDS)).send();
      }
      if (s.state === 'failed') {
        const message = translate(ctx.locale, 'fhir.export.failed');
        return reply
          .status(500)
          .type(FHIR_JSON)
          .send(
            JSON.stringify({
              resourceType: 'OperationOutcome',
              issue: [{ severity: 'error', code: 'exception', details: { text: message } }],
            }),
          );
      }
      return reply.status(200).type('application/json; charset=utf-8').send(JSON.stringify(s.manifest));
    },
  });
  defineRoute(scope, {
    method: 'DELETE',
    url: '/$export-status/:id',
    access: 'fhir:export',
    audit: { resourceType: 'fhir_export', idParam: 'id' },
    schema: { summary: 'Cancel a FHIR bulk export (its files are deleted)', tags: ['fhir'] },
    handler: async (req, reply, ctx) => {
      const { id } = parse(FhirExportIdParamSchema, req.params, ctx.locale, 'id');
      await cancelExport(ctx, id, config.dataDir);
      return reply.status(202).send();
    },
  });
  defineRoute(scope, {
    method: 'GET',
    url: '/$export-file/:id/:file',
    access: 'fhir:export',
    audit: { resourceType: 'fhir_export', idParam: 'id' },
    schema: { summary: 'A file (NDJSON) of a complete FHIR bulk export', tags: ['fhir'] },
    handler: async (req, reply, ctx) => {
      const { id, file } = parse(FhirExportFileParamSchema, req.params, ctx.locale, 'file');
      const out = await exportFileToSend(ctx, id, file);
      return reply
        .status(200)
        .type('application/fhir+ndjson')
        .send(createReadStream(exportFile(config.dataDir, id, out.type)));
    },
  });
}
