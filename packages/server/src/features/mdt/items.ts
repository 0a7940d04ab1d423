import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { mdtCases, mdtPlanItems, mdtRecommendations, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { AppError } from '../../core/app-error.js';
import type { RequestMeta } from '../../core/context.js';
import { recordCaseEvent, type ItemRow } from './queries.js';
import { caseScope } from './scope.js';
import { ITEM_WORKFLOW, nextState } from './workflow.js';
import { transitionCase } from './transitions.js';

/** A tracked item the actor may reach, with its recommendation's decision date. */
export async function findVisibleItem(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ item: ItemRow; decidedOn: string; decidedAt: Date } | null> {
  const [row] = await db
    .select({ item: mdtPlanItems, decidedOn: mdtRecommendations.decidedOn, decidedAt: mdtRecommendations.decidedAt })
    .from(mdtPlanItems)
    .innerJoin(mdtRecommendations, eq(mdtRecommendations.id, mdtPlanItems.recommendationId))
    .innerJoin(mdtCases, eq(mdtCases.id, mdtPlanItems.caseId))
    .innerJoin(patients, eq(patients.id, mdtCases.patientId))
    .where(and(eq(mdtPlanItems.id, id), caseScope(actor)))
    .limit(1);
  return row ?? null;
}

/**
 * Close a pending item as delivered or not delivered (guarded: pending only, version-checked), audit it,
 * and complete its case when it was the last open item — all in the caller's transaction.
 */
export async function closeItem(
  tx: Db,
  meta: RequestMeta,
  actor: Actor | null,
  item: ItemRow,
  action: keyof typeof ITEM_WORKFLOW.transitions,
  opts: {
    at: Date;
    changes: Partial<typeof mdtPlanItems.$inferInsert>;
    expectedVersion?: number | undefined;
    details?: Record<string, unknown>;
    /** Return null instead of a 409 when the item was closed or changed meanwhile (automatic delivery). */
    skipIfMoved?: boolean;
  },
): Promise<ItemRow | null> {
  const to = nextState(ITEM_WORKFLOW, action, item.status);
  const expected = opts.expectedVersion ?? item.version;
  const [updated] = await tx
    .update(mdtPlanItems)
    .set({
      ...opts.changes,
      status: to,
      closedAt: opts.at,
      closedBy: actor?.userId ?? null,
      version: expected + 1,
      updatedAt: opts.at,
      updatedBy: actor?.userId ?? null,
    })
    .where(and(eq(mdtPlanItems.id, item.id), eq(mdtPlanItems.status, item.status), eq(mdtPlanItems.version, expected)))
    .returning();
  if (!updated) {
    if (opts.skipIfMoved) return null;
    const [current] = await tx
      .select({ status: mdtPlanItems.status, version: mdtPlanItems.version })
      .from(mdtPlanItems)
      .where(eq(mdtPlanItems.id, item.id));
    if (current && current.version !== expected) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: current.version });
    throw new AppError('INVALID_STATE', 'errors.invalidState', { entity: ITEM_WORKFLOW.entity, action, from: current?.status ?? null });
  }
  await recordCaseEvent(tx, {
    caseId: item.caseId,
    at: opts.at,
    action: `item_${to}`,
    fromStatus: item.status,
    toStatus: to,
    actorId: actor?.userId ?? null,
    // `kind|via` or `kind|reason`: codes the screens translate.
    note: `${item.kind}|${opts.changes.deliveredVia ?? opts.changes.notDeliveredReason ?? ''}`,
  });
  await recordAudit(tx, meta, actor, {
    action: to === 'delivered' ? 'mdt.item.delivered' : 'mdt.item.not_delivered',
    outcome: 'success',
    resourceType: 'mdt_plan_item',
    resourceId: item.id,
    patientId: item.patientId,
    details: {
      caseId: item.caseId,
      kind: item.kind,
      version: updated.version,
      via: opts.changes.deliveredVia ?? null,
      reason: opts.changes.notDeliveredReason ?? null,
      ...opts.details,
    },
  });
  await completeCaseIfResolved(tx, meta, actor, item.caseId, opts.at);
  return updated;
}

/** A decided case whose items are all closed is completed (system transition). */
async function completeCaseIfResolved(tx: Db, meta: RequestMeta, actor: Actor | null, caseId: string, at: Date): Promise<void> {
  const [open] = await tx
    .select({ id: mdtPlanItems.id })
    .from(mdtPlanItems)
    .where(and(eq(mdtPlanItems.caseId, caseId), eq(mdtPlanItems.status, 'pending')))
    .limit(1);
  if (open) return;
  const [c] = await tx
    .select()
    .from(mdtCases)
    .where(and(eq(mdtCases.id, caseId), eq(mdtCases.status, 'decided')));
  if (c) await transitionCase(tx, meta, actor, c, 'complete', { at, changes: { completedAt: at } });
}
