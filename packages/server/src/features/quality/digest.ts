import { riskAdjustedCusum } from '@gisurg/clinical';
import { addDays, daysBetween, mondayOf, todayIn } from '@gisurg/contracts';
import { LEARNING_OUTCOMES, PROCEDURE_FAMILIES, type Indicator } from '@gisurg/contracts/quality';
import type { Digest, DigestQuery } from '@gisurg/contracts/quality-report';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { queryRows } from '../../db/sql.js';
import type { Db } from '../../db/types.js';
import { overduePlanItems } from '../mdt/index.js';
import { computeIndicators } from './get-indicators.js';
import { allCases, curvePopulation, CUSUM_H, CUSUM_ODDS_RATIO, failureOf, riskStrata } from './get-learning-curve.js';

/** Indicator windows: 28 days, so a week's handful of operations does not flip a rate on its own. */
export const DIGEST_WINDOW_DAYS = 28;
/** Overdue tumor-board items listed by name (the count is always complete). */
const OVERDUE_LISTED = 10;

/**
 * The weekly digest (issue 12, docs/quality.md "Weekly digest"): what changed in one week (Monday–Sunday).
 * - Indicators: the 28-day window ending on the week's Sunday against the window ending one week earlier;
 *   an indicator "moved past its target" when its target status differs between the two.
 * - CUSUM signals: risk-adjusted CUSUM (the learning-curve page's rule) per surgeon × outcome × family over
 *   the record up to the week's Sunday; a signal is a case operated in the week at which the curve crosses
 *   the control limit h from below.
 * - Overdue tumor-board plan items: pending items due before the day after the week (or today, when the
 *   week is not over), from the MDT feature; those due within the week are new this week.
 */
export async function computeDigest(
  ctx: Pick<UseCaseContext, 'db' | 'actor' | 'timeZone' | 'clock'>,
  weekOf: string | undefined,
): Promise<Digest> {
  const today = todayIn(ctx.timeZone, ctx.clock.now());
  const from = weekOf ? mondayOf(weekOf) : addDays(mondayOf(today), -7);
  const to = addDays(from, 6);
  const asOf = addDays(to, 1) < today ? addDays(to, 1) : today;
  const current = { from: addDays(to, 1 - DIGEST_WINDOW_DAYS), to };
  const previous = { from: addDays(current.from, -7), to: addDays(to, -7) };

  const [now, before] = [await computeIndicators(ctx.db, current, asOf), await computeIndicators(ctx.db, previous, addDays(asOf, -7))];
  const indicators = now.indicators.map((c) => {
    const p = before.indicators.find((x) => x.code === c.code)!;
    return { code: c.code, target: c.target, current: rateOf(c), previous: rateOf(p), change: changeOf(c, p) };
  });
  const overdue = await overduePlanItems(ctx.db, ctx.actor, { asOf, since: from, limit: OVERDUE_LISTED });
  return {
    week: { from, to },
    windows: { current, previous },
    indicators,
    cusumSignals: await cusumSignals(ctx.db, ctx.actor.organizationId, from, to),
    overdueMdt: {
      total: overdue.total,
      newThisWeek: overdue.dueSince,
      items: overdue.items.map((i) => ({
        itemId: i.itemId,
        caseId: i.caseId,
        patientId: i.patientId,
        patientName: i.patientName,
        kind: i.kind,
        dueDate: i.dueDate,
        daysOverdue: daysBetween(i.dueDate, asOf),
      })),
    },
  };
}

const rateOf = (i: Indicator) => ({ numerator: i.numerator, denominator: i.denominator, rate: i.rate, meetsTarget: i.meetsTarget });

function changeOf(current: Indicator, previous: Indicator): Digest['indicators'][number]['change'] {
  if (current.target === null) return 'no_target';
  if (current.meetsTarget === null) return 'no_data';
  if (current.meetsTarget) return previous.meetsTarget === false ? 'newly_met' : 'still_met';
  return previous.meetsTarget === false ? 'still_missed' : 'newly_missed';
}

async function cusumSignals(db: Db, organizationId: string, from: string, to: string): Promise<Digest['cusumSignals']> {
  const cases = (await allCases(db)).filter((c) => c.operation_date <= to);
  const names = new Map(
    (
      await queryRows<{ id: string; display_name: string }>(
        db,
        sql`select id, display_name from users where organization_id = ${organizationId}`,
      )
    ).map((u) => [u.id, u.display_name]),
  );
  const surgeons = [...new Set(cases.filter((c) => c.operation_date >= from && c.surgeon_id).map((c) => c.surgeon_id))].filter((s) =>
    names.has(s),
  );
  const out: Digest['cusumSignals'] = [];
  for (const outcome of LEARNING_OUTCOMES)
    for (const family of PROCEDURE_FAMILIES) {
      const population = curvePopulation(cases, outcome, family);
      const strata = riskStrata(population, outcome);
      for (const surgeonId of surgeons) {
        const mine = population.filter((c) => c.surgeon_id === surgeonId);
        if (mine.length === 0) continue;
        const { series } = riskAdjustedCusum(
          mine.map((c) => (failureOf(c, outcome) ? 1 : 0)),
          mine.map((c) => strata.get(`${c.family}|${c.urgency}`)!.risk),
          { oddsRatio: CUSUM_ODDS_RATIO, h: CUSUM_H },
        );
        series.forEach((s, i) => {
          const crossed = s > CUSUM_H && (i === 0 || series[i - 1]! <= CUSUM_H);
          const c = mine[i]!;
          if (crossed && c.operation_date >= from)
            out.push({ surgeonId, surgeonName: names.get(surgeonId)!, outcome, family, caseNumber: i + 1, date: c.operation_date });
        });
      }
    }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.surgeonName.localeCompare(b.surgeonName));
}

/** GET /api/quality/digest: the department head's weekly digest, audited (it names patients with overdue items). */
export async function getDigest(ctx: UseCaseContext, query: DigestQuery): Promise<Digest> {
  const digest = await computeDigest(ctx, query.weekOf);
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'quality.digest.read',
    outcome: 'success',
    resourceType: 'quality_digest',
    details: { week: digest.week.from, patients: new Set(digest.overdueMdt.items.map((i) => i.patientId)).size },
  });
  return digest;
}
