import type { Feature } from '../../core/feature.js';
import { surgeryRoutes } from './routes.js';

/** Public entry of the surgery feature: what the composition root (features/index.ts) registers. */
export const surgeryFeature: Feature = {
  name: 'surgery',
  routes: surgeryRoutes,
};
