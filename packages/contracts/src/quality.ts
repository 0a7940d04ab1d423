import { z } from 'zod';
import { IsoDateSchema } from './common.js';

/**
 * Quality and outcomes (issue 12, docs/quality.md): indicators with their 95 % CI, targets and missing-data
 * counts, volumes, per-surgeon learning curves and the annual discipline report.
 */

/** The indicators of the contract (docs/quality.md gives every definition, source and target). */
export const QUALITY_INDICATOR_CODES = ['ln_adequacy', 'conversion', 'cd3plus', 'mortality_30d', 'r0'] as const;
export type QualityIndicatorCode = (typeof QUALITY_INDICATOR_CODES)[number];

/** Why records were left out of a denominator (reported, never dropped silently). */
export const QUALITY_MISSING_REASONS = ['no_pathology', 'no_node_count', 'no_margin', 'window_open', 'no_resection_site', 'none'] as const;

export const TREND_INTERVALS = ['week', 'month', 'quarter'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

/** Without from/to: 1 January of the current year to today (hospital time zone). */
const period = {
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  /** The department head may look at one surgeon; surgeons always see their own operations. */
  surgeonId: z.uuid().optional(),
};
const fromBeforeTo = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;

export const IndicatorsQuerySchema = z.object(period).refine(fromBeforeTo, { message: 'quality.validation.period', path: ['to'] });
export type IndicatorsQuery = z.input<typeof IndicatorsQuerySchema>;

export const TargetSchema = z.object({ comparator: z.enum(['>=', '<=']), value: z.number().min(0).max(1) });
export type Target = z.output<typeof TargetSchema>;

export const IndicatorSchema = z.object({
  code: z.enum(QUALITY_INDICATOR_CODES),
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** numerator / denominator (0–1); null when the denominator is 0. */
  rate: z.number().nullable(),
  /** Wilson score 95 % interval (0–1); null when the denominator is 0. */
  ci: z.object({ lower: z.number(), upper: z.number() }).nullable(),
  target: TargetSchema.nullable(),
  /** rate against the target; null without a target or a rate. */
  meetsTarget: z.boolean().nullable(),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  /** Records of the indicator's population left out of the denominator for missing data, by reason. */
  missing: z.array(z.object({ reason: z.enum(QUALITY_MISSING_REASONS), count: z.number().int() })),
  /** The definitions of packages/clinical (QUALITY_INDICATORS) this indicator implements. */
  definitions: z.array(z.string()),
});
export type Indicator = z.output<typeof IndicatorSchema>;

export const IndicatorsSchema = z.object({
  from: z.string(),
  to: z.string(),
  surgeonId: z.string().nullable(),
  operations: z.number().int(),
  indicators: z.array(IndicatorSchema),
});
export type Indicators = z.output<typeof IndicatorsSchema>;

export const TrendQuerySchema = z
  .object({ ...period, interval: z.enum(TREND_INTERVALS).default('month') })
  .refine(fromBeforeTo, { message: 'quality.validation.period', path: ['to'] })
  .refine((q) => !q.from || !q.to || q.to < addYears(q.from, 5), { message: 'quality.validation.periodTooLong', path: ['to'] });
export type TrendQuery = z.input<typeof TrendQuerySchema>;

export const TrendSchema = z.object({
  interval: z.enum(TREND_INTERVALS),
  points: z.array(
    z.object({
      /** First day of the week (Monday), month or quarter. */
      period: z.string(),
      indicators: z.array(z.object({ code: z.enum(QUALITY_INDICATOR_CODES), numerator: z.number().int(), denominator: z.number().int() })),
    }),
  ),
});
export type Trend = z.output<typeof TrendSchema>;

const YearSchema = z.coerce
  .number({ error: 'quality.validation.year' })
  .int('quality.validation.year')
  .min(1990, 'quality.validation.year')
  .max(2100, 'quality.validation.year');

/** Without a year: the current year. */
export const VolumesQuerySchema = z.object({ year: YearSchema.optional(), surgeonId: z.uuid().optional() });
export type VolumesQuery = z.input<typeof VolumesQuerySchema>;

export const VolumesSchema = z.object({
  year: z.number().int(),
  operations: z.number().int(),
  /** Completed laparoscopic or robotic operations (converted ones count as open). */
  laparoscopic: z.number().int(),
  /** Cytoreductive surgery with HIPEC in the same operation. */
  crsHipec: z.number().int(),
  /** Historic baseline + every completed laparoscopic/robotic operation recorded up to the end of the year. */
  laparoscopicCumulative: z.number().int(),
  laparoscopicBaseline: z.number().int(),
  byMonth: z.array(z.object({ month: z.number().int(), operations: z.number().int(), laparoscopic: z.number().int() })),
  /** Radical resections by site (principal radical procedure), and the rest. */
  bySite: z.array(z.object({ site: z.enum(['stomach', 'colorectal', 'other']), operations: z.number().int() })),
});
export type Volumes = z.output<typeof VolumesSchema>;

export const QualitySettingsSchema = z.object({
  laparoscopicBaseline: z.number().int(),
  targets: z.record(z.enum(QUALITY_INDICATOR_CODES), TargetSchema.nullable()),
});
export type QualitySettings = z.output<typeof QualitySettingsSchema>;

export const UpdateQualitySettingsSchema = z.strictObject({
  laparoscopicBaseline: z
    .number({ error: 'quality.validation.baseline' })
    .int('quality.validation.baseline')
    .min(0, 'quality.validation.baseline')
    .max(1_000_000, 'quality.validation.baseline')
    .optional(),
  targets: z.partialRecord(z.enum(QUALITY_INDICATOR_CODES), TargetSchema.nullable()).optional(),
});
export type UpdateQualitySettings = z.input<typeof UpdateQualitySettingsSchema>;

export const SurgeonsSchema = z.object({
  surgeons: z.array(z.object({ id: z.string(), displayName: z.string(), operations: z.number().int() })),
});
export type Surgeons = z.output<typeof SurgeonsSchema>;

export const LEARNING_OUTCOMES = ['conversion', 'cd3plus', 'mortality_30d'] as const;
export const PROCEDURE_FAMILIES = ['all', 'gastric', 'colorectal'] as const;

export const LearningCurveQuerySchema = z.object({
  /** Default: the signed-in surgeon. */
  surgeonId: z.uuid().optional(),
  outcome: z.enum(LEARNING_OUTCOMES).default('cd3plus'),
  family: z.enum(PROCEDURE_FAMILIES).default('all'),
});
export type LearningCurveQuery = z.input<typeof LearningCurveQuerySchema>;

export const LearningCurveSchema = z.object({
  surgeon: z.object({ id: z.string(), displayName: z.string() }),
  outcome: z.enum(LEARNING_OUTCOMES),
  family: z.enum(PROCEDURE_FAMILIES),
  cases: z.array(
    z.object({ n: z.number().int(), date: z.string(), durationMin: z.number().nullable(), failure: z.boolean(), risk: z.number() }),
  ),
  /** Operative-time CUSUM over the cases with a recorded duration; the peak is the learning-curve change point. */
  operativeTime: z
    .object({
      n: z.number().int(),
      mean: z.number(),
      series: z.array(z.number()),
      peakCase: z.number().int(),
      caseNumbers: z.array(z.number().int()),
    })
    .nullable(),
  /** Risk-adjusted CUSUM (Steiner 2000): odds ratio to detect, control limit h, first crossing (case number). */
  failure: z
    .object({
      oddsRatio: z.number(),
      h: z.number(),
      series: z.array(z.number()),
      signalCase: z.number().int().nullable(),
      observed: z.number().int(),
      expected: z.number(),
    })
    .nullable(),
  /** The risk model: the department's rate of the outcome per stratum (family × urgency), over all surgeons. */
  riskModel: z.object({
    strata: z.array(
      z.object({ family: z.string(), urgency: z.string(), failures: z.number().int(), operations: z.number().int(), risk: z.number() }),
    ),
  }),
});
export type LearningCurve = z.output<typeof LearningCurveSchema>;

export const ANNUAL_REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export const AnnualReportQuerySchema = z.object({ year: YearSchema.optional(), format: z.enum(ANNUAL_REPORT_FORMATS).default('pdf') });
export type AnnualReportQuery = z.input<typeof AnnualReportQuerySchema>;

function addYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

// ── Funnel plot and drill-down (issue 12) ──────────────────────────────────────────────────────────────

export type QualityMissingReason = (typeof QUALITY_MISSING_REASONS)[number];

/** The missing-data groups each indicator reports (the dashboard's "missing" column, in this order). */
export const QUALITY_MISSING_BY_CODE: Record<QualityIndicatorCode, readonly QualityMissingReason[]> = {
  ln_adequacy: ['no_pathology', 'no_node_count'],
  conversion: [],
  cd3plus: [],
  mortality_30d: ['window_open'],
  r0: ['no_pathology', 'no_margin'],
};

/** Funnel plot of one indicator (default CD ≥ IIIa) over a period: every surgeon's rate against their denominator. */
export const FunnelQuerySchema = z
  .object({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional(), code: z.enum(QUALITY_INDICATOR_CODES).default('cd3plus') })
  .refine(fromBeforeTo, { message: 'quality.validation.period', path: ['to'] });
export type FunnelQuery = z.input<typeof FunnelQuerySchema>;

const FunnelLimitsSchema = z.object({
  denominator: z.number().int(),
  lower95: z.number(),
  upper95: z.number(),
  lower998: z.number(),
  upper998: z.number(),
});

export const FunnelSchema = z.object({
  code: z.enum(QUALITY_INDICATOR_CODES),
  from: z.string(),
  to: z.string(),
  /** The centre line: the department's numerator / denominator (all operations, with or without a surgeon); null when 0. */
  departmentRate: z.number().nullable(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** Binomial limits (Spiegelhalter 2005): exact with interpolation. */
  method: z.enum(['exact', 'normal']),
  /**
   * One point per primary surgeon with a denominator > 0. The department head sees every surgeon by name; a
   * surgeon only their own point; a researcher every point without id or name (surgeonId and displayName null).
   */
  surgeons: z.array(
    z.object({
      surgeonId: z.string().nullable(),
      displayName: z.string().nullable(),
      numerator: z.number().int(),
      denominator: z.number().int(),
      rate: z.number(),
      outside95: z.boolean(),
      outside998: z.boolean(),
    }),
  ),
  /** The limit lines, from denominator 1 to the largest surgeon's (empty without a department rate). */
  limits: z.array(FunnelLimitsSchema),
});
export type Funnel = z.output<typeof FunnelSchema>;

export const CASE_GROUPS = ['numerator', 'denominator', 'missing'] as const;
export type CaseGroup = (typeof CASE_GROUPS)[number];
/** At most this many operations are listed (the total is always given). */
export const QUALITY_CASES_LIMIT = 500;

/** The operations behind one number of the dashboard (drill-down); without code and group: the CD ≥ IIIa numerator. */
export const CasesQuerySchema = z
  .object({
    ...period,
    code: z.enum(QUALITY_INDICATOR_CODES).default('cd3plus'),
    group: z.enum(CASE_GROUPS).default('numerator'),
    /** With group=missing: one of the indicator's missing reasons (without: all of them). */
    reason: z.enum(QUALITY_MISSING_REASONS).optional(),
  })
  .refine(fromBeforeTo, { message: 'quality.validation.period', path: ['to'] })
  .refine((q) => q.reason === undefined || (q.group === 'missing' && QUALITY_MISSING_BY_CODE[q.code].includes(q.reason)), {
    message: 'quality.validation.reason',
    path: ['reason'],
  });
export type CasesQuery = z.input<typeof CasesQuerySchema>;

export const QualityCaseSchema = z.object({
  operationId: z.string(),
  operationDate: z.string(),
  patient: z.object({ id: z.string(), name: z.string(), inpatientNo: z.string().nullable() }),
  /** Procedure codes in the operation's order (PROCEDURES of packages/clinical names them). */
  procedures: z.array(z.string()),
  surgeon: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  approach: z.string(),
  /** The facts the indicators read: resection site, pathology, CD ≥ IIIa complications within 30 days, death. */
  site: z.enum(['stomach', 'colorectal']).nullable(),
  hasPathology: z.boolean(),
  nodesExamined: z.number().int().nullable(),
  margin: z.string().nullable(),
  converted: z.boolean(),
  severeComplications: z.array(z.object({ grade: z.string(), day: z.number().int(), type: z.string() })),
  deathDate: z.string().nullable(),
});
export type QualityCase = z.output<typeof QualityCaseSchema>;

export const CasesSchema = z.object({
  code: z.enum(QUALITY_INDICATOR_CODES),
  group: z.enum(CASE_GROUPS),
  reason: z.enum(QUALITY_MISSING_REASONS).nullable(),
  from: z.string(),
  to: z.string(),
  surgeonId: z.string().nullable(),
  /** How many operations the number clicked counts (items holds at most QUALITY_CASES_LIMIT of them, newest first). */
  total: z.number().int(),
  items: z.array(QualityCaseSchema),
});
export type Cases = z.output<typeof CasesSchema>;
