import { isCrsHipec } from '@gisurg/clinical';
import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { mdtPlanItems, mdtRecommendations } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { RequestMeta } from '../../core/context.js';
import { subscribe, type EventOf } from '../../core/events.js';
import { todayIn } from '@gisurg/contracts';
import { closeItem } from './items.js';
import type { ItemRow } from './queries.js';

/**
 * Something happened in GISurg that may carry out a board's plan (issue 7, "decision-to-delivery"):
 * - `operation_recorded` (oncology/surgery feature, when an operation is recorded): delivers every pending
 *   `surgery` item of the patient decided on or before the operation date, and every pending `crs_hipec`
 *   item when the operation's procedure codes include CRS or HIPEC (`CRS_HIPEC_CODES`);
 * - `admitted` (ward feature, when the patient is admitted): delivers pending items marked
 *   `requiresAdmission` (e.g. inpatient chemotherapy) decided before the admission, and notes the admission
 *   as progress on pending surgery / CRS-HIPEC items (delivered only by the operation itself);
 * - `booking_made` (theatre feature, when an operation is booked): notes the booking as progress on pending
 *   surgery / CRS-HIPEC items; it delivers nothing.
 * Subscribed to the clinical-event seam (core/events.ts) by `subscribeMdtToClinicalEvents`; runs inside the
 * publisher's transaction, so the clinical record and the delivery commit together; each
 * change is audited and a case whose last item closes is completed.
 */
export type ClinicalEvent = EventOf<'operation_recorded'> | EventOf<'admitted'> | EventOf<'booking_made'>;

export interface ClinicalEventResult {
  /** Items marked delivered by this event. */
  delivered: string[];
  /** Items that recorded progress (booking, admission) but stay pending. */
  progressed: string[];
}

async function pendingItems(tx: Db, patientId: string, kinds: ItemRow['kind'][], decided: SQL): Promise<ItemRow[]> {
  const rows = await tx
    .select({ item: mdtPlanItems })
    .from(mdtPlanItems)
    .innerJoin(mdtRecommendations, eq(mdtRecommendations.id, mdtPlanItems.recommendationId))
    .where(and(eq(mdtPlanItems.patientId, patientId), eq(mdtPlanItems.status, 'pending'), inArray(mdtPlanItems.kind, kinds), decided))
    .orderBy(mdtPlanItems.dueDate, mdtPlanItems.id);
  return rows.map((r) => r.item);
}

/** Note progress on an item still pending (bumps its version; an item closed meanwhile is left alone). */
async function progress(
  tx: Db,
  id: string,
  set: Partial<typeof mdtPlanItems.$inferInsert>,
  now: Date,
  actor: Actor | null,
): Promise<boolean> {
  const rows = await tx
    .update(mdtPlanItems)
    .set({ ...set, version: sql`${mdtPlanItems.version} + 1`, updatedAt: now, updatedBy: actor?.userId ?? null })
    .where(and(eq(mdtPlanItems.id, id), eq(mdtPlanItems.status, 'pending')))
    .returning({ id: mdtPlanItems.id });
  return rows.length > 0;
}

export async function recordClinicalEvent(
  tx: Db,
  meta: RequestMeta,
  actor: Actor | null,
  event: ClinicalEvent,
  opts: { now?: Date; timeZone?: string } = {},
): Promise<ClinicalEventResult> {
  const now = opts.now ?? new Date();
  const result: ClinicalEventResult = { delivered: [], progressed: [] };
  switch (event.type) {
    case 'operation_recorded': {
      const kinds: ItemRow['kind'][] = isCrsHipec(event.procedureCodes) ? ['surgery', 'crs_hipec'] : ['surgery'];
      const items = await pendingItems(tx, event.patientId, kinds, lte(mdtRecommendations.decidedOn, event.date));
      for (const item of items) {
        const closed = await closeItem(tx, meta, actor, item, 'deliver', {
          at: now,
          changes: {
            deliveredVia: 'operation',
            deliveredOn: event.date,
            evidenceRef: event.operationId,
            evidence: `operation ${event.date}: ${event.procedureCodes.join(', ') || '—'}`,
          },
          details: { operationId: event.operationId, procedureCodes: event.procedureCodes, late: event.date > item.dueDate },
          skipIfMoved: true,
        });
        if (closed) result.delivered.push(item.id);
      }
      return result;
    }
    case 'admitted': {
      const at = new Date(event.at);
      const day = todayIn(opts.timeZone ?? 'Asia/Shanghai', at);
      const decided = lte(mdtRecommendations.decidedAt, at);
      const byAdmission = (
        await pendingItems(
          tx,
          event.patientId,
          ['chemotherapy', 'radiotherapy', 'imaging', 'biopsy', 'trial', 'supportive', 'follow_up'],
          decided,
        )
      ).filter((i) => i.requiresAdmission);
      for (const item of byAdmission) {
        const closed = await closeItem(tx, meta, actor, item, 'deliver', {
          at: now,
          changes: { deliveredVia: 'admission', deliveredOn: day, evidenceRef: event.admissionId, evidence: `admission ${day}` },
          details: { admissionId: event.admissionId, late: day > item.dueDate },
          skipIfMoved: true,
        });
        if (closed) result.delivered.push(item.id);
      }
      for (const item of await pendingItems(tx, event.patientId, ['surgery', 'crs_hipec'], decided)) {
        const moved = await progress(tx, item.id, { admissionRef: event.admissionId, admittedAt: at }, now, actor);
        if (!moved) continue;
        await recordAudit(tx, meta, actor, {
          action: 'mdt.item.progress',
          outcome: 'success',
          resourceType: 'mdt_plan_item',
          resourceId: item.id,
          patientId: item.patientId,
          details: { admissionId: event.admissionId },
        });
        result.progressed.push(item.id);
      }
      return result;
    }
    case 'booking_made': {
      const kinds: ItemRow['kind'][] = !event.procedureCodes || isCrsHipec(event.procedureCodes) ? ['surgery', 'crs_hipec'] : ['surgery'];
      for (const item of await pendingItems(tx, event.patientId, kinds, lte(mdtRecommendations.decidedAt, now))) {
        const moved = await progress(tx, item.id, { bookingRef: event.bookingId, bookedFor: event.date }, now, actor);
        if (!moved) continue;
        await recordAudit(tx, meta, actor, {
          action: 'mdt.item.progress',
          outcome: 'success',
          resourceType: 'mdt_plan_item',
          resourceId: item.id,
          patientId: item.patientId,
          details: { bookingId: event.bookingId, bookedFor: event.date },
        });
        result.progressed.push(item.id);
      }
      return result;
    }
  }
}

/** MDT tracking reacts to operations, admissions and bookings published by other features (issue 15). */
export function subscribeMdtToClinicalEvents(): void {
  for (const type of ['operation_recorded', 'admitted', 'booking_made'] as const) {
    subscribe(type, 'mdt.plan-delivery', async (ctx, event) => {
      await recordClinicalEvent(ctx.tx, ctx.meta, ctx.actor, event, { now: ctx.now, timeZone: ctx.timeZone });
    });
  }
}
