/**
 * @gisurg/clinical — GISurg's single source of clinical truth. Pure TypeScript, no I/O.
 * Every rule cites its source; see docs/clinical-rules.md.
 */
export * from './errors.js';
export * from './resident-id.js';
export type { Bilingual, CodedOption } from './bilingual.js';
export { clinicalMessages, isClinicalMessageKey, nestClinicalMessages, type ClinicalMessageKey } from './messages.js';
export * from './staging/index.js';
export * from './peritoneal/index.js';
export * from './complications.js';
export * from './performance-status.js';
export * from './follow-up/index.js';
export * from './quality/index.js';
export * from './codes/index.js';
export * from './record/index.js';
export * from './stats/index.js';
