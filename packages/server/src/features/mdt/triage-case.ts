import { eq, sql } from 'drizzle-orm';
import { mdtCases } from '../../db/schema/index.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { todayIn } from '@gisurg/contracts';
import { buildCaseDetail } from './get-case.js';
import { findVisibleCase, findVisibleMeeting } from './queries.js';
import type { CaseDetailDto, TriageCase } from '@gisurg/contracts/mdt';
import { transitionCase } from './transitions.js';

/**
 * The coordinator's triage: put a case on a board's agenda (its own board, or another one — a deferred
 * case needs one that is still open), defer it, or reject it. Deferring and rejecting need a reason,
 * which the submitting doctor sees.
 */
export async function triageCase(ctx: UseCaseContext, id: string, input: TriageCase): Promise<CaseDetailDto> {
  const { db, actor, meta, locale, clock, timeZone } = ctx;
  if (input.action !== 'schedule' && !input.reason) throw invalidField(locale, 'reason', 'mdt.validation.reasonRequired');
  return db.transaction(async (tx) => {
    const found = await findVisibleCase(tx, actor, id);
    if (!found) throw notFound();
    const { c } = found;
    const at = clock.now();
    if (input.action === 'schedule') {
      const targetId = input.meetingId ?? c.meetingId;
      const target = await findVisibleMeeting(tx, actor, targetId);
      if (!target || (target.status !== 'scheduled' && target.status !== 'in_progress')) {
        throw invalidField(
          locale,
          'meetingId',
          input.meetingId ? 'mdt.validation.meetingUnavailable' : 'mdt.validation.deferredNeedsMeeting',
        );
      }
      const [{ next } = { next: 1 }] = await tx
        .select({ next: sql<number>`coalesce(max(${mdtCases.agendaOrder}), 0)::int + 1` })
        .from(mdtCases)
        .where(eq(mdtCases.meetingId, targetId));
      const keepsPlace = c.status === 'scheduled' && targetId === c.meetingId && c.agendaOrder !== null;
      await transitionCase(tx, meta, actor, c, 'schedule', {
        at,
        expectedVersion: input.version,
        changes: { meetingId: targetId, agendaOrder: keepsPlace ? c.agendaOrder : next, statusReason: null },
        note: targetId !== c.meetingId ? 'moved' : null,
        details: { meetingId: targetId, previousMeetingId: c.meetingId },
      });
    } else {
      await transitionCase(tx, meta, actor, c, input.action, {
        at,
        expectedVersion: input.version,
        changes: { statusReason: input.reason ?? null, agendaOrder: null },
        note: input.reason ?? null,
      });
    }
    return buildCaseDetail(tx, actor, id, todayIn(timeZone, at));
  });
}
