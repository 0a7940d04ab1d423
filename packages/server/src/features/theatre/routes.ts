import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { changeBookingStatus } from './change-booking-status.js';
import { createBooking } from './create-booking.js';
import { findBookings } from './find-bookings.js';
import { getBooking } from './get-booking.js';
import { getWorklist } from './get-worklist.js';
import { listEquipment, listRooms } from './queries.js';
import {
  BookingDetailSchema,
  BookingSchema,
  BookingStatusActionSchema,
  BookingWithWarningsSchema,
  CreateBookingSchema,
  EquipmentSchema,
  FindBookingsQuerySchema,
  RoomSchema,
  UpdateBookingSchema,
  WorklistQuerySchema,
  WorklistSchema,
} from '@gisurg/contracts/theatre';
import { updateBooking } from './update-booking.js';

const tags = ['theatre'];
const booking = { resourceType: 'theatre_booking', idParam: 'id' };

/** Theatre (issue 6, docs/theatre.md): rooms, equipment, bookings, the day's worklist. */
export function theatreRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/theatre/rooms',
    access: 'theatre:read',
    schema: { response: { 200: z.array(RoomSchema) }, summary: 'Operating rooms with their sessions', tags },
    handler: async (_req, _reply, ctx) => listRooms(ctx.db, ctx.actor),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/theatre/equipment',
    access: 'theatre:read',
    schema: { response: { 200: z.array(EquipmentSchema) }, summary: 'Special equipment (one row = one piece)', tags },
    handler: async (_req, _reply, ctx) => listEquipment(ctx.db),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/theatre/bookings',
    access: 'theatre:read',
    schema: {
      querystring: FindBookingsQuerySchema,
      response: { 200: z.array(BookingSchema) },
      summary: 'Bookings overlapping the days from..to (inclusive)',
      tags,
    },
    handler: async (req, _reply, ctx) => findBookings(ctx, req.query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/theatre/bookings',
    access: 'theatre:book',
    schema: {
      body: CreateBookingSchema,
      response: { 201: BookingWithWarningsSchema },
      summary: 'Book an operation (409 with the collisions)',
      tags,
    },
    handler: async (req, _reply, ctx) => createBooking(ctx, req.body),
    created: (b) => `/api/theatre/bookings/${b.id}`,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/theatre/bookings/:id',
    access: 'theatre:read',
    audit: booking,
    schema: {
      params: UuidParamSchema,
      response: { 200: BookingDetailSchema },
      summary: 'One booking, with the operation record prefill',
      tags,
    },
    handler: async (req, _reply, ctx) => getBooking(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/theatre/bookings/:id',
    access: 'theatre:book',
    audit: booking,
    schema: {
      params: UuidParamSchema,
      body: UpdateBookingSchema,
      response: { 200: BookingWithWarningsSchema },
      summary: 'Move or edit a booking (send the version you edit)',
      tags,
    },
    handler: async (req, _reply, ctx) => updateBooking(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/theatre/bookings/:id/status',
    access: 'theatre:run',
    audit: booking,
    schema: {
      params: UuidParamSchema,
      body: BookingStatusActionSchema,
      response: { 200: BookingSchema },
      summary: 'In theatre, completed, postponed or cancelled',
      tags,
    },
    handler: async (req, _reply, ctx) => changeBookingStatus(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/theatre/worklist',
    access: 'theatre:read',
    schema: { querystring: WorklistQuerySchema, response: { 200: WorklistSchema }, summary: 'The cases of a day with their state', tags },
    handler: async (req, _reply, ctx) => getWorklist(ctx, req.query.date),
  });
}
