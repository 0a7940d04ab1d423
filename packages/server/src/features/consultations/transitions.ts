import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { consultationMessages, consultations } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { AppError } from '../../core/app-error.js';
import type { RequestMeta } from '../../core/context.js';
import type { ConsultationRow } from './queries.js';
import { fromStates, nextState, type ConsultationAction } from './workflow.js';

/**
 * Guarded transition (docs/architecture.md): check the from-state in the workflow table, then
 * UPDATE … WHERE status = from AND version = current, so a concurrent change makes this one a 409; then the
 * thread message (when there is one) and the audit row, all in the caller's transaction.
 */
export async function transitionConsultation(
  tx: Db,
  meta: RequestMeta,
  actor: Actor,
  row: ConsultationRow,
  action: ConsultationAction,
  opts: {
    at: Date;
    changes?: Partial<typeof consultations.$inferInsert>;
    message?: { kind: 'info_request' | 'reply' | 'answer' | 'assign'; body: string | null };
    details?: Record<string, unknown>;
  },
): Promise<ConsultationRow> {
  const to = nextState(action, row.status);
  const [updated] = await tx
    .update(consultations)
    .set({ ...opts.changes, status: to, version: row.version + 1, updatedAt: opts.at, updatedBy: actor.userId })
    .where(
      and(
        eq(consultations.id, row.id),
        eq(consultations.status, row.status),
        eq(consultations.version, row.version),
        inArray(consultations.status, [...fromStates(action)]),
      ),
    )
    .returning();
  if (!updated) throw new AppError('INVALID_STATE', 'errors.invalidState', { entity: 'consultation', action, from: row.status });
  if (opts.message) {
    await tx.insert(consultationMessages).values({
      consultationId: row.id,
      kind: opts.message.kind,
      body: opts.message.body,
      authorId: actor.userId,
      at: opts.at,
    });
  }
  await recordAudit(tx, meta, actor, {
    action: `consultation.${action}`,
    outcome: 'success',
    resourceType: 'consultation',
    resourceId: row.id,
    patientId: row.patientId,
    details: { from: row.status, to, version: updated.version, ...opts.details },
  });
  return updated;
}
