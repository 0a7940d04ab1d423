import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { admitPatient } from './admit-patient.js';
import { cancelAdmission } from './cancel-admission.js';
import { dischargePatient } from './discharge-patient.js';
import { findAdmissions, getAdmission } from './get-admission.js';
import { getBoard } from './get-board.js';
import { getOccupancy } from './get-occupancy.js';
import { bedRoutes } from './routes-beds.js';
import {
  AdmissionSchema,
  AdmissionsQuerySchema,
  AdmitSchema,
  BoardQuerySchema,
  BoardSchema,
  CancelAdmissionSchema,
  CreatedSchema,
  DischargeSchema,
  OccupancyQuerySchema,
  OccupancySchema,
  SwapSchema,
  TransferSchema,
  UpdateAdmissionSchema,
} from '@gisurg/contracts/ward';
import { swapBeds } from './swap-beds.js';
import { transferPatient } from './transfer-patient.js';
import { updateAdmission } from './update-admission.js';
import { z } from 'zod';

const tags = ['ward'];
const admission = { resourceType: 'admission', idParam: 'id' };

/** Ward (issue 6, docs/ward.md): bed board, admissions (ADT), bed actions, occupancy and length of stay. */
export function wardRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/wards',
    access: 'ward:read',
    schema: {
      querystring: BoardQuerySchema,
      response: { 200: BoardSchema },
      summary: 'The bed board: wards with their beds and current state (?wardId, state, surgeonId)',
      tags,
    },
    handler: async (req, _reply, ctx) => getBoard(ctx, req.query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/ward/occupancy',
    access: 'ward:read',
    schema: {
      querystring: OccupancyQuerySchema,
      response: { 200: OccupancySchema },
      summary: 'Occupancy per day (midnight census), admissions/discharges, length of stay (?from, to, wardId)',
      tags,
    },
    handler: async (req, _reply, ctx) => getOccupancy(ctx, req.query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/admissions',
    access: 'ward:read',
    schema: {
      querystring: AdmissionsQuerySchema,
      response: { 200: z.array(AdmissionSchema) },
      summary: "A patient's stays (?patientId), or the current inpatients",
      tags,
    },
    handler: async (req, _reply, ctx) => findAdmissions(ctx, req.query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/admissions',
    access: 'ward:write',
    schema: {
      body: AdmitSchema,
      response: { 201: CreatedSchema },
      summary: 'Admit a patient into a bed (409 when the bed is not free)',
      tags,
    },
    handler: async (req, _reply, ctx) => admitPatient(ctx, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/admissions/:id',
    access: 'ward:read',
    audit: admission,
    schema: { params: UuidParamSchema, response: { 200: AdmissionSchema }, summary: 'One admission with its stays', tags },
    handler: async (req, _reply, ctx) => getAdmission(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/admissions/:id',
    access: 'ward:write',
    audit: admission,
    schema: {
      params: UuidParamSchema,
      body: UpdateAdmissionSchema,
      response: { 200: AdmissionSchema },
      summary: 'Edit diagnosis, surgeon, expected stay, flags (with version)',
      tags,
    },
    handler: async (req, _reply, ctx) => updateAdmission(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/admissions/:id/transfer',
    access: 'ward:write',
    audit: admission,
    schema: {
      params: UuidParamSchema,
      body: TransferSchema,
      response: { 200: CreatedSchema },
      summary: 'Transfer to another bed or ward',
      tags,
    },
    handler: async (req, _reply, ctx) => transferPatient(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/admissions/:id/discharge',
    access: 'ward:write',
    audit: admission,
    schema: { params: UuidParamSchema, body: DischargeSchema, response: { 200: CreatedSchema }, summary: 'Discharge with 离院方式', tags },
    handler: async (req, _reply, ctx) => dischargePatient(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/admissions/:id/cancel',
    access: 'ward:write',
    audit: admission,
    schema: {
      params: UuidParamSchema,
      body: CancelAdmissionSchema,
      response: { 200: CreatedSchema },
      summary: 'Cancel a wrongly entered admission (with a reason)',
      tags,
    },
    handler: async (req, _reply, ctx) => cancelAdmission(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/admissions/:id/swap',
    access: 'ward:write',
    audit: admission,
    schema: { params: UuidParamSchema, body: SwapSchema, response: { 200: CreatedSchema }, summary: "Swap two inpatients' beds", tags },
    handler: async (req, _reply, ctx) => swapBeds(ctx, req.params.id, req.body),
  });
  bedRoutes(app);
}
