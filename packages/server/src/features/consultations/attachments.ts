import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { consultationAttachmentBlobs, consultationAttachments, consultations, patients } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import type { ConsultationAttachment } from '@gisurg/contracts/consultations';
import { checkFile, cleanFileName, sha256Of, type AttachmentStore } from '../../core/attachments.js';
import { withConsultation } from './act.js';
import { consultationScope } from './queries.js';

type UploadInput = { content: Uint8Array | null; fileName: string; declaredType: string | null };

/**
 * Attach an imaging or pathology report (PDF, JPEG, PNG; type from the content, size-limited) while the
 * consultation is open. Like MDT attachments: with a file store (core/attachments.ts) the bytes go to a
 * content-addressed file before the transaction, else to consultation_attachment_blobs within it.
 */
export async function uploadAttachment(
  ctx: UseCaseContext,
  id: string,
  input: UploadInput,
  maxBytes: number,
  store: AttachmentStore | null = null,
): Promise<ConsultationAttachment> {
  const { actor, meta } = ctx;
  let prechecked: ReturnType<typeof checkContent> | null = null;
  if (store) {
    await withConsultation(ctx, id, async (_tx, row) => {
      if (row.status === 'closed') throw new AppError('INVALID_STATE', 'consultations.errors.closed');
    });
    prechecked = checkContent(ctx, input, maxBytes);
    await store.put(prechecked.content);
  }
  return withConsultation(ctx, id, async (tx, row, now) => {
    if (row.status === 'closed') throw new AppError('INVALID_STATE', 'consultations.errors.closed');
    const { content, fileName, checked, sha256 } = prechecked ?? checkContent(ctx, input, maxBytes);
    const [a] = await tx
      .insert(consultationAttachments)
      .values({
        consultationId: row.id,
        fileName,
        contentType: checked.type,
        sizeBytes: content.length,
        sha256,
        uploadedBy: actor.userId,
        createdAt: now,
      })
      .returning();
    if (!store) await tx.insert(consultationAttachmentBlobs).values({ attachmentId: a!.id, content });
    await recordAudit(tx, meta, actor, {
      action: 'consultation.attachment.upload',
      outcome: 'success',
      resourceType: 'consultation_attachment',
      resourceId: a!.id,
      patientId: row.patientId,
      details: { consultationId: row.id, contentType: checked.type, sizeBytes: content.length, sha256 },
    });
    return { id: a!.id, fileName, contentType: checked.type, sizeBytes: content.length, createdAt: now.toISOString() };
  });
}

function checkContent(ctx: UseCaseContext, input: UploadInput, maxBytes: number) {
  const { locale } = ctx;
  const content = input.content;
  if (!content || content.length === 0) throw invalidField(locale, 'file', 'consultations.validation.attachmentEmpty');
  if (content.length > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', 'consultations.validation.attachmentTooLarge', { maxMb: Math.round(maxBytes / 1048576) });
  const fileName = cleanFileName(input.fileName);
  const checked = checkFile(content, fileName, input.declaredType);
  if (!checked.ok)
    throw invalidField(
      locale,
      'file',
      checked.problem === 'type' ? 'consultations.validation.attachmentType' : 'consultations.validation.attachmentMismatch',
    );
  return { content, fileName, checked, sha256: sha256Of(content) };
}

/** The file itself, for the consultation's audience only; every download is audited (file-stored: checked by sha256). */
export async function getAttachment(
  ctx: UseCaseContext,
  id: string,
  store: AttachmentStore | null = null,
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const { db, actor, meta } = ctx;
  const { found, blob } = await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ a: consultationAttachments, patientId: consultations.patientId })
      .from(consultationAttachments)
      .innerJoin(consultations, eq(consultations.id, consultationAttachments.consultationId))
      .innerJoin(patients, eq(patients.id, consultations.patientId))
      .where(and(eq(consultationAttachments.id, id), consultationScope(actor)));
    if (!found) throw notFound();
    const [blob] = await tx.select().from(consultationAttachmentBlobs).where(eq(consultationAttachmentBlobs.attachmentId, id));
    if (!blob && !store) throw notFound();
    await recordAudit(tx, meta, actor, {
      action: 'consultation.attachment.read',
      outcome: 'success',
      resourceType: 'consultation_attachment',
      resourceId: id,
      patientId: found.patientId,
      details: { consultationId: found.a.consultationId },
    });
    return { found, blob };
  });
  const content = blob ? Buffer.from(blob.content) : await store!.get(found.a.sha256);
  if (!content) throw new AppError('UNAVAILABLE', 'errors.attachmentDamaged');
  return { fileName: found.a.fileName, contentType: found.a.contentType, content };
}
