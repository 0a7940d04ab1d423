import type { Feature } from '../../core/feature.js';
import { userRoutes } from './routes.js';

/** Public entry of the users feature: what the composition root (features/index.ts) registers. */
export const usersFeature: Feature = {
  name: 'users',
  routes: userRoutes,
};
