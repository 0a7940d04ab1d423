import { subscribe } from '../../core/events.js';
import type { Feature } from '../../core/feature.js';
import { followUpMessages } from './messages.js';
import { ensurePlans } from './plans.js';
import { followUpRoutes } from './routes.js';
import { followUpTimeline } from './timeline.js';

/** Public entry of the follow-up feature (issue 11): plans on discharge/pathology, contacts, PRO, survival. */
export const followUpFeature: Feature = {
  name: 'followup',
  routes: followUpRoutes,
  messages: followUpMessages,
  timeline: followUpTimeline,
  subscribe: () => {
    subscribe('discharged', 'followup.plan', async (ctx, e) => ensurePlans(ctx, e.patientId));
    subscribe('pathology_recorded', 'followup.plan', async (ctx, e) => ensurePlans(ctx, e.patientId));
  },
};

/** The diagnoses that have a follow-up plan, for the quality feature's standardized-care checklist (issue 12). */
export { plannedDiagnoses } from './planned-diagnoses.js';

/** Builds the follow-up plans a patient's record calls for (idempotent), for the FHIR import (issue 13). */
export { ensurePlans } from './plans.js';
