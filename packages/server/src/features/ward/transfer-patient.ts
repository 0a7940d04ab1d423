import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { bedStays } from '../../db/schema/index.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { toInstant } from '@gisurg/contracts';
import { checkBedTakes, consumeReservations } from './admit-patient.js';
import { lockBeds, moveBed } from './bed-lock.js';
import { findVisibleAdmission, notFuture, openStay, requireActive, updateAdmissionRow } from './queries.js';
import type { Transfer } from '@gisurg/contracts/ward';

/** Move an inpatient to another bed or ward (ICU and back): the left bed goes to vacant_dirty. */
export async function transferPatient(ctx: UseCaseContext, id: string, input: Transfer): Promise<{ id: string }> {
  const { actor, meta, locale, clock, timeZone } = ctx;
  const now = clock.now();
  const at = toInstant(input.at, timeZone);
  notFuture(locale, 'at', at, now);
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const a = await findVisibleAdmission(tx, actor, id, true);
    if (!a) throw notFound();
    requireActive(a);
    const stay = await openStay(tx, a.id);
    if (!stay) throw notFound();
    if (stay.bedId === input.bedId) throw invalidField(locale, 'bedId', 'ward.validation.sameBed');
    if (at < stay.fromAt) throw invalidField(locale, 'at', 'ward.validation.beforeStay', { at: stay.fromAt.toISOString() });
    const locked = await lockBeds(tx, actor, [stay.bedId, input.bedId]);
    const from = locked.get(stay.bedId)!;
    const to = locked.get(input.bedId)!;
    const used = await checkBedTakes(c, to, a.patientId, now);
    await tx
      .update(bedStays)
      .set({ toAt: at })
      .where(and(eq(bedStays.id, stay.id), isNull(bedStays.toAt)));
    await moveBed(tx, from, { event: 'unassign', at, actor, admissionId: a.id, patientId: a.patientId, reason: 'transfer' });
    await tx.insert(bedStays).values({ admissionId: a.id, bedId: to.bed.id, fromAt: at, createdAt: now });
    await moveBed(tx, to, {
      event: 'assign',
      at,
      actor,
      admissionId: a.id,
      patientId: a.patientId,
      reason: 'transfer',
      set: { admissionId: a.id },
    });
    await consumeReservations(c, used, now);
    await updateAdmissionRow(tx, a, {}, { now, actor, expectedVersion: input.version });
    await recordAudit(tx, meta, actor, {
      action: 'ward.admission.transfer',
      outcome: 'success',
      resourceType: 'admission',
      resourceId: a.id,
      patientId: a.patientId,
      details: { fromBedId: from.bed.id, toBedId: to.bed.id, at: at.toISOString() },
    });
    return { id: a.id };
  });
}
