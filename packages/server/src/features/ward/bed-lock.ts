import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { bedEvents, bedReservations, bedStates, beds, departments, wards } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { AppError, notFound } from '../../core/app-error.js';
import { nextBedState, type BedEventType, type BedState } from './states.js';

export type BedStateRow = typeof bedStates.$inferSelect;
export interface LockedBed {
  bed: { id: string; label: string; wardId: string; wardKind: 'general' | 'icu' | 'hdu' };
  state: BedStateRow;
}

/**
 * Lock beds' `bed_states` rows (SELECT … FOR UPDATE) in id order, so two transactions touching the same two
 * beds never deadlock; a concurrent request for the same bed waits here and then sees the new state
 * (acceptance point 2). Beds outside the actor's hospital read as missing (404).
 */
export async function lockBeds(tx: Db, actor: Actor, bedIds: readonly string[]): Promise<Map<string, LockedBed>> {
  const ids = [...new Set(bedIds)].sort();
  const out = new Map<string, LockedBed>();
  for (const id of ids) {
    const [state] = await tx.select().from(bedStates).where(eq(bedStates.bedId, id)).for('update');
    const bed = await findVisibleBed(tx, actor, id);
    if (!state || !bed) throw notFound();
    out.set(id, { bed, state });
  }
  return out;
}

/** A bed of the actor's hospital, or null. */
export async function findVisibleBed(db: Db, actor: Actor, id: string): Promise<LockedBed['bed'] | null> {
  const [bed] = await db
    .select({ id: beds.id, label: beds.label, wardId: beds.wardId, wardKind: wards.kind })
    .from(beds)
    .innerJoin(wards, eq(wards.id, beds.wardId))
    .innerJoin(departments, eq(departments.id, wards.departmentId))
    .where(and(eq(beds.id, id), eq(departments.organizationId, actor.organizationId)));
  return bed ?? null;
}

/** A manual reservation whose time has passed no longer holds the bed. */
export function isReservationExpired(state: Pick<BedStateRow, 'state' | 'reservedUntil'>, now: Date): boolean {
  return state.state === 'reserved' && state.reservedUntil !== null && state.reservedUntil <= now;
}

/** Active planned reservations (bed_reservations, e.g. from a CRS+HIPEC booking) holding a bed on a day. */
export async function activeReservations(tx: Db, bedIds: readonly string[], today: string) {
  if (bedIds.length === 0) return [];
  return tx
    .select()
    .from(bedReservations)
    .where(
      and(
        inArray(bedReservations.bedId, [...bedIds]),
        eq(bedReservations.status, 'active'),
        lte(bedReservations.fromDate, today),
        gte(bedReservations.toDate, today),
      ),
    );
}

export interface MoveBed {
  event: BedEventType;
  at: Date;
  actor: Actor;
  admissionId?: string | null;
  patientId?: string | null;
  reason?: string | null;
  /** Columns of bed_states to set besides state (admission, reservation, block reason). */
  set?: Partial<Pick<BedStateRow, 'admissionId' | 'reservedPatientId' | 'reservedUntil' | 'blockReason' | 'note'>>;
  /** Override the table's target (swap keeps `occupied`; used for the intermediate step only). */
  to?: BedState;
}

/** Apply one guarded bed transition to a locked bed: check the from-state, update, append the event. */
export async function moveBed(tx: Db, locked: LockedBed, m: MoveBed): Promise<BedStateRow> {
  const from = locked.state.state;
  const to = m.to ?? nextBedState(from, m.event);
  if (to === null) throw new AppError('CONFLICT', 'ward.errors.bedState', { bedId: locked.bed.id, state: from, event: m.event });
  const clearing = to === 'occupied' ? {} : { admissionId: null };
  const clearReserve = to === 'reserved' ? {} : { reservedPatientId: null, reservedUntil: null };
  const clearBlock = to === 'blocked' ? {} : { blockReason: null };
  const [row] = await tx
    .update(bedStates)
    .set({
      ...clearing,
      ...clearReserve,
      ...clearBlock,
      note: null,
      ...m.set,
      state: to,
      since: m.at,
      updatedAt: m.at,
      updatedBy: m.actor.userId,
      version: sql`${bedStates.version} + 1`,
    })
    .where(eq(bedStates.bedId, locked.bed.id))
    .returning();
  await tx.insert(bedEvents).values({
    bedId: locked.bed.id,
    type: m.event,
    at: m.at,
    admissionId: m.admissionId ?? null,
    patientId: m.patientId ?? null,
    fromState: from,
    toState: to,
    reason: m.reason ?? null,
    actorId: m.actor.userId,
  });
  locked.state = row!;
  return row!;
}
