import type { FastifyInstance } from 'fastify';
import type { Feature } from '../../core/feature.js';
import { complicationRoutes } from './complications/routes.js';
import { diagnosisRoutes } from './diagnoses/routes.js';
import { oncologyMessages } from './messages.js';
import { oncologyPatientFacts } from './patient-facts.js';
import { operationRoutes } from './operations/routes.js';
import { pathologyRoutes } from './pathology/routes.js';
import { peritonealRoutes } from './peritoneal/routes.js';
import { summaryRoutes } from './routes.js';
import { oncologyTimeline } from './timeline.js';

export { loadOncologyRecord, loadOncologyRecords, type OncologyRecord } from './get-oncology-summary.js';
/** The record's writers, for the FHIR import (features/fhir/import-bundle.ts): the same validation, staging and audit. */
export { createDiagnosis } from './diagnoses/create-diagnosis.js';
export { createMarker } from './diagnoses/create-marker.js';
export { createPerformanceStatus } from './diagnoses/create-performance-status.js';
export { createOperation } from './operations/create-operation.js';
export { putPathology } from './pathology/put-pathology.js';
export { putPeritoneal } from './peritoneal/put-peritoneal.js';

/**
 * Public entry of the oncology record (issue 15): diagnoses with tumour markers and performance status,
 * operations, their pathology, peritoneal disease (PCI/CC/HIPEC) and complications — one feature.
 * Other features import only this file.
 */
export const oncologyRecordFeature: Feature = {
  name: 'oncology-record',
  routes: (app: FastifyInstance) => {
    summaryRoutes(app);
    diagnosisRoutes(app);
    operationRoutes(app);
    complicationRoutes(app);
    pathologyRoutes(app);
    peritonealRoutes(app);
  },
  messages: oncologyMessages,
  patientFacts: oncologyPatientFacts,
  timeline: oncologyTimeline,
};
