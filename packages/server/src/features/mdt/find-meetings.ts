import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { mdtMeetings } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import { addDays, toInstant } from '@gisurg/contracts';
import { toMeetingDtos } from './queries.js';
import type { FindMeetingsQuery, MeetingDto } from '@gisurg/contracts/mdt';
import { meetingScope } from './scope.js';

/** Boards in a date range (hospital dates, both ends included), soonest first. Counts only: no patient data. */
export async function findMeetings(
  ctx: UseCaseContext,
  q: FindMeetingsQuery,
): Promise<{ items: MeetingDto[]; total: number; page: number; pageSize: number }> {
  const { db, actor, timeZone } = ctx;
  const where = and(
    meetingScope(actor),
    q.from ? gte(mdtMeetings.startsAt, toInstant(`${q.from}T00:00`, timeZone)) : undefined,
    q.to ? lt(mdtMeetings.startsAt, toInstant(`${addDays(q.to, 1)}T00:00`, timeZone)) : undefined,
    q.tumorGroup ? eq(mdtMeetings.tumorGroup, q.tumorGroup) : undefined,
    q.kind ? eq(mdtMeetings.kind, q.kind) : undefined,
    q.status ? eq(mdtMeetings.status, q.status) : undefined,
  );
  const rows = await db
    .select({ m: mdtMeetings, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(mdtMeetings)
    .where(where)
    .orderBy(asc(mdtMeetings.startsAt), asc(mdtMeetings.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: await toMeetingDtos(
      db,
      actor,
      rows.map((r) => r.m),
    ),
    total: rows[0]?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
