import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { admissions, bedReservations, bedStays } from '../../db/schema/index.js';
import { AppError } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { todayIn } from '@gisurg/contracts';
import { toInstant } from '@gisurg/contracts';
import { publish } from '../../core/events.js';
import { findVisiblePatient } from '../patients/index.js';
import { activeReservations, isReservationExpired, lockBeds, moveBed, type LockedBed } from './bed-lock.js';
import { checkSurgeon, notFuture } from './queries.js';
import type { Admit } from '@gisurg/contracts/ward';

/**
 * Check that a locked bed may take this patient now: vacant and clean, or reserved for this very patient
 * (manual reservation on the bed, or a planned reservation such as a CRS+HIPEC booking's). Returns the
 * planned reservations the admission consumes.
 */
export async function checkBedTakes(ctx: UseCaseContext, locked: LockedBed, patientId: string, now: Date): Promise<string[]> {
  const s = locked.state;
  const expired = isReservationExpired(s, now);
  if (s.state !== 'vacant_clean' && s.state !== 'reserved')
    throw new AppError('CONFLICT', 'ward.errors.bedNotFree', { bedId: locked.bed.id, state: s.state });
  if (s.state === 'reserved' && !expired && s.reservedPatientId !== patientId)
    throw new AppError('CONFLICT', 'ward.errors.bedReserved', { bedId: locked.bed.id });
  const planned = await activeReservations(ctx.db, [locked.bed.id], todayIn(ctx.timeZone, now));
  if (planned.some((r) => r.patientId !== patientId)) throw new AppError('CONFLICT', 'ward.errors.bedReserved', { bedId: locked.bed.id });
  return planned.map((r) => r.id);
}

/** Mark the planned reservations an admission or transfer used. */
export async function consumeReservations(ctx: UseCaseContext, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await ctx.db
    .update(bedReservations)
    .set({ status: 'used', updatedAt: now, updatedBy: ctx.actor.userId })
    .where(and(inArray(bedReservations.id, [...ids]), eq(bedReservations.status, 'active')));
}

/** Admit a patient into a bed (入院): one transaction locking the bed, refusing an occupied/blocked/reserved bed. */
export async function admitPatient(ctx: UseCaseContext, input: Admit): Promise<{ id: string }> {
  const { actor, meta, locale, clock, timeZone } = ctx;
  const now = clock.now();
  const admittedAt = toInstant(input.admittedAt, timeZone);
  notFuture(locale, 'admittedAt', admittedAt, now);
  if (input.source === 'transfer_in' && !input.sourceInstitution)
    throw invalidField(locale, 'sourceInstitution', 'ward.validation.sourceInstitution');
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const patient = await findVisiblePatient(tx, actor, input.patientId);
    if (!patient) throw invalidField(locale, 'patientId', 'ward.validation.patientUnknown');
    await checkSurgeon(tx, actor, locale, input.attendingSurgeonId);
    const locked = (await lockBeds(tx, actor, [input.bedId])).get(input.bedId)!;
    const [already] = await tx
      .select({ id: admissions.id })
      .from(admissions)
      .where(and(eq(admissions.patientId, patient.id), eq(admissions.status, 'active')));
    if (already) throw new AppError('CONFLICT', 'ward.errors.alreadyAdmitted', { admissionId: already.id });
    const used = await checkBedTakes(c, locked, patient.id, now);
    const [row] = await tx
      .insert(admissions)
      .values({
        patientId: patient.id,
        organizationId: actor.organizationId,
        admittedAt,
        source: input.source,
        sourceInstitution: input.source === 'transfer_in' ? (input.sourceInstitution ?? null) : null,
        diagnosis: input.diagnosis ?? null,
        attendingSurgeonId: input.attendingSurgeonId ?? null,
        expectedLosDays: input.expectedLosDays ?? null,
        plannedProcedure: input.plannedProcedure ?? null,
        isolation: input.isolation ?? null,
        fallRisk: input.fallRisk ?? null,
        createdBy: actor.userId,
        updatedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: admissions.id });
    const id = row!.id;
    await tx.insert(bedStays).values({ admissionId: id, bedId: locked.bed.id, fromAt: admittedAt, createdAt: now });
    await moveBed(tx, locked, { event: 'assign', at: admittedAt, actor, admissionId: id, patientId: patient.id, set: { admissionId: id } });
    await consumeReservations(c, used, now);
    await recordAudit(tx, meta, actor, {
      action: 'ward.admission.create',
      outcome: 'success',
      resourceType: 'admission',
      resourceId: id,
      patientId: patient.id,
      details: { bedId: locked.bed.id, source: input.source, reservationsUsed: used },
    });
    await publish(
      { tx, meta, actor, now, timeZone },
      {
        type: 'admitted',
        patientId: patient.id,
        admissionId: id,
        at: admittedAt,
        source: input.source,
        sourceOrganizationId: patient.sourceOrganizationId ?? null,
      },
    );
    return { id };
  });
}
