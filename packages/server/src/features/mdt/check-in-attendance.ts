import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { mdtParticipants } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { participantsOf } from './participants.js';
import { findVisibleCase, findVisibleMeeting, type MeetingRow } from './queries.js';
import { resolvePerson } from './resolve-person.js';
import type { Attendance, ParticipantDto } from '@gisurg/contracts/mdt';

async function checkIn(
  ctx: UseCaseContext,
  tx: Db,
  m: MeetingRow,
  input: Attendance,
  caseId: string | null,
): Promise<{ participants: ParticipantDto[] }> {
  const { actor, meta, locale, clock } = ctx;
  if (m.status === 'cancelled') throw new AppError('INVALID_STATE', 'mdt.errors.meetingNotOpen');
  const now = clock.now();
  const checkedIn = { checkedInAt: input.checkedIn ? now : null, checkedInBy: input.checkedIn ? actor.userId : null };
  let participantId: string;
  if (input.participantId) {
    const [p] = await tx
      .select()
      .from(mdtParticipants)
      .where(and(eq(mdtParticipants.id, input.participantId), eq(mdtParticipants.meetingId, m.id), isNull(mdtParticipants.removedAt)));
    if (!p) throw invalidField(locale, 'participantId', 'mdt.validation.participantUnknown');
    await tx
      .update(mdtParticipants)
      .set({ ...checkedIn, version: p.version + 1, updatedAt: now, updatedBy: actor.userId })
      .where(eq(mdtParticipants.id, p.id));
    participantId = p.id;
  } else {
    const person = await resolvePerson(tx, locale, actor, input);
    const [existing] = person.userId
      ? await tx
          .select()
          .from(mdtParticipants)
          .where(and(eq(mdtParticipants.meetingId, m.id), eq(mdtParticipants.userId, person.userId), isNull(mdtParticipants.removedAt)))
      : [];
    if (existing) {
      await tx
        .update(mdtParticipants)
        .set({ ...checkedIn, version: existing.version + 1, updatedAt: now, updatedBy: actor.userId })
        .where(eq(mdtParticipants.id, existing.id));
      participantId = existing.id;
    } else {
      const [row] = await tx
        .insert(mdtParticipants)
        .values({
          meetingId: m.id,
          ...person,
          role: 'guest',
          invited: false,
          ...checkedIn,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning({ id: mdtParticipants.id });
      participantId = row!.id;
    }
  }
  await recordAudit(tx, meta, actor, {
    action: input.checkedIn ? 'mdt.attendance.check_in' : 'mdt.attendance.undo',
    outcome: 'success',
    resourceType: 'mdt_meeting',
    resourceId: m.id,
    details: { participantId, caseId },
  });
  return { participants: await participantsOf(tx, m.id) };
}

/** One-click check-in at a board (who, specialty, title, hospital); `checkedIn: false` undoes it. */
export async function checkInAttendance(
  ctx: UseCaseContext,
  meetingId: string,
  input: Attendance,
): Promise<{ participants: ParticipantDto[] }> {
  return ctx.db.transaction(async (tx) => {
    const m = await findVisibleMeeting(tx, ctx.actor, meetingId);
    if (!m) throw notFound();
    return checkIn(ctx, tx, m, input, null);
  });
}

/** The same, addressed by a case on the board (attendance belongs to the case's meeting). */
export async function checkInForCase(ctx: UseCaseContext, caseId: string, input: Attendance): Promise<{ participants: ParticipantDto[] }> {
  return ctx.db.transaction(async (tx) => {
    const found = await findVisibleCase(tx, ctx.actor, caseId);
    if (!found) throw notFound();
    return checkIn(ctx, tx, found.m, input, caseId);
  });
}
