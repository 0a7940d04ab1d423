import type { Feature } from '../../core/feature.js';
import { peritonealRoutes } from './routes.js';

/** Public entry of the peritoneal feature: what the composition root (features/index.ts) registers. */
export const peritonealFeature: Feature = {
  name: 'peritoneal',
  routes: peritonealRoutes,
};
