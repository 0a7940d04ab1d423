import type { FieldIssue } from '@gisurg/contracts';
/**
 * The one error type of the server (STYLE.md habit 4). Messages are i18n keys (see i18n/messages.ts) with
 * parameters; the handler renders them in the request's language and maps the code to an HTTP status.
 */
export type AppErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'VALIDATION'
  | 'CONFLICT'
  | 'INVALID_STATE'
  | 'UNAUTHENTICATED'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  /** The server lacks something it needs (e.g. the PDF font): an administrator must act. */
  | 'UNAVAILABLE';

export const statusOf: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  VALIDATION: 400,
  CONFLICT: 409,
  INVALID_STATE: 409,
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
};

/** One field problem, with its text in both languages: the contract's shape. */
export type { FieldIssue };

export interface AppErrorDetails {
  fields?: FieldIssue[];
  [key: string]: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    /** i18n key, e.g. `errors.notFound`. */
    readonly messageKey: string,
    readonly details?: AppErrorDetails,
    readonly params?: Record<string, string | number>,
  ) {
    super(messageKey);
  }

  get status(): number {
    return statusOf[this.code];
  }
}

export const notFound = () => new AppError('NOT_FOUND', 'errors.notFound');
export const forbidden = () => new AppError('FORBIDDEN', 'errors.forbidden');
