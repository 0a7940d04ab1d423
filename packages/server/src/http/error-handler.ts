import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { $ZodIssue } from 'zod/v4/core';
import { isClinicalInputError } from '@gisurg/clinical';
import { recordAudit } from '../audit/record.js';
import type { Db } from '../db/types.js';
import { translate } from '../i18n/messages.js';
import { AppError } from '../core/app-error.js';
import { metaOf } from './request-meta.js';
import { fieldIssue, fromClinicalError, validationError, zodIssuesToFields } from '../core/validation.js';
import type { Locale } from '../i18n/messages.js';

/** Thrown by our validator compiler so the handler can render zod issues in both languages. */
export class RequestValidationError extends Error {
  constructor(readonly issues: readonly $ZodIssue[]) {
    super('request validation failed');
  }
}

interface PgLikeError {
  code?: string;
  constraint?: string;
}

function pgError(e: unknown): PgLikeError | null {
  if (
    e &&
    typeof e === 'object' &&
    'code' in e &&
    typeof (e as PgLikeError).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((e as PgLikeError).code!)
  ) {
    return e as PgLikeError;
  }
  const cause = e && typeof e === 'object' && 'cause' in e ? e.cause : null;
  return cause ? pgError(cause) : null;
}

/**
 * The API field a unique index guards, so a duplicate is reported on the form field (never by the index,
 * table or column name: an error body names none of them). Indexes not listed give a field-less message.
 */
const UNIQUE_FIELDS: Record<string, string> = {
  patients_id_number_uq: 'idNumber',
  patients_inpatient_no_uq: 'inpatientNo',
  organizations_name_uq: 'name',
  departments_org_name_uq: 'name',
  wards_dept_code_uq: 'code',
  beds_ward_label_uq: 'label',
  operating_rooms_code_uq: 'code',
  theatre_equipment_code_uq: 'code',
  users_username_uq: 'username',
  mdt_participants_user_uq: 'userId',
  mdt_recommendations_case_uq: 'caseId',
  pathology_reports_operation_uq: 'operationId',
  peritoneal_assessments_operation_uq: 'operationId',
  admissions_one_active_uq: 'patientId',
  bed_stays_one_open_per_bed_uq: 'bedId',
  bed_states_admission_uq: 'admissionId',
};

/** A unique violation as a 409 on the form field it concerns, in both languages. */
function duplicateError(constraint: string | undefined, locale: Locale): AppError {
  const field = constraint ? UNIQUE_FIELDS[constraint] : undefined;
  if (!field) return new AppError('CONFLICT', 'errors.duplicate');
  return new AppError('CONFLICT', 'errors.duplicateField', { fields: [fieldIssue(locale, field, 'validation.duplicate')] });
}

/** Map anything thrown to an AppError, or null for a genuine internal error. */
export function toAppError(err: unknown, req: FastifyRequest): AppError | null {
  if (err instanceof AppError) return err;
  if (isClinicalInputError(err)) return fromClinicalError(err, req.locale);
  if (err instanceof RequestValidationError) {
    const ctx = (err as unknown as { validationContext?: string }).validationContext;
    const fields = zodIssuesToFields(err.issues, req.locale).map((f) => ({
      ...f,
      path: ctx && ctx !== 'body' ? `${ctx}${f.path ? `.${f.path}` : ''}` : f.path,
    }));
    return validationError(fields);
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('VALIDATION', 'errors.unsupportedMediaType');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'errors.payloadTooLarge');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('VALIDATION', 'errors.badJson');
    default:
      break;
  }
  if (fe.statusCode === 400 && fe instanceof SyntaxError) return new AppError('VALIDATION', 'errors.badJson');
  if (fe.statusCode === 415) return new AppError('VALIDATION', 'errors.unsupportedMediaType');
  if (fe.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'errors.payloadTooLarge');
  // Static files: a directory or an unreadable path is simply not there.
  if (fe.statusCode === 403 || fe.statusCode === 404) return new AppError('NOT_FOUND', 'errors.routeNotFound');
  const pe = pgError(err);
  if (pe?.code === '23505') return duplicateError(pe.constraint, req.locale);
  if (pe?.code === '40001' || pe?.code === '40P01') return new AppError('CONFLICT', 'errors.stale', { retry: true });
  // Data exceptions (class 22: untranslatable character, numeric out of range, bad datetime …) and program
  // limits (class 54: too deep, too many parameters) come from input the schemas let through: a 400, not a 500.
  if (pe?.code && (pe.code.startsWith('22') || pe.code.startsWith('54'))) {
    req.log.warn({ err, requestId: req.id, route: req.routeOptions.url ?? null }, 'input refused by the database');
    return new AppError('VALIDATION', 'errors.invalidInput');
  }
  return null;
}

/** The username of a sign-in body as storable text (NUL and lone surrogates replaced), or null. */
function storableUsername(body: unknown): string | null {
  const u = body && typeof body === 'object' ? (body as { username?: unknown }).username : null;
  if (typeof u !== 'string') return null;
  return u
    .slice(0, 64)
    .replaceAll('\u0000', '\ufffd')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\ufffd')
    .trim()
    .toLowerCase();
}

/** One error handler: AppError → status + JSON `{ error: { code, message, details?, requestId } }`. */
export function registerErrorHandler(app: FastifyInstance, db: Db): void {
  app.setErrorHandler(async (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const appErr = toAppError(err, req);
    // Every sign-in attempt leaves an audit row (issue 17 failure 3): the use case audits refusals itself;
    // anything else (refused input, a failure after the check) is audited here.
    if (req.routeOptions.url === '/api/auth/login' && appErr?.code !== 'UNAUTHENTICATED' && appErr?.code !== 'RATE_LIMITED') {
      try {
        await recordAudit(db, metaOf(req), null, {
          action: 'auth.login',
          outcome: appErr ? 'failure' : 'error',
          details: { username: storableUsername(req.body), reason: appErr ? 'invalid_input' : 'error' },
        });
      } catch (e) {
        req.log.error({ err: e, requestId: req.id }, 'could not audit a sign-in attempt');
      }
    }
    if (!appErr) {
      req.log.error({ err, requestId: req.id }, 'unexpected error');
      return reply.status(500).send({
        error: { code: 'INTERNAL', message: translate(req.locale, 'errors.internal', { requestId: req.id }), requestId: req.id },
      });
    }
    // Denials and misses on object routes are audited (trust.md S11): who tried to reach what.
    const audit = req.routeOptions.config?.audit;
    if ((appErr.code === 'FORBIDDEN' || appErr.code === 'NOT_FOUND') && (audit || appErr.code === 'FORBIDDEN')) {
      const params = (req.params ?? {}) as Record<string, string>;
      try {
        await recordAudit(db, metaOf(req), req.actor, {
          action: 'access.denied',
          outcome: appErr.code === 'FORBIDDEN' ? 'denied' : 'not_found',
          resourceType: audit?.resourceType ?? null,
          resourceId: audit?.idParam ? (params[audit.idParam] ?? null) : null,
          details: { method: req.method, route: req.routeOptions.url ?? null },
        });
      } catch (e) {
        req.log.error({ err: e, requestId: req.id }, 'could not audit a denial');
      }
    }
    const body: Record<string, unknown> = {
      code: appErr.code,
      message: translate(req.locale, appErr.messageKey, { ...appErr.params, ...(appErr.details ?? {}) }),
    };
    if (appErr.details && Object.keys(appErr.details).length > 0) body.details = appErr.details;
    return reply.status(appErr.status).send({ error: body });
  });
}
