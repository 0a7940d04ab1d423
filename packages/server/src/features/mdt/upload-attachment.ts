import { can } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { mdtAttachmentBlobs, mdtAttachments } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { attachmentsOf } from './get-case.js';
import { checkFile, cleanFileName, sha256Of, type AttachmentStore } from '../../core/attachments.js';
import type { Db } from '../../db/types.js';
import { findVisibleCase, recordCaseEvent } from './queries.js';
import type { AttachmentDto } from '@gisurg/contracts/mdt';

export interface UploadInput {
  content: Uint8Array | null;
  kind: AttachmentDto['kind'];
  fileName: string;
  declaredType: string | null;
}

/** The case when the actor may attach to it (submitting hospital or coordinator, case still open); else 404 / 409. */
async function attachableCase(tx: Db, ctx: UseCaseContext, caseId: string) {
  const found = await findVisibleCase(tx, ctx.actor, caseId);
  if (!found) throw notFound();
  const { c } = found;
  if (!can(ctx.actor, 'mdt:manage') && c.submittingOrganizationId !== ctx.actor.organizationId) throw notFound();
  if (c.status === 'rejected' || c.status === 'completed') throw new AppError('INVALID_STATE', 'mdt.errors.caseLocked');
  return c;
}

/**
 * Attach a report or key image (PDF, JPEG, PNG; type from the content, size-limited) to a case. With a file
 * store (core/attachments.ts; the default on PGlite) the bytes go to a content-addressed file before the
 * transaction and the row keeps the sha256; without one they go to mdt_attachment_blobs in the same
 * transaction. Only the submitting hospital or the coordinator may add files; the case must still be open.
 */
export async function uploadAttachment(
  ctx: UseCaseContext,
  caseId: string,
  input: UploadInput,
  maxBytes: number,
  store: AttachmentStore | null = null,
): Promise<AttachmentDto> {
  const { db, actor, meta, clock } = ctx;
  let checked: ReturnType<typeof checkContent> | null = null;
  if (store) {
    // Refuse what may not be attached before writing a file; the bytes never enter the database connection.
    await db.transaction((tx) => attachableCase(tx, ctx, caseId));
    checked = checkContent(ctx, input, maxBytes);
    await store.put(checked.content);
  }
  return db.transaction(async (tx) => {
    const c = await attachableCase(tx, ctx, caseId);
    const { content, fileName, type, sha256 } = checked ?? checkContent(ctx, input, maxBytes);
    const now = clock.now();
    const [row] = await tx
      .insert(mdtAttachments)
      .values({
        caseId,
        kind: input.kind,
        fileName,
        contentType: type,
        sizeBytes: content.length,
        sha256,
        uploadedBy: actor.userId,
        uploadedByOrganizationId: actor.organizationId,
        createdAt: now,
      })
      .returning({ id: mdtAttachments.id });
    if (!store) await tx.insert(mdtAttachmentBlobs).values({ attachmentId: row!.id, content });
    await recordCaseEvent(tx, { caseId, at: now, action: 'attach', actorId: actor.userId, note: input.kind });
    await recordAudit(tx, meta, actor, {
      action: 'mdt.attachment.upload',
      outcome: 'success',
      resourceType: 'mdt_attachment',
      resourceId: row!.id,
      patientId: c.patientId,
      details: { caseId, kind: input.kind, contentType: type, sizeBytes: content.length, sha256 },
    });
    return (await attachmentsOf(tx, caseId)).find((a) => a.id === row!.id)!;
  });
}

/** Size, type from the content (name and declared type must agree), and the sha256. */
function checkContent(ctx: UseCaseContext, input: UploadInput, maxBytes: number) {
  const { locale } = ctx;
  const content = input.content;
  if (!content || content.length === 0) throw invalidField(locale, 'file', 'mdt.validation.attachmentEmpty');
  if (content.length > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', 'mdt.validation.attachmentTooLarge', { maxMb: Math.round(maxBytes / 1048576) });
  const fileName = cleanFileName(input.fileName);
  const checked = checkFile(content, fileName, input.declaredType);
  if (!checked.ok)
    throw invalidField(locale, 'file', checked.problem === 'type' ? 'mdt.validation.attachmentType' : 'mdt.validation.attachmentMismatch');
  return { content, fileName, type: checked.type, sha256: sha256Of(content) };
}
