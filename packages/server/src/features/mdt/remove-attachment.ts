import { and, eq, isNull } from 'drizzle-orm';
import { can } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { mdtAttachments } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { findVisibleAttachment } from './get-attachment.js';
import { recordCaseEvent } from './queries.js';

/**
 * Withdraw an attachment uploaded by mistake (e.g. another patient's report): hidden from everyone at once,
 * kept in the database for the audit trail. The uploader's hospital or the coordinator, before the case
 * is closed.
 */
export async function removeAttachment(ctx: UseCaseContext, id: string): Promise<void> {
  const { db, actor, meta, clock } = ctx;
  await db.transaction(async (tx) => {
    const found = await findVisibleAttachment(tx, actor, id);
    if (!found) throw notFound();
    if (!can(actor, 'mdt:manage') && found.a.uploadedByOrganizationId !== actor.organizationId) throw notFound();
    if (found.caseStatus === 'completed' || found.caseStatus === 'rejected') throw new AppError('INVALID_STATE', 'mdt.errors.caseLocked');
    const now = clock.now();
    await tx
      .update(mdtAttachments)
      .set({ removedAt: now, removedBy: actor.userId })
      .where(and(eq(mdtAttachments.id, id), isNull(mdtAttachments.removedAt)));
    await recordCaseEvent(tx, { caseId: found.a.caseId, at: now, action: 'remove_attachment', actorId: actor.userId, note: found.a.kind });
    await recordAudit(tx, meta, actor, {
      action: 'mdt.attachment.remove',
      outcome: 'success',
      resourceType: 'mdt_attachment',
      resourceId: id,
      patientId: found.patientId,
      details: { caseId: found.a.caseId },
    });
  });
}
