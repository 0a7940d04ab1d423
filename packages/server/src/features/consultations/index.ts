import type { Feature } from '../../core/feature.js';
import { consultationMessages } from './messages.js';
import { subscribeConsultations } from './on-admitted.js';
import { consultationRoutes } from './routes.js';

/** Public entry of the consultation network (issue 10, docs/consultation.md). */
export const consultationsFeature: Feature = {
  name: 'consultations',
  routes: consultationRoutes,
  messages: consultationMessages,
  subscribe: subscribeConsultations,
};

/** The network's figures for a period, summed over hospitals (the quality feature's annual report, issue 12). */
export { consultationPeriodSummary, type ConsultationPeriodSummary } from './summary.js';
