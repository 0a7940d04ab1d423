/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie.
 * Errors become ApiError with the server's code, translated message, field issues and request id.
 * A 401 on a signed-in page raises the "session ended" event the auth provider listens to.
 */
import i18n from 'i18next';
import type { z } from 'zod';
import type { FieldIssue } from '@gisurg/contracts';
import { issuesToFields, type Locale, type Translate } from '@gisurg/contracts/validation';
export type { FieldIssue } from '@gisurg/contracts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly details: { fields?: FieldIssue[]; currentVersion?: number; [k: string]: unknown } = {},
  ) {
    super(message);
  }

  get fields(): FieldIssue[] {
    return this.details.fields ?? [];
  }
}

let currentLocale = 'zh-CN';
export function setApiLocale(locale: string): void {
  currentLocale = locale;
}
/** The language the API answers in (calls made without `api()`, e.g. uploads with progress, send it too). */
export function currentApiLocale(): string {
  return currentLocale;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called when the server answers 401 to a request made with a session (expired, ended elsewhere). */
export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

let lastActivity = Date.now();
/** Time of the last successful API call (the client-side idle logout uses it). */
export function lastApiActivity(): number {
  return lastActivity;
}

/** The web's catalogs as the contract's translator (the same keys and texts as the server's; see contract-messages.test.ts). */
const webTranslate: Translate = (locale, key, params) =>
  i18n.exists(key, { lng: locale }) ? i18n.t(key, { ...params, lng: locale }) : null;

/**
 * Check a request body against the contract schema the server validates it with, as the server will see it
 * (after JSON). A failure is the same ApiError a 400 from the server would be, with the same bilingual field
 * messages, so forms place it with `applyServerErrors` — without a round trip.
 */
export function validateBody(schema: z.ZodType, body: unknown): void {
  const asSent: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
  const result = schema.safeParse(asSent);
  if (result.success) return;
  const locale: Locale = currentLocale === 'en' ? 'en' : 'zh-CN';
  const fields = issuesToFields(result.error.issues, locale, webTranslate);
  throw new ApiError(400, 'VALIDATION', webTranslate(locale, 'errors.validation') ?? 'VALIDATION', null, { fields });
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  opts: { signal?: AbortSignal; quiet401?: boolean; schema?: z.ZodType } = {},
): Promise<T> {
  if (opts.schema) validateBody(opts.schema, body);
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'x-gisurg-locale': currentLocale,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const requestId = res.headers.get('x-request-id');
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: ApiError['details']; requestId?: string } } | null)?.error;
    if (res.status === 401 && !opts.quiet401) unauthorizedListeners.forEach((fn) => fn());
    throw new ApiError(res.status, err?.code ?? 'HTTP', err?.message ?? res.statusText, err?.requestId ?? requestId, err?.details ?? {});
  }
  lastActivity = Date.now();
  return data as T;
}

export const get = <T>(url: string, signal?: AbortSignal) => api<T>('GET', url, undefined, signal ? { signal } : {});
/** POST / PATCH with the contract schema of the body: validated here first, then by the server. */
export const post = <T>(url: string, body?: unknown, schema?: z.ZodType) => api<T>('POST', url, body ?? {}, schema ? { schema } : {});
export const patch = <T>(url: string, body: unknown, schema?: z.ZodType) => api<T>('PATCH', url, body, schema ? { schema } : {});

/** Query string from an object, skipping empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
