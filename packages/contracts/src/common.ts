import { z } from 'zod';
import { isDateTime, isRealIsoDate } from './dates.js';

/**
 * Building blocks of every request and response schema. Messages are i18n keys of the server catalogs
 * (`packages/server/src/i18n/messages.ts`); the server renders them in Chinese and English.
 */

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is refused). */
export const IsoDateSchema = z.string().refine(isRealIsoDate, { message: 'validation.date.invalid' });

/** A date-time: ISO 8601 with an offset, or a hospital wall-clock time `YYYY-MM-DDTHH:mm` (see dates.ts). */
export const DateTimeSchema = z.string().refine(isDateTime, { message: 'validation.datetime' });

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const UuidParamSchema = z.object({ id: z.uuid() });

/** Optimistic-lock version: a positive 32-bit integer (a larger number is a 400, never a database overflow). */
export const VersionSchema = z.number({ error: 'validation.version.required' }).int().min(1).max(2_147_483_647);

/**
 * Text PostgreSQL can store and every screen can show: no NUL character (PostgreSQL refuses it in text) and
 * no lone UTF-16 surrogate (not valid Unicode). Use `text(max)` for every free-text field.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

export const text = (max: number) => z.string().max(max).refine(isStorableText, { message: 'validation.text.characters' });

/** Trim; empty string → null (optional text fields cleared from a form). */
export const optionalText = (max: number) =>
  text(max)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

/** Nullable optional enum for request bodies: absent = unchanged (PATCH) or empty (POST). */
export const nullableEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).nullable().optional();

export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** A page of items as the web app receives it. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** One field problem, with its text in both languages (the client shows the one it needs). */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
  messageZh: string;
  messageEn: string;
}

/** The error body of every non-2xx API response: `{ error: ErrorBody }`. */
export interface ErrorBody {
  code: string;
  message: string;
  requestId?: string;
  details?: { fields?: FieldIssue[]; currentVersion?: number; [key: string]: unknown };
}

/** Soft delete of clinical data: the version being deleted and why (kept on the row and in the audit log). */
export const DeleteRecordSchema = z.strictObject({
  version: VersionSchema,
  reason: z.string().trim().min(2, 'oncology.validation.reason').max(500).refine(isStorableText, { message: 'validation.text.characters' }),
});
export type DeleteRecord = z.output<typeof DeleteRecordSchema>;

export const BilingualSchema = z.object({ zh: z.string(), en: z.string() });
export type Bilingual = z.output<typeof BilingualSchema>;
