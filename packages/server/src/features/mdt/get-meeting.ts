import { eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { mdtCases } from '../../db/schema/index.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { participantsOf } from './participants.js';
import { findCaseSummaries, findVisibleMeeting, toMeetingDtos } from './queries.js';
import type { MeetingDetailDto } from '@gisurg/contracts/mdt';

/** One board with participants, its agenda and its triage queue (cases the reader may see). Audited. */
export async function getMeeting(ctx: UseCaseContext, id: string): Promise<MeetingDetailDto> {
  const { db, actor, meta, clock, timeZone } = ctx;
  return db.transaction(async (tx) => {
    const m = await findVisibleMeeting(tx, actor, id);
    if (!m) throw notFound();
    const today = todayIn(timeZone, clock.now());
    const cases = await findCaseSummaries(tx, actor, { where: eq(mdtCases.meetingId, id), today, limit: 500 });
    const onAgenda = ['scheduled', 'decided', 'completed'];
    const agenda = cases.items.filter((c) => onAgenda.includes(c.status));
    const triage = cases.items.filter((c) => c.status === 'submitted' || c.status === 'deferred');
    const [dto] = await toMeetingDtos(tx, actor, [m]);
    await recordAudit(tx, meta, actor, {
      action: 'mdt.meeting.read',
      outcome: 'success',
      resourceType: 'mdt_meeting',
      resourceId: id,
      details: { patientIds: [...new Set(cases.items.map((c) => c.patient.id))] },
    });
    return { ...dto!, participants: await participantsOf(tx, id), agenda, triage };
  });
}
