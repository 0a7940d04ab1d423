import type { Feature } from '../../core/feature.js';
import { wardMessages } from './messages.js';
import { wardPatientFacts } from './patient-facts.js';
import { wardRoutes } from './routes.js';
import { wardTimeline } from './timeline.js';
import { keepCensusYear } from './get-occupancy.js';

/** Public entry of the ward feature: what the composition root (features/index.ts) registers. */
export const wardFeature: Feature = {
  name: 'ward',
  routes: wardRoutes,
  messages: wardMessages,
  patientFacts: wardPatientFacts,
  timeline: wardTimeline,
  // The kept daily census of the last year, so that the first occupancy page of a year reads kept days (census-days.ts).
  jobs: (config) => [
    {
      name: 'ward.census',
      everyMs: 3_600_000,
      mode: 'lease',
      startAfterMs: 60_000,
      run: ({ db, now }) => keepCensusYear(db, config.timeZone, now),
    },
  ],
};

/** Bed reservations and 入院途径 for other features (consultation referrals). */
export { holdWardBed, recordTransferIn } from './reservations.js';

/** A stay that is already over, recorded after the fact (the FHIR import, issue 13). */
export { recordPastStay } from './record-past-stay.js';

/** Hospital stays as dates (the quality feature's single-disease export, issue 12). */
export { staysOf, type Stay } from './stays.js';
