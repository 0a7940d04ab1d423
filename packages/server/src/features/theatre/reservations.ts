import { isCrsHipec } from '@gisurg/clinical';
import { and, asc, eq, gte, inArray, isNull, lte, ne, notExists, or, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { bedReservations, bedStates, beds, departments, wards } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { RequestMeta } from '../../core/context.js';
import { addDays, wallClock } from '@gisurg/contracts';
import type { BookingRow } from './queries.js';
import type { BookingWarning } from '@gisurg/contracts/theatre';

/** Default post-operative stay of a CRS+HIPEC case when none is given (days). */
export const DEFAULT_CRS_HIPEC_STAY_DAYS = 14;

/** A CRS+HIPEC case: flagged so, or a procedure code of CRS or HIPEC. */
export function isCrsHipecBooking(b: { crsHipec: boolean; procedures: readonly { code: string | null }[] }): boolean {
  return b.crsHipec || isCrsHipec(b.procedures.map((p) => p.code));
}

export interface PlannedReservation {
  wardKind: 'general' | 'icu';
  fromDate: string;
  toDate: string;
}

/**
 * The beds a CRS+HIPEC case holds (hospital dates, inclusive): an ICU/HDU bed from the day the operation
 * ends for `icuDays` nights (through the morning after the last night), then a ward bed from that day to
 * the end of the expected stay counted from the operation date. No ICU bed when `icuDays` is 0.
 */
export function plannedReservations(opts: {
  startDate: string;
  endDate: string;
  icuDays: number;
  expectedStayDays: number | null;
}): PlannedReservation[] {
  const out: PlannedReservation[] = [];
  let wardFrom = opts.endDate;
  if (opts.icuDays > 0) {
    const icuTo = addDays(opts.endDate, opts.icuDays);
    out.push({ wardKind: 'icu', fromDate: opts.endDate, toDate: icuTo });
    wardFrom = icuTo;
  }
  const stayEnd = addDays(opts.startDate, opts.expectedStayDays ?? DEFAULT_CRS_HIPEC_STAY_DAYS);
  out.push({ wardKind: 'general', fromDate: wardFrom, toDate: stayEnd > wardFrom ? stayEnd : wardFrom });
  return out;
}

/**
 * A bed of the given kinds in the actor's hospital that is free on [from, to]: not blocked, no overlapping
 * active reservation, and not occupied now when the period covers today. A bed the board reserved by hand for
 * this same patient is theirs, and comes first (the case takes it instead of holding a second bed); then ICU
 * before HDU, wards and beds in display order.
 */
async function freeBedCandidate(
  tx: Db,
  actor: Actor,
  kinds: ('general' | 'icu' | 'hdu')[],
  p: { from: string; to: string; today: string; now: Date; timeZone: string; patientId: string },
  skip: readonly string[],
): Promise<{ id: string; kind: 'general' | 'icu' | 'hdu' } | null> {
  const { from, to, today, now, timeZone, patientId } = p;
  const coversToday = from <= today && today <= to;
  const rows = await tx
    .select({ id: beds.id, kind: wards.kind })
    .from(beds)
    .innerJoin(wards, eq(wards.id, beds.wardId))
    .innerJoin(departments, eq(departments.id, wards.departmentId))
    .leftJoin(bedStates, eq(bedStates.bedId, beds.id))
    .where(
      and(
        eq(departments.organizationId, actor.organizationId),
        inArray(wards.kind, kinds),
        or(isNull(bedStates.state), ne(bedStates.state, 'blocked')),
        coversToday ? or(isNull(bedStates.state), ne(bedStates.state, 'occupied')) : undefined,
        // A manual reservation from the bed board holds the bed from now until its end (issue 17 failure 9).
        sql`not (${bedStates.state} is not distinct from 'reserved' and ${bedStates.reservedUntil} > ${now}
                 and (${bedStates.reservedUntil} at time zone ${timeZone})::date >= ${from}::date
                 and ${bedStates.reservedPatientId} is distinct from ${patientId})`,
        skip.length > 0
          ? sql`${beds.id} not in (${sql.join(
              skip.map((id) => sql`${id}`),
              sql`, `,
            )})`
          : undefined,
        notExists(
          tx
            .select({ one: sql`1` })
            .from(bedReservations)
            .where(
              and(
                eq(bedReservations.bedId, beds.id),
                eq(bedReservations.status, 'active'),
                lte(bedReservations.fromDate, to),
                gte(bedReservations.toDate, from),
              ),
            ),
        ),
      ),
    )
    .orderBy(
      sql`case when ${bedStates.state} = 'reserved' and ${bedStates.reservedPatientId} = ${patientId} then 0 else 1 end`,
      sql`case ${wards.kind} when 'icu' then 0 when 'hdu' then 1 else 2 end`,
      asc(wards.sortOrder),
      asc(beds.sortOrder),
      asc(beds.label),
    )
    .limit(1);
  return rows[0] ?? null;
}

/**
 * A free bed, held: the candidate's `bed_states` row is locked (SELECT … FOR UPDATE, the same row lock the
 * bed board takes for a manual reservation, features/ward/bed-lock.ts) and the check is repeated under the
 * lock, so a manual reservation and a CRS+HIPEC hold can never both take one bed.
 */
async function freeBed(
  tx: Db,
  actor: Actor,
  kinds: ('general' | 'icu' | 'hdu')[],
  p: { from: string; to: string; today: string; now: Date; timeZone: string; patientId: string },
): Promise<{ id: string; kind: 'general' | 'icu' | 'hdu' } | null> {
  const skip: string[] = [];
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const candidate = await freeBedCandidate(tx, actor, kinds, p, skip);
    if (!candidate) return null;
    await tx.select({ bedId: bedStates.bedId }).from(bedStates).where(eq(bedStates.bedId, candidate.id)).for('update');
    const again = await freeBedCandidate(tx, actor, kinds, p, skip);
    if (again?.id === candidate.id) return candidate;
    skip.push(candidate.id);
  }
  return null;
}

/** Release the booking's active reservations (postponed, cancelled, moved). Returns how many. */
export async function releaseReservations(
  tx: Db,
  meta: RequestMeta,
  actor: Actor,
  booking: BookingRow,
  now: Date,
  reason: string,
): Promise<number> {
  const released = await tx
    .update(bedReservations)
    .set({ status: 'released', reason, updatedAt: now, updatedBy: actor.userId, version: sql`${bedReservations.version} + 1` })
    .where(and(eq(bedReservations.bookingId, booking.id), eq(bedReservations.status, 'active')))
    .returning({ id: bedReservations.id, bedId: bedReservations.bedId });
  for (const r of released) {
    await recordAudit(tx, meta, actor, {
      action: 'theatre.reservation.release',
      outcome: 'success',
      resourceType: 'bed_reservation',
      resourceId: r.id,
      patientId: booking.patientId,
      details: { bookingId: booking.id, bedId: r.bedId, reason },
    });
  }
  return released.length;
}

/**
 * Hold the beds of a CRS+HIPEC case (in the booking's transaction). When no bed is free the reservation is
 * still stored (bedId null: the kind of bed is held) and a warning returned for the screen.
 */
export async function reserveBeds(
  tx: Db,
  meta: RequestMeta,
  actor: Actor,
  booking: BookingRow,
  opts: { now: Date; timeZone: string; today: string },
): Promise<BookingWarning[]> {
  if (!isCrsHipecBooking(booking) || booking.status !== 'scheduled') return [];
  const plan = plannedReservations({
    startDate: wallClock(booking.startAt, opts.timeZone).date,
    endDate: wallClock(booking.endAt, opts.timeZone).date,
    icuDays: booking.icuDays,
    expectedStayDays: booking.expectedStayDays,
  });
  const warnings: BookingWarning[] = [];
  for (const p of plan) {
    const bed = await freeBed(tx, actor, p.wardKind === 'icu' ? ['icu', 'hdu'] : ['general'], {
      from: p.fromDate,
      to: p.toDate,
      today: opts.today,
      now: opts.now,
      timeZone: opts.timeZone,
      patientId: booking.patientId,
    });
    if (!bed) warnings.push({ code: p.wardKind === 'icu' ? 'no_icu_bed' : 'no_ward_bed', dates: { from: p.fromDate, to: p.toDate } });
    const [row] = await tx
      .insert(bedReservations)
      .values({
        patientId: booking.patientId,
        bedId: bed?.id ?? null,
        wardKind: bed?.kind ?? p.wardKind,
        fromDate: p.fromDate,
        toDate: p.toDate,
        bookingId: booking.id,
        status: 'active',
        reason: 'crs_hipec',
        createdAt: opts.now,
        updatedAt: opts.now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: bedReservations.id });
    await recordAudit(tx, meta, actor, {
      action: 'theatre.reservation.create',
      outcome: 'success',
      resourceType: 'bed_reservation',
      resourceId: row!.id,
      patientId: booking.patientId,
      details: { bookingId: booking.id, wardKind: bed?.kind ?? p.wardKind, bedId: bed?.id ?? null, fromDate: p.fromDate, toDate: p.toDate },
    });
  }
  return warnings;
}
