import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { consultationAttachmentBlobs, consultationAttachments, consultations, patients } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import type { ConsultationAttachment } from '@gisurg/contracts/consultations';
import { checkFile, cleanFileName } from '../mdt/index.js';
import { withConsultation } from './act.js';
import { consultationScope } from './queries.js';

/**
 * Attach an imaging or pathology report (PDF, JPEG, PNG; type from the content, size-limited) while the
 * consultation is open. Stored in the database with its audit row, like MDT attachments.
 */
export async function uploadAttachment(
  ctx: UseCaseContext,
  id: string,
  input: { content: Uint8Array | null; fileName: string; declaredType: string | null },
  maxBytes: number,
): Promise<ConsultationAttachment> {
  const { actor, meta, locale } = ctx;
  return withConsultation(ctx, id, async (tx, row, now) => {
    if (row.status === 'closed') throw new AppError('INVALID_STATE', 'consultations.errors.closed');
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
    const sha256 = createHash('sha256').update(content).digest('hex');
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
    await tx.insert(consultationAttachmentBlobs).values({ attachmentId: a!.id, content });
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

/** The file itself, for the consultation's audience only; every download is audited. */
export async function getAttachment(ctx: UseCaseContext, id: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const { db, actor, meta } = ctx;
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ a: consultationAttachments, patientId: consultations.patientId })
      .from(consultationAttachments)
      .innerJoin(consultations, eq(consultations.id, consultationAttachments.consultationId))
      .innerJoin(patients, eq(patients.id, consultations.patientId))
      .where(and(eq(consultationAttachments.id, id), consultationScope(actor)));
    if (!found) throw notFound();
    const [blob] = await tx.select().from(consultationAttachmentBlobs).where(eq(consultationAttachmentBlobs.attachmentId, id));
    if (!blob) throw notFound();
    await recordAudit(tx, meta, actor, {
      action: 'consultation.attachment.read',
      outcome: 'success',
      resourceType: 'consultation_attachment',
      resourceId: id,
      patientId: found.patientId,
      details: { consultationId: found.a.consultationId },
    });
    return { fileName: found.a.fileName, contentType: found.a.contentType, content: Buffer.from(blob.content) };
  });
}
