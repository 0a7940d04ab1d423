import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/connection.js';
import type { JobDefinition } from '../jobs/queue.js';
import { markSubscriptionsReady } from '../core/events.js';
import type { Feature } from '../core/feature.js';
import { contributePatientFacts } from '../core/patient-facts.js';
import { contributeTimeline } from '../core/patient-timeline.js';
import { registerMessages } from '../i18n/messages.js';
import { followUpFeature } from './followup/index.js';
import { mdtFeature } from './mdt/index.js';
import { oncologyRecordFeature } from './oncology-record/index.js';
import { organizationsFeature } from './organizations/index.js';
import { qualityFeature } from './quality/index.js';
import { patientsFeature } from './patients/index.js';
import { theatreFeature } from './theatre/index.js';
import { usersFeature } from './users/index.js';
import { wardFeature } from './ward/index.js';
import { consultationsFeature } from './consultations/index.js';
import { researchFeature } from './research/index.js';
import { educationFeature } from './education/index.js';
import { fhirFeature } from './fhir/index.js';

/**
 * The composition root's list of features (issue 15). Adding a feature = one line here plus its own folder:
 * routes, message catalog and clinical-event subscriptions are registered from its `Feature` descriptor.
 */
export const FEATURES: readonly Feature[] = [
  organizationsFeature,
  usersFeature,
  patientsFeature,
  oncologyRecordFeature,
  mdtFeature,
  wardFeature,
  theatreFeature,
  followUpFeature,
  consultationsFeature,
  qualityFeature,
  researchFeature,
  educationFeature,
  fhirFeature,
];

let contentRegistered = false;

/** Message catalogs and clinical-event subscriptions of every feature (idempotent; needs no HTTP server). */
export function registerFeatureContent(): void {
  if (contentRegistered) return;
  for (const f of FEATURES) {
    if (f.messages) registerMessages(f.messages);
    f.subscribe?.();
    if (f.patientFacts) contributePatientFacts(f.name, f.patientFacts);
    if (f.timeline) contributeTimeline(f.name, f.timeline);
  }
  markSubscriptionsReady();
  contentRegistered = true;
}

/** Every feature's routes, catalogs and subscriptions. */
export function registerFeatures(app: FastifyInstance, config: Config): void {
  registerFeatureContent();
  for (const f of FEATURES) f.routes(app, config);
}

/** Every feature's job definitions (the job queue of `gisurg serve` runs them with the scheduled ones). */
export function featureJobs(config: Config, database: Database): JobDefinition[] {
  return FEATURES.flatMap((f) => f.jobs?.(config, database) ?? []);
}
