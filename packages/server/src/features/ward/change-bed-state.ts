import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { bedReservations } from '../../db/schema/index.js';
import { AppError } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { todayIn } from '@gisurg/contracts';
import { toInstant, wallClock } from '@gisurg/contracts';
import { findVisiblePatient } from '../patients/index.js';
import { activeReservations, lockBeds, moveBed } from './bed-lock.js';
import type { BedNote, BlockBed, ReserveBed } from '@gisurg/contracts/ward';

export type BedAction =
  | { action: 'clean'; input: BedNote }
  | { action: 'unblock'; input: BedNote }
  | { action: 'block'; input: BlockBed }
  | { action: 'reserve'; input: ReserveBed }
  | { action: 'release'; input: BedNote };

/**
 * Bed actions from the board, each a guarded transition (features/ward/states.ts) in one transaction.
 * Manual reservation holds the bed itself (`bed_states.state = 'reserved'`, for a patient until a time);
 * planned reservations (`bed_reservations`, e.g. from a CRS+HIPEC booking) are shown as reserved on their
 * days without changing the bed's state. `release` ends both.
 */
export async function changeBedState(ctx: UseCaseContext, bedId: string, cmd: BedAction): Promise<{ id: string; state: string }> {
  const { actor, meta, locale, clock, timeZone } = ctx;
  const now = clock.now();
  return ctx.db.transaction(async (tx) => {
    const locked = (await lockBeds(tx, actor, [bedId])).get(bedId)!;
    let patientId: string | null = null;
    switch (cmd.action) {
      case 'clean':
      case 'unblock':
        await moveBed(tx, locked, { event: cmd.action, at: now, actor, reason: cmd.input.note ?? null });
        break;
      case 'block':
        await moveBed(tx, locked, {
          event: 'block',
          at: now,
          actor,
          reason: cmd.input.reason,
          set: { blockReason: cmd.input.reason, note: cmd.input.note ?? null },
        });
        break;
      case 'reserve': {
        const until = toInstant(cmd.input.until, timeZone);
        if (until <= now) throw invalidField(locale, 'until', 'ward.validation.untilPast');
        const patient = await findVisiblePatient(tx, actor, cmd.input.patientId);
        if (!patient) throw invalidField(locale, 'patientId', 'ward.validation.patientUnknown');
        // Under the bed's row lock (which a CRS+HIPEC hold also takes): no planned hold of another patient
        // anywhere in the reserved period, from today to the day it ends (issue 17 failure 9).
        const planned = await tx
          .select({ patientId: bedReservations.patientId })
          .from(bedReservations)
          .where(
            and(
              eq(bedReservations.bedId, bedId),
              eq(bedReservations.status, 'active'),
              lte(bedReservations.fromDate, wallClock(until, timeZone).date),
              gte(bedReservations.toDate, todayIn(timeZone, now)),
            ),
          );
        if (planned.some((r) => r.patientId !== patient.id)) throw new AppError('CONFLICT', 'ward.errors.bedReserved', { bedId });
        patientId = patient.id;
        await moveBed(tx, locked, {
          event: 'reserve',
          at: now,
          actor,
          patientId,
          reason: cmd.input.note ?? null,
          set: { reservedPatientId: patient.id, reservedUntil: until, note: cmd.input.note ?? null },
        });
        break;
      }
      case 'release': {
        const planned = await activeReservations(tx, [bedId], todayIn(timeZone, now));
        if (locked.state.state !== 'reserved' && planned.length === 0)
          throw new AppError('CONFLICT', 'ward.errors.bedState', { bedId, state: locked.state.state, event: 'release' });
        patientId = locked.state.reservedPatientId ?? planned[0]?.patientId ?? null;
        if (planned.length) {
          await tx
            .update(bedReservations)
            .set({ status: 'released', updatedAt: now, updatedBy: actor.userId })
            .where(
              and(
                inArray(
                  bedReservations.id,
                  planned.map((r) => r.id),
                ),
                eq(bedReservations.status, 'active'),
              ),
            );
        }
        if (locked.state.state === 'reserved') {
          await moveBed(tx, locked, { event: 'release', at: now, actor, patientId, reason: cmd.input.note ?? null });
        } else {
          // Planned reservation only: the bed keeps its state; the release is still kept as history.
          await moveBed(tx, locked, {
            event: 'release',
            to: locked.state.state,
            at: now,
            actor,
            patientId,
            reason: cmd.input.note ?? null,
            set: { note: locked.state.note },
          });
        }
        break;
      }
    }
    await recordAudit(tx, meta, actor, {
      action: `ward.bed.${cmd.action}`,
      outcome: 'success',
      resourceType: 'bed',
      resourceId: bedId,
      patientId,
      details: { state: locked.state.state },
    });
    return { id: bedId, state: locked.state.state };
  });
}
