import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { changeMeetingStatus } from './change-meeting-status.js';
import { checkInAttendance } from './check-in-attendance.js';
import { createMeeting } from './create-meeting.js';
import { findMeetings } from './find-meetings.js';
import { getMeeting } from './get-meeting.js';
import { inviteParticipant } from './invite-participant.js';
import { removeParticipant } from './remove-participant.js';
import { reorderAgenda } from './reorder-agenda.js';
import {
  AgendaOrderSchema,
  AttendanceSchema,
  CaseDetailSchema,
  CreateMeetingSchema,
  CreatedMeetingSchema,
  FindMeetingsQuerySchema,
  InviteParticipantSchema,
  MeetingActionSchema,
  MeetingDetailSchema,
  MeetingPageSchema,
  MeetingSchema,
  ParticipantListSchema,
  SubmitCaseSchema,
  UpdateMeetingSchema,
} from '@gisurg/contracts/mdt';
import { submitCase } from './submit-case.js';
import { updateMeeting } from './update-meeting.js';

const tags = ['mdt'];
const meeting = { resourceType: 'mdt_meeting', idParam: 'id' };

export function meetingRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/mdt/meetings',
    access: 'mdt:read',
    schema: { querystring: FindMeetingsQuerySchema, response: { 200: MeetingPageSchema }, summary: 'Tumor boards in a period', tags },
    handler: async (req, _reply, ctx) => findMeetings(ctx, req.query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/meetings',
    access: 'mdt:manage',
    schema: { body: CreateMeetingSchema, response: { 201: CreatedMeetingSchema }, summary: 'Create a board (or a recurring series)', tags },
    handler: async (req, _reply, ctx) => createMeeting(ctx, req.body),
    created: (m) => `/api/mdt/meetings/${m.id}`,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/mdt/meetings/:id',
    access: 'mdt:read',
    audit: meeting,
    schema: {
      params: UuidParamSchema,
      response: { 200: MeetingDetailSchema },
      summary: 'One board: participants, agenda, triage queue',
      tags,
    },
    handler: async (req, _reply, ctx) => getMeeting(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/mdt/meetings/:id',
    access: 'mdt:manage',
    audit: meeting,
    schema: {
      params: UuidParamSchema,
      body: UpdateMeetingSchema,
      response: { 200: MeetingSchema },
      summary: 'Edit a board (send the version you edit)',
      tags,
    },
    handler: async (req, _reply, ctx) => updateMeeting(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/meetings/:id/status',
    access: 'mdt:manage',
    audit: meeting,
    schema: {
      params: UuidParamSchema,
      body: MeetingActionSchema,
      response: { 200: MeetingSchema },
      summary: 'Start, close or cancel a board',
      tags,
    },
    handler: async (req, _reply, ctx) => changeMeetingStatus(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/meetings/:id/participants',
    access: 'mdt:manage',
    audit: meeting,
    schema: {
      params: UuidParamSchema,
      body: InviteParticipantSchema,
      response: { 201: ParticipantListSchema },
      summary: 'Invite a participant by specialty',
      tags,
    },
    handler: async (req, _reply, ctx) => inviteParticipant(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/mdt/participants/:id',
    access: 'mdt:manage',
    audit: { resourceType: 'mdt_participant', idParam: 'id' },
    schema: { params: UuidParamSchema, response: { 200: ParticipantListSchema }, summary: 'Withdraw an invitation', tags },
    handler: async (req, _reply, ctx) => removeParticipant(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/meetings/:id/attendance',
    access: 'mdt:manage',
    audit: meeting,
    schema: {
      params: UuidParamSchema,
      body: AttendanceSchema,
      response: { 201: ParticipantListSchema },
      summary: 'Check in (or undo) a participant; empty body: yourself',
      tags,
    },
    handler: async (req, _reply, ctx) => checkInAttendance(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/meetings/:id/agenda',
    access: 'mdt:manage',
    audit: meeting,
    schema: {
      params: UuidParamSchema,
      body: AgendaOrderSchema,
      response: { 200: MeetingDetailSchema },
      summary: 'Set the agenda order',
      tags,
    },
    handler: async (req, _reply, ctx) => reorderAgenda(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/mdt/meetings/:id/cases',
    access: 'mdt:submit',
    audit: meeting,
    schema: {
      params: UuidParamSchema,
      body: SubmitCaseSchema,
      response: { 201: CaseDetailSchema },
      summary: 'Submit a case to a board',
      tags,
    },
    handler: async (req, _reply, ctx) => submitCase(ctx, req.params.id, req.body),
    created: (c) => `/api/mdt/cases/${c.id}`,
  });
}
