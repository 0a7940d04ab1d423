import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { mdtCases, mdtMeetings } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { getMeeting } from './get-meeting.js';
import { findVisibleMeeting } from './queries.js';
import type { AgendaOrder, MeetingDetailDto } from '@gisurg/contracts/mdt';

/**
 * Set the agenda order of a board: the list must name exactly the cases on its agenda. The board's version
 * guards against two coordinators reordering at once (the second gets 409).
 */
export async function reorderAgenda(ctx: UseCaseContext, meetingId: string, input: AgendaOrder): Promise<MeetingDetailDto> {
  const { db, actor, meta, locale, clock } = ctx;
  await db.transaction(async (tx) => {
    const m = await findVisibleMeeting(tx, actor, meetingId);
    if (!m) throw notFound();
    if (m.status === 'closed' || m.status === 'cancelled') throw new AppError('INVALID_STATE', 'mdt.errors.meetingNotOpen');
    const onAgenda = await tx
      .select({ id: mdtCases.id })
      .from(mdtCases)
      .where(and(eq(mdtCases.meetingId, meetingId), inArray(mdtCases.status, ['scheduled', 'decided', 'completed'])));
    const wanted = new Set(input.caseIds);
    if (wanted.size !== input.caseIds.length || onAgenda.length !== wanted.size || onAgenda.some((r) => !wanted.has(r.id))) {
      throw invalidField(locale, 'caseIds', 'mdt.validation.agendaMismatch');
    }
    const now = clock.now();
    const expected = input.version ?? m.version;
    const [bumped] = await tx
      .update(mdtMeetings)
      .set({ version: expected + 1, updatedAt: now, updatedBy: actor.userId })
      .where(and(eq(mdtMeetings.id, meetingId), eq(mdtMeetings.version, expected)))
      .returning({ version: mdtMeetings.version });
    if (!bumped) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: m.version });
    for (const [i, caseId] of input.caseIds.entries()) {
      await tx
        .update(mdtCases)
        .set({ agendaOrder: i + 1 })
        .where(eq(mdtCases.id, caseId));
    }
    await recordAudit(tx, meta, actor, {
      action: 'mdt.agenda.reorder',
      outcome: 'success',
      resourceType: 'mdt_meeting',
      resourceId: meetingId,
      details: { caseIds: input.caseIds },
    });
  });
  return getMeeting(ctx, meetingId);
}
