import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { defineRoute } from '../../http/route.js';
import { attachmentStoreFor } from '../../core/attachments.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { getAttachment } from './get-attachment.js';
import { removeAttachment } from './remove-attachment.js';
import { AttachmentSchema, UploadAttachmentQuerySchema } from '@gisurg/contracts/mdt';
import { uploadAttachment } from './upload-attachment.js';
import { contentDisposition } from '../../core/content-disposition.js';

const tags = ['mdt'];
/** Raw file bodies. Browsers cannot send these types cross-site without a CORS preflight (like JSON). */
const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'];

/**
 * Attachments, in their own plugin scope so only the upload route accepts raw file bodies (the rest of the
 * API stays JSON only). Upload: `POST /api/mdt/cases/:id/attachments?kind=…&fileName=…` with the file as the
 * body; the type is taken from the content.
 */
export function attachmentRoutes(app: FastifyInstance, config: Config): void {
  const maxBytes = config.mdt.attachmentMaxBytes;
  const store = attachmentStoreFor(config);
  void app.register(async (scope) => {
    scope.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
    defineRoute(scope, {
      method: 'POST',
      url: '/api/mdt/cases/:id/attachments',
      access: 'mdt:submit',
      audit: { resourceType: 'mdt_case', idParam: 'id' },
      bodyLimit: maxBytes,
      schema: {
        params: UuidParamSchema,
        querystring: UploadAttachmentQuerySchema,
        response: { 201: AttachmentSchema },
        summary: 'Attach a PDF, JPEG or PNG (raw body)',
        tags,
      },
      handler: async (req, _reply, ctx) => {
        const body: unknown = req.body;
        const content = Buffer.isBuffer(body) ? body : null;
        const declared = req.headers['content-type'] ?? null;
        const a = await uploadAttachment(
          ctx,
          req.params.id,
          { content, kind: req.query.kind, fileName: req.query.fileName, declaredType: declared },
          maxBytes,
          store,
        );
        return a;
      },
      created: true,
    });
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/mdt/attachments/:id',
    access: 'mdt:read',
    audit: { resourceType: 'mdt_attachment', idParam: 'id' },
    schema: { params: UuidParamSchema, summary: "An attachment's file (case audience only)", tags },
    handler: async (req, reply, ctx) => {
      const f = await getAttachment(ctx, req.params.id, store);
      void reply.header('content-type', f.contentType);
      void reply.header('content-disposition', contentDisposition(f.fileName, 'inline'));
      // Chromium's built-in PDF viewer is an <embed> that the app-wide `object-src 'none'` blocks
      // (crbug.com/271452). The body is a PDF, JPEG or PNG checked by its magic bytes and served with
      // nosniff, so this response only needs to refuse being framed by other sites.
      void reply.header('content-security-policy', "frame-ancestors 'self'");
      return reply.send(f.content);
    },
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/mdt/attachments/:id',
    access: 'mdt:submit',
    audit: { resourceType: 'mdt_attachment', idParam: 'id' },
    schema: { params: UuidParamSchema, summary: 'Withdraw an attachment uploaded by mistake', tags },
    handler: async (req, reply, ctx) => {
      await removeAttachment(ctx, req.params.id);
      return reply.status(204).send();
    },
  });
}
