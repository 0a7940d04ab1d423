import { and, asc, eq, gte, isNotNull, isNull, lt } from 'drizzle-orm';
import { todayIn, toInstant } from '@gisurg/contracts';
import type { MyCredits } from '@gisurg/contracts/education';
import type { UseCaseContext } from '../../core/context.js';
import { mdtMeetings, mdtParticipants } from '../../db/schema/index.js';
import { loadEducationSettings } from './settings.js';

/** The signed-in user's CME credits from tumor boards they checked in at in a year (department setting per board). */
export async function myCredits(ctx: UseCaseContext, year: number): Promise<MyCredits> {
  const settings = await loadEducationSettings(ctx.db);
  const from = toInstant(`${year}-01-01T00:00`, ctx.timeZone);
  const to = toInstant(`${year + 1}-01-01T00:00`, ctx.timeZone);
  const rows = await ctx.db
    .select({ id: mdtParticipants.id, startsAt: mdtMeetings.startsAt, group: mdtMeetings.tumorGroup, kind: mdtMeetings.kind })
    .from(mdtParticipants)
    .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtParticipants.meetingId))
    .where(
      and(
        eq(mdtParticipants.userId, ctx.actor.userId),
        isNotNull(mdtParticipants.checkedInAt),
        isNull(mdtParticipants.removedAt),
        gte(mdtMeetings.startsAt, from),
        lt(mdtMeetings.startsAt, to),
      ),
    )
    .orderBy(asc(mdtMeetings.startsAt));
  const items = rows.map((r) => ({
    date: todayIn(ctx.timeZone, r.startsAt),
    tumorGroup: r.group,
    kind: r.kind,
    points: settings.mdtCredit.points,
    category: settings.mdtCredit.category,
  }));
  return { year, items, total: Math.round(items.length * settings.mdtCredit.points * 10) / 10, category: settings.mdtCredit.category };
}
