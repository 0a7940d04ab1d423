import { eventCredits } from '@gisurg/contracts/education';
import { toInstant } from '@gisurg/contracts';
import { and, gte, inArray, lte, sql } from 'drizzle-orm';
import { eduAttendance, eduEvents, eduRegistrations, eduSessions } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { queryRows } from '../../db/sql.js';

/**
 * Teaching of a period for the quality feature's annual report (counts only, no names): events that started
 * in the period (forum, teaching class) with their sessions, registrations and attendees (registrations with
 * at least one check-in — the people a CME certificate can be issued to — and the credits they earned, each
 * capped per project as the certificate does); the master's station: trainees enrolled at the period's end
 * and their case log in the period (operations assisted, tumor boards attended, entries, sign-offs).
 */
export interface EducationPeriodSummary {
  events: { forum: number; teaching_class: number };
  sessions: number;
  registrations: number;
  attendees: number;
  /** Attendees with at least one check-in = certificates that can be issued. */
  certificates: number;
  creditsAwarded: number;
  trainees: number;
  caseLog: { operations: number; mdt: number; entries: number; signedOff: number };
}

export async function educationPeriodSummary(
  db: Db,
  period: { from: string; to: string; toExclusive: string; timeZone: string },
): Promise<EducationPeriodSummary> {
  const events = await db
    .select({ id: eduEvents.id, kind: eduEvents.kind })
    .from(eduEvents)
    .where(and(gte(eduEvents.startDate, period.from), lte(eduEvents.startDate, period.to)));
  const ids = events.map((e) => e.id);
  const sessions = ids.length ? await db.select().from(eduSessions).where(inArray(eduSessions.eventId, ids)) : [];
  const regs = ids.length
    ? await db.select({ id: eduRegistrations.id }).from(eduRegistrations).where(inArray(eduRegistrations.eventId, ids))
    : [];
  const att = sessions.length
    ? await db
        .select({ registrationId: eduAttendance.registrationId, sessionId: eduAttendance.sessionId })
        .from(eduAttendance)
        .where(
          inArray(
            eduAttendance.sessionId,
            sessions.map((s) => s.id),
          ),
        )
    : [];
  const points = new Map(sessions.map((s) => [s.id, s.credits]));
  const attended = new Map<string, number[]>();
  for (const a of att) attended.set(a.registrationId, [...(attended.get(a.registrationId) ?? []), points.get(a.sessionId) ?? 0]);
  const credits = [...attended.values()].reduce((s, p) => s + eventCredits(p), 0);

  const start = toInstant(`${period.from}T00:00`, period.timeZone);
  const end = toInstant(`${period.toExclusive}T00:00`, period.timeZone);
  const [log] = await queryRows<{ trainees: number; operations: number; mdt: number; entries: number; signed: number }>(
    db,
    sql`
    with t as (select id, user_id from edu_trainees where enrolment_year <= ${Number(period.to.slice(0, 4))}),
    ops as (select t.id as trainee_id, 'op:' || o.id as key from t join operations o on t.user_id = any(o.assistant_ids)
      where o.deleted_at is null and o.operation_date between ${period.from}::date and ${period.to}::date),
    boards as (select t.id as trainee_id, 'mdt:' || p.id as key from t join mdt_participants p on p.user_id = t.user_id
      join mdt_meetings m on m.id = p.meeting_id
      where p.checked_in_at is not null and p.removed_at is null and m.starts_at >= ${start.toISOString()}::timestamptz and m.starts_at < ${end.toISOString()}::timestamptz),
    entries as (select e.trainee_id, 'entry:' || e.id as key from edu_log_entries e join t on t.id = e.trainee_id
      where e.entry_date between ${period.from}::date and ${period.to}::date),
    logged as (select * from ops union all select * from boards union all select * from entries)
    select (select count(*) from t)::int as trainees,
      (select count(*) from ops)::int as operations,
      (select count(*) from boards)::int as mdt,
      (select count(*) from entries)::int as entries,
      (select count(*) from logged l join edu_sign_offs s on s.trainee_id = l.trainee_id and s.entry_key = l.key)::int as signed`,
  );
  return {
    events: {
      forum: events.filter((e) => e.kind === 'forum').length,
      teaching_class: events.filter((e) => e.kind === 'teaching_class').length,
    },
    sessions: sessions.length,
    registrations: regs.length,
    attendees: attended.size,
    certificates: attended.size,
    creditsAwarded: Math.round(credits * 10) / 10,
    trainees: Number(log?.trainees ?? 0),
    caseLog: {
      operations: Number(log?.operations ?? 0),
      mdt: Number(log?.mdt ?? 0),
      entries: Number(log?.entries ?? 0),
      signedOff: Number(log?.signed ?? 0),
    },
  };
}
