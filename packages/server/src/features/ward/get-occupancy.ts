import { asc, eq, inArray, sql } from 'drizzle-orm';
import { beds, bedStates, departments, wards } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import type { Db } from '../../db/types.js';
import { invalidField } from '../../core/validation.js';
import { todayIn } from '@gisurg/contracts';
import { addDays, toInstant } from '@gisurg/contracts';
import { daysBetween, losFiguresOfSpans, occupancyByDay, rateOf, totals, type DayFigures, type DischargeSpans } from './occupancy.js';
import { censusOf, type DaySpans, type RawDay } from './census-days.js';
import type { OccupancyDto, OccupancyQuery } from '@gisurg/contracts/ward';

/** Five years (with leap days) and a day. */
const MAX_DAYS = 5 * 366 + 1;

/**
 * Occupancy and length of stay over a period (default: the last 30 days up to today), computed from the
 * stay history (bed_stays; cancelled admissions left out). The figures follow the definitions of
 * occupancy.ts; the day-by-day census is aggregated in SQL (occupancyInSql), and the days that are over are kept
 * (census-days.ts, the kept daily census) so that a year reads back 365 rows and computes only what is not kept.
 * Aggregate figures only: no patient data, so no per-patient audit.
 */
export async function getOccupancy(ctx: UseCaseContext, query: OccupancyQuery): Promise<OccupancyDto> {
  const { db, actor, locale, clock, timeZone } = ctx;
  const now = clock.now();
  const today = todayIn(timeZone, now);
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -29);
  if (from > to) throw invalidField(locale, 'from', 'validation.date.invalid');
  if (daysBetween(from, to) >= MAX_DAYS) throw invalidField(locale, 'to', 'validation.date.invalid');
  const settings = { losCounting: query.losCounting, sameDayCountsOne: query.sameDayCountsOne };

  const wardRows = await db
    .select({ id: wards.id, code: wards.code, name: wards.name, nameEn: wards.nameEn, kind: wards.kind })
    .from(wards)
    .innerJoin(departments, eq(departments.id, wards.departmentId))
    .where(eq(departments.organizationId, actor.organizationId))
    .orderBy(asc(wards.sortOrder), asc(wards.code));
  const wardIds = wardRows.map((w) => w.id);
  const bedCounts = wardIds.length
    ? await db
        .select({
          wardId: beds.wardId,
          n: sql<number>`count(*)::int`,
          occupied: sql<number>`count(*) filter (where ${bedStates.state} = 'occupied')::int`,
        })
        .from(beds)
        .innerJoin(bedStates, eq(bedStates.bedId, beds.id))
        .where(inArray(beds.wardId, wardIds))
        .groupBy(beds.wardId)
    : [];
  const todayRows = wardRows.map((w) => {
    const c = bedCounts.find((x) => x.wardId === w.id);
    const n = c?.n ?? 0;
    const occupied = c?.occupied ?? 0;
    return {
      wardId: w.id,
      code: w.code,
      name: w.name,
      nameEn: w.nameEn,
      kind: w.kind,
      beds: n,
      occupied,
      rate: rateOf(occupied, n),
    };
  });
  const inScope = query.wardId ? wardIds.filter((id) => id === query.wardId) : wardIds;
  const openBeds = todayRows.filter((r) => inScope.includes(r.wardId)).reduce((n, r) => n + r.beds, 0);

  const { days, los } = inScope.length
    ? await keptOrComputed(db, { from, to, today, timeZone, orgWards: wardIds, inScope, openBeds, settings })
    : { days: occupancyByDay({ from, to, timeZone, openBeds, stays: [], admissions: [], settings }), los: [] };
  return {
    from,
    to,
    wardId: query.wardId ?? null,
    settings,
    today: todayRows,
    days,
    totals: totals(days),
    los: losFiguresOfSpans(los, settings),
  };
}

/**
 * Keep the last year's days of every organization's whole-ward census (the `ward.census` job, hourly): the first
 * occupancy page of a year after a start or a backdated write then reads kept days instead of computing them.
 */
export async function keepCensusYear(db: Db, timeZone: string, now: Date): Promise<{ organizations: number }> {
  const today = todayIn(timeZone, now);
  const rows = await db
    .select({ organizationId: departments.organizationId, id: wards.id })
    .from(wards)
    .innerJoin(departments, eq(departments.id, wards.departmentId));
  const byOrg = new Map<string, string[]>();
  for (const r of rows) byOrg.set(r.organizationId, [...(byOrg.get(r.organizationId) ?? []), r.id]);
  for (const wardIds of byOrg.values()) {
    await keptOrComputed(db, {
      from: addDays(today, -365),
      to: addDays(today, -1),
      today,
      timeZone,
      orgWards: wardIds,
      inScope: wardIds,
      openBeds: 0,
      settings: { sameDayCountsOne: true },
    });
  }
  return { organizations: byOrg.size };
}

/** The zone's UTC offset in seconds if it is the same at every local midnight from `from` to `to`, else null. */
function fixedOffsetSeconds(timeZone: string, from: string, to: string): number | null {
  const offsetOn = (d: string) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return (Date.UTC(y, m - 1, day) - toInstant(`${d}T00:00`, timeZone).getTime()) / 1000;
  };
  const first = offsetOn(from);
  for (let d = from; d <= to; d = addDays(d, 7)) if (offsetOn(d) !== first) return null;
  return offsetOn(to) === first ? first : null;
}

interface SqlInput {
  from: string;
  to: string;
  timeZone: string;
  /** Every ward of the organization (an admission's first and last ward may lie outside the scope). */
  orgWards: string[];
  inScope: string[];
}

/**
 * The period's figures from the kept daily census where its days are kept, else computed in SQL (census-days.ts):
 * a year up to today reads 365 kept rows and computes the days since the last write that touched the past.
 */
async function keptOrComputed(
  db: Db,
  p: SqlInput & { today: string; openBeds: number; settings: { sameDayCountsOne: boolean } },
): Promise<{ days: DayFigures[]; los: DischargeSpans[] }> {
  const raw = await censusOf(
    db,
    { from: p.from, to: p.to, today: p.today, scope: { timeZone: p.timeZone, inScope: p.inScope, orgWards: p.orgWards } },
    (from, to) => occupancyInSql(db, { ...p, from, to }),
  );
  const days = raw.days.map((r) => {
    const occupied = r.occupied + (p.settings.sameDayCountsOne ? r.sameDay : 0);
    return {
      date: r.date,
      occupied,
      open: p.openBeds,
      rate: rateOf(occupied, p.openBeds),
      admissions: r.admissions,
      discharges: r.discharges,
    };
  });
  return { days, los: raw.spans };
}

/**
 * The day-by-day figures of occupancyByDay and the discharges of lengthOfStayFigures, in one SQL statement:
 *
 * - Each stay covers the midnight censuses of a run of days: census(d) = start of d + 1 (hospital time);
 *   a stay is in census(d) when from_at <= census(d) < to_at, i.e. for d from ceil(from) − 1 to
 *   ceil(to) − 2 (ceil = the next midnight at or after the instant, as a local date). A +1 at the first day
 *   and a −1 after the last, summed in date order, give the census of every day in O(stays + days).
 * - Admissions are counted on their admission day in their first ward and discharges on their discharge day in
 *   their last ward (a same-day stay adds one census); for LOS the discharges come back counted by their calendar
 *   days from admission and from the first operation within the stay (losFiguresOfSpans).
 *
 * Set-based throughout (issue 18 "Scale": 1.7 s → see docs/performance.md for a year of 2,472 beds): the period's
 * stays are read once through bed_stays_to_idx, and only they give each admission its first and last ward — an
 * admission admitted in the period starts with a stay in it (its first stay begins at its admission: admit-patient)
 * and one discharged in the period ends with one (stays follow each other without a gap), so the stays of other
 * periods are never read. The admissions admitted and those discharged in the period are found by their own indexes
 * (the cancelled ones by admissions_status_idx, not by joining every stay to its admission), and the first operations
 * by operations_date_idx, all joined by hashing: the statement runs with nested loops off, since the planner cannot
 * estimate the per-admission groups and looped once per admission (76,000 index lookups each into bed_stays,
 * admissions and operations).
 */
async function occupancyInSql(db: Db, p: SqlInput): Promise<{ days: RawDay[]; spans: DaySpans[] }> {
  const tz = p.timeZone;
  const idArray = (ids: string[]) =>
    sql`array[${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}]::uuid[]`;
  const scope = idArray(p.inScope);
  const orgWards = idArray(p.orgWards);
  // The period: from its first midnight census to the end of its last day.
  const start = toInstant(`${p.from}T00:00`, tz);
  const end = toInstant(`${addDays(p.to, 1)}T00:00`, tz);
  // Local calendar date of an instant (floor) and the date of the next local midnight at or after it (ceil).
  // In a zone without offset changes around the period (Asia/Shanghai) plain arithmetic on the epoch
  // does it; otherwise PostgreSQL's time-zone conversion (some 20 times slower per row on PGlite).
  const offset = fixedOffsetSeconds(tz, addDays(p.from, -366), addDays(p.to, 1));
  const localDate = (col: string) =>
    offset === null
      ? sql`(${sql.raw(col)} at time zone ${tz})::date`
      : sql`(date '1970-01-01' + floor((date_part('epoch', ${sql.raw(col)}) + ${offset}) / 86400)::int)`;
  const ceilDate = (col: string) =>
    offset === null
      ? sql`((${sql.raw(col)} at time zone ${tz}) + interval '1 day' - interval '1 microsecond')::date`
      : sql`(date '1970-01-01' + ceil((date_part('epoch', ${sql.raw(col)}) + ${offset}) / 86400)::int)`;
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_nestloop = off`);
    await tx.execute(sql`set local work_mem = '32MB'`);
    return tx.execute(sql`
    with stays as (
      select s.admission_id, s.from_at, b.ward_id,
             ${ceilDate('s.from_at')} - 1 as first_day,
             case when s.to_at is null then null else ${ceilDate('s.to_at')} - 2 end as last_day
      from bed_stays s
      join beds b on b.id = s.bed_id
      where b.ward_id = any(${orgWards})
        and s.from_at <= ${end} and (s.to_at is null or s.to_at >= ${start})
        and s.admission_id not in (select id from admissions where status = 'cancelled')
    ),
    deltas as (
      select first_day as day, 1 as n from stays where ward_id = any(${scope})
      union all
      select last_day + 1, -1 from stays where last_day is not null and ward_id = any(${scope})
    ),
    days as (
      select d::date as day from generate_series(${p.from}::date, ${p.to}::date, interval '1 day') d
    ),
    census as (
      select days.day,
             ((select coalesce(sum(n), 0) from deltas where deltas.day < ${p.from}::date)
               + sum(coalesce(per.n, 0)) over (order by days.day))::int as occupied
      from days
      left join (select day, sum(n) as n from deltas group by day) per on per.day = days.day
    ),
    ends as (
      select admission_id,
             (array_agg(ward_id order by from_at asc))[1] as first_ward,
             (array_agg(ward_id order by from_at desc))[1] as last_ward
      from stays
      group by admission_id
    ),
    admitted as (
      select ${localDate('a.admitted_at')} as day, count(*)::int as n
      from admissions a
      join ends on ends.admission_id = a.id
      where a.status in ('active', 'discharged') and a.admitted_at >= ${start} and a.admitted_at < ${end}
        and ends.first_ward = any(${scope})
      group by 1
    ),
    dis as (
      select a.id, a.patient_id, ${localDate('a.admitted_at')} as admitted_on, ${localDate('a.discharged_at')} as discharged_on
      from admissions a
      join ends on ends.admission_id = a.id
      where a.status <> 'cancelled' and a.discharged_at >= ${start} and a.discharged_at < ${end}
        and ends.last_ward = any(${scope})
    ),
    discharged as (
      select discharged_on as day, count(*)::int as n,
             count(*) filter (where admitted_on = discharged_on)::int as same_day
      from dis
      group by discharged_on
    ),
    first_op as (
      select dis.id, min(o.operation_date) as operation_date
      from dis
      join operations o on o.patient_id = dis.patient_id
      where o.deleted_at is null
        and o.operation_date >= (select min(admitted_on) from dis) and o.operation_date <= ${p.to}::date
        and o.operation_date >= dis.admitted_on and o.operation_date <= dis.discharged_on
      group by dis.id
    )
    select 'day' as kind, c.day::text as day, c.occupied, coalesce(ad.n, 0) as admissions,
           coalesce(di.n, 0) as discharges, coalesce(di.same_day, 0) as same_day,
           null::int as stay_days, null::int as post_op_days
    from census c
    left join admitted ad on ad.day = c.day
    left join discharged di on di.day = c.day
    union all
    select 'los', dis.discharged_on::text, null, null, count(*)::int, null,
           dis.discharged_on - dis.admitted_on, dis.discharged_on - first_op.operation_date
    from dis
    left join first_op on first_op.id = dis.id
    group by 2, 7, 8
  `);
  });
  const all = (rows as { rows: SqlRow[] }).rows;
  const days = all
    .filter((r) => r.kind === 'day')
    .sort((a, b) => (a.day! < b.day! ? -1 : 1))
    .map((r) => ({
      date: r.day!,
      occupied: Number(r.occupied),
      admissions: Number(r.admissions),
      discharges: Number(r.discharges),
      sameDay: Number(r.same_day),
    }));
  const spans = all
    .filter((r) => r.kind === 'los')
    .map((r) => ({
      day: r.day!,
      days: Number(r.stay_days),
      postOpDays: r.post_op_days === null ? null : Number(r.post_op_days),
      n: Number(r.discharges),
    }));
  return { days, spans };
}

interface SqlRow {
  kind: 'day' | 'los';
  day: string | null;
  occupied: number | string | null;
  admissions: number | string | null;
  discharges: number | string | null;
  same_day: number | string | null;
  stay_days: number | string | null;
  post_op_days: number | string | null;
}
