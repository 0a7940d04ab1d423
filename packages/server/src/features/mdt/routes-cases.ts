import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { checkInForCase } from './check-in-attendance.js';
import { findCases } from './find-cases.js';
import { getCase } from './get-case.js';
import { contentDisposition } from '../../core/content-disposition.js';
import { getLetter, getPatientSummaryPdf } from './get-letter.js';
import { recordRecommendation } from './record-recommendation.js';
import { refreshSnapshot } from './refresh-snapshot.js';
import {
  AttendanceSchema,
  CaseDetailSchema,
  CasePageSchema,
  FindCasesQuerySchema,
  LetterQuerySchema,
  ParticipantListSchema,
  RecommendationSchema,
  RecordRecommendationSchema,
  TriageCaseSchema,
  UpdateCaseSchema,
  UpdateRecommendationSchema,
} from '@gisurg/contracts/mdt';
import { triageCase } from './triage-case.js';
import { updateCase } from './update-case.js';
import { updateRecommendation } from './update-recommendation.js';

const tags = ['mdt'];
const mdtCase = { resourceType: 'mdt_case', idParam: 'id' };

function pdfHeaders(reply: { header: (k: string, v: string) => unknown }, name: string): void {
  reply.header('content-type', 'application/pdf');
  reply.header('content-disposition', contentDisposition(name));
}

export function caseRoutes(app: FastifyInstance, config: Config): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/mdt/cases',
    access: 'mdt:read',
    schema: {
      querystring: FindCasesQuerySchema,
      response: { 200: CasePageSchema },
      summary: 'Board cases (by status, patient, board, tumor group)',
      tags,
    },
    handler: async (req, _reply, ctx) => findCases(ctx, req.query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/mdt/cases/:id',
    access: 'mdt:read',
    audit: mdtCase,
    schema: {
      params: UuidParamSchema,
      response: { 200: CaseDetailSchema },
      summary: 'One case: snapshot, attachments, attendance, recommendation, tracked items',
      tags,
    },
    handler: async (req, _reply, ctx) => getCase(ctx, req.params.id),
    etag: (c) => c.version,
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/mdt/cases/:id',
    access: 'mdt:submit',
    audit: mdtCase,
    schema: {
      params: UuidParamSchema,
      body: UpdateCaseSchema,
      response: { 200: CaseDetailSchema },
      summary: 'Edit a submission before the decision',
      tags,
    },
    handler: async (req, _reply, ctx) => updateCase(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/cases/:id/triage',
    access: 'mdt:manage',
    audit: mdtCase,
    schema: {
      params: UuidParamSchema,
      body: TriageCaseSchema,
      response: { 200: CaseDetailSchema },
      summary: 'Schedule, defer or reject a case',
      tags,
    },
    handler: async (req, _reply, ctx) => triageCase(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/cases/:id/snapshot',
    access: 'mdt:submit',
    audit: mdtCase,
    schema: {
      params: UuidParamSchema,
      response: { 200: CaseDetailSchema },
      summary: 'Refresh the clinical snapshot from the record',
      tags,
    },
    handler: async (req, _reply, ctx) => refreshSnapshot(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/cases/:id/attendance',
    access: 'mdt:manage',
    audit: mdtCase,
    schema: {
      params: UuidParamSchema,
      body: AttendanceSchema,
      response: { 201: ParticipantListSchema },
      summary: "Check in at the case's board; empty body: yourself",
      tags,
    },
    handler: async (req, _reply, ctx) => checkInForCase(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/cases/:id/recommendation',
    access: 'mdt:manage',
    audit: mdtCase,
    schema: {
      params: UuidParamSchema,
      body: RecordRecommendationSchema,
      response: { 201: RecommendationSchema },
      summary: "Record the board's recommendation (plan items become tracked items)",
      tags,
    },
    handler: async (req, _reply, ctx) => recordRecommendation(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/mdt/cases/:id/recommendation',
    access: 'mdt:manage',
    audit: mdtCase,
    schema: {
      params: UuidParamSchema,
      body: UpdateRecommendationSchema,
      response: { 200: RecommendationSchema },
      summary: 'Amend the recommendation text (send the version you edit)',
      tags,
    },
    handler: async (req, _reply, ctx) => updateRecommendation(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/mdt/cases/:id/letter.pdf',
    access: 'mdt:read',
    audit: mdtCase,
    schema: {
      params: UuidParamSchema,
      querystring: LetterQuerySchema,
      summary: 'The recommendation letter (PDF; ?lang=en for English)',
      tags,
    },
    handler: async (req, reply, ctx) => {
      const file = await getLetter(ctx, req.params.id, req.query.lang === 'en' ? 'en' : 'zh-CN', config.pdfFont);
      pdfHeaders(reply, file.fileName);
      return reply.send(file.pdf);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/mdt/cases/:id/patient-summary.pdf',
    access: 'mdt:read',
    audit: mdtCase,
    schema: { params: UuidParamSchema, summary: 'Plain-language summary for the patient (Chinese, PDF)', tags },
    handler: async (req, reply, ctx) => {
      const file = await getPatientSummaryPdf(ctx, req.params.id, config.pdfFont);
      pdfHeaders(reply, file.fileName);
      return reply.send(file.pdf);
    },
  });
}
