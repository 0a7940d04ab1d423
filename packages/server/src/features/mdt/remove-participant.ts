import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { mdtMeetings, mdtParticipants } from '../../db/schema/index.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { participantsOf } from './participants.js';
import { meetingScope } from './scope.js';
import type { ParticipantDto } from '@gisurg/contracts/mdt';

/** Withdraw an invitation (kept, marked removed, audited). */
export async function removeParticipant(ctx: UseCaseContext, participantId: string): Promise<{ participants: ParticipantDto[] }> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ p: mdtParticipants })
      .from(mdtParticipants)
      .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtParticipants.meetingId))
      .where(and(eq(mdtParticipants.id, participantId), isNull(mdtParticipants.removedAt), meetingScope(actor)));
    if (!row) throw notFound();
    const now = clock.now();
    await tx
      .update(mdtParticipants)
      .set({ removedAt: now, version: row.p.version + 1, updatedAt: now, updatedBy: actor.userId })
      .where(eq(mdtParticipants.id, participantId));
    await recordAudit(tx, meta, actor, {
      action: 'mdt.participant.remove',
      outcome: 'success',
      resourceType: 'mdt_meeting',
      resourceId: row.p.meetingId,
      details: { participantId },
    });
    return { participants: await participantsOf(tx, row.p.meetingId) };
  });
}
