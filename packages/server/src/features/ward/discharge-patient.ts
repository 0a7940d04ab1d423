import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { publish } from '../../core/events.js';
import { bedStays } from '../../db/schema/index.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { toInstant } from '@gisurg/contracts';
import { lockBeds, moveBed } from './bed-lock.js';
import { findVisibleAdmission, notFuture, openStay, requireActive, updateAdmissionRow } from './queries.js';
import type { Discharge } from '@gisurg/contracts/ward';
import { DISPOSITIONS_NEEDING_INSTITUTION } from './states.js';

/** Discharge (出院) with 离院方式: closes the stay, the bed goes to vacant_dirty. */
export async function dischargePatient(ctx: UseCaseContext, id: string, input: Discharge): Promise<{ id: string }> {
  const { actor, meta, locale, clock, timeZone } = ctx;
  const now = clock.now();
  const at = toInstant(input.at, timeZone);
  notFuture(locale, 'at', at, now);
  const needsInstitution = DISPOSITIONS_NEEDING_INSTITUTION.includes(input.disposition);
  if (needsInstitution && !input.dispositionInstitution)
    throw invalidField(locale, 'dispositionInstitution', 'ward.validation.dispositionInstitution');
  return ctx.db.transaction(async (tx) => {
    const a = await findVisibleAdmission(tx, actor, id, true);
    if (!a) throw notFound();
    requireActive(a);
    const stay = await openStay(tx, a.id);
    if (!stay) throw notFound();
    if (at < stay.fromAt) throw invalidField(locale, 'at', 'ward.validation.beforeStay', { at: stay.fromAt.toISOString() });
    const bed = (await lockBeds(tx, actor, [stay.bedId])).get(stay.bedId)!;
    await tx
      .update(bedStays)
      .set({ toAt: at })
      .where(and(eq(bedStays.id, stay.id), isNull(bedStays.toAt)));
    await moveBed(tx, bed, { event: 'unassign', at, actor, admissionId: a.id, patientId: a.patientId, reason: 'discharge' });
    await updateAdmissionRow(
      tx,
      a,
      {
        status: 'discharged',
        dischargedAt: at,
        disposition: input.disposition,
        dispositionInstitution: needsInstitution ? (input.dispositionInstitution ?? null) : null,
      },
      { now, actor, expectedVersion: input.version },
    );
    await recordAudit(tx, meta, actor, {
      action: 'ward.admission.discharge',
      outcome: 'success',
      resourceType: 'admission',
      resourceId: a.id,
      patientId: a.patientId,
      details: { bedId: bed.bed.id, disposition: input.disposition, at: at.toISOString() },
    });
    // Follow-up plans, referrals and quality figures react to the discharge (core/events.ts).
    await publish(
      { tx, meta, actor, now, timeZone },
      { type: 'discharged', patientId: a.patientId, admissionId: a.id, at, disposition: input.disposition },
    );
    return { id: a.id };
  });
}
