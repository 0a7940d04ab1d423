import { PROCEDURES } from '@gisurg/clinical';
import { todayIn } from '@gisurg/contracts';
import type { Volumes, VolumesQuery } from '@gisurg/contracts/quality';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { queryRows } from '../../db/sql.js';
import type { Db } from '../../db/types.js';
import { RADICAL_SITES } from './queries.js';
import { surgeonScope } from './scope.js';
import { loadSettings } from './settings.js';

const CYTOREDUCTIVE = PROCEDURES.filter((p) => p.cytoreductive).map((p) => p.code);
const LAPAROSCOPIC = sql`o.approach in ('laparoscopic', 'robotic')`;

/**
 * Volumes of a year (docs/quality.md): operations, completed laparoscopic/robotic operations (a converted
 * operation counts as open), CRS + HIPEC (a cytoreductive procedure with HIPEC recorded in the peritoneal
 * assessment or as the `hipec` procedure), per month and by resection site, and the cumulative laparoscopic
 * counter (historic baseline + every completed laparoscopic operation recorded up to 31 December).
 */
export async function computeVolumes(db: Db, year: number, surgeonId: string | null): Promise<Volumes> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const surgeon = surgeonId ? sql`and o.surgeon_id = ${surgeonId}` : sql``;
  const sites = sql.join(
    RADICAL_SITES.map((r) => sql`(${r.code}, ${r.site})`),
    sql`, `,
  );
  const crs = sql.join(
    CYTOREDUCTIVE.map((c) => sql`${c}`),
    sql`, `,
  );
  // The per-operation facts (first radical site, cytoreduction, HIPEC) are grouped once over the year's
  // operations and joined, not looked up per operation (docs/performance.md, issue 12).
  const rows = await queryRows<{ month: number; site: string; operations: number; laparoscopic: number; crs_hipec: number }>(
    db,
    sql`
    with ops as (
      select o.id, o.operation_date, o.approach from operations o
      where o.deleted_at is null and o.operation_date between ${from}::date and ${to}::date ${surgeon}
    ),
    first_site as (
      select distinct on (p.operation_id) p.operation_id, s.site
      from ops join operation_procedures p on p.operation_id = ops.id
      join (values ${sites}) as s(code, site) on s.code = p.code
      order by p.operation_id, p.position
    ),
    procs as (
      select p.operation_id, bool_or(p.code in (${crs})) as cytoreductive, bool_or(p.code = 'hipec') as hipec
      from ops join operation_procedures p on p.operation_id = ops.id
      group by p.operation_id
    ),
    hipec_records as (
      select distinct pa.operation_id from ops join peritoneal_assessments pa on pa.operation_id = ops.id
      where pa.deleted_at is null and pa.hipec is not null and pa.hipec <> 'null'::jsonb
    )
    select extract(month from o.operation_date)::int as month,
      coalesce(fs.site, 'other') as site,
      count(*)::int as operations,
      count(*) filter (where ${LAPAROSCOPIC})::int as laparoscopic,
      count(*) filter (where pc.cytoreductive and (pc.hipec or hr.operation_id is not null))::int as crs_hipec
    from ops o
    left join first_site fs on fs.operation_id = o.id
    left join procs pc on pc.operation_id = o.id
    left join hipec_records hr on hr.operation_id = o.id
    group by 1, 2`,
  );
  const [cumulative] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from operations o where o.deleted_at is null and ${LAPAROSCOPIC}
      and o.operation_date <= ${to}::date ${surgeon}`,
  );
  const settings = await loadSettings(db);
  // The historic baseline is the department's: it is added to the department counter, not to one surgeon's.
  const baseline = surgeonId ? 0 : settings.laparoscopicBaseline;
  const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, operations: 0, laparoscopic: 0 }));
  const bySite = new Map<'stomach' | 'colorectal' | 'other', number>([
    ['stomach', 0],
    ['colorectal', 0],
    ['other', 0],
  ]);
  let operations = 0;
  let laparoscopic = 0;
  let crsHipec = 0;
  for (const r of rows) {
    const m = byMonth[Number(r.month) - 1]!;
    m.operations += Number(r.operations);
    m.laparoscopic += Number(r.laparoscopic);
    const site = r.site === 'stomach' || r.site === 'colorectal' ? r.site : 'other';
    bySite.set(site, bySite.get(site)! + Number(r.operations));
    operations += Number(r.operations);
    laparoscopic += Number(r.laparoscopic);
    crsHipec += Number(r.crs_hipec);
  }
  return {
    year,
    operations,
    laparoscopic,
    crsHipec,
    laparoscopicCumulative: baseline + Number(cumulative?.n ?? 0),
    laparoscopicBaseline: baseline,
    byMonth,
    bySite: [...bySite].map(([site, n]) => ({ site, operations: n })),
  };
}

export async function getVolumes(ctx: UseCaseContext, query: VolumesQuery & { year?: number | undefined }): Promise<Volumes> {
  const surgeonId = surgeonScope(ctx.actor, query.surgeonId);
  const q = { year: query.year ?? Number(todayIn(ctx.timeZone, ctx.clock.now()).slice(0, 4)) };
  const out = await computeVolumes(ctx.db, q.year, surgeonId);
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'quality.volumes.read',
    outcome: 'success',
    resourceType: 'quality_volumes',
    details: { year: q.year, surgeonId },
  });
  return out;
}
