import type { Feature } from '../../core/feature.js';
import { patientRoutes } from './routes.js';

/** Public entry of the patients feature: what the composition root (features/index.ts) registers. */
export const patientsFeature: Feature = {
  name: 'patients',
  routes: patientRoutes,
};

/** Other features register patients through the same use case (e.g. the oncology import). */
export { createPatient } from './create-patient.js';

/** Patient visibility: every feature that reaches a patient asks here (404 for what the actor may not see). */
export {
  findVisiblePatient,
  patientScope,
  preparedPatientScope,
  requireVisiblePatient,
  visiblePatientIds,
  type PatientRow,
  type VisiblePatient,
} from './visibility.js';

/** The pinyin / initials search terms written with every patient (seeds and imports that insert rows directly). */
export { writeSearchTerms } from './queries.js';
/** Search-key normalization (name, pinyin) and the prefix range on the terms' index, shared with the FHIR `name` search. */
export { normalizeQuery, prefixRange } from './search-terms.js';
export { boundPlaceholder, termInRange } from './queries.js';
