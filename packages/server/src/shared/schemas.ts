import { z } from 'zod';
import { isRealIsoDate } from './dates.js';

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is refused). */
export const IsoDateSchema = z.string().refine(isRealIsoDate, { message: 'validation.date.invalid' });

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const UuidParamSchema = z.object({ id: z.uuid() });

export const VersionSchema = z.number({ error: 'validation.version.required' }).int().min(1);

/** Trim; empty string → null (optional text fields cleared from a form). */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.trim())
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}
