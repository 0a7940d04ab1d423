import { and, asc, eq, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { admissions, bedStates, beds, bedStays, departments, operations, wards } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { todayIn } from '@gisurg/contracts';
import { addDays, toInstant, wallClock } from '@gisurg/contracts';
import { daysBetween, lengthOfStayFigures, occupancyByDay, totals, type AdmissionFacts, type StayInterval } from './occupancy.js';
import type { OccupancyDto, OccupancyQuery } from '@gisurg/contracts/ward';

const MAX_DAYS = 366;

/**
 * Occupancy and length of stay over a period (default: the last 30 days up to today), computed from the
 * stay history (bed_stays; cancelled admissions left out) by the pure functions of occupancy.ts.
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
      rate: n ? Math.round((occupied / n) * 1000) / 10 : null,
    };
  });
  const inScope = query.wardId ? wardIds.filter((id) => id === query.wardId) : wardIds;
  const openBeds = todayRows.filter((r) => inScope.includes(r.wardId)).reduce((n, r) => n + r.beds, 0);

  // Stays that overlap the period (from its first midnight census to the end of its last day).
  const start = toInstant(`${from}T00:00`, timeZone);
  const end = toInstant(`${addDays(to, 1)}T00:00`, timeZone);
  const stayRows = inScope.length
    ? await db
        .select({ s: bedStays, wardId: beds.wardId, a: admissions })
        .from(bedStays)
        .innerJoin(beds, eq(beds.id, bedStays.bedId))
        .innerJoin(admissions, eq(admissions.id, bedStays.admissionId))
        .where(
          and(
            ne(admissions.status, 'cancelled'),
            eq(admissions.organizationId, actor.organizationId),
            lte(bedStays.fromAt, end),
            or(isNull(bedStays.toAt), gte(bedStays.toAt, start)),
          ),
        )
        .orderBy(asc(bedStays.fromAt))
    : [];
  // All stays of those admissions, to know each admission's first and last ward.
  const admissionIds = [...new Set(stayRows.map((r) => r.a.id))];
  const allStays = admissionIds.length
    ? await db
        .select({ s: bedStays, wardId: beds.wardId })
        .from(bedStays)
        .innerJoin(beds, eq(beds.id, bedStays.bedId))
        .where(inArray(bedStays.admissionId, admissionIds))
        .orderBy(asc(bedStays.fromAt))
    : [];
  const patientIds = [...new Set(stayRows.map((r) => r.a.patientId))];
  const ops = patientIds.length
    ? await db
        .select({ patientId: operations.patientId, date: operations.operationDate })
        .from(operations)
        .where(and(inArray(operations.patientId, patientIds), isNull(operations.deletedAt)))
        .orderBy(asc(operations.operationDate))
    : [];

  const stays: StayInterval[] = stayRows
    .filter((r) => inScope.includes(r.wardId))
    .map((r) => ({ admissionId: r.a.id, wardId: r.wardId, from: r.s.fromAt, to: r.s.toAt }));
  const seen = new Map(stayRows.map((r) => [r.a.id, r.a]));
  const facts: AdmissionFacts[] = [...seen.values()].map((a) => {
    const own = allStays.filter((x) => x.s.admissionId === a.id);
    const first = own[0]?.wardId ?? null;
    const last = own[own.length - 1]?.wardId ?? null;
    const admittedOn = wallClock(a.admittedAt, timeZone).date;
    const endOn = a.dischargedAt ? wallClock(a.dischargedAt, timeZone).date : today;
    const op = ops.find((o) => o.patientId === a.patientId && o.date >= admittedOn && o.date <= endOn);
    return {
      id: a.id,
      admittedAt: a.admittedAt,
      dischargedAt: a.dischargedAt,
      firstWardId: first && inScope.includes(first) ? first : null,
      lastWardId: last && inScope.includes(last) ? last : null,
      operationDate: op?.date ?? null,
    };
  });
  const input = { from, to, timeZone, openBeds, stays, admissions: facts, settings };
  const days = occupancyByDay(input);
  return {
    from,
    to,
    wardId: query.wardId ?? null,
    settings,
    today: todayRows,
    days,
    totals: totals(days),
    los: lengthOfStayFigures(input),
  };
}
