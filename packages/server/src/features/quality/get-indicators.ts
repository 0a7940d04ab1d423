import { wilsonInterval } from '@gisurg/clinical';
import { todayIn } from '@gisurg/contracts';
import type { Indicator, Indicators, IndicatorsQuery, QualitySettings, Trend, TrendQuery } from '@gisurg/contracts/quality';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import type { Db } from '../../db/types.js';
import { EMPTY_COUNTS, indicatorCounts, rawIndicators, type OperationScope, type RawIndicator } from './queries.js';
import { surgeonScope } from './scope.js';
import { loadSettings } from './settings.js';

/** The packages/clinical definitions (QUALITY_INDICATORS codes) behind each contract indicator. */
export const DEFINITIONS: Record<Indicator['code'], { definitions: string[]; direction: Indicator['direction'] }> = {
  ln_adequacy: { definitions: ['GIS-LN-GC-16', 'GIS-LN-CRC-12'], direction: 'higher-is-better' },
  conversion: { definitions: ['GIS-CONVERSION'], direction: 'lower-is-better' },
  cd3plus: { definitions: ['GIS-SEVERE-MORBIDITY'], direction: 'lower-is-better' },
  mortality_30d: { definitions: ['GIS-MORTALITY-30'], direction: 'lower-is-better' },
  r0: { definitions: ['GIS-R0'], direction: 'higher-is-better' },
};

export function finishIndicator(raw: RawIndicator, settings: QualitySettings): Indicator {
  const rate = raw.denominator > 0 ? raw.numerator / raw.denominator : null;
  const target = settings.targets[raw.code] ?? null;
  const meetsTarget = target === null || rate === null ? null : target.comparator === '>=' ? rate >= target.value : rate <= target.value;
  return {
    code: raw.code,
    numerator: raw.numerator,
    denominator: raw.denominator,
    rate,
    ci: wilsonInterval(raw.numerator, raw.denominator),
    target,
    meetsTarget,
    direction: DEFINITIONS[raw.code].direction,
    missing: raw.missing,
    definitions: DEFINITIONS[raw.code].definitions,
  };
}

/** Indicators of a scope, without authorization (shared by the route and the annual report). */
export async function computeIndicators(db: Db, scope: OperationScope, today: string): Promise<Indicators> {
  const settings = await loadSettings(db);
  const [counts] = await indicatorCounts(db, scope, today, null);
  const c = counts ?? EMPTY_COUNTS;
  return {
    from: scope.from,
    to: scope.to,
    surgeonId: scope.surgeonId ?? null,
    operations: c.operations,
    indicators: rawIndicators(c).map((r) => finishIndicator(r, settings)),
  };
}

/** GET /api/quality/indicators: aggregates only (no patient is named), audited as a read of aggregates. */
/** from/to default to 1 January of the current year and today. */
export function periodOf(
  ctx: UseCaseContext,
  q: { from?: string | undefined; to?: string | undefined },
): { from: string; to: string; today: string } {
  const today = todayIn(ctx.timeZone, ctx.clock.now());
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  return { from: q.from ?? `${to.slice(0, 4)}-01-01`, to, today };
}

export async function getIndicators(ctx: UseCaseContext, query: IndicatorsQuery): Promise<Indicators> {
  const surgeonId = surgeonScope(ctx.actor, query.surgeonId);
  const q = periodOf(ctx, query);
  const out = await computeIndicators(ctx.db, { from: q.from, to: q.to, surgeonId }, q.today);
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'quality.indicators.read',
    outcome: 'success',
    resourceType: 'quality_indicators',
    details: { from: q.from, to: q.to, surgeonId },
  });
  return out;
}

/** GET /api/quality/trend: the same counts per week, month or quarter. */
export async function getTrend(ctx: UseCaseContext, query: TrendQuery & { interval: Trend['interval'] }): Promise<Trend> {
  const surgeonId = surgeonScope(ctx.actor, query.surgeonId);
  const q = { ...periodOf(ctx, query), interval: query.interval };
  const rows = await indicatorCounts(ctx.db, { from: q.from, to: q.to, surgeonId }, q.today, q.interval);
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'quality.trend.read',
    outcome: 'success',
    resourceType: 'quality_indicators',
    details: { from: q.from, to: q.to, surgeonId, interval: q.interval },
  });
  return {
    interval: q.interval,
    points: rows.map((r) => ({
      period: r.bucket,
      indicators: rawIndicators(r).map((i) => ({ code: i.code, numerator: i.numerator, denominator: i.denominator })),
    })),
  };
}
