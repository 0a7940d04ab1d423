import { and, asc, eq, gte } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { mdtCases, mdtMeetings } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { RequestMeta } from '../../core/context.js';
import { loadClinicalSnapshot } from './clinical-snapshot.js';
import { recordCaseEvent } from './queries.js';

/**
 * Put a case on a tumor board for another feature (a consultation answered with "MDT", issue 10), in the
 * caller's transaction: the next scheduled inter-hospital board (or the given one, when it is scheduled and
 * inter-hospital), the question and patient carried over, submitted in the name of the asking hospital so
 * its doctors see the case and its letter. Returns null when there is no such board.
 */
export async function promoteToBoard(
  tx: Db,
  meta: RequestMeta,
  actor: Actor,
  input: {
    patientId: string;
    question: string;
    summary: string | null;
    urgency: 'routine' | 'urgent';
    submittingOrganizationId: string;
    meetingId?: string | undefined;
    now: Date;
    timeZone: string;
    source: { type: string; id: string };
  },
): Promise<{ caseId: string; meetingId: string } | null> {
  const [meeting] = await tx
    .select({ id: mdtMeetings.id })
    .from(mdtMeetings)
    .where(
      and(
        eq(mdtMeetings.kind, 'inter'),
        eq(mdtMeetings.status, 'scheduled'),
        gte(mdtMeetings.startsAt, input.now),
        input.meetingId ? eq(mdtMeetings.id, input.meetingId) : undefined,
      ),
    )
    .orderBy(asc(mdtMeetings.startsAt))
    .limit(1);
  if (!meeting) return null;
  const snapshot = await loadClinicalSnapshot(tx, input.patientId, { now: input.now, timeZone: input.timeZone });
  const [row] = await tx
    .insert(mdtCases)
    .values({
      meetingId: meeting.id,
      patientId: input.patientId,
      submittingOrganizationId: input.submittingOrganizationId,
      submittedBy: actor.userId,
      question: input.question,
      summary: input.summary,
      urgency: input.urgency,
      status: 'submitted',
      snapshot,
      snapshotAt: input.now,
      createdAt: input.now,
      updatedAt: input.now,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    })
    .returning({ id: mdtCases.id });
  await recordCaseEvent(tx, {
    caseId: row!.id,
    at: input.now,
    action: 'submit',
    toStatus: 'submitted',
    actorId: actor.userId,
    note: input.source.type,
  });
  await recordAudit(tx, meta, actor, {
    action: 'mdt.case.submit',
    outcome: 'success',
    resourceType: 'mdt_case',
    resourceId: row!.id,
    patientId: input.patientId,
    details: { meetingId: meeting.id, urgency: input.urgency, organizationId: input.submittingOrganizationId, from: input.source },
  });
  return { caseId: row!.id, meetingId: meeting.id };
}
