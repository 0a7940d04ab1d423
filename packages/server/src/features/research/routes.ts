import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { UuidParamSchema } from '@gisurg/contracts';
import {
  CandidatesSchema,
  CohortCriteriaSchema,
  CohortPreviewSchema,
  CreatedSchema,
  CreateProjectBodySchema,
  EnrolBodySchema,
  ExportLogSchema,
  ExportQuerySchema,
  FreezeBodySchema,
  FrozenSchema,
  IdentifiedExportBodySchema,
  KAnonymitySchema,
  OutputBodySchema,
  PatientParamSchema,
  ProjectListSchema,
  ProjectSchema,
  UpdateProjectBodySchema,
  WithdrawBodySchema,
  EXPORT_COLUMNS,
} from '@gisurg/contracts/research';
import { defineRoute } from '../../http/route.js';
import { freezeCohort, listCandidates, previewCohort } from './cohort.js';
import { enrolPatient, withdrawPatient } from './consent.js';
import { createProject } from './create-project.js';
import { checkKAnonymity, exportDeidentified, exportIdentified, exportLog, type ExportFile } from './export-cohort.js';
import { getProject, listProjects } from './get-projects.js';
import { addOutput, deleteOutput } from './manage-outputs.js';
import { updateProject } from './update-project.js';
import { contentDisposition } from '../../core/content-disposition.js';

const tags = ['research'];
const project = { resourceType: 'research_project', idParam: 'id' };
const KQuerySchema = ExportQuerySchema.pick({ columns: true });

function sendFile(reply: FastifyReply, file: ExportFile): FastifyReply {
  void reply.header('content-type', file.contentType);
  void reply.header('content-disposition', contentDisposition(file.fileName));
  return reply.send(file.body);
}

/** Research (issue 14, docs/research.md). */
export function researchRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/research/projects',
    access: 'research:read',
    schema: { response: { 200: ProjectListSchema }, summary: "The hospital's research projects", tags },
    handler: async (_req, _reply, ctx) => listProjects(ctx),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/research/projects',
    access: 'research:manage',
    schema: { body: CreateProjectBodySchema, response: { 201: CreatedSchema }, summary: 'Create a grant project', tags },
    handler: async (req, _reply, ctx) => createProject(ctx, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/research/projects/:id',
    access: 'research:read',
    audit: project,
    schema: {
      params: UuidParamSchema,
      response: { 200: ProjectSchema },
      summary: 'A project: ethics, members, cohort, consent (pseudonyms), outputs',
      tags,
    },
    handler: async (req, _reply, ctx) => getProject(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/research/projects/:id',
    access: 'research:manage',
    audit: project,
    schema: {
      params: UuidParamSchema,
      body: UpdateProjectBodySchema,
      response: { 200: z.object({ id: z.uuid(), version: z.number().int() }) },
      summary: 'Edit a project (version for optimistic locking)',
      tags,
    },
    handler: async (req, _reply, ctx) => updateProject(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/research/projects/:id/outputs',
    access: 'research:manage',
    audit: project,
    schema: {
      params: UuidParamSchema,
      body: OutputBodySchema,
      response: { 201: CreatedSchema },
      summary: 'Record a paper, patent or award',
      tags,
    },
    handler: async (req, _reply, ctx) => addOutput(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/research/outputs/:id',
    access: 'research:manage',
    audit: { resourceType: 'research_output', idParam: 'id' },
    schema: { params: UuidParamSchema, response: { 200: CreatedSchema }, summary: 'Remove an output recorded by mistake', tags },
    handler: async (req, _reply, ctx) => deleteOutput(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/research/cohort/preview',
    access: 'research:read',
    schema: {
      body: CohortCriteriaSchema,
      response: { 200: CohortPreviewSchema },
      summary: 'How many patients a cohort query finds (aggregates only)',
      tags,
    },
    handler: async (req, _reply, ctx) => previewCohort(ctx, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/research/projects/:id/cohort/freeze',
    access: 'research:manage',
    audit: project,
    schema: {
      params: UuidParamSchema,
      body: FreezeBodySchema,
      response: { 200: FrozenSchema },
      summary: 'Freeze the cohort list as of today',
      tags,
    },
    handler: async (req, _reply, ctx) => freezeCohort(ctx, req.params.id, req.body.criteria),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/research/projects/:id/candidates',
    access: 'research:enrol',
    audit: project,
    schema: {
      params: UuidParamSchema,
      response: { 200: CandidatesSchema },
      summary: 'The frozen cohort with names, for enrolment (identifiable)',
      tags,
    },
    handler: async (req, _reply, ctx) => listCandidates(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/research/projects/:id/patients',
    access: 'research:enrol',
    audit: project,
    schema: {
      params: UuidParamSchema,
      body: EnrolBodySchema,
      response: { 201: z.object({ pseudonym: z.string() }) },
      summary: 'Enrol a patient with the date consent was obtained',
      tags,
    },
    handler: async (req, _reply, ctx) => enrolPatient(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/research/projects/:id/patients/:patientId/withdraw',
    access: 'research:manage',
    audit: project,
    schema: {
      params: PatientParamSchema,
      body: WithdrawBodySchema,
      response: { 200: z.object({ withdrawnOn: z.string() }) },
      summary: 'Record that a patient withdrew consent (left out of every later export)',
      tags,
    },
    handler: async (req, _reply, ctx) => withdrawPatient(ctx, req.params.id, req.params.patientId, req.body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/research/projects/:id/k-anonymity',
    access: 'research:read',
    audit: project,
    schema: {
      params: UuidParamSchema,
      querystring: KQuerySchema,
      response: { 200: KAnonymitySchema },
      summary: 'k-anonymity of an export',
      tags,
    },
    handler: async (req, _reply, ctx) => checkKAnonymity(ctx, req.params.id, req.query.columns),
  });
  for (const format of ['csv', 'xlsx'] as const) {
    defineRoute(app, {
      method: 'GET',
      url: `/api/research/projects/:id/export.${format}`,
      access: 'research:manage',
      audit: project,
      schema: {
        params: UuidParamSchema,
        querystring: ExportQuerySchema,
        summary: `De-identified export (${format}): one row per consenting patient; ?columns=${EXPORT_COLUMNS.slice(0, 3).join(',')}…&dateMode=shifted|year`,
        tags,
      },
      handler: async (req, reply, ctx) => {
        const file = await exportDeidentified(ctx, req.params.id, req.query, format);
        void reply.header('x-k-anonymity-rare', String(file.k.rare.length));
        return sendFile(reply, file);
      },
    });
  }
  defineRoute(app, {
    method: 'POST',
    url: '/api/research/projects/:id/export-identified',
    access: 'research:export_identified',
    audit: project,
    schema: {
      params: UuidParamSchema,
      body: IdentifiedExportBodySchema,
      summary: 'Identified export (department head, with a reason)',
      tags,
    },
    handler: async (req, reply, ctx) => sendFile(reply, await exportIdentified(ctx, req.params.id, req.body)),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/research/projects/:id/exports',
    access: 'research:read',
    audit: project,
    schema: {
      params: UuidParamSchema,
      response: { 200: ExportLogSchema },
      summary: "The project's export history (from the audit log)",
      tags,
    },
    handler: async (req, _reply, ctx) => exportLog(ctx, req.params.id),
  });
}
