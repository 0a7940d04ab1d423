import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UuidParamSchema } from '@gisurg/contracts';
import {
  AdjustPlanSchema,
  AlertLinkCandidatesSchema,
  AlertLinksSchema,
  AttemptBodySchema,
  AttemptResultSchema,
  ContactBodySchema,
  CreatedSchema,
  FollowUpSchema,
  FollowUpSettingsSchema,
  HandleAlertSchema,
  ProAlertsQuerySchema,
  ProAlertsSchema,
  ProAnswersSchema,
  ProInvitationSchema,
  ProQuestionnaireSchema,
  ProSubmittedSchema,
  SurvivalRequestSchema,
  SurvivalSchema,
  TimelineSchema,
  UpdateFollowUpSettingsSchema,
  WorklistQuerySchema,
  WorklistSchema,
} from '@gisurg/contracts/followup';
import { defineRoute } from '../../http/route.js';
import { adjustPlan } from './adjust-plan.js';
import { survival } from './analyze-survival.js';
import { getFollowUp } from './get-follow-up.js';
import { getWorklist } from './get-worklist.js';
import { alertLinkCandidates, createInvitation, handleAlert, linkAlert, listAlerts, openQuestionnaire, submitAnswers } from './pro.js';
import { recordAttempt } from './attempts.js';
import { windowLimiter } from '../../core/rate-limit.js';
import { recordContact } from './record-contact.js';
import { followUpImportRoutes } from './routes-import.js';
import { getFollowUpSettings, updateFollowUpSettings } from './settings.js';
import { getTimeline } from './timeline.js';

const tags = ['follow-up'];
const patient = { resourceType: 'patient', idParam: 'id' };
const TokenBodySchema = z.strictObject({ token: z.string().max(200) });

/** Follow-up (issue 11, docs/follow-up.md): plans, contacts, worklist, PRO questionnaire and alerts, survival. */
export function followUpRoutes(app: FastifyInstance): void {
  followUpImportRoutes(app);
  defineRoute(app, {
    method: 'GET',
    url: '/api/patients/:id/follow-up',
    access: 'followup:read',
    audit: patient,
    schema: { params: UuidParamSchema, response: { 200: FollowUpSchema }, summary: "The patient's follow-up plan and contacts", tags },
    handler: async (req, _reply, ctx) => getFollowUp(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/patients/:id/follow-up/contacts',
    access: 'followup:write',
    audit: patient,
    schema: {
      params: UuidParamSchema,
      body: ContactBodySchema,
      response: { 201: CreatedSchema },
      summary: 'Record a follow-up contact',
      tags,
    },
    handler: async (req, _reply, ctx) => recordContact(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/follow-up/plans/:id',
    access: 'followup:plan',
    audit: { resourceType: 'follow_up_plan', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: AdjustPlanSchema,
      response: { 200: z.object({ id: z.uuid(), items: z.number().int() }) },
      summary: 'Adjust a plan (guideline, interval, start) with a reason; planned items are rebuilt',
      tags,
    },
    handler: async (req, _reply, ctx) => adjustPlan(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/follow-up/worklist',
    access: 'followup:read',
    schema: {
      querystring: WorklistQuerySchema,
      response: { 200: WorklistSchema },
      summary: 'Visits overdue or due this week, or patients not seen for longer than the plan allows (?due, surgeonId, site)',
      tags,
    },
    handler: async (req, _reply, ctx) => getWorklist(ctx, req.query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/analytics/survival',
    access: 'analytics:survival',
    schema: { body: SurvivalRequestSchema, response: { 200: SurvivalSchema }, summary: 'Kaplan–Meier, log-rank and Cox on a cohort', tags },
    handler: async (req, _reply, ctx) => survival(ctx, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/patients/:id/pro-invitations',
    access: 'followup:write',
    audit: patient,
    schema: {
      params: UuidParamSchema,
      response: { 201: ProInvitationSchema },
      summary: 'A questionnaire link for the patient (token in the fragment)',
      tags,
    },
    handler: async (req, _reply, ctx) => createInvitation(ctx, req.params.id),
    created: true,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/follow-up/alerts',
    access: 'followup:read',
    schema: {
      querystring: ProAlertsQuerySchema,
      response: { 200: ProAlertsSchema },
      summary: 'Questionnaire answers past a threshold (?status)',
      tags,
    },
    handler: async (req, _reply, ctx) => listAlerts(ctx, req.query.status),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/follow-up/alerts/:id/handle',
    access: 'followup:write',
    audit: { resourceType: 'pro_response', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: HandleAlertSchema,
      response: { 200: CreatedSchema },
      summary: 'Record what the team did about an alert',
      tags,
    },
    handler: async (req, _reply, ctx) => handleAlert(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/follow-up/alerts/:id/link-candidates',
    access: 'followup:read',
    audit: { resourceType: 'pro_response', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      response: { 200: AlertLinkCandidatesSchema },
      summary: "The patient's admissions and complications within the alert's window, to link to it",
      tags,
    },
    handler: async (req, _reply, ctx) => alertLinkCandidates(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/follow-up/alerts/:id/links',
    access: 'followup:write',
    audit: { resourceType: 'pro_response', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: AlertLinksSchema,
      response: { 200: CreatedSchema },
      summary: 'Link (or unlink with null) the readmission and a complication to an alert',
      tags,
    },
    handler: async (req, _reply, ctx) => linkAlert(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/patients/:id/follow-up/attempts',
    access: 'followup:write',
    audit: patient,
    schema: {
      params: UuidParamSchema,
      body: AttemptBodySchema,
      response: { 201: AttemptResultSchema },
      summary: 'Record a failed contact attempt; at the setting the system records the patient as lost',
      tags,
    },
    handler: async (req, _reply, ctx) => recordAttempt(ctx, req.params.id, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/patients/:id/timeline',
    access: 'followup:read',
    audit: patient,
    schema: {
      params: UuidParamSchema,
      response: { 200: TimelineSchema },
      summary: "The patient's journey, oldest first: diagnosis, MDT, operations, stays, complications, follow-up, recurrence, death",
      tags,
    },
    handler: async (req, _reply, ctx) => getTimeline(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/follow-up/settings',
    access: 'followup:read',
    schema: { response: { 200: FollowUpSettingsSchema }, summary: "The questionnaire's alert thresholds and days", tags },
    handler: async (_req, _reply, ctx) => getFollowUpSettings(ctx),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/follow-up/settings',
    access: 'followup:settings',
    schema: {
      body: UpdateFollowUpSettingsSchema,
      response: { 200: FollowUpSettingsSchema },
      summary: "Set the questionnaire's alert thresholds and days (department head; audited)",
      tags,
    },
    handler: async (req, _reply, ctx) => updateFollowUpSettings(ctx, req.body),
  });

  // The public questionnaire: no session; the token comes in the body (the page reads it from the URL fragment).
  const limit = windowLimiter('pro.questionnaire', 30, 60_000);
  defineRoute(app, {
    method: 'POST',
    url: '/api/pro/questionnaire',
    access: 'public',
    schema: {
      body: TokenBodySchema,
      response: { 200: ProQuestionnaireSchema },
      summary: 'Open a questionnaire link (404 for any bad link)',
      tags,
    },
    handler: async (req, _reply, ctx) => {
      await limit(ctx.db, req.ip, ctx.clock.now());
      return openQuestionnaire(ctx, req.body.token);
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/pro/answers',
    access: 'public',
    schema: {
      body: z.strictObject({ token: z.string().max(200), answers: ProAnswersSchema }),
      response: { 201: ProSubmittedSchema },
      summary: 'Submit questionnaire answers',
      tags,
    },
    handler: async (req, _reply, ctx) => {
      await limit(ctx.db, req.ip, ctx.clock.now());
      return submitAnswers(ctx, req.body.token, req.body.answers);
    },
    created: true,
  });
}
