import type { Feature } from '../../core/feature.js';
import { mdtMessages } from './messages.js';
import { mdtRoutes } from './routes.js';
import { mdtTimeline } from './timeline.js';
import { subscribeMdtToClinicalEvents } from './record-clinical-event.js';

/** Public entry of the mdt feature: what the composition root (features/index.ts) registers. */
export const mdtFeature: Feature = {
  name: 'mdt',
  routes: mdtRoutes,
  messages: mdtMessages,
  subscribe: subscribeMdtToClinicalEvents,
  timeline: mdtTimeline,
};

/** Attachment checks shared with the consultation network (type from the magic bytes, safe display name). */

/** Put a case on the next inter-hospital board from another feature (consultations promoted to MDT). */
export { promoteToBoard } from './promote-case.js';

/** Counts of boards, discussed cases and concordance; overdue plan items; decision dates (quality reports, issue 12). */
export { boardDecisionDates, mdtPeriodSummary, overduePlanItems, type MdtPeriodSummary } from './summary.js';

/** Which board cases an actor reaches (the case audience), for other features' queries joined on patients (FHIR CarePlan). */
export { caseScope } from './scope.js';
