import type { Feature } from '../../core/feature.js';
import { patientRoutes } from './routes.js';

/** Public entry of the patients feature: what the composition root (features/index.ts) registers. */
export const patientsFeature: Feature = {
  name: 'patients',
  routes: patientRoutes,
};

/** Other features register patients through the same use case (e.g. the oncology import). */
export { createPatient } from './create-patient.js';

/** Search-key normalization (name, pinyin), shared with the FHIR `name` search. */
export { normalizeQuery } from './search-terms.js';
