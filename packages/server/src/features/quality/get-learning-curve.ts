import { operativeTimeCusum, riskAdjustedCusum } from '@gisurg/clinical';
import type { LearningCurve, LearningCurveQuery, Surgeons } from '@gisurg/contracts/quality';
import { sql } from 'drizzle-orm';
import { can } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { queryRows } from '../../db/sql.js';
import type { Db } from '../../db/types.js';
import { RADICAL_SITES } from './queries.js';
import { surgeonScope } from './scope.js';

/**
 * Risk-adjusted CUSUM settings (docs/quality.md): R_A = 2 detects a doubling of the odds of failure;
 * control limit h = 4.5, the value Steiner, Cook, Farewell and Treasure (Biostatistics 2000;1:441) used
 * for R_A = 2. Signal = first case with S_t > h.
 */
export const CUSUM_ODDS_RATIO = 2;
export const CUSUM_H = 4.5;

export interface CaseRow {
  id: string;
  surgeon_id: string;
  operation_date: string;
  duration_min: number | null;
  family: string;
  urgency: string;
  mis_attempt: boolean;
  converted: boolean;
  cd3: boolean;
  death30: boolean;
}

const FAMILY = { stomach: 'gastric', colorectal: 'colorectal' } as const;

/** Every operation (all surgeons, all time) classified for the learning curves (also the weekly digest's). */
export async function allCases(db: Db): Promise<CaseRow[]> {
  const sites = sql.join(
    RADICAL_SITES.map((r) => sql`(${r.code}, ${FAMILY[r.site]})`),
    sql`, `,
  );
  return queryRows<CaseRow>(
    db,
    sql`
    select o.id, o.surgeon_id, to_char(o.operation_date, 'YYYY-MM-DD') as operation_date, o.duration_min,
      coalesce((select s.family from operation_procedures p join (values ${sites}) as s(code, family) on s.code = p.code
        where p.operation_id = o.id order by p.position limit 1), 'other') as family,
      case when o.urgency = 'elective' then 'elective' else 'non_elective' end as urgency,
      o.approach in ('laparoscopic', 'robotic', 'converted') as mis_attempt,
      o.converted,
      exists (select 1 from complications x where x.operation_id = o.id and x.deleted_at is null
        and x.day_after_operation between 0 and 30 and x.grade ~ '^(III|IV|V)') as cd3,
      exists (select 1 from quality_deaths d where d.patient_id = o.patient_id
        and d.death_date between o.operation_date and o.operation_date + 30) as death30
    from operations o
    where o.deleted_at is null
    order by o.operation_date, o.start_time nulls last, o.created_at, o.id`,
  );
}

export function failureOf(c: CaseRow, outcome: LearningCurve['outcome']): boolean {
  return outcome === 'conversion' ? c.converted : outcome === 'cd3plus' ? c.cd3 : c.death30;
}

/** The cases a curve is drawn from: one procedure family (or all); for conversion only laparoscopic/robotic attempts. */
export function curvePopulation(cases: CaseRow[], outcome: LearningCurve['outcome'], family: LearningCurve['family']): CaseRow[] {
  return cases.filter((c) => (family === 'all' || c.family === family) && (outcome !== 'conversion' || c.mis_attempt));
}

type Stratum = { family: string; urgency: string; failures: number; operations: number; risk: number };

/** Risk model: the department's rate per stratum (family × urgency), (failures + 0.5) / (operations + 1). */
export function riskStrata(population: CaseRow[], outcome: LearningCurve['outcome']): Map<string, Stratum> {
  const strata = new Map<string, Stratum>();
  for (const c of population) {
    const key = `${c.family}|${c.urgency}`;
    const s = strata.get(key) ?? { family: c.family, urgency: c.urgency, failures: 0, operations: 0, risk: 0 };
    s.operations += 1;
    if (failureOf(c, outcome)) s.failures += 1;
    strata.set(key, s);
  }
  for (const s of strata.values()) s.risk = (s.failures + 0.5) / (s.operations + 1);
  return strata;
}

/** GET /api/quality/learning-curve: one surgeon's operative-time CUSUM and risk-adjusted failure CUSUM. */
export async function getLearningCurve(
  ctx: UseCaseContext,
  q: LearningCurveQuery & { outcome: LearningCurve['outcome']; family: LearningCurve['family'] },
): Promise<LearningCurve> {
  const surgeonId = surgeonScope(ctx.actor, q.surgeonId ?? ctx.actor.userId);
  if (surgeonId === null) throw notFound();
  const [surgeon] = await queryRows<{ id: string; display_name: string }>(
    ctx.db,
    sql`select id, display_name from users where id = ${surgeonId} and organization_id = ${ctx.actor.organizationId}`,
  );
  if (!surgeon) throw notFound();
  const population = curvePopulation(await allCases(ctx.db), q.outcome, q.family);
  const strata = riskStrata(population, q.outcome);
  const mine = population.filter((c) => c.surgeon_id === surgeonId);
  const cases = mine.map((c, i) => ({
    n: i + 1,
    date: c.operation_date,
    durationMin: c.duration_min === null ? null : Number(c.duration_min),
    failure: failureOf(c, q.outcome),
    risk: strata.get(`${c.family}|${c.urgency}`)!.risk,
  }));
  const timed = cases.filter((c) => c.durationMin !== null && c.durationMin > 0);
  const ot = timed.length > 0 ? operativeTimeCusum(timed.map((c) => c.durationMin!)) : null;
  const ra =
    cases.length > 0
      ? riskAdjustedCusum(
          cases.map((c) => (c.failure ? 1 : 0)),
          cases.map((c) => c.risk),
          { oddsRatio: CUSUM_ODDS_RATIO, h: CUSUM_H },
        )
      : null;
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'quality.learning_curve.read',
    outcome: 'success',
    resourceType: 'quality_learning_curve',
    resourceId: surgeonId,
    details: { outcome: q.outcome, family: q.family },
  });
  return {
    surgeon: { id: surgeon.id, displayName: surgeon.display_name },
    outcome: q.outcome,
    family: q.family,
    cases,
    operativeTime: ot && {
      n: ot.n,
      mean: ot.mean,
      series: ot.series,
      peakCase: timed[ot.peakIndex]!.n,
      caseNumbers: timed.map((c) => c.n),
    },
    failure: ra && {
      oddsRatio: CUSUM_ODDS_RATIO,
      h: CUSUM_H,
      series: ra.series,
      signalCase: ra.signalIndex === null ? null : ra.signalIndex + 1,
      observed: cases.filter((c) => c.failure).length,
      expected: cases.reduce((s, c) => s + c.risk, 0),
    },
    riskModel: { strata: [...strata.values()].sort((a, b) => a.family.localeCompare(b.family) || a.urgency.localeCompare(b.urgency)) },
  };
}

/** GET /api/quality/surgeons: whom the actor may look at (head: every primary surgeon; surgeon: self; researcher: none). */
export async function getSurgeons(ctx: UseCaseContext): Promise<Surgeons> {
  const all = can(ctx.actor, 'quality:all_surgeons');
  if (!all && !can(ctx.actor, 'quality:own')) return { surgeons: [] };
  const only = all ? sql`` : sql`and u.id = ${ctx.actor.userId}`;
  const rows = await queryRows<{ id: string; display_name: string; operations: number }>(
    ctx.db,
    sql`select u.id, u.display_name, count(o.id)::int as operations
      from users u left join operations o on o.surgeon_id = u.id and o.deleted_at is null
      where u.organization_id = ${ctx.actor.organizationId} ${only}
      group by u.id, u.display_name
      having count(o.id) > 0 or u.id = ${ctx.actor.userId}
      order by count(o.id) desc, u.display_name`,
  );
  return { surgeons: rows.map((r) => ({ id: r.id, displayName: r.display_name, operations: Number(r.operations) })) };
}
