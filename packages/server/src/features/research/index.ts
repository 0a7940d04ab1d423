import type { Feature } from '../../core/feature.js';
import { researchMessages } from './messages.js';
import { researchRoutes } from './routes.js';

/** Public entry of the research feature (issue 14, docs/research.md): projects, cohorts, consent, de-identified exports. */
export const researchFeature: Feature = {
  name: 'research',
  routes: researchRoutes,
  messages: researchMessages,
};

/** Projects, enrolment and outputs of a period, counts only (the quality feature's annual report, issue 12). */
export { researchPeriodSummary, type ResearchPeriodSummary } from './summary.js';
