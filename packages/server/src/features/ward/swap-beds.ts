import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { bedStates, bedStays } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { toInstant } from '@gisurg/contracts';
import { lockBeds, moveBed } from './bed-lock.js';
import { findVisibleAdmission, notFuture, openStay, requireActive, updateAdmissionRow } from './queries.js';
import type { Swap } from '@gisurg/contracts/ward';

/** Two inpatients exchange beds: both stays close and reopen crossed, each bed gets a `swap` event. */
export async function swapBeds(ctx: UseCaseContext, id: string, input: Swap): Promise<{ id: string }> {
  const { actor, meta, locale, clock, timeZone } = ctx;
  const now = clock.now();
  const at = input.at ? toInstant(input.at, timeZone) : now;
  notFuture(locale, 'at', at, now);
  if (input.otherAdmissionId === id) throw invalidField(locale, 'otherAdmissionId', 'ward.validation.sameAdmission');
  return ctx.db.transaction(async (tx) => {
    // Lock both admissions in id order (no deadlock between two opposite swaps).
    const [firstId, secondId] = [id, input.otherAdmissionId].sort() as [string, string];
    const first = await findVisibleAdmission(tx, actor, firstId, true);
    const second = await findVisibleAdmission(tx, actor, secondId, true);
    const a = firstId === id ? first : second;
    const b = firstId === id ? second : first;
    if (!a) throw notFound();
    if (!b) throw invalidField(locale, 'otherAdmissionId', 'ward.validation.sameAdmission');
    requireActive(a);
    requireActive(b);
    const sa = await openStay(tx, a.id);
    const sb = await openStay(tx, b.id);
    if (!sa || !sb) throw new AppError('INVALID_STATE', 'ward.errors.notActive');
    if (at < sa.fromAt || at < sb.fromAt)
      throw invalidField(locale, 'at', 'ward.validation.beforeStay', { at: (sa.fromAt > sb.fromAt ? sa.fromAt : sb.fromAt).toISOString() });
    const locked = await lockBeds(tx, actor, [sa.bedId, sb.bedId]);
    const bedA = locked.get(sa.bedId)!;
    const bedB = locked.get(sb.bedId)!;
    for (const s of [sa, sb])
      await tx
        .update(bedStays)
        .set({ toAt: at })
        .where(and(eq(bedStays.id, s.id), isNull(bedStays.toAt)));
    await tx.insert(bedStays).values([
      { admissionId: a.id, bedId: bedB.bed.id, fromAt: at, createdAt: now },
      { admissionId: b.id, bedId: bedA.bed.id, fromAt: at, createdAt: now },
    ]);
    // bed_states.admission_id is unique: free bed A for a moment (inside the transaction), then cross over.
    await tx.update(bedStates).set({ admissionId: null, state: 'vacant_clean' }).where(eq(bedStates.bedId, bedA.bed.id));
    await moveBed(tx, bedB, {
      event: 'swap',
      to: 'occupied',
      at,
      actor,
      admissionId: a.id,
      patientId: a.patientId,
      set: { admissionId: a.id },
    });
    bedA.state = { ...bedA.state, state: 'occupied' };
    await moveBed(tx, bedA, {
      event: 'swap',
      to: 'occupied',
      at,
      actor,
      admissionId: b.id,
      patientId: b.patientId,
      set: { admissionId: b.id },
    });
    await updateAdmissionRow(tx, a, {}, { now, actor });
    await updateAdmissionRow(tx, b, {}, { now, actor });
    for (const [x, bed, to] of [
      [a, bedA, bedB],
      [b, bedB, bedA],
    ] as const) {
      await recordAudit(tx, meta, actor, {
        action: 'ward.admission.swap',
        outcome: 'success',
        resourceType: 'admission',
        resourceId: x.id,
        patientId: x.patientId,
        details: { fromBedId: bed.bed.id, toBedId: to.bed.id, withAdmissionId: x.id === a.id ? b.id : a.id },
      });
    }
    return { id: a.id };
  });
}
