import type { Feature } from '../../core/feature.js';
import { subscribeDeaths } from './deaths.js';
import { qualityMessages } from './messages.js';
import { qualityRoutes } from './routes.js';

/** Public entry of the quality feature (issue 12): indicators, volumes, learning curves, annual report. */
export const qualityFeature: Feature = {
  name: 'quality',
  routes: qualityRoutes,
  messages: qualityMessages,
  subscribe: subscribeDeaths,
};
