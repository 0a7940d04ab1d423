import { and, asc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import type { Actor } from '../../auth/actor.js';
import { mdtAttachments, mdtCaseEvents, mdtCases, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { ClinicalSnapshotSchema } from '@gisurg/contracts/mdt';
import { participantsOf } from './participants.js';
import { findCaseSummaries, findVisibleCase } from './queries.js';
import { loadRecommendation } from './recommendation-dto.js';
import type { AttachmentDto, CaseDetailDto } from '@gisurg/contracts/mdt';

export async function attachmentsOf(db: Db, caseId: string): Promise<AttachmentDto[]> {
  const rows = await db
    .select({ a: mdtAttachments, uploader: users.displayName })
    .from(mdtAttachments)
    .innerJoin(users, eq(users.id, mdtAttachments.uploadedBy))
    .where(and(eq(mdtAttachments.caseId, caseId), isNull(mdtAttachments.removedAt)))
    .orderBy(asc(mdtAttachments.createdAt), asc(mdtAttachments.id));
  return rows.map(({ a, uploader }) => ({
    id: a.id,
    caseId: a.caseId,
    kind: a.kind,
    fileName: a.fileName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: { id: a.uploadedBy, name: uploader },
    createdAt: a.createdAt.toISOString(),
  }));
}

/** The full case as its audience sees it (no visibility check, no audit: callers do both). */
export async function buildCaseDetail(db: Db, actor: Actor, caseId: string, today: string): Promise<CaseDetailDto> {
  const found = await findVisibleCase(db, actor, caseId);
  if (!found) throw notFound();
  const { c, m } = found;
  const { items } = await findCaseSummaries(db, actor, { where: eq(mdtCases.id, caseId), today, limit: 1 });
  const summary = items[0]!;
  const events = await db
    .select({ e: mdtCaseEvents, actorName: users.displayName })
    .from(mdtCaseEvents)
    .leftJoin(users, eq(users.id, mdtCaseEvents.actorId))
    .where(eq(mdtCaseEvents.caseId, caseId))
    .orderBy(asc(mdtCaseEvents.at), asc(mdtCaseEvents.id));
  return {
    ...summary,
    summary: c.summary,
    meeting: { ...summary.meeting, place: m.place, videoLink: m.videoLink, title: m.title },
    snapshot: ClinicalSnapshotSchema.parse(c.snapshot),
    snapshotAt: c.snapshotAt.toISOString(),
    attachments: await attachmentsOf(db, caseId),
    attendees: await participantsOf(db, c.meetingId, { checkedInOnly: true }),
    recommendation: await loadRecommendation(db, caseId, today),
    events: events.map(({ e, actorName }) => ({
      at: e.at.toISOString(),
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName: actorName ?? null,
      note: e.note,
    })),
  };
}

/** One case for its audience (NOT_FOUND otherwise, same as a wrong id). Every read is audited. */
export async function getCase(ctx: UseCaseContext, id: string): Promise<CaseDetailDto> {
  const { db, actor, meta, clock, timeZone } = ctx;
  return db.transaction(async (tx) => {
    const detail = await buildCaseDetail(tx, actor, id, todayIn(timeZone, clock.now()));
    await recordAudit(tx, meta, actor, {
      action: 'mdt.case.read',
      outcome: 'success',
      resourceType: 'mdt_case',
      resourceId: id,
      patientId: detail.patient.id,
    });
    return detail;
  });
}
