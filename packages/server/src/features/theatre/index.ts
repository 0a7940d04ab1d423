import type { Feature } from '../../core/feature.js';
import { theatreMessages } from './messages.js';
import { theatreRoutes } from './routes.js';

/** Public entry of the theatre feature: what the composition root (features/index.ts) registers. */
export const theatreFeature: Feature = {
  name: 'theatre',
  routes: theatreRoutes,
  messages: theatreMessages,
};
