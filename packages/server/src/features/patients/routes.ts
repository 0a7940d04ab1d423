import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { createPatient } from './create-patient.js';
import { findPatients } from './find-patients.js';
import { getPatient } from './get-patient.js';
import {
  CreatePatientSchema,
  FindPatientsQuerySchema,
  PatientPageSchema,
  PatientSchema,
  UpdatePatientSchema,
  BreakGlassBodySchema,
  BreakGlassGrantSchema,
} from '@gisurg/contracts/patients';
import { breakGlass } from './break-glass.js';
import { updatePatient } from './update-patient.js';

export function patientRoutes(app: FastifyInstance, config: Config): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/patients/:id/break-glass',
    access: 'patient:break_glass',
    audit: { resourceType: 'patient', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: BreakGlassBodySchema,
      response: { 201: BreakGlassGrantSchema },
      summary: 'Break-glass: open a patient outside your scope for BREAK_GLASS_HOURS, with a reason (audited, reported)',
      tags: ['patients'],
    },
    handler: async (req, _reply, ctx) => breakGlass(ctx, config.breakGlassMs, req.params.id, req.body.reason),
    created: true,
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/patients',
    access: 'patient:read',
    schema: {
      querystring: FindPatientsQuerySchema,
      response: { 200: PatientPageSchema },
      summary: 'Search patients (name, pinyin, initials, 住院号, ID number)',
      tags: ['patients'],
    },
    handler: async (req, _reply, ctx) => findPatients(ctx, req.query),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/patients',
    access: 'patient:create',
    schema: { body: CreatePatientSchema, response: { 201: PatientSchema }, summary: 'Register a patient', tags: ['patients'] },
    handler: async (req, _reply, ctx) => createPatient(ctx, req.body),
    created: (p) => `/api/patients/${p.id}`,
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/patients/:id',
    access: 'patient:read',
    audit: { resourceType: 'patient', idParam: 'id' },
    schema: { params: UuidParamSchema, response: { 200: PatientSchema }, summary: 'One patient', tags: ['patients'] },
    handler: async (req, _reply, ctx) => getPatient(ctx, req.params.id),
    etag: (p) => p.version,
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/patients/:id',
    access: 'patient:update',
    audit: { resourceType: 'patient', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: UpdatePatientSchema,
      response: { 200: PatientSchema },
      summary: 'Edit a patient (send the version you edit)',
      tags: ['patients'],
    },
    handler: async (req, _reply, ctx) => updatePatient(ctx, req.params.id, req.body),
    etag: (p) => p.version,
  });
}
