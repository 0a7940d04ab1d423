import type { Feature } from '../../core/feature.js';
import { fhirMessages } from './messages.js';
import { fhirRoutes } from './routes.js';

/** Public entry of the FHIR R4 / mCODE facade (issue 13, docs/fhir.md): read, search, $everything under /fhir/R4. */
export const fhirFeature: Feature = {
  name: 'fhir',
  routes: fhirRoutes,
  messages: fhirMessages,
};
