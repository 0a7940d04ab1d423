import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { bedStays } from '../../db/schema/index.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { lockBeds, moveBed } from './bed-lock.js';
import { findVisibleAdmission, openStay, requireActive, updateAdmissionRow } from './queries.js';
import type { CancelAdmission } from '@gisurg/contracts/ward';

/**
 * Cancel a wrongly entered admission (audited with the reason). The bed is freed (to vacant_dirty: the
 * patient may have lain in it); the cancelled admission and its stays no longer count in occupancy.
 */
export async function cancelAdmission(ctx: UseCaseContext, id: string, input: CancelAdmission): Promise<{ id: string }> {
  const { actor, meta, clock } = ctx;
  const now = clock.now();
  return ctx.db.transaction(async (tx) => {
    const a = await findVisibleAdmission(tx, actor, id, true);
    if (!a) throw notFound();
    requireActive(a);
    const stay = await openStay(tx, a.id);
    if (stay) {
      const bed = (await lockBeds(tx, actor, [stay.bedId])).get(stay.bedId)!;
      await tx
        .update(bedStays)
        .set({ toAt: now < stay.fromAt ? stay.fromAt : now })
        .where(and(eq(bedStays.id, stay.id), isNull(bedStays.toAt)));
      await moveBed(tx, bed, {
        event: 'unassign',
        at: now,
        actor,
        admissionId: a.id,
        patientId: a.patientId,
        reason: `cancelled: ${input.reason}`,
      });
    }
    await updateAdmissionRow(
      tx,
      a,
      { status: 'cancelled', cancelledAt: now, cancelReason: input.reason },
      { now, actor, expectedVersion: input.version },
    );
    await recordAudit(tx, meta, actor, {
      action: 'ward.admission.cancel',
      outcome: 'success',
      resourceType: 'admission',
      resourceId: a.id,
      patientId: a.patientId,
      details: { reason: input.reason, bedId: stay?.bedId ?? null },
    });
    return { id: a.id };
  });
}
