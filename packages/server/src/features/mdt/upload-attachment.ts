import { createHash } from 'node:crypto';
import { can } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { mdtAttachmentBlobs, mdtAttachments } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { attachmentsOf } from './get-case.js';
import { checkFile, cleanFileName } from './file-type.js';
import { findVisibleCase, recordCaseEvent } from './queries.js';
import type { AttachmentDto } from '@gisurg/contracts/mdt';

export interface UploadInput {
  content: Uint8Array | null;
  kind: AttachmentDto['kind'];
  fileName: string;
  declaredType: string | null;
}

/**
 * Attach a report or key image (PDF, JPEG, PNG; type from the content, size-limited) to a case. Stored in
 * the database (docs/mdt.md "Attachments"): it commits or rolls back with its audit row and is in every
 * backup. Only the submitting hospital or the coordinator may add files; the case must still be open.
 */
export async function uploadAttachment(ctx: UseCaseContext, caseId: string, input: UploadInput, maxBytes: number): Promise<AttachmentDto> {
  const { db, actor, meta, locale, clock } = ctx;
  return db.transaction(async (tx) => {
    const found = await findVisibleCase(tx, actor, caseId);
    if (!found) throw notFound();
    const { c } = found;
    if (!can(actor, 'mdt:manage') && c.submittingOrganizationId !== actor.organizationId) throw notFound();
    if (c.status === 'rejected' || c.status === 'completed') throw new AppError('INVALID_STATE', 'mdt.errors.caseLocked');
    const content = input.content;
    if (!content || content.length === 0) throw invalidField(locale, 'file', 'mdt.validation.attachmentEmpty');
    if (content.length > maxBytes)
      throw new AppError('PAYLOAD_TOO_LARGE', 'mdt.validation.attachmentTooLarge', { maxMb: Math.round(maxBytes / 1048576) });
    const fileName = cleanFileName(input.fileName);
    const checked = checkFile(content, fileName, input.declaredType);
    if (!checked.ok)
      throw invalidField(
        locale,
        'file',
        checked.problem === 'type' ? 'mdt.validation.attachmentType' : 'mdt.validation.attachmentMismatch',
      );
    const now = clock.now();
    const sha256 = createHash('sha256').update(content).digest('hex');
    const [row] = await tx
      .insert(mdtAttachments)
      .values({
        caseId,
        kind: input.kind,
        fileName,
        contentType: checked.type,
        sizeBytes: content.length,
        sha256,
        uploadedBy: actor.userId,
        uploadedByOrganizationId: actor.organizationId,
        createdAt: now,
      })
      .returning({ id: mdtAttachments.id });
    await tx.insert(mdtAttachmentBlobs).values({ attachmentId: row!.id, content });
    await recordCaseEvent(tx, { caseId, at: now, action: 'attach', actorId: actor.userId, note: input.kind });
    await recordAudit(tx, meta, actor, {
      action: 'mdt.attachment.upload',
      outcome: 'success',
      resourceType: 'mdt_attachment',
      resourceId: row!.id,
      patientId: c.patientId,
      details: { caseId, kind: input.kind, contentType: checked.type, sizeBytes: content.length, sha256 },
    });
    return (await attachmentsOf(tx, caseId)).find((a) => a.id === row!.id)!;
  });
}
