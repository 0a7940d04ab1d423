import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { mdtAttachmentBlobs, mdtAttachments, mdtCases, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { AttachmentStore } from '../../core/attachments.js';
import type { UseCaseContext } from '../../core/context.js';
import { caseScope } from './scope.js';

/** An attachment's metadata when the actor is in its case's audience (else null: reads as missing). */
export async function findVisibleAttachment(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({
      a: mdtAttachments,
      patientId: mdtCases.patientId,
      submittingOrganizationId: mdtCases.submittingOrganizationId,
      caseStatus: mdtCases.status,
    })
    .from(mdtAttachments)
    .innerJoin(mdtCases, eq(mdtCases.id, mdtAttachments.caseId))
    .innerJoin(patients, eq(patients.id, mdtCases.patientId))
    .where(and(eq(mdtAttachments.id, id), isNull(mdtAttachments.removedAt), caseScope(actor)))
    .limit(1);
  return row ?? null;
}

/**
 * The file itself, for the case's audience only (trust.md S2.5); every download is audited. A file-stored
 * attachment (core/attachments.ts) is read after the transaction and checked against its sha256.
 */
export async function getAttachment(
  ctx: UseCaseContext,
  id: string,
  store: AttachmentStore | null = null,
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const { db, actor, meta } = ctx;
  const { found, blob } = await db.transaction(async (tx) => {
    const found = await findVisibleAttachment(tx, actor, id);
    if (!found) throw notFound();
    const [blob] = await tx.select().from(mdtAttachmentBlobs).where(eq(mdtAttachmentBlobs.attachmentId, id));
    if (!blob && !store) throw notFound();
    await recordAudit(tx, meta, actor, {
      action: 'mdt.attachment.read',
      outcome: 'success',
      resourceType: 'mdt_attachment',
      resourceId: id,
      patientId: found.patientId,
      details: { caseId: found.a.caseId },
    });
    return { found, blob };
  });
  const content = blob ? Buffer.from(blob.content) : await store!.get(found.a.sha256);
  if (!content) throw new AppError('UNAVAILABLE', 'errors.attachmentDamaged');
  return { fileName: found.a.fileName, contentType: found.a.contentType, content };
}
