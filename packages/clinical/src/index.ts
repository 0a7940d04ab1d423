/**
 * @gisurg/clinical — GISurg's single source of clinical truth. Pure TypeScript, no I/O.
 * Every rule cites its source; see docs/clinical-rules.md.
 */
export * from './errors.js';
export * from './resident-id.js';
export * from './messages.js';
