import { todayIn } from '@gisurg/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { TimelineProvider } from '../../core/patient-timeline.js';
import { mdtCases, mdtMeetings, mdtRecommendations } from '../../db/schema/index.js';

/** Tumor board discussions (the meeting's day, its tumor group, the question) and their decisions (intent, summary). */
export const mdtTimeline: TimelineProvider = async (db, patientId, timeZone) => {
  const cases = await db
    .select({ startsAt: mdtMeetings.startsAt, group: mdtMeetings.tumorGroup, question: mdtCases.question })
    .from(mdtCases)
    .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtCases.meetingId))
    .where(and(eq(mdtCases.patientId, patientId), inArray(mdtCases.status, ['scheduled', 'decided', 'completed'])));
  const decisions = await db
    .select({ date: mdtRecommendations.decidedOn, intent: mdtRecommendations.intent, summary: mdtRecommendations.summary })
    .from(mdtRecommendations)
    .innerJoin(mdtCases, eq(mdtCases.id, mdtRecommendations.caseId))
    .where(eq(mdtCases.patientId, patientId));
  return [
    ...cases.map((c) => ({ date: todayIn(timeZone, c.startsAt), kind: 'mdt' as const, code: c.group, text: c.question })),
    ...decisions.map((d) => ({ date: d.date, kind: 'mdt_decision' as const, code: d.intent, text: d.summary })),
  ];
};
