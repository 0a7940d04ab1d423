import { z } from 'zod';
import { IsoDateSchema } from './common.js';
import { LEARNING_OUTCOMES, PROCEDURE_FAMILIES, QUALITY_INDICATOR_CODES, TargetSchema } from './quality.js';

/**
 * Quality reports of the department head (issue 12, docs/quality.md): the single-disease (单病种) export and
 * the weekly digest. The annual report's query stays in quality.ts (AnnualReportQuerySchema).
 */

export const SINGLE_DISEASES = ['gastric', 'colorectal'] as const;
export type SingleDisease = (typeof SINGLE_DISEASES)[number];

/**
 * Resections whose operation date falls in [from, to], at most 5 calendar years apart. Without from/to:
 * 1 January of the current year to today (hospital time zone), like the indicators; without disease: gastric.
 */
export const SingleDiseaseQuerySchema = z
  .object({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional(), disease: z.enum(SINGLE_DISEASES).default('gastric') })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'quality.validation.period', path: ['to'] })
  .refine((q) => !q.from || !q.to || Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) <= 5, {
    message: 'quality.validation.periodTooLong',
    path: ['to'],
  });
export type SingleDiseaseQuery = z.input<typeof SingleDiseaseQuerySchema>;

/** Any date names its week (Monday to Sunday); without weekOf: the last complete week. */
export const DigestQuerySchema = z.object({ weekOf: IsoDateSchema.optional() });
export type DigestQuery = z.input<typeof DigestQuerySchema>;

const RateSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().nullable(),
  meetsTarget: z.boolean().nullable(),
});

/** How an indicator's target status moved from last week's window to this week's. */
export const DIGEST_CHANGES = ['newly_missed', 'newly_met', 'still_missed', 'still_met', 'no_target', 'no_data'] as const;

export const DigestSchema = z.object({
  /** The digest's week: Monday to Sunday (default: the last complete week). Numbers use the record as it stands now. */
  week: z.object({ from: z.string(), to: z.string() }),
  /** 28-day indicator windows ending on the week's Sunday (current) and one week earlier (previous). */
  windows: z.object({
    current: z.object({ from: z.string(), to: z.string() }),
    previous: z.object({ from: z.string(), to: z.string() }),
  }),
  indicators: z.array(
    z.object({
      code: z.enum(QUALITY_INDICATOR_CODES),
      target: TargetSchema.nullable(),
      current: RateSchema,
      previous: RateSchema,
      change: z.enum(DIGEST_CHANGES),
    }),
  ),
  /** Risk-adjusted CUSUM crossings of the control limit by a case operated in the week. */
  cusumSignals: z.array(
    z.object({
      surgeonId: z.string(),
      surgeonName: z.string(),
      outcome: z.enum(LEARNING_OUTCOMES),
      family: z.enum(PROCEDURE_FAMILIES),
      caseNumber: z.number().int(),
      date: z.string(),
    }),
  ),
  /** Tumor-board plan items still pending after their due date: as of the Monday after the week (or today, before then). */
  overdueMdt: z.object({
    total: z.number().int(),
    /** Of which the due date fell in the week (became overdue this week). */
    newThisWeek: z.number().int(),
    items: z.array(
      z.object({
        itemId: z.string(),
        caseId: z.string(),
        patientId: z.string(),
        patientName: z.string(),
        kind: z.string(),
        dueDate: z.string(),
        daysOverdue: z.number().int(),
      }),
    ),
  }),
});
export type Digest = z.output<typeof DigestSchema>;
