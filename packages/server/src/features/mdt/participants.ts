import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { mdtParticipants, organizations } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { ParticipantDto } from '@gisurg/contracts/mdt';

/** Participants of a board (invited and walk-ins; removed ones left out), chair first. */
export async function participantsOf(db: Db, meetingId: string, opts: { checkedInOnly?: boolean } = {}): Promise<ParticipantDto[]> {
  const rows = await db
    .select({ p: mdtParticipants, orgName: organizations.name })
    .from(mdtParticipants)
    .leftJoin(organizations, eq(organizations.id, mdtParticipants.organizationId))
    .where(and(eq(mdtParticipants.meetingId, meetingId), isNull(mdtParticipants.removedAt)))
    .orderBy(
      sql`case ${mdtParticipants.role} when 'chair' then 0 when 'member' then 1 else 2 end`,
      asc(mdtParticipants.createdAt),
      asc(mdtParticipants.id),
    );
  return rows
    .filter((r) => !opts.checkedInOnly || r.p.checkedInAt)
    .map((r) => ({
      id: r.p.id,
      userId: r.p.userId,
      name: r.p.name,
      specialty: r.p.specialty,
      title: r.p.title,
      organizationId: r.p.organizationId,
      hospital: r.orgName ?? r.p.hospitalName,
      role: r.p.role,
      invited: r.p.invited,
      checkedInAt: r.p.checkedInAt?.toISOString() ?? null,
    }));
}
