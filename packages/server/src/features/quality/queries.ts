import { DEFAULT_LYMPH_NODE_THRESHOLDS, PROCEDURES, resectionSite } from '@gisurg/clinical';
import type { QualityIndicatorCode, QualityMissingReason, TrendInterval } from '@gisurg/contracts/quality';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/sql.js';
import type { Db } from '../../db/types.js';

/**
 * The indicator aggregates (docs/quality.md). One SQL pass over the operations of a period: each operation
 * is classified (resection site, pathology, conversion, CD ≥ IIIa within 30 days, death within 30 days),
 * then counted per bucket (the whole period, week / month / quarter for the trend, or surgeon for the
 * funnel plot). The same classification and the same predicates list the operations behind a count
 * (`classifiedOperations`, the drill-down), so a list is as long as the number clicked. Operations,
 * procedures, pathology and complications are read from the oncology record (read-only); deaths from the
 * quality feature's own projection (`quality_deaths`).
 *
 * Speed (issue 12, docs/performance.md): the per-operation facts (first radical site, CD ≥ IIIa, earliest
 * death) are joined as pre-aggregated CTEs over the period's operations, not as correlated subqueries per
 * operation (a year of 1,000 operations: one hash join each instead of 3,000 index probes).
 */

/** Radical procedure code → site, as `resectionSite` classifies it (the first radical procedure decides). */
export const RADICAL_SITES: { code: string; site: 'stomach' | 'colorectal' }[] = PROCEDURES.flatMap((p) => {
  const site = resectionSite([p.code]);
  return site ? [{ code: p.code, site }] : [];
});

export interface OperationScope {
  from: string;
  to: string;
  /** Only this surgeon's operations (primary surgeon). */
  surgeonId?: string | null;
}

const COUNT_COLUMNS = [
  'operations',
  'ln_population',
  'ln_no_pathology',
  'ln_no_nodes',
  'ln_denominator',
  'ln_numerator',
  'r0_no_margin',
  'r0_denominator',
  'r0_numerator',
  'conversion_denominator',
  'conversion_numerator',
  'cd3_numerator',
  'death_numerator',
  'death_window_open',
] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];

export type CountRow = { bucket: string } & Record<CountColumn, number>;

/** Which operations of the classified set (alias `c`) each count covers; `today` closes the 30-day windows. */
function predicates(today: string): Record<CountColumn, SQL> {
  const resection = sql`c.site is not null`;
  const withPathology = sql`${resection} and c.has_pathology`;
  return {
    operations: sql`true`,
    ln_population: resection,
    ln_no_pathology: sql`${resection} and not c.has_pathology`,
    ln_no_nodes: sql`${withPathology} and c.nodes_examined is null`,
    ln_denominator: sql`${withPathology} and c.nodes_examined is not null`,
    ln_numerator: sql`${withPathology} and c.nodes_examined >= case c.site when 'stomach'
      then ${DEFAULT_LYMPH_NODE_THRESHOLDS.stomach}::int else ${DEFAULT_LYMPH_NODE_THRESHOLDS.colorectal}::int end`,
    r0_no_margin: sql`${withPathology} and c.margin is null`,
    r0_denominator: sql`${withPathology} and c.margin is not null`,
    r0_numerator: sql`${withPathology} and c.margin = 'R0'`,
    conversion_denominator: sql`c.mis_attempt`,
    conversion_numerator: sql`c.mis_attempt and c.converted`,
    cd3_numerator: sql`c.cd3`,
    death_numerator: sql`c.death_date is not null and c.death_date <= c.operation_date + 30`,
    death_window_open: sql`c.death_date is null and c.operation_date + 30 > ${today}::date`,
  };
}

/**
 * `with …, classified as (…)`: one row per operation of the scope with what the indicators need. The
 * per-operation facts are pre-aggregated over the scope's operations and joined (no correlated subquery).
 */
function classifiedCte(scope: OperationScope): SQL {
  const sites = sql.join(
    RADICAL_SITES.map((r) => sql`(${r.code}, ${r.site})`),
    sql`, `,
  );
  const surgeon = scope.surgeonId ? sql`and o.surgeon_id = ${scope.surgeonId}` : sql``;
  return sql`
    with ops as (
      select o.id, o.patient_id, o.surgeon_id, o.operation_date, o.approach, o.converted
      from operations o
      where o.deleted_at is null and o.operation_date between ${scope.from}::date and ${scope.to}::date ${surgeon}
    ),
    first_site as (
      select distinct on (p.operation_id) p.operation_id, s.site
      from ops join operation_procedures p on p.operation_id = ops.id
      join (values ${sites}) as s(code, site) on s.code = p.code
      order by p.operation_id, p.position
    ),
    severe as (
      select distinct x.operation_id
      from ops join complications x on x.operation_id = ops.id
      where x.deleted_at is null and x.day_after_operation between 0 and 30 and x.grade ~ '^(III|IV|V)'
    ),
    death as (
      select ops.id as operation_id, min(d.death_date) as death_date
      from ops join quality_deaths d on d.patient_id = ops.patient_id and d.death_date >= ops.operation_date
      group by ops.id
    ),
    classified as (
      select o.id as operation_id, o.patient_id, o.surgeon_id, o.operation_date, o.approach,
        fs.site,
        pr.id is not null as has_pathology,
        pr.nodes_examined,
        pr.margin,
        o.approach in ('laparoscopic', 'robotic', 'converted') as mis_attempt,
        o.converted,
        sv.operation_id is not null as cd3,
        dt.death_date
      from ops o
      left join first_site fs on fs.operation_id = o.id
      left join pathology_reports pr on pr.operation_id = o.id and pr.deleted_at is null
      left join severe sv on sv.operation_id = o.id
      left join death dt on dt.operation_id = o.id
    )`;
}

/** How counts are grouped: the whole period, a trend interval, or the primary surgeon (funnel plot). */
export type CountGrouping = TrendInterval | 'surgeon' | null;

function bucketExpr(grouping: CountGrouping): SQL {
  if (grouping === null) return sql`'all'`;
  // Operations without a recorded surgeon form the '' bucket (department totals include them).
  if (grouping === 'surgeon') return sql`coalesce(c.surgeon_id::text, '')`;
  return sql`to_char(date_trunc(${grouping}, c.operation_date::timestamp), 'YYYY-MM-DD')`;
}

/** Counts per bucket; `today` closes the 30-day windows (operations younger than 30 days are "window_open"). */
export async function indicatorCounts(db: Db, scope: OperationScope, today: string, grouping: CountGrouping): Promise<CountRow[]> {
  const p = predicates(today);
  const counts = sql.join(
    COUNT_COLUMNS.map((k) =>
      k === 'operations' ? sql`count(*)::int as operations` : sql`count(*) filter (where ${p[k]})::int as ${sql.raw(k)}`,
    ),
    sql`, `,
  );
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${classifiedCte(scope)}
    select ${bucketExpr(grouping)} as bucket, ${counts}
    from classified c
    group by 1
    order by 1`,
  );
  return rows.map((r) => {
    const out: Record<string, unknown> = { bucket: String(r.bucket) };
    for (const k of COUNT_COLUMNS) out[k] = Number(r[k] ?? 0);
    return out as CountRow;
  });
}

export const EMPTY_COUNTS = Object.fromEntries([['bucket', 'all'], ...COUNT_COLUMNS.map((k) => [k, 0])]) as CountRow;

type MissingReason = Exclude<QualityMissingReason, 'no_resection_site' | 'none'>;

/**
 * Which count is each indicator's numerator, denominator and missing groups: `rawIndicators` reads the
 * counts through it and the drill-down lists the operations of the same predicate.
 */
export const INDICATOR_COLUMNS: Record<
  QualityIndicatorCode,
  { numerator: CountColumn; denominator: CountColumn; missing: { reason: MissingReason; column: CountColumn }[] }
> = {
  ln_adequacy: {
    numerator: 'ln_numerator',
    denominator: 'ln_denominator',
    missing: [
      { reason: 'no_pathology', column: 'ln_no_pathology' },
      { reason: 'no_node_count', column: 'ln_no_nodes' },
    ],
  },
  conversion: { numerator: 'conversion_numerator', denominator: 'conversion_denominator', missing: [] },
  cd3plus: { numerator: 'cd3_numerator', denominator: 'operations', missing: [] },
  mortality_30d: {
    numerator: 'death_numerator',
    denominator: 'operations',
    missing: [{ reason: 'window_open', column: 'death_window_open' }],
  },
  r0: {
    numerator: 'r0_numerator',
    denominator: 'r0_denominator',
    missing: [
      { reason: 'no_pathology', column: 'ln_no_pathology' },
      { reason: 'no_margin', column: 'r0_no_margin' },
    ],
  },
};

const INDICATOR_ORDER: QualityIndicatorCode[] = ['ln_adequacy', 'conversion', 'cd3plus', 'mortality_30d', 'r0'];

export interface RawIndicator {
  code: QualityIndicatorCode;
  numerator: number;
  denominator: number;
  missing: { reason: MissingReason; count: number }[];
}

/** The five contract indicators from one bucket's counts. */
export function rawIndicators(c: CountRow): RawIndicator[] {
  return INDICATOR_ORDER.map((code) => {
    const cols = INDICATOR_COLUMNS[code];
    return {
      code,
      numerator: c[cols.numerator],
      denominator: c[cols.denominator],
      missing: cols.missing.map((m) => ({ reason: m.reason, count: c[m.column] })),
    };
  });
}

export interface ClassifiedOperation {
  operation_id: string;
  patient_id: string;
  surgeon_id: string | null;
  operation_date: string;
  approach: string;
  site: 'stomach' | 'colorectal' | null;
  has_pathology: boolean;
  nodes_examined: number | null;
  margin: string | null;
  converted: boolean | null;
  cd3: boolean;
  death_date: string | null;
  total: number;
}

/**
 * The operations behind one count (drill-down): the classified operations matching the predicate of
 * `columns` (any of them: the missing groups of an indicator are disjoint, so their union is their sum),
 * newest first, at most `limit`, each row carrying the full count as `total`.
 */
export async function classifiedOperations(
  db: Db,
  scope: OperationScope,
  today: string,
  columns: CountColumn[],
  limit: number,
): Promise<ClassifiedOperation[]> {
  const p = predicates(today);
  const where =
    columns.length === 0
      ? sql`false`
      : sql.join(
          columns.map((k) => sql`(${p[k]})`),
          sql` or `,
        );
  const rows = await queryRows<ClassifiedOperation>(
    db,
    sql`${classifiedCte(scope)}
    select c.operation_id, c.patient_id, c.surgeon_id, to_char(c.operation_date, 'YYYY-MM-DD') as operation_date, c.approach, c.site,
      c.has_pathology, c.nodes_examined, c.margin, c.converted, c.cd3, to_char(c.death_date, 'YYYY-MM-DD') as death_date,
      (count(*) over ())::int as total
    from classified c
    where ${where}
    order by c.operation_date desc, c.operation_id
    limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, total: Number(r.total), nodes_examined: r.nodes_examined === null ? null : Number(r.nodes_examined) }));
}
