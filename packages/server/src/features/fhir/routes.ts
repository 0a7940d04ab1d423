import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { z } from 'zod';
import { defineRoute } from '../../http/route.js';
import { AppError } from '../../core/app-error.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { validationError, zodIssuesToFields } from '../../core/validation.js';
import type { Locale } from '../../i18n/messages.js';
import {
  FhirAuditEventSearchSchema,
  FhirClinicalSearchSchema,
  FhirEverythingQuerySchema,
  FhirIdParamSchema,
  FhirPatientSearchSchema,
  FhirTokenRequestSchema,
  CreateFhirClientSchema,
  FhirClientCreatedSchema,
  FhirClientListSchema,
  FhirClientSchema,
  FHIR_JWT_ALGS,
  FHIR_JWT_ASSERTION_TYPE,
  FHIR_SCOPES,
  FHIR_SYSTEMS,
  type FhirResourceType,
} from '@gisurg/contracts/fhir';
import { capabilityStatement } from './capability.js';
import { importBundle } from './import-bundle.js';
import { can } from '../../auth/actor.js';
import type { Bundle } from '@medplum/fhirtypes';
import { createFhirClient, issueToken, listFhirClients, requireScope, revokeFhirClient } from './clients.js';
import { patientEverything, readClinical, readPatient, searchClinical, searchPatients } from './read-resources.js';
import { readAuditEvent, searchAuditEvents } from './audit-events.js';
import type { Config } from '../../config.js';
import { exportRoutes } from './export/routes.js';

export const FHIR_PREFIX = '/fhir/R4';
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Parse with a contract schema; problems → the API's 400 with zh + en field messages. */
function parse<S extends z.ZodType>(schema: S, value: unknown, locale: Locale, prefix: string): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw validationError(zodIssuesToFields(r.error.issues, locale).map((f) => ({ ...f, path: f.path ? `${prefix}.${f.path}` : prefix })));
}

/** The query as given (last value of repeated keys), for the Bundle's links. */
function rawQuery(req: FastifyRequest): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    if (k === '_page' || k === '_count') continue;
    // Repeatable parameters (a date range, several _revinclude) keep every value; others their last one.
    const repeatable = k === 'date' || k === 'birthdate' || k === '_lastUpdated' || k === '_include' || k === '_revinclude';
    out[k] = Array.isArray(v) ? (repeatable ? v.map(String) : String(v[v.length - 1])) : typeof v === 'string' ? v : undefined;
  }
  return out;
}

function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}${FHIR_PREFIX}`;
}

function sendFhir(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.status(status).type(FHIR_JSON).send(JSON.stringify(body));
}

const ISSUE_CODE: Record<string, OperationOutcomeIssue['code']> = {
  NOT_FOUND: 'not-found',
  FORBIDDEN: 'forbidden',
  UNAUTHENTICATED: 'login',
  VALIDATION: 'invalid',
  CONFLICT: 'conflict',
  INVALID_STATE: 'business-rule',
  RATE_LIMITED: 'throttled',
  PAYLOAD_TOO_LARGE: 'too-costly',
  UNAVAILABLE: 'transient',
  INTERNAL: 'exception',
};

interface ApiError {
  error: {
    code: string;
    message: string;
    details?: { fields?: { path: string; message: string; messageZh: string; messageEn: string }[] };
  };
}

/**
 * The API's error body (written by the one error handler, which also audits denials) as an OperationOutcome:
 * one issue for the error and one per field, each with the message in the request's language and both
 * languages in `diagnostics`.
 */
export function toOperationOutcome(body: ApiError): OperationOutcome {
  const { code, message, details } = body.error;
  const issueCode = ISSUE_CODE[code] ?? 'processing';
  const detailsOf = (text: string) => ({ coding: [{ system: FHIR_SYSTEMS.gisurgError, code }], text });
  const issue: OperationOutcomeIssue[] = [{ severity: 'error', code: issueCode, details: detailsOf(message) }];
  for (const f of details?.fields ?? []) {
    issue.push({
      severity: 'error',
      code: issueCode,
      details: detailsOf(f.message),
      diagnostics: `${f.messageZh} / ${f.messageEn}`,
      ...(f.path ? { expression: [f.path] } : {}),
    });
  }
  return { resourceType: 'OperationOutcome', issue };
}

const CLINICAL_TYPES = ['Condition', 'Observation', 'Procedure', 'Encounter'] as const satisfies readonly FhirResourceType[];
/** Read and search like the clinical types; CarePlans are in $everything when the scopes cover them. */
const SEARCHED_TYPES = [...CLINICAL_TYPES, 'CarePlan'] as const satisfies readonly FhirResourceType[];

/** The FHIR R4 facade under /fhir/R4 (issue 13), in its own scope: FHIR JSON answers and OperationOutcome errors. */
export function fhirRoutes(app: FastifyInstance, config: Config): void {
  void app.register(
    async (scope) => {
      scope.addHook('onRequest', async (_req, reply) => {
        // Patient data must not stay in browser or proxy caches (trust.md S21), as for /api.
        void reply.header('cache-control', 'no-store');
      });
      // Errors come from the app's one error handler (which audits denials and misses) as `{ error }` JSON;
      // here they become OperationOutcomes with the FHIR media type.
      scope.addHook('onSend', async (_req, reply, payload) => {
        if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
        try {
          const body = JSON.parse(payload) as ApiError;
          if (!body?.error?.code) return payload;
          void reply.type(FHIR_JSON);
          return JSON.stringify(toOperationOutcome(body));
        } catch {
          return payload;
        }
      });

      defineRoute(scope, {
        method: 'GET',
        url: '/metadata',
        access: 'public',
        schema: { summary: 'FHIR CapabilityStatement', tags: ['fhir'] },
        handler: async (req, reply, ctx) => sendFhir(reply, 200, capabilityStatement(baseUrl(req), ctx.clock.now().toISOString())),
      });

      defineRoute(scope, {
        method: 'GET',
        url: '/Patient',
        access: 'patient:read',
        schema: { summary: 'FHIR Patient search', tags: ['fhir'] },
        handler: async (req, reply, ctx) => {
          requireScope(ctx.actor, 'Patient', 's');
          const q = parse(FhirPatientSearchSchema, req.query, ctx.locale, 'query');
          return sendFhir(reply, 200, await searchPatients(ctx, q, baseUrl(req), rawQuery(req)));
        },
      });

      defineRoute(scope, {
        method: 'GET',
        url: '/Patient/:id',
        access: 'patient:read',
        audit: { resourceType: 'Patient', idParam: 'id' },
        schema: { summary: 'FHIR Patient read', tags: ['fhir'] },
        handler: async (req, reply, ctx) => {
          requireScope(ctx.actor, 'Patient', 'r');
          const { id } = parse(FhirIdParamSchema, req.params, ctx.locale, 'id');
          return sendFhir(reply, 200, await readPatient(ctx, id));
        },
      });

      defineRoute(scope, {
        method: 'GET',
        url: '/Patient/:id/$everything',
        access: 'oncology:read',
        audit: { resourceType: 'Patient', idParam: 'id' },
        schema: { summary: 'FHIR Patient $everything', tags: ['fhir'] },
        handler: async (req, reply, ctx) => {
          for (const t of ['Patient', ...CLINICAL_TYPES] as const) requireScope(ctx.actor, t, 'r');
          const { id } = parse(FhirIdParamSchema, req.params, ctx.locale, 'id');
          const q = parse(FhirEverythingQuerySchema, req.query, ctx.locale, 'query');
          return sendFhir(reply, 200, await patientEverything(ctx, id, q, baseUrl(req)));
        },
      });

      for (const type of SEARCHED_TYPES) {
        defineRoute(scope, {
          method: 'GET',
          url: `/${type}`,
          access: 'oncology:read',
          schema: { summary: `FHIR ${type} search`, tags: ['fhir'] },
          handler: async (req, reply, ctx) => {
            requireScope(ctx.actor, type, 's');
            const q = parse(FhirClinicalSearchSchema, req.query, ctx.locale, 'query');
            return sendFhir(reply, 200, await searchClinical(ctx, type, q, baseUrl(req), rawQuery(req)));
          },
        });
        defineRoute(scope, {
          method: 'GET',
          url: `/${type}/:id`,
          access: 'oncology:read',
          audit: { resourceType: type, idParam: 'id' },
          schema: { summary: `FHIR ${type} read`, tags: ['fhir'] },
          handler: async (req, reply, ctx) => {
            requireScope(ctx.actor, type, 'r');
            const { id } = parse(FhirIdParamSchema, req.params, ctx.locale, 'id');
            return sendFhir(reply, 200, await readClinical(ctx, type, id));
          },
        });
      }

      // AuditEvent: who accessed which patient's record (audit-events.ts); audit readers and clients with its scope.
      defineRoute(scope, {
        method: 'GET',
        url: '/AuditEvent',
        access: 'audit:read',
        schema: { summary: 'FHIR AuditEvent search', tags: ['fhir'] },
        handler: async (req, reply, ctx) => {
          requireScope(ctx.actor, 'AuditEvent', 's');
          const q = parse(FhirAuditEventSearchSchema, req.query, ctx.locale, 'query');
          return sendFhir(reply, 200, await searchAuditEvents(ctx, q, baseUrl(req), rawQuery(req)));
        },
      });
      defineRoute(scope, {
        method: 'GET',
        url: '/AuditEvent/:id',
        access: 'audit:read',
        audit: { resourceType: 'AuditEvent', idParam: 'id' },
        schema: { summary: 'FHIR AuditEvent read', tags: ['fhir'] },
        handler: async (req, reply, ctx) => {
          requireScope(ctx.actor, 'AuditEvent', 'r');
          const { id } = parse(FhirIdParamSchema, req.params, ctx.locale, 'id');
          return sendFhir(reply, 200, await readAuditEvent(ctx, id));
        },
      });

      // Import: a transaction or batch Bundle from another system, mapped into the record (docs/fhir.md "Import").
      scope.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, scope.getDefaultJsonParser('error', 'error'));
      defineRoute(scope, {
        method: 'POST',
        url: '/',
        access: 'oncology:write',
        bodyLimit: 20 * 1024 * 1024,
        schema: {
          summary: 'FHIR transaction or batch Bundle import (Patient, Condition, Observation, Procedure, Encounter, follow-up CarePlan)',
          tags: ['fhir'],
        },
        handler: async (req, reply, ctx) => {
          if (!can(ctx.actor, 'patient:create')) throw new AppError('FORBIDDEN', 'errors.forbidden', { permission: 'patient:create' });
          return sendFhir(reply, 200, await importBundle(ctx, req.body as unknown as Bundle, baseUrl(req)));
        },
      });

      // SMART Backend Services discovery and the client_credentials token endpoint (docs/fhir.md).
      defineRoute(scope, {
        method: 'GET',
        url: '/.well-known/smart-configuration',
        access: 'public',
        schema: { summary: 'SMART configuration', tags: ['fhir'] },
        handler: async (req, reply) =>
          reply.type('application/json').send(
            JSON.stringify({
              token_endpoint: `${baseUrl(req)}/auth/token`,
              grant_types_supported: ['client_credentials'],
              token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
              token_endpoint_auth_signing_alg_values_supported: FHIR_JWT_ALGS,
              scopes_supported: FHIR_SCOPES,
              capabilities: ['client-confidential-symmetric', 'client-confidential-asymmetric'],
            }),
          ),
      });
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });
      defineRoute(scope, {
        method: 'POST',
        url: '/auth/token',
        access: 'public',
        schema: { summary: 'OAuth 2.0 client_credentials token for API clients', tags: ['fhir'] },
        handler: async (req, reply, ctx) => {
          void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
          const body = FhirTokenRequestSchema.safeParse(req.body ?? {});
          if (!body.success) {
            return reply.status(400).send({ error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' });
          }
          const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
          let clientId = body.data.client_id;
          let clientSecret = body.data.client_secret;
          if (basic) {
            const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0) {
              clientId = decodeURIComponent(decoded.slice(0, colon));
              clientSecret = decodeURIComponent(decoded.slice(colon + 1));
            }
          }
          const { client_assertion_type: assertionType, client_assertion: assertion } = body.data;
          if (assertionType !== undefined || assertion !== undefined) {
            // Private-key JWT (SMART Backend Services): the signed assertion instead of a secret.
            if (assertionType !== FHIR_JWT_ASSERTION_TYPE || !assertion) {
              return reply.status(400).send({
                error: 'invalid_request',
                error_description: `client_assertion_type must be ${FHIR_JWT_ASSERTION_TYPE}, with client_assertion`,
              });
            }
            const r = await issueToken(ctx, {
              clientId: body.data.client_id,
              clientSecret: undefined,
              scope: body.data.scope,
              assertion: { jwt: assertion, tokenUrl: `${baseUrl(req)}/auth/token` },
            });
            return reply.status(r.ok ? 200 : r.status).send(r.body);
          }
          const r = await issueToken(ctx, { clientId, clientSecret, scope: body.data.scope });
          return reply.status(r.ok ? 200 : r.status).send(r.body);
        },
      });

      // Bulk Data $export (system, Patient, Group), its status and files (export/routes.ts).
      exportRoutes(scope, config);

      // Anything else under /fhir/R4 (another resource type, a write) is an OperationOutcome, not the web app.
      defineRoute(scope, {
        method: 'GET',
        url: '/*',
        access: 'public',
        schema: {},
        handler: async () => {
          throw new AppError('NOT_FOUND', 'fhir.errors.notSupported');
        },
      });
      scope.setNotFoundHandler(async () => {
        throw new AppError('NOT_FOUND', 'fhir.errors.notSupported');
      });
    },
    { prefix: FHIR_PREFIX },
  );

  // Administration of API clients (JSON API, like the rest of the admin screens).
  defineRoute(app, {
    method: 'GET',
    url: '/api/fhir-clients',
    access: 'fhir_client:manage',
    schema: { response: { 200: FhirClientListSchema }, summary: 'FHIR API clients', tags: ['fhir'] },
    handler: async (_req, _reply, ctx) => listFhirClients(ctx),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/fhir-clients',
    access: 'fhir_client:manage',
    schema: {
      body: CreateFhirClientSchema,
      response: { 201: FhirClientCreatedSchema },
      summary: 'Issue a FHIR API client',
      tags: ['fhir'],
    },
    handler: async (req, _reply, ctx) => createFhirClient(ctx, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/fhir-clients/:id/revoke',
    access: 'fhir_client:manage',
    audit: { resourceType: 'fhir_client', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      response: { 200: FhirClientSchema },
      summary: 'Revoke a FHIR API client and its tokens',
      tags: ['fhir'],
    },
    handler: async (req, _reply, ctx) => revokeFhirClient(ctx, req.params.id),
  });
}
