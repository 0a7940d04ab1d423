import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { attachmentStoreFor } from '../../core/attachments.js';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import {
  AnswerSchema,
  AssignSchema,
  CloseSchema,
  ConsultationAttachmentSchema,
  ConsultationDetailSchema,
  ConsultationListQuerySchema,
  ConsultationListSchema,
  CreateConsultationSchema,
  CreateReferralSchema,
  CreatedConsultationSchema,
  CreatedReferralSchema,
  FiguresQuerySchema,
  FiguresSchema,
  MessageBodySchema,
  PromoteToMdtSchema,
  PromotedSchema,
  StatusResultSchema,
  UploadAttachmentQuerySchema,
  AgreementBodySchema,
  AgreementListSchema,
  AgreementSchema,
  DischargeNoteSchema,
  ExchangeVisitBodySchema,
  ExchangeVisitListSchema,
  ExchangeVisitSchema,
  MarkReadSchema,
  NotificationListSchema,
  OutreachBodySchema,
  OutreachListSchema,
  OutreachSchema,
  ReachListQuerySchema,
  UpdateAgreementSchema,
  UpdateExchangeVisitSchema,
  UpdateOutreachSchema,
} from '@gisurg/contracts/consultations';
import { z } from 'zod';
import { figuresFileName, renderFiguresXlsx } from './figures-xlsx.js';
import { countUnread, listNotifications, markNotificationsRead } from './notifications.js';
import { createOutreach, getOutreach, listOutreach, updateOutreach } from './outreach.js';
import {
  createAgreement,
  createExchangeVisit,
  getAgreement,
  getExchangeVisit,
  listAgreements,
  listExchangeVisits,
  updateAgreement,
  updateExchangeVisit,
} from './partners.js';
import { writeDischargeNote } from './write-discharge-note.js';
import { answerConsultation } from './answer-consultation.js';
import { assignExpert } from './assign-expert.js';
import { getAttachment, uploadAttachment } from './attachments.js';
import { closeConsultation } from './close-consultation.js';
import { createConsultation } from './create-consultation.js';
import { createReferral } from './create-referral.js';
import { findConsultations, getConsultation } from './find-consultations.js';
import { getFigures } from './get-figures.js';
import { promoteToMdt } from './promote-to-mdt.js';
import { replyInformation } from './reply-information.js';
import { requestInformation } from './request-information.js';
import { contentDisposition } from '../../core/content-disposition.js';

const tags = ['consultations'];
const consultation = { resourceType: 'consultation', idParam: 'id' };
const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'];

/** Consultation network (issue 10, docs/consultation.md). */
export function consultationRoutes(app: FastifyInstance, config: Config): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/consultations',
    access: 'consultation:request',
    schema: {
      body: CreateConsultationSchema,
      response: { 201: CreatedConsultationSchema },
      summary: 'Open a consultation for an own patient (deadline from urgency)',
      tags,
    },
    handler: async (req, _reply, ctx) => createConsultation(ctx, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/consultations',
    access: 'consultation:read',
    schema: {
      querystring: ConsultationListQuerySchema,
      response: { 200: ConsultationListSchema },
      summary: 'Consultations (?status, overdue=true, patientId, page, pageSize)',
      tags,
    },
    handler: async (req, _reply, ctx) => findConsultations(ctx, req.query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/consultations/figures',
    access: 'consultation:read',
    schema: { querystring: FiguresQuerySchema, response: { 200: FiguresSchema }, summary: 'Figures per hospital for a year', tags },
    handler: async (req, _reply, ctx) => getFigures(ctx, req.query.year),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/consultations/figures.xlsx',
    access: 'consultation:read',
    schema: { querystring: FiguresQuerySchema, summary: 'The figures as an Excel workbook (one row per hospital)', tags },
    handler: async (req, reply, ctx) => {
      const figures = await getFigures(ctx, req.query.year);
      const file = await renderFiguresXlsx(figures, ctx.locale);
      void reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      void reply.header('content-disposition', contentDisposition(figuresFileName(figures.year, ctx.locale)));
      return reply.send(file);
    },
  });
  reachRoutes(app);
  defineRoute(app, {
    method: 'GET',
    url: '/api/consultations/:id',
    access: 'consultation:read',
    audit: consultation,
    schema: { params: UuidParamSchema, response: { 200: ConsultationDetailSchema }, summary: 'One consultation with its thread', tags },
    handler: async (req, _reply, ctx) => getConsultation(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/consultations/:id/assign',
    access: 'consultation:manage',
    audit: consultation,
    schema: {
      params: UuidParamSchema,
      body: AssignSchema,
      response: { 200: StatusResultSchema },
      summary: 'Assign or reassign the expert',
      tags,
    },
    handler: async (req, _reply, ctx) => assignExpert(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/consultations/:id/request-information',
    access: 'consultation:answer',
    audit: consultation,
    schema: {
      params: UuidParamSchema,
      body: MessageBodySchema,
      response: { 200: StatusResultSchema },
      summary: 'Ask the primary doctor for more',
      tags,
    },
    handler: async (req, _reply, ctx) => requestInformation(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/consultations/:id/reply',
    access: 'consultation:request',
    audit: consultation,
    schema: {
      params: UuidParamSchema,
      body: MessageBodySchema,
      response: { 200: StatusResultSchema },
      summary: 'Add the information asked for',
      tags,
    },
    handler: async (req, _reply, ctx) => replyInformation(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/consultations/:id/answer',
    access: 'consultation:answer',
    audit: consultation,
    schema: {
      params: UuidParamSchema,
      body: AnswerSchema,
      response: { 200: StatusResultSchema },
      summary: 'Answer: advice and recommendation',
      tags,
    },
    handler: async (req, _reply, ctx) => answerConsultation(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/consultations/:id/close',
    access: 'consultation:request',
    audit: consultation,
    schema: {
      params: UuidParamSchema,
      body: CloseSchema,
      response: { 200: StatusResultSchema },
      summary: 'Close with the three-question survey',
      tags,
    },
    handler: async (req, _reply, ctx) => closeConsultation(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/consultations/:id/referral',
    access: 'consultation:answer',
    audit: consultation,
    schema: {
      params: UuidParamSchema,
      body: CreateReferralSchema,
      response: { 201: CreatedReferralSchema },
      summary: 'Book the transfer: expected admission date and a held ward bed',
      tags,
    },
    handler: async (req, _reply, ctx) => createReferral(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/consultations/:id/mdt',
    access: 'consultation:answer',
    audit: consultation,
    schema: {
      params: UuidParamSchema,
      body: PromoteToMdtSchema,
      response: { 201: PromotedSchema },
      summary: 'Promote an MDT answer to the next inter-hospital tumor board (case carries question and patient)',
      tags,
    },
    handler: async (req, _reply, ctx) => promoteToMdt(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/consultations/:id/discharge-note',
    access: 'consultation:answer',
    audit: consultation,
    schema: {
      params: UuidParamSchema,
      body: DischargeNoteSchema,
      response: { 200: z.object({ ok: z.literal(true) }) },
      summary: "The team's note to the asking doctor on a patient sent back on discharge",
      tags,
    },
    handler: async (req, _reply, ctx) => writeDischargeNote(ctx, req.params.id, req.body),
  });
  const maxBytes = config.mdt.attachmentMaxBytes;
  const store = attachmentStoreFor(config);
  void app.register(async (scope) => {
    scope.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
    defineRoute(scope, {
      method: 'POST',
      url: '/api/consultations/:id/attachments',
      access: 'consultation:read',
      audit: consultation,
      bodyLimit: maxBytes,
      schema: {
        params: UuidParamSchema,
        querystring: UploadAttachmentQuerySchema,
        response: { 201: ConsultationAttachmentSchema },
        summary: 'Attach a PDF, JPEG or PNG (raw body; type from the content)',
        tags,
      },
      handler: async (req, _reply, ctx) => {
        const body: unknown = req.body;
        const content = Buffer.isBuffer(body) ? body : null;
        return uploadAttachment(
          ctx,
          req.params.id,
          { content, fileName: req.query.fileName, declaredType: req.headers['content-type'] ?? null },
          maxBytes,
          store,
        );
      },
      created: true,
    });
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/consultations/attachments/:id',
    access: 'consultation:read',
    audit: { resourceType: 'consultation_attachment', idParam: 'id' },
    schema: { params: UuidParamSchema, summary: "An attachment's file (the consultation's audience only)", tags },
    handler: async (req, reply, ctx) => {
      const f = await getAttachment(ctx, req.params.id, store);
      void reply.header('content-type', f.contentType);
      void reply.header('content-disposition', contentDisposition(f.fileName, 'inline'));
      void reply.header('content-security-policy', "frame-ancestors 'self'");
      return reply.send(f.content);
    },
  });
}

/** Outreach, partner agreements, exchange visits (coordinator and head write; all staff read) and notifications. */
function reachRoutes(app: FastifyInstance): void {
  const records = [
    {
      path: 'outreach',
      resourceType: 'outreach',
      what: 'outreach (guidance visits, tele-sessions)',
      body: OutreachBodySchema,
      update: UpdateOutreachSchema,
      one: OutreachSchema,
      list: OutreachListSchema,
      fns: { list: listOutreach, get: getOutreach, create: createOutreach, update: updateOutreach },
    },
    {
      path: 'agreements',
      resourceType: 'partner_agreement',
      what: 'partner agreements',
      body: AgreementBodySchema,
      update: UpdateAgreementSchema,
      one: AgreementSchema,
      list: AgreementListSchema,
      fns: { list: listAgreements, get: getAgreement, create: createAgreement, update: updateAgreement },
    },
    {
      path: 'exchange-visits',
      resourceType: 'exchange_visit',
      what: 'exchange visits',
      body: ExchangeVisitBodySchema,
      update: UpdateExchangeVisitSchema,
      one: ExchangeVisitSchema,
      list: ExchangeVisitListSchema,
      fns: { list: listExchangeVisits, get: getExchangeVisit, create: createExchangeVisit, update: updateExchangeVisit },
    },
  ] as const;
  for (const r of records) {
    const base = `/api/consultations/${r.path}`;
    const audit = { resourceType: r.resourceType, idParam: 'id' };
    defineRoute(app, {
      method: 'GET',
      url: base,
      access: 'consultation:read',
      schema: { querystring: ReachListQuerySchema, response: { 200: r.list }, summary: `List ${r.what} (?year, organizationId)`, tags },
      handler: async (req, _reply, ctx) => r.fns.list(ctx, req.query),
    });
    defineRoute(app, {
      method: 'GET',
      url: `${base}/:id`,
      access: 'consultation:read',
      audit,
      schema: { params: UuidParamSchema, response: { 200: r.one }, summary: `One of the ${r.what}`, tags },
      handler: async (req, _reply, ctx) => r.fns.get(ctx, req.params.id),
      etag: (x) => x.version,
    });
    defineRoute(app, {
      method: 'POST',
      url: base,
      access: 'consultation:manage',
      schema: { body: r.body, response: { 201: r.one }, summary: `Record ${r.what}`, tags },
      handler: async (req, _reply, ctx) => r.fns.create(ctx, req.body as never),
      created: (x) => `${base}/${x.id}`,
    });
    defineRoute(app, {
      method: 'PUT',
      url: `${base}/:id`,
      access: 'consultation:manage',
      audit,
      schema: {
        params: UuidParamSchema,
        body: r.update,
        response: { 200: r.one },
        summary: `Edit ${r.what} (version required; stale → 409)`,
        tags,
      },
      handler: async (req, _reply, ctx) => r.fns.update(ctx, req.params.id, req.body as never),
      etag: (x) => x.version,
    });
  }
  defineRoute(app, {
    method: 'GET',
    url: '/api/consultations/notifications',
    access: 'consultation:read',
    schema: { response: { 200: NotificationListSchema }, summary: 'What waits for me (derived from the records), with read marks', tags },
    handler: async (_req, _reply, ctx) => listNotifications(ctx),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/consultations/notifications/count',
    access: 'consultation:read',
    schema: { response: { 200: z.object({ unread: z.number().int() }) }, summary: 'Unread notifications (the header badge)', tags },
    handler: async (_req, _reply, ctx) => countUnread(ctx),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/consultations/notifications/read',
    access: 'consultation:read',
    schema: {
      body: MarkReadSchema,
      response: { 200: z.object({ unread: z.number().int() }) },
      summary: 'Mark notifications read (by key)',
      tags,
    },
    handler: async (req, _reply, ctx) => markNotificationsRead(ctx, req.body),
  });
}
