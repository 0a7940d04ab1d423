import { and, eq, inArray, ne } from 'drizzle-orm';
import { diff, recordAudit } from '../../audit/record.js';
import { mdtCases, mdtMeetings } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { checkHomeUser } from './create-meeting.js';
import { toInstant } from '@gisurg/contracts';
import { findVisibleMeeting, toMeetingDtos } from './queries.js';
import type { MeetingDto, UpdateMeeting } from '@gisurg/contracts/mdt';

const EDITABLE = ['tumorGroup', 'kind', 'title', 'startsAt', 'durationMinutes', 'place', 'videoLink', 'chairUserId'] as const;

/** Edit a board that has not ended, with optimistic concurrency (trust.md S14). */
export async function updateMeeting(ctx: UseCaseContext, id: string, input: UpdateMeeting): Promise<MeetingDto> {
  const { db, actor, meta, locale, clock, timeZone } = ctx;
  const chairUserId =
    input.chairUserId === undefined ? undefined : await checkHomeUser(db, locale, 'chairUserId', input.chairUserId, actor.organizationId);
  return db.transaction(async (tx) => {
    const current = await findVisibleMeeting(tx, actor, id);
    if (!current) throw notFound();
    if (current.status === 'closed' || current.status === 'cancelled') throw new AppError('INVALID_STATE', 'mdt.errors.meetingNotOpen');
    if (input.kind === 'intra' && current.kind === 'inter') {
      const [external] = await tx
        .select({ id: mdtCases.id })
        .from(mdtCases)
        .where(
          and(
            eq(mdtCases.meetingId, id),
            ne(mdtCases.submittingOrganizationId, actor.organizationId),
            inArray(mdtCases.status, ['submitted', 'scheduled', 'decided', 'completed']),
          ),
        )
        .limit(1);
      if (external) throw new AppError('INVALID_STATE', 'mdt.errors.externalCasesOnBoard');
    }
    const set = {
      ...(input.tumorGroup !== undefined ? { tumorGroup: input.tumorGroup } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.startsAt !== undefined ? { startsAt: toInstant(input.startsAt, timeZone) } : {}),
      ...(input.durationMinutes !== undefined ? { durationMinutes: input.durationMinutes } : {}),
      ...(input.place !== undefined ? { place: input.place } : {}),
      ...(input.videoLink !== undefined ? { videoLink: input.videoLink } : {}),
      ...(chairUserId !== undefined ? { chairUserId } : {}),
    };
    const now = clock.now();
    const [row] = await tx
      .update(mdtMeetings)
      .set({ ...set, version: input.version + 1, updatedAt: now, updatedBy: actor.userId })
      .where(and(eq(mdtMeetings.id, id), eq(mdtMeetings.version, input.version)))
      .returning();
    if (!row) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: current.version });
    await recordAudit(tx, meta, actor, {
      action: 'mdt.meeting.update',
      outcome: 'success',
      resourceType: 'mdt_meeting',
      resourceId: id,
      details: { version: row.version, changes: diff(current, row, EDITABLE) },
    });
    const [dto] = await toMeetingDtos(tx, actor, [row]);
    return dto!;
  });
}
