import type { Feature } from '../../core/feature.js';
import { organizationRoutes } from './routes.js';

/** Public entry of the organizations feature: what the composition root (features/index.ts) registers. */
export const organizationsFeature: Feature = {
  name: 'organizations',
  routes: organizationRoutes,
};
