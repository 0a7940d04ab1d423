import type { Feature } from '../../core/feature.js';
import { educationMessages } from './messages.js';
import { educationRoutes } from './routes.js';

/**
 * Public entry of the teaching feature (issue 14, docs/education.md): events with public registration,
 * per-session check-in, CME credits and certificates; the master's station and its case log (assisted
 * operations and tumor-board attendance are read from the record, so they need no subscription).
 */
export const educationFeature: Feature = {
  name: 'education',
  routes: educationRoutes,
  messages: educationMessages,
};

/** Events, attendance, certificates and the station's case log of a period (the quality feature's annual report, issue 12). */
export { educationPeriodSummary, type EducationPeriodSummary } from './summary.js';
