import { and, eq, inArray } from 'drizzle-orm';
import { mdtCases } from '../../db/schema/index.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { findVisibleMeeting, toMeetingDtos } from './queries.js';
import type { MeetingAction, MeetingDto } from '@gisurg/contracts/mdt';
import { transitionCase, transitionMeeting } from './transitions.js';

/**
 * Start, close or cancel a board. Closing or cancelling defers every case still waiting on it (submitted
 * or scheduled, no recommendation) with the reason, so it shows in the triage worklist for a new board
 * (trust.md S28: nothing silently disappears).
 */
export async function changeMeetingStatus(ctx: UseCaseContext, id: string, input: MeetingAction): Promise<MeetingDto> {
  const { db, actor, meta, locale, clock } = ctx;
  if (input.action === 'cancel' && !input.reason) throw invalidField(locale, 'reason', 'mdt.validation.reasonRequired');
  return db.transaction(async (tx) => {
    const m = await findVisibleMeeting(tx, actor, id);
    if (!m) throw notFound();
    const at = clock.now();
    const changes =
      input.action === 'start'
        ? { startedAt: at }
        : {
            closedAt: at,
            statusReason: input.reason ?? null,
            ...(input.action === 'close' && !m.startedAt ? { startedAt: m.startsAt } : {}),
          };
    const updated = await transitionMeeting(tx, meta, actor, m, input.action, { at, changes, expectedVersion: input.version });
    if (input.action !== 'start') {
      const waiting = await tx
        .select()
        .from(mdtCases)
        .where(and(eq(mdtCases.meetingId, id), inArray(mdtCases.status, ['submitted', 'scheduled'])));
      const note = input.action === 'cancel' ? `meeting_cancelled: ${input.reason ?? ''}` : 'meeting_closed_without_decision';
      for (const c of waiting) {
        await transitionCase(tx, meta, actor, c, 'defer', {
          at,
          changes: { statusReason: note, agendaOrder: null },
          note,
          details: { meetingId: id },
        });
      }
    }
    const [dto] = await toMeetingDtos(tx, actor, [updated]);
    return dto!;
  });
}
