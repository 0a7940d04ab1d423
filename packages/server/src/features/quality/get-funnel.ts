import { funnelCurve, funnelPosition } from '@gisurg/clinical';
import type { Funnel, FunnelQuery, QualityIndicatorCode } from '@gisurg/contracts/quality';
import { inArray } from 'drizzle-orm';
import { can } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { users } from '../../db/schema/index.js';
import { periodOf } from './get-indicators.js';
import { indicatorCounts, INDICATOR_COLUMNS } from './queries.js';

/**
 * GET /api/quality/funnel (docs/quality.md "Funnel plot"): one indicator's rate per primary surgeon against
 * their denominator, around the department's rate with the 95 % and 99.8 % binomial limits of Spiegelhalter
 * (Stat Med 2005;24:1185; `funnelLimits` in packages/clinical). The counts come from one SQL pass grouped by
 * surgeon (the same classification as the dashboard); the department rate includes operations without a
 * recorded surgeon. Who sees which points: the department head every surgeon by name; a surgeon their own
 * point only; a researcher every point without id or name (aggregates, de-identified).
 */
export async function getFunnel(ctx: UseCaseContext, query: FunnelQuery & { code: QualityIndicatorCode }): Promise<Funnel> {
  const q = periodOf(ctx, query);
  const cols = INDICATOR_COLUMNS[query.code];
  const rows = await indicatorCounts(ctx.db, { from: q.from, to: q.to }, q.today, 'surgeon');
  const numerator = rows.reduce((s, r) => s + r[cols.numerator], 0);
  const denominator = rows.reduce((s, r) => s + r[cols.denominator], 0);
  const theta = denominator > 0 ? numerator / denominator : null;

  const all = can(ctx.actor, 'quality:all_surgeons');
  const own = !all && can(ctx.actor, 'quality:own');
  const points = rows
    .filter((r) => r.bucket !== '' && r[cols.denominator] > 0 && (!own || r.bucket === ctx.actor.userId))
    .map((r) => ({ surgeonId: r.bucket, numerator: r[cols.numerator], denominator: r[cols.denominator] }));
  const names = new Map<string, string>();
  if (all || own) {
    const ids = points.map((p) => p.surgeonId);
    if (ids.length > 0)
      for (const u of await ctx.db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, ids)))
        names.set(u.id, u.displayName);
  }
  const surgeons = points
    .sort((a, b) => a.denominator - b.denominator || a.surgeonId.localeCompare(b.surgeonId))
    .map((p) => ({
      surgeonId: all || own ? p.surgeonId : null,
      displayName: all || own ? (names.get(p.surgeonId) ?? null) : null,
      numerator: p.numerator,
      denominator: p.denominator,
      rate: p.numerator / p.denominator,
      ...(theta === null ? { outside95: false, outside998: false } : funnelPosition(p.numerator, p.denominator, theta)),
    }));
  const maxN = Math.max(0, ...surgeons.map((s) => s.denominator));
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'quality.funnel.read',
    outcome: 'success',
    resourceType: 'quality_indicators',
    details: { from: q.from, to: q.to, code: query.code },
  });
  return {
    code: query.code,
    from: q.from,
    to: q.to,
    departmentRate: theta,
    numerator,
    denominator,
    method: 'exact',
    surgeons,
    limits: theta === null ? [] : funnelCurve(theta, Math.max(Math.ceil(maxN * 1.1), 10)),
  };
}
