import { recordAudit } from '../../audit/record.js';
import { mdtMeetings, mdtSeries } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import type { Locale } from '../../i18n/messages.js';
import { addDays, toInstant, wallClock } from '@gisurg/contracts';
import { findActiveUser, toMeetingDtos } from './queries.js';
import type { CreateMeeting, MeetingDto } from '@gisurg/contracts/mdt';

/** Same day of a later month, clamped to the month's last day (a board on the 31st → 30 June). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The start times of a series: the first board and the following ones, at the same hospital wall-clock time. */
export function seriesStarts(first: Date, repeat: CreateMeeting['repeat'], timeZone: string): Date[] {
  if (!repeat) return [first];
  const wall = wallClock(first, timeZone);
  return Array.from({ length: repeat.occurrences }, (_, i) => {
    const date =
      repeat.frequency === 'monthly' ? addMonths(wall.date, i) : addDays(wall.date, i * (repeat.frequency === 'weekly' ? 7 : 14));
    return toInstant(`${date}T${wall.time}`, timeZone);
  });
}

/** A chair or responsible doctor: an active user of the home hospital. */
export async function checkHomeUser(
  db: Db,
  locale: Locale,
  field: string,
  userId: string | null | undefined,
  homeOrgId: string,
): Promise<string | null> {
  if (!userId) return null;
  const u = await findActiveUser(db, userId);
  if (!u) throw invalidField(locale, field, 'mdt.validation.userUnknown');
  if (u.organizationId !== homeOrgId) throw invalidField(locale, field, 'mdt.validation.homeUserOnly');
  return u.id;
}

/** Create a board, or a recurring series of boards (all created now, each editable on its own). */
export async function createMeeting(ctx: UseCaseContext, input: CreateMeeting): Promise<MeetingDto & { seriesMeetingIds: string[] }> {
  const { db, actor, meta, locale, clock, timeZone } = ctx;
  const chairUserId = await checkHomeUser(db, locale, 'chairUserId', input.chairUserId, actor.organizationId);
  const starts = seriesStarts(toInstant(input.startsAt, timeZone), input.repeat, timeZone);
  return db.transaction(async (tx) => {
    const now = clock.now();
    const who = { createdAt: now, updatedAt: now, createdBy: actor.userId, updatedBy: actor.userId };
    const [series] = input.repeat
      ? await tx
          .insert(mdtSeries)
          .values({
            tumorGroup: input.tumorGroup,
            kind: input.kind,
            frequency: input.repeat.frequency,
            occurrences: input.repeat.occurrences,
            ...who,
          })
          .returning({ id: mdtSeries.id })
      : [];
    const rows = await tx
      .insert(mdtMeetings)
      .values(
        starts.map((startsAt) => ({
          seriesId: series?.id ?? null,
          tumorGroup: input.tumorGroup,
          kind: input.kind,
          title: input.title ?? null,
          startsAt,
          durationMinutes: input.durationMinutes,
          place: input.place ?? null,
          videoLink: input.videoLink ?? null,
          chairUserId,
          ...who,
        })),
      )
      .returning();
    rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (const m of rows) {
      await recordAudit(tx, meta, actor, {
        action: 'mdt.meeting.create',
        outcome: 'success',
        resourceType: 'mdt_meeting',
        resourceId: m.id,
        details: { tumorGroup: m.tumorGroup, kind: m.kind, startsAt: m.startsAt.toISOString(), seriesId: m.seriesId },
      });
    }
    const [first] = await toMeetingDtos(tx, actor, [rows[0]!]);
    return { ...first!, seriesMeetingIds: rows.map((r) => r.id) };
  });
}
