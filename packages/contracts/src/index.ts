/**
 * @gisurg/contracts — the one contract between the server and the web app (issue 15): zod request and
 * response schemas and coded value lists per feature, and the shared date/time module. The server validates
 * with these schemas (and builds OpenAPI from them); the web app types its API client and its request bodies
 * from them. A shape declared here is declared nowhere else.
 */
export * from './dates.js';
export * from './common.js';
