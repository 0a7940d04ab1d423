/**
 * The oncology record's API contract (issue 15): diagnoses with tumour markers and performance status and
 * pathology, operations with complications, peritoneal disease (PCI/CC/HIPEC) and the patient summary.
 * Server: `import { … } from '@gisurg/contracts/oncology-record'`; web: `z.input`/`z.output` of the same schemas.
 */
export * from './oncology-record/diagnoses.js';
export * from './oncology-record/operations.js';
export * from './oncology-record/peritoneal.js';
export * from './oncology-record/summary.js';
