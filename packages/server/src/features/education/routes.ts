import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { todayIn, UuidParamSchema } from '@gisurg/contracts';
import {
  AddLogEntrySchema,
  CheckedInSchema,
  CheckInOpenSchema,
  CheckInSessionSchema,
  CreatedSchema,
  CreateEventSchema,
  CreateSessionSchema,
  CreateSupervisorSchema,
  CreateTraineeSchema,
  CreateUniversitySchema,
  EducationSettingsSchema,
  EventDetailSchema,
  EventListSchema,
  MyCreditsQuerySchema,
  MyCreditsSchema,
  PublicCheckInSchema,
  PublicEventSchema,
  PutMilestoneSchema,
  RegisteredSchema,
  RegisterSchema,
  SignedOffSchema,
  SignOffSchema,
  StaffCheckInSchema,
  SupervisorListSchema,
  TraineeDetailSchema,
  TraineeListSchema,
  UniversityListSchema,
} from '@gisurg/contracts/education';
import type { Config } from '../../config.js';
import { defineRoute } from '../../http/route.js';
import { windowLimiter } from '../../core/rate-limit.js';
import { certificatePdf } from './certificate.js';
import { myCredits } from './credits.js';
import {
  addSession,
  attendeesCsv,
  createEvent,
  getEvent,
  getPublicEvent,
  listEvents,
  openCheckIn,
  publicCheckIn,
  register,
  staffCheckIn,
} from './events.js';
import { getEducationSettings, putEducationSettings } from './settings.js';
import {
  addLogEntry,
  createSupervisor,
  createTrainee,
  createUniversity,
  getTrainee,
  listSupervisors,
  listTrainees,
  listUniversities,
  putMilestone,
  signOff,
} from './station.js';
import { traineeSummaryPdf } from './summary-pdf.js';
import { contentDisposition } from '../../core/content-disposition.js';

const tags = ['education'];
const event = { resourceType: 'edu_event', idParam: 'id' };
const trainee = { resourceType: 'edu_trainee', idParam: 'id' };

function pdf(reply: { header: (k: string, v: string) => unknown }, name: string): void {
  reply.header('content-type', 'application/pdf');
  reply.header('content-disposition', contentDisposition(name));
}

/** Teaching (issue 14, docs/education.md): events with public registration and check-in, the master's station, CME credits. */
export function educationRoutes(app: FastifyInstance, config: Config): void {
  // ---- events (staff) ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/events',
    access: 'education:read',
    schema: { response: { 200: EventListSchema }, summary: 'Forums and teaching classes, newest first', tags },
    handler: async (_req, _reply, ctx) => listEvents(ctx),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/events',
    access: 'education:manage',
    schema: { body: CreateEventSchema, response: { 201: CreatedSchema }, summary: 'Create a forum or teaching class', tags },
    handler: async (req, _reply, ctx) => createEvent(ctx, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/events/:id',
    access: 'education:read',
    audit: event,
    schema: {
      params: UuidParamSchema,
      response: { 200: EventDetailSchema },
      summary: 'Programme, registrations (organisers), attendance',
      tags,
    },
    handler: async (req, _reply, ctx) => getEvent(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/events/:id/sessions',
    access: 'education:manage',
    audit: event,
    schema: {
      params: UuidParamSchema,
      body: CreateSessionSchema,
      response: { 201: CreatedSchema },
      summary: 'Add a session to the programme',
      tags,
    },
    handler: async (req, _reply, ctx) => addSession(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/events/:id/checkin',
    access: 'education:manage',
    audit: event,
    schema: {
      params: UuidParamSchema,
      body: StaffCheckInSchema,
      response: { 200: CheckedInSchema },
      summary: 'Check an attendee in (desk)',
      tags,
    },
    handler: async (req, _reply, ctx) => staffCheckIn(ctx, req.params.id, req.body.sessionId, req.body.code),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/events/:id/attendees.csv',
    access: 'education:manage',
    audit: event,
    schema: { params: UuidParamSchema, summary: 'The attendee list (CSV, UTF-8 with BOM)', tags },
    handler: async (req, reply, ctx) => {
      const csv = await attendeesCsv(ctx, req.params.id);
      void reply.header('content-type', 'text/csv; charset=utf-8');
      void reply.header('content-disposition', contentDisposition(`attendees-${req.params.id.slice(0, 8)}.csv`));
      return reply.send(csv);
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/event-registrations/:id/certificate.pdf',
    access: 'education:manage',
    audit: { resourceType: 'edu_registration', idParam: 'id' },
    schema: { params: UuidParamSchema, summary: "An attendee's CME certificate (Chinese PDF)", tags },
    handler: async (req, reply, ctx) => {
      const out = await certificatePdf(ctx, req.params.id, config.pdfFont);
      pdf(reply, `certificate-${req.params.id.slice(0, 8)}.pdf`);
      return reply.send(out);
    },
  });

  // ---- public: registration and check-in without an account ----
  const limit = windowLimiter('education.public', 30, 60_000);
  defineRoute(app, {
    method: 'GET',
    url: '/api/public/events/:id',
    access: 'public',
    schema: { params: UuidParamSchema, response: { 200: PublicEventSchema }, summary: 'What the public registration page shows', tags },
    handler: async (req, _reply, ctx) => {
      await limit(ctx.db, req.ip, ctx.clock.now());
      return getPublicEvent(ctx, req.params.id);
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/public/events/:id/registrations',
    access: 'public',
    schema: {
      params: UuidParamSchema,
      body: RegisterSchema,
      response: { 201: RegisteredSchema },
      summary: 'Register (no account): a confirmation code',
      tags,
    },
    handler: async (req, _reply, ctx) => {
      await limit(ctx.db, req.ip, ctx.clock.now());
      return register(ctx, req.params.id, req.body);
    },
    created: true,
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/public/checkin/session',
    access: 'public',
    schema: {
      body: CheckInOpenSchema,
      response: { 200: CheckInSessionSchema },
      summary: "Open a session's check-in link (404 for any bad link)",
      tags,
    },
    handler: async (req, _reply, ctx) => {
      await limit(ctx.db, req.ip, ctx.clock.now());
      return openCheckIn(ctx, req.body.token);
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/public/checkin',
    access: 'public',
    schema: {
      body: PublicCheckInSchema,
      response: { 200: CheckedInSchema },
      summary: 'Check in at a session with the confirmation code',
      tags,
    },
    handler: async (req, _reply, ctx) => {
      await limit(ctx.db, req.ip, ctx.clock.now());
      return publicCheckIn(ctx, req.body.token, req.body.code);
    },
  });

  // ---- master's station ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/education/universities',
    access: 'education:station',
    schema: { response: { 200: UniversityListSchema }, summary: 'Universities of the training station', tags },
    handler: async (_req, _reply, ctx) => listUniversities(ctx),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/education/universities',
    access: 'education:manage',
    schema: { body: CreateUniversitySchema, response: { 201: CreatedSchema }, summary: 'Add a university', tags },
    handler: async (req, _reply, ctx) => createUniversity(ctx, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/education/supervisors',
    access: 'education:station',
    schema: { response: { 200: SupervisorListSchema }, summary: 'Supervisors with their university', tags },
    handler: async (_req, _reply, ctx) => listSupervisors(ctx),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/education/supervisors',
    access: 'education:manage',
    schema: { body: CreateSupervisorSchema, response: { 201: CreatedSchema }, summary: 'Appoint a supervisor for a university', tags },
    handler: async (req, _reply, ctx) => createSupervisor(ctx, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/education/trainees',
    access: 'education:station',
    schema: { response: { 200: TraineeListSchema }, summary: 'Trainees (a trainee sees only their own record)', tags },
    handler: async (_req, _reply, ctx) => listTrainees(ctx),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/education/trainees',
    access: 'education:manage',
    schema: { body: CreateTraineeSchema, response: { 201: CreatedSchema }, summary: 'Enrol a trainee (student or resident account)', tags },
    handler: async (req, _reply, ctx) => createTrainee(ctx, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/education/trainees/:id',
    access: 'education:station',
    audit: trainee,
    schema: { params: UuidParamSchema, response: { 200: TraineeDetailSchema }, summary: 'A trainee with case log and milestones', tags },
    handler: async (req, _reply, ctx) => getTrainee(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/education/trainees/:id/entries',
    access: 'education:station',
    audit: trainee,
    schema: {
      params: UuidParamSchema,
      body: AddLogEntrySchema,
      response: { 201: CreatedSchema },
      summary: 'Add a case-log entry (the trainee, or the head)',
      tags,
    },
    handler: async (req, _reply, ctx) => addLogEntry(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/education/trainees/:id/sign-off',
    access: 'education:supervise',
    audit: trainee,
    schema: {
      params: UuidParamSchema,
      body: SignOffSchema,
      response: { 200: SignedOffSchema },
      summary: "Sign case-log entries off (the trainee's supervisor, or the head)",
      tags,
    },
    handler: async (req, _reply, ctx) => signOff(ctx, req.params.id, req.body.keys),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/education/trainees/:id/milestones',
    access: 'education:supervise',
    audit: trainee,
    schema: {
      params: UuidParamSchema,
      body: PutMilestoneSchema,
      response: { 200: z.object({ kind: z.string() }) },
      summary: 'Set a milestone (proposal, mid-term, defence)',
      tags,
    },
    handler: async (req, _reply, ctx) => putMilestone(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/education/trainees/:id/summary.pdf',
    access: 'education:station',
    audit: trainee,
    schema: { params: UuidParamSchema, summary: "A trainee's summary (Chinese PDF)", tags },
    handler: async (req, reply, ctx) => {
      const out = await traineeSummaryPdf(ctx, req.params.id, config.pdfFont);
      pdf(reply, `trainee-${req.params.id.slice(0, 8)}.pdf`);
      return reply.send(out);
    },
  });

  // ---- credits and settings ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/education/credits/me',
    access: 'education:read',
    schema: {
      querystring: MyCreditsQuerySchema,
      response: { 200: MyCreditsSchema },
      summary: 'My CME credits from tumor-board attendance (?year)',
      tags,
    },
    handler: async (req, _reply, ctx) => myCredits(ctx, req.query.year ?? Number(todayIn(ctx.timeZone, ctx.clock.now()).slice(0, 4))),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/education/settings',
    access: 'education:read',
    schema: { response: { 200: EducationSettingsSchema }, summary: 'Teaching settings (CME points per tumor-board attendance)', tags },
    handler: async (_req, _reply, ctx) => getEducationSettings(ctx),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/education/settings',
    access: 'education:manage',
    schema: { body: EducationSettingsSchema, response: { 200: EducationSettingsSchema }, summary: 'Set the teaching settings', tags },
    handler: async (req, _reply, ctx) => putEducationSettings(ctx, req.body),
  });
}
