import { DEFAULT_LYMPH_NODE_THRESHOLDS, PROCEDURES, resectionSite } from '@gisurg/clinical';
import type { QualityIndicatorCode, TrendInterval } from '@gisurg/contracts/quality';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/sql.js';
import type { Db } from '../../db/types.js';

/**
 * The indicator aggregates (docs/quality.md). One SQL pass over the operations of a period: each operation
 * is classified (resection site, pathology, conversion, CD ≥ IIIa within 30 days, death within 30 days),
 * then counted per bucket (the whole period, or week / month / quarter for the trend). Operations,
 * procedures, pathology and complications are read from the oncology record (read-only); deaths from the
 * quality feature's own projection (`quality_deaths`).
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

export interface CountRow {
  bucket: string;
  operations: number;
  ln_population: number;
  ln_no_pathology: number;
  ln_no_nodes: number;
  ln_denominator: number;
  ln_numerator: number;
  r0_no_margin: number;
  r0_denominator: number;
  r0_numerator: number;
  conversion_denominator: number;
  conversion_numerator: number;
  cd3_numerator: number;
  death_numerator: number;
  death_window_open: number;
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

function bucketExpr(interval: TrendInterval | null): SQL {
  if (interval === null) return sql`'all'`;
  return sql`to_char(date_trunc(${interval}, c.operation_date::timestamp), 'YYYY-MM-DD')`;
}

/** Counts per bucket; `today` closes the 30-day windows (operations younger than 30 days are "window_open"). */
export async function indicatorCounts(db: Db, scope: OperationScope, today: string, interval: TrendInterval | null): Promise<CountRow[]> {
  const sites = sql.join(
    RADICAL_SITES.map((r) => sql`(${r.code}, ${r.site})`),
    sql`, `,
  );
  const surgeon = scope.surgeonId ? sql`and o.surgeon_id = ${scope.surgeonId}` : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with classified as (
      select o.operation_date,
        (select s.site from operation_procedures p join (values ${sites}) as s(code, site) on s.code = p.code
          where p.operation_id = o.id order by p.position limit 1) as site,
        pr.id is not null as has_pathology,
        pr.nodes_examined,
        pr.margin,
        o.approach in ('laparoscopic', 'robotic', 'converted') as mis_attempt,
        o.converted,
        exists (select 1 from complications x where x.operation_id = o.id and x.deleted_at is null
          and x.day_after_operation between 0 and 30 and x.grade ~ '^(III|IV|V)') as cd3,
        (select min(d.death_date) from quality_deaths d where d.patient_id = o.patient_id
          and d.death_date >= o.operation_date) as death_date
      from operations o
      left join pathology_reports pr on pr.operation_id = o.id and pr.deleted_at is null
      where o.deleted_at is null and o.operation_date between ${scope.from}::date and ${scope.to}::date ${surgeon}
    )
    select ${bucketExpr(interval)} as bucket,
      count(*)::int as operations,
      count(*) filter (where c.site is not null)::int as ln_population,
      count(*) filter (where c.site is not null and not c.has_pathology)::int as ln_no_pathology,
      count(*) filter (where c.site is not null and c.has_pathology and c.nodes_examined is null)::int as ln_no_nodes,
      count(*) filter (where c.site is not null and c.has_pathology and c.nodes_examined is not null)::int as ln_denominator,
      count(*) filter (where c.site is not null and c.has_pathology and c.nodes_examined >=
        case c.site when 'stomach' then ${DEFAULT_LYMPH_NODE_THRESHOLDS.stomach}::int else ${DEFAULT_LYMPH_NODE_THRESHOLDS.colorectal}::int end)::int as ln_numerator,
      count(*) filter (where c.site is not null and c.has_pathology and c.margin is null)::int as r0_no_margin,
      count(*) filter (where c.site is not null and c.has_pathology and c.margin is not null)::int as r0_denominator,
      count(*) filter (where c.site is not null and c.has_pathology and c.margin = 'R0')::int as r0_numerator,
      count(*) filter (where c.mis_attempt)::int as conversion_denominator,
      count(*) filter (where c.mis_attempt and c.converted)::int as conversion_numerator,
      count(*) filter (where c.cd3)::int as cd3_numerator,
      count(*) filter (where c.death_date is not null and c.death_date <= c.operation_date + 30)::int as death_numerator,
      count(*) filter (where c.death_date is null and c.operation_date + 30 > ${today}::date)::int as death_window_open
    from classified c
    group by 1
    order by 1`,
  );
  return rows.map((r) => {
    const out: Record<string, unknown> = { bucket: String(r.bucket) };
    for (const k of COUNT_COLUMNS) out[k] = Number(r[k] ?? 0);
    return out as unknown as CountRow;
  });
}

export const EMPTY_COUNTS = Object.fromEntries([['bucket', 'all'], ...COUNT_COLUMNS.map((k) => [k, 0])]) as CountRow;

export interface RawIndicator {
  code: QualityIndicatorCode;
  numerator: number;
  denominator: number;
  missing: { reason: 'no_pathology' | 'no_node_count' | 'no_margin' | 'window_open'; count: number }[];
}

/** The five contract indicators from one bucket's counts. */
export function rawIndicators(c: CountRow): RawIndicator[] {
  return [
    {
      code: 'ln_adequacy',
      numerator: c.ln_numerator,
      denominator: c.ln_denominator,
      missing: [
        { reason: 'no_pathology', count: c.ln_no_pathology },
        { reason: 'no_node_count', count: c.ln_no_nodes },
      ],
    },
    {
      code: 'conversion',
      numerator: c.conversion_numerator,
      denominator: c.conversion_denominator,
      missing: [],
    },
    { code: 'cd3plus', numerator: c.cd3_numerator, denominator: c.operations, missing: [] },
    {
      code: 'mortality_30d',
      numerator: c.death_numerator,
      denominator: c.operations,
      missing: [{ reason: 'window_open', count: c.death_window_open }],
    },
    {
      code: 'r0',
      numerator: c.r0_numerator,
      denominator: c.r0_denominator,
      missing: [
        { reason: 'no_pathology', count: c.ln_no_pathology },
        { reason: 'no_margin', count: c.r0_no_margin },
      ],
    },
  ];
}
