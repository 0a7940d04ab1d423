import type { Feature } from '../../core/feature.js';
import { fhirMessages } from './messages.js';
import { fhirRoutes } from './routes.js';
import { setBearerResolver } from '../../auth/bearer.js';
import { resolveBearer } from './clients.js';
import { exportJobs } from './export/exporter.js';
import { fhirExportMessages } from './export/messages.js';

/** Public entry of the FHIR R4 / mCODE facade (issue 13, docs/fhir.md): read, search, $everything under /fhir/R4;
 * API clients (client id + secret → Bearer token) for other systems. */
export const fhirFeature: Feature = {
  name: 'fhir',
  routes: (app, config) => {
    setBearerResolver(resolveBearer);
    fhirRoutes(app, config);
  },
  messages: {
    'zh-CN': { ...fhirMessages['zh-CN'], ...fhirExportMessages['zh-CN'] },
    en: { ...fhirMessages.en, ...fhirExportMessages.en },
  },
  jobs: exportJobs,
};
