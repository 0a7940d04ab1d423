import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/connection.js';
import type { JobDefinition } from '../jobs/queue.js';
import type { MessageCatalog } from '../i18n/messages.js';
import type { PatientFactsProvider } from './patient-facts.js';
import type { TimelineProvider } from './patient-timeline.js';

/**
 * What a feature hands the composition root (features/index.ts): its routes, its message catalog and its
 * clinical-event subscriptions. app.ts registers every feature in the list; a feature never registers another.
 */
export interface Feature {
  name: string;
  routes: (app: FastifyInstance, config: Config) => void;
  messages?: MessageCatalog;
  /** Subscribe to clinical events (core/events.ts `subscribe`). */
  subscribe?: () => void;
  /** Facts this feature adds to the patient list's rows (core/patient-facts.ts). */
  patientFacts?: PatientFactsProvider;
  /** Events this feature adds to the patient's journey timeline (core/patient-timeline.ts). */
  timeline?: TimelineProvider;
  /** Work this feature runs through the job queue (jobs/queue.ts): periodic, or on demand via `enqueueJob`. */
  jobs?: (config: Config, database: Database) => JobDefinition[];
}
