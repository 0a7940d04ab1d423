import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays } from '@gisurg/contracts';
import type { Db } from '../../db/types.js';
import { queryRows } from '../../db/sql.js';
import type { DischargeSpans } from './occupancy.js';

/**
 * The kept daily census (病区日报; issue 18 "Scale", ADR 0021): the occupancy figures of days that are over, kept in
 * `ward_census_days` / `ward_census_spans` per scope, so that a year of occupancy reads 365 kept rows and computes
 * only the days not kept (today, and the days a recent write made it forget) from the stays.
 *
 * - A day is kept once it is over in the hospital's time zone (its midnight census has been taken).
 * - Every write that can change a kept day — a stay, an admission, an operation, a bed moving ward, by any writer —
 *   deletes the kept days from its date on at its commit (deferred triggers, migration 0024).
 * - A reader stores what it computed only if no such write committed since before it computed: it reads the state
 *   row's epoch first and locks the row FOR SHARE to store, which a write's trigger bumps before it deletes (so a
 *   write racing the reader either makes it store nothing or waits and deletes what it stored).
 */

/** A day's raw figures: the midnight census without same-day stays (added per the setting), arrivals, departures. */
export interface RawDay {
  date: string;
  occupied: number;
  admissions: number;
  discharges: number;
  sameDay: number;
}

/** LOS spans of the discharges on one day. */
export interface DaySpans extends DischargeSpans {
  day: string;
}

/** What a period's figures are computed from: the hospital's time zone, the wards counted and the organization's wards. */
export interface CensusScope {
  timeZone: string;
  inScope: readonly string[];
  orgWards: readonly string[];
}

/** The key of a scope's kept days: the same time zone and ward sets give the same figures. */
export function scopeKey(s: CensusScope): string {
  const ids = (xs: readonly string[]) => [...xs].sort().join(',');
  return createHash('sha256')
    .update(`${s.timeZone}|${ids(s.inScope)}|${ids(s.orgWards)}`)
    .digest('base64url');
}

/**
 * The raw figures of every day from..to and the LOS spans of its discharges: kept days read back, the rest computed
 * by `compute` over one range (from the first day not kept to the last) and the days of it that are over kept.
 */
export async function censusOf(
  db: Db,
  p: { from: string; to: string; today: string; scope: CensusScope },
  compute: (from: string, to: string) => Promise<{ days: RawDay[]; spans: DaySpans[] }>,
): Promise<{ days: RawDay[]; spans: DischargeSpans[] }> {
  const key = scopeKey(p.scope);
  const lastKept = p.to < p.today ? p.to : addDays(p.today, -1);
  const kept = new Map<string, RawDay>();
  let epoch = 0;
  if (p.from <= lastKept) {
    const rows = await queryRows<{
      epoch: string | number;
      day: string | null;
      occupied: number;
      admissions: number;
      discharges: number;
      same_day: number;
    }>(
      db,
      sql`select s.epoch, d.day::text as day, d.occupied, d.admissions, d.discharges, d.same_day
          from ward_census_state s
          left join ward_census_days d on d.scope_key = ${key} and d.day between ${p.from}::date and ${lastKept}::date
          where s.id = 1`,
    );
    epoch = Number(rows[0]?.epoch ?? 0);
    for (const r of rows) {
      if (r.day === null) continue;
      kept.set(r.day, { date: r.day, occupied: r.occupied, admissions: r.admissions, discharges: r.discharges, sameDay: r.same_day });
    }
  }
  // The range to compute: from the first day not kept to the last (today and later are never kept).
  let first: string | null = null;
  let last: string | null = null;
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) {
    if (kept.has(d)) continue;
    first ??= d;
    last = d;
  }
  const live = first !== null && last !== null ? await compute(first, last) : { days: [], spans: [] };
  const liveDays = new Map(live.days.map((d) => [d.date, d]));

  // Spans of the kept days outside the computed range, summed per span in SQL.
  const spans: DischargeSpans[] = live.spans.map(({ days, postOpDays, n }) => ({ days, postOpDays, n }));
  if (kept.size > 0) {
    const outside =
      first === null || last === null
        ? sql`day between ${p.from}::date and ${lastKept}::date`
        : sql`(day >= ${p.from}::date and day < ${first}::date) or (day > ${last}::date and day <= ${lastKept}::date)`;
    const rows = await queryRows<{ stay_days: number; post_op_days: number | null; n: string | number }>(
      db,
      sql`select stay_days, post_op_days, sum(n) as n from ward_census_spans where scope_key = ${key} and (${outside}) group by 1, 2`,
    );
    for (const r of rows) spans.push({ days: r.stay_days, postOpDays: r.post_op_days, n: Number(r.n) });
  }

  const toKeep = live.days.filter((d) => d.date <= lastKept && !kept.has(d.date));
  if (toKeep.length > 0) await keep(db, key, epoch, toKeep, live.spans);

  const days: RawDay[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) {
    const day = liveDays.get(d) ?? kept.get(d);
    days.push(day ?? { date: d, occupied: 0, admissions: 0, discharges: 0, sameDay: 0 });
  }
  return { days, spans };
}

/** Store computed days that are over, unless a write that could change them committed since `epoch` was read. */
async function keep(db: Db, key: string, epoch: number, days: RawDay[], spans: DaySpans[]): Promise<void> {
  await db.transaction(async (tx) => {
    const [state] = await queryRows<{ epoch: string | number }>(tx, sql`select epoch from ward_census_state where id = 1 for share`);
    if (Number(state?.epoch) !== epoch) return;
    const stored = await queryRows<{ day: string }>(
      tx,
      sql`insert into ward_census_days (scope_key, day, occupied, admissions, discharges, same_day)
          select ${key}, * from unnest(${sql.param(days.map((d) => d.date))}::date[], ${sql.param(days.map((d) => d.occupied))}::int[],
            ${sql.param(days.map((d) => d.admissions))}::int[], ${sql.param(days.map((d) => d.discharges))}::int[],
            ${sql.param(days.map((d) => d.sameDay))}::int[])
          on conflict do nothing
          returning day::text as day`,
    );
    // Only the spans of the days this reader stored (another may have stored the same days meanwhile).
    const mine = new Set(stored.map((r) => r.day));
    const s = spans.filter((x) => mine.has(x.day));
    if (s.length === 0) return;
    await tx.execute(
      sql`insert into ward_census_spans (scope_key, day, stay_days, post_op_days, n)
          select ${key}, * from unnest(${sql.param(s.map((x) => x.day))}::date[], ${sql.param(s.map((x) => x.days))}::int[],
            ${sql.param(s.map((x) => x.postOpDays))}::int[], ${sql.param(s.map((x) => x.n))}::int[])`,
    );
  });
}
