import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { closeItemNotDelivered } from './close-item-not-delivered.js';
import { deliverItem } from './deliver-item.js';
import { findTrackedItems } from './find-tracked-items.js';
import { getConcordance } from './get-concordance.js';
import { getWorklist } from './get-worklist.js';
import { TrackedItemSchema } from '@gisurg/contracts/mdt';
import {
  ConcordanceQuerySchema,
  ConcordanceSchema,
  DeliverItemSchema,
  NotDeliveredSchema,
  TrackingPageSchema,
  TrackingQuerySchema,
  WorklistSchema,
} from '@gisurg/contracts/mdt';

const tags = ['mdt'];
const item = { resourceType: 'mdt_plan_item', idParam: 'id' };

export function trackingRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/mdt/tracking',
    access: 'mdt:track',
    schema: {
      querystring: TrackingQuerySchema,
      response: { 200: TrackingPageSchema },
      summary: 'Tracked plan items, overdue first (?status=pending|overdue|delivered|not_delivered)',
      tags,
    },
    handler: async (req, _reply, ctx) => findTrackedItems(ctx, req.query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/tracking/:id/deliver',
    access: 'mdt:track',
    audit: item,
    schema: {
      params: UuidParamSchema,
      body: DeliverItemSchema,
      response: { 200: TrackedItemSchema },
      summary: 'Mark delivered, with evidence',
      tags,
    },
    handler: async (req, _reply, ctx) => deliverItem(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/tracking/:id/not-delivered',
    access: 'mdt:track',
    audit: item,
    schema: {
      params: UuidParamSchema,
      body: NotDeliveredSchema,
      response: { 200: TrackedItemSchema },
      summary: 'Close as not delivered, with a reason from the list',
      tags,
    },
    handler: async (req, _reply, ctx) => closeItemNotDelivered(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/mdt/concordance',
    access: 'mdt:track',
    schema: {
      querystring: ConcordanceQuerySchema,
      response: { 200: ConcordanceSchema },
      summary: 'Decision-to-delivery concordance per board, tumor group and month',
      tags,
    },
    handler: async (req, _reply, ctx) => getConcordance(ctx, req.query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/mdt/worklist',
    access: 'mdt:manage',
    schema: { response: { 200: WorklistSchema }, summary: "Coordinator's worklist: triage, overdue items, stuck boards and cases", tags },
    handler: async (_req, _reply, ctx) => getWorklist(ctx),
  });
}
