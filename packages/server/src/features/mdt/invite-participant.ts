import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { mdtParticipants } from '../../db/schema/index.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { participantsOf } from './participants.js';
import { findVisibleMeeting } from './queries.js';
import { resolvePerson } from './resolve-person.js';
import type { InviteParticipant, ParticipantDto } from '@gisurg/contracts/mdt';

/** Invite someone by specialty to a board (home or external hospital; a user or a named guest). */
export async function inviteParticipant(
  ctx: UseCaseContext,
  meetingId: string,
  input: InviteParticipant,
): Promise<{ participants: ParticipantDto[] }> {
  const { db, actor, meta, locale, clock } = ctx;
  return db.transaction(async (tx) => {
    const m = await findVisibleMeeting(tx, actor, meetingId);
    if (!m) throw notFound();
    if (m.status === 'cancelled' || m.status === 'closed') throw new AppError('INVALID_STATE', 'mdt.errors.meetingNotOpen');
    const person = await resolvePerson(tx, locale, actor, input);
    const now = clock.now();
    const existing = person.userId
      ? (
          await tx
            .select()
            .from(mdtParticipants)
            .where(
              and(eq(mdtParticipants.meetingId, meetingId), eq(mdtParticipants.userId, person.userId), isNull(mdtParticipants.removedAt)),
            )
        )[0]
      : undefined;
    const [row] = existing
      ? await tx
          .update(mdtParticipants)
          .set({
            role: input.role,
            specialty: person.specialty,
            invited: true,
            version: existing.version + 1,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(eq(mdtParticipants.id, existing.id))
          .returning()
      : await tx
          .insert(mdtParticipants)
          .values({
            meetingId,
            ...person,
            role: input.role,
            invited: true,
            createdAt: now,
            updatedAt: now,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          })
          .returning();
    await recordAudit(tx, meta, actor, {
      action: 'mdt.participant.invite',
      outcome: 'success',
      resourceType: 'mdt_meeting',
      resourceId: meetingId,
      details: {
        participantId: row!.id,
        userId: person.userId,
        organizationId: person.organizationId,
        specialty: person.specialty,
        role: input.role,
      },
    });
    return { participants: await participantsOf(tx, meetingId) };
  });
}
