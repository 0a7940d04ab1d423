import type { Feature } from '../../core/feature.js';
import { oncologyMessages } from './messages.js';
import { oncologyRoutes } from './routes.js';

/** Public entry of the oncology feature: what the composition root (features/index.ts) registers. */
export const oncologyFeature: Feature = {
  name: 'oncology',
  routes: oncologyRoutes,
  messages: oncologyMessages,
};
