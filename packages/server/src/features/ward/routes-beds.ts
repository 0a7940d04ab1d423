import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { changeBedState } from './change-bed-state.js';
import { getBedEvents } from './get-bed-events.js';
import { BedEventsSchema, BedNoteSchema, BlockBedSchema, ReserveBedSchema } from '@gisurg/contracts/ward';

const tags = ['ward'];
const bed = { resourceType: 'bed', idParam: 'id' };
const Result = z.object({ id: z.uuid(), state: z.string() });

/** Bed actions from the board and a bed's history. */
export function bedRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/beds/:id/events',
    access: 'ward:read',
    audit: bed,
    schema: { params: UuidParamSchema, response: { 200: BedEventsSchema }, summary: "A bed's history (newest first)", tags },
    handler: async (req, _reply, ctx) => getBedEvents(ctx, req.params.id),
  });
  const simple = [
    ['clean', 'Mark a vacated bed clean'],
    ['unblock', 'Unblock a bed (it goes to awaiting cleaning)'],
    ['release', 'Release a reservation'],
  ] as const;
  for (const [action, summary] of simple) {
    defineRoute(app, {
      method: 'POST',
      url: `/api/beds/:id/${action}`,
      access: 'ward:write',
      audit: bed,
      schema: { params: UuidParamSchema, body: BedNoteSchema, response: { 200: Result }, summary, tags },
      handler: async (req, _reply, ctx) => changeBedState(ctx, req.params.id, { action, input: req.body }),
    });
  }
  defineRoute(app, {
    method: 'POST',
    url: '/api/beds/:id/block',
    access: 'ward:write',
    audit: bed,
    schema: {
      params: UuidParamSchema,
      body: BlockBedSchema,
      response: { 200: Result },
      summary: 'Block a vacant bed (maintenance, isolation, other)',
      tags,
    },
    handler: async (req, _reply, ctx) => changeBedState(ctx, req.params.id, { action: 'block', input: req.body }),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/beds/:id/reserve',
    access: 'ward:write',
    audit: bed,
    schema: {
      params: UuidParamSchema,
      body: ReserveBedSchema,
      response: { 200: Result },
      summary: 'Reserve a clean bed for a patient until a time',
      tags,
    },
    handler: async (req, _reply, ctx) => changeBedState(ctx, req.params.id, { action: 'reserve', input: req.body }),
  });
}
