import { randomBytes, randomInt } from 'node:crypto';
import { and, asc, count, countDistinct, desc, eq } from 'drizzle-orm';
import {
  CODE_ALPHABET,
  eventCredits,
  type CheckedIn,
  type EventDetail,
  type EventSummary,
  type PublicEvent,
} from '@gisurg/contracts/education';
import { todayIn, toInstant } from '@gisurg/contracts';
import type { z } from 'zod';
import type { CheckInSessionSchema, CreateEventSchema, CreateSessionSchema, RegisterSchema } from '@gisurg/contracts/education';
import { recordAudit } from '../../audit/record.js';
import { can } from '../../auth/actor.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { AnonymousContext, UseCaseContext } from '../../core/context.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import { eduAttendance, eduEvents, eduRegistrations, eduSessions, operatingRooms, theatreBookings } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { inSequence } from '../../db/sql.js';

type EventRow = typeof eduEvents.$inferSelect;
type Clocked = { clock: { now(): Date }; timeZone: string };

export function registrationOpen(e: EventRow, ctx: Clocked): boolean {
  return todayIn(ctx.timeZone, ctx.clock.now()) <= (e.registrationCloses ?? e.endDate);
}

function summary(e: EventRow, ctx: Clocked, counts: { sessions: number; registrations: number; attendees: number }): EventSummary {
  return {
    id: e.id,
    kind: e.kind as EventSummary['kind'],
    title: e.title,
    startDate: e.startDate,
    endDate: e.endDate,
    venue: e.venue,
    cmeLevel: e.cmeLevel as EventSummary['cmeLevel'],
    cmeCategory: e.cmeCategory as EventSummary['cmeCategory'],
    cmeProjectNo: e.cmeProjectNo,
    registrationCloses: e.registrationCloses,
    registrationOpen: registrationOpen(e, ctx),
    ...counts,
  };
}

export async function createEvent(ctx: UseCaseContext, input: z.output<typeof CreateEventSchema>): Promise<{ id: string }> {
  const { actor, meta, clock } = ctx;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(eduEvents)
      .values({
        kind: input.kind,
        title: input.title,
        startDate: input.startDate,
        endDate: input.endDate,
        venue: input.venue ?? null,
        cmeLevel: input.cmeLevel ?? 'provincial',
        cmeCategory: input.cmeCategory ?? 'I',
        cmeProjectNo: input.cmeProjectNo ?? null,
        registrationCloses: input.registrationCloses ?? null,
        createdBy: actor.userId,
        updatedBy: actor.userId,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      })
      .returning({ id: eduEvents.id });
    await recordAudit(tx, meta, actor, {
      action: 'education.event.create',
      outcome: 'success',
      resourceType: 'edu_event',
      resourceId: row!.id,
      details: { kind: input.kind },
    });
    return { id: row!.id };
  });
}

export async function listEvents(ctx: UseCaseContext): Promise<{ items: EventSummary[] }> {
  const db = ctx.db;
  const [events, sessions, regs, att] = await inSequence([
    () => db.select().from(eduEvents).orderBy(desc(eduEvents.startDate)).limit(200),
    () => db.select({ eventId: eduSessions.eventId, n: count() }).from(eduSessions).groupBy(eduSessions.eventId),
    () => db.select({ eventId: eduRegistrations.eventId, n: count() }).from(eduRegistrations).groupBy(eduRegistrations.eventId),
    () =>
      db
        .select({ eventId: eduRegistrations.eventId, n: countDistinct(eduAttendance.registrationId) })
        .from(eduAttendance)
        .innerJoin(eduRegistrations, eq(eduRegistrations.id, eduAttendance.registrationId))
        .groupBy(eduRegistrations.eventId),
  ]);
  const by = (rows: { eventId: string; n: number }[]) => new Map(rows.map((r) => [r.eventId, Number(r.n)]));
  const s = by(sessions);
  const r = by(regs);
  const a = by(att);
  return {
    items: events.map((e) => summary(e, ctx, { sessions: s.get(e.id) ?? 0, registrations: r.get(e.id) ?? 0, attendees: a.get(e.id) ?? 0 })),
  };
}

async function loadEvent(db: Db, id: string): Promise<EventRow> {
  const [e] = await db.select().from(eduEvents).where(eq(eduEvents.id, id));
  if (!e) throw notFound();
  return e;
}

/** Sessions, registrations with their attended sessions and credits, per event (the attendee list and certificates use it too). */
export async function eventData(db: Db, eventId: string) {
  const [sessions, regs, att, demos] = await inSequence([
    () => db.select().from(eduSessions).where(eq(eduSessions.eventId, eventId)).orderBy(asc(eduSessions.startsAt)),
    () => db.select().from(eduRegistrations).where(eq(eduRegistrations.eventId, eventId)).orderBy(asc(eduRegistrations.registeredAt)),
    () =>
      db
        .select({ registrationId: eduAttendance.registrationId, sessionId: eduAttendance.sessionId })
        .from(eduAttendance)
        .innerJoin(eduSessions, eq(eduSessions.id, eduAttendance.sessionId))
        .where(eq(eduSessions.eventId, eventId)),
    () =>
      db
        .select({ sessionId: eduSessions.id, b: theatreBookings, room: operatingRooms.name })
        .from(eduSessions)
        .innerJoin(theatreBookings, eq(theatreBookings.id, eduSessions.demoBookingId))
        .leftJoin(operatingRooms, eq(operatingRooms.id, theatreBookings.roomId))
        .where(eq(eduSessions.eventId, eventId)),
  ]);
  const credits = new Map(sessions.map((s) => [s.id, s.credits]));
  const attended = new Map<string, string[]>();
  for (const a of att) attended.set(a.registrationId, [...(attended.get(a.registrationId) ?? []), a.sessionId]);
  const registrations = regs.map((r) => {
    const ids = attended.get(r.id) ?? [];
    return { row: r, attendedSessionIds: ids, credits: eventCredits(ids.map((i) => credits.get(i) ?? 0)) };
  });
  const perSession = new Map<string, number>();
  for (const a of att) perSession.set(a.sessionId, (perSession.get(a.sessionId) ?? 0) + 1);
  return { sessions, registrations, perSession, demos: new Map(demos.map((d) => [d.sessionId, d])) };
}

export async function getEvent(ctx: UseCaseContext, id: string): Promise<EventDetail> {
  return ctx.db.transaction(async (tx) => {
    const e = await loadEvent(tx, id);
    const d = await eventData(tx, id);
    const manager = can(ctx.actor, 'education:manage');
    const attendees = d.registrations.filter((r) => r.attendedSessionIds.length > 0).length;
    if (manager)
      await recordAudit(tx, ctx.meta, ctx.actor, {
        action: 'education.registrations.read',
        outcome: 'success',
        resourceType: 'edu_event',
        resourceId: id,
        details: { rows: d.registrations.length },
      });
    return {
      ...summary(e, ctx, { sessions: d.sessions.length, registrations: d.registrations.length, attendees }),
      sessions: d.sessions.map((s) => {
        const demo = d.demos.get(s.id);
        return {
          id: s.id,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          title: s.title,
          speakers: s.speakers,
          demo: demo
            ? {
                bookingId: demo.b.id,
                date: todayIn(ctx.timeZone, demo.b.startAt),
                room: demo.room,
                procedures: demo.b.procedures.map((p) => p.code ?? p.name ?? ''),
              }
            : null,
          credits: s.credits,
          checkinToken: s.checkinToken,
          attended: d.perSession.get(s.id) ?? 0,
        };
      }),
      // Outside doctors' names and phones: for the organisers only.
      registrations: manager
        ? d.registrations.map((r) => ({
            id: r.row.id,
            name: r.row.name,
            hospital: r.row.hospital,
            title: r.row.title,
            phone: r.row.phone,
            code: r.row.code,
            registeredAt: r.row.registeredAt.toISOString(),
            attendedSessionIds: r.attendedSessionIds,
            credits: r.credits,
          }))
        : [],
      registrationCount: d.registrations.length,
      attendeeCount: attendees,
    };
  });
}

export async function addSession(
  ctx: UseCaseContext,
  eventId: string,
  input: z.output<typeof CreateSessionSchema>,
): Promise<{ id: string }> {
  const { actor, meta, clock, timeZone } = ctx;
  return ctx.db.transaction(async (tx) => {
    await loadEvent(tx, eventId);
    if (input.demoBookingId) {
      const [b] = await tx.select({ id: theatreBookings.id }).from(theatreBookings).where(eq(theatreBookings.id, input.demoBookingId));
      if (!b) throw validationError([fieldIssue(ctx.locale, 'demoBookingId', 'education.validation.booking')]);
    }
    const startsAt = toInstant(input.startsAt, timeZone);
    const endsAt = toInstant(input.endsAt, timeZone);
    const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
    const [row] = await tx
      .insert(eduSessions)
      .values({
        eventId,
        startsAt,
        endsAt,
        title: input.title,
        speakers: input.speakers ?? null,
        demoBookingId: input.demoBookingId ?? null,
        credits: input.credits ?? Math.round((minutes / 60 / 3) * 10) / 10,
        checkinToken: randomBytes(16).toString('base64url'),
        createdBy: actor.userId,
        updatedBy: actor.userId,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      })
      .returning({ id: eduSessions.id });
    await recordAudit(tx, meta, actor, {
      action: 'education.session.create',
      outcome: 'success',
      resourceType: 'edu_event',
      resourceId: eventId,
      details: { sessionId: row!.id, demoBookingId: input.demoBookingId ?? null },
    });
    return { id: row!.id };
  });
}

// ---- public registration and check-in ----

function newCode(): string {
  let s = '';
  for (let i = 0; i < 6; i += 1) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export async function getPublicEvent(ctx: AnonymousContext, id: string): Promise<PublicEvent> {
  const e = await loadEvent(ctx.db, id);
  const sessions = await ctx.db.select().from(eduSessions).where(eq(eduSessions.eventId, id)).orderBy(asc(eduSessions.startsAt));
  return {
    id: e.id,
    kind: e.kind as PublicEvent['kind'],
    title: e.title,
    startDate: e.startDate,
    endDate: e.endDate,
    venue: e.venue,
    cmeLevel: e.cmeLevel as PublicEvent['cmeLevel'],
    cmeCategory: e.cmeCategory as PublicEvent['cmeCategory'],
    registrationOpen: registrationOpen(e, ctx),
    sessions: sessions.map((s) => ({
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      title: s.title,
      speakers: s.speakers,
      credits: s.credits,
    })),
  };
}

/** Public registration (no account): a confirmation code per registration, one registration per phone number and event. */
export async function register(
  ctx: AnonymousContext,
  eventId: string,
  input: z.output<typeof RegisterSchema>,
): Promise<{ code: string; eventTitle: string }> {
  return ctx.db.transaction(async (tx) => {
    const e = await loadEvent(tx, eventId);
    if (!registrationOpen(e, ctx)) throw new AppError('INVALID_STATE', 'education.errors.registrationClosed');
    const [dup] = await tx
      .select({ id: eduRegistrations.id })
      .from(eduRegistrations)
      .where(and(eq(eduRegistrations.eventId, eventId), eq(eduRegistrations.phone, input.phone)));
    if (dup) throw new AppError('CONFLICT', 'education.errors.alreadyRegistered');
    const taken = new Set(
      (await tx.select({ code: eduRegistrations.code }).from(eduRegistrations).where(eq(eduRegistrations.eventId, eventId))).map(
        (r) => r.code,
      ),
    );
    let code = newCode();
    while (taken.has(code)) code = newCode();
    const [row] = await tx
      .insert(eduRegistrations)
      .values({
        eventId,
        name: input.name,
        hospital: input.hospital,
        title: input.title,
        phone: input.phone,
        code,
        registeredAt: ctx.clock.now(),
      })
      .returning({ id: eduRegistrations.id });
    await recordAudit(tx, ctx.meta, null, {
      action: 'education.registration.create',
      outcome: 'success',
      resourceType: 'edu_registration',
      resourceId: row!.id,
      details: { eventId },
    });
    return { code, eventTitle: e.title };
  });
}

async function sessionByToken(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) throw notFound();
  const [row] = await db
    .select({ s: eduSessions, e: eduEvents })
    .from(eduSessions)
    .innerJoin(eduEvents, eq(eduEvents.id, eduSessions.eventId))
    .where(eq(eduSessions.checkinToken, token));
  if (!row) throw notFound();
  return row;
}

export async function openCheckIn(ctx: AnonymousContext, token: string): Promise<z.output<typeof CheckInSessionSchema>> {
  const { s, e } = await sessionByToken(ctx.db, token);
  return {
    eventId: e.id,
    eventTitle: e.title,
    sessionTitle: s.title,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    credits: s.credits,
  };
}

async function checkIn(
  tx: Db,
  ctx: AnonymousContext,
  actorId: string | null,
  session: typeof eduSessions.$inferSelect,
  code: string,
): Promise<CheckedIn & { registrationId: string }> {
  const [reg] = await tx
    .select()
    .from(eduRegistrations)
    .where(and(eq(eduRegistrations.eventId, session.eventId), eq(eduRegistrations.code, code)));
  if (!reg) throw validationError([fieldIssue(ctx.locale, 'code', 'education.errors.unknownCode')]);
  const inserted = await tx
    .insert(eduAttendance)
    .values({ registrationId: reg.id, sessionId: session.id, checkedInAt: ctx.clock.now(), checkedInBy: actorId })
    .onConflictDoNothing()
    .returning({ r: eduAttendance.registrationId });
  const attended = await tx
    .select({ credits: eduSessions.credits })
    .from(eduAttendance)
    .innerJoin(eduSessions, eq(eduSessions.id, eduAttendance.sessionId))
    .where(eq(eduAttendance.registrationId, reg.id));
  return {
    registrationId: reg.id,
    name: reg.name,
    sessionTitle: session.title,
    alreadyCheckedIn: inserted.length === 0,
    credits: eventCredits(attended.map((a) => a.credits)),
  };
}

/** Check-in from the door's QR code: the session's token plus the attendee's confirmation code, on the event's days only. */
export async function publicCheckIn(ctx: AnonymousContext, token: string, code: string): Promise<CheckedIn> {
  return ctx.db.transaction(async (tx) => {
    const { s, e } = await sessionByToken(tx, token);
    const today = todayIn(ctx.timeZone, ctx.clock.now());
    if (today < e.startDate || today > e.endDate) throw new AppError('INVALID_STATE', 'education.errors.notDuringEvent');
    const { registrationId, ...out } = await checkIn(tx, ctx, null, s, code);
    await recordAudit(tx, ctx.meta, null, {
      action: 'education.checkin',
      outcome: 'success',
      resourceType: 'edu_registration',
      resourceId: registrationId,
      details: { sessionId: s.id, already: out.alreadyCheckedIn },
    });
    return out;
  });
}

/** Staff check-in (the desk, or corrections afterwards): any day. */
export async function staffCheckIn(ctx: UseCaseContext, eventId: string, sessionId: string, code: string): Promise<CheckedIn> {
  return ctx.db.transaction(async (tx) => {
    await loadEvent(tx, eventId);
    const [s] = await tx
      .select()
      .from(eduSessions)
      .where(and(eq(eduSessions.id, sessionId), eq(eduSessions.eventId, eventId)));
    if (!s) throw validationError([fieldIssue(ctx.locale, 'sessionId', 'education.validation.sessionEvent')]);
    const { registrationId, ...out } = await checkIn(tx, ctx, ctx.actor.userId, s, code);
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.checkin',
      outcome: 'success',
      resourceType: 'edu_registration',
      resourceId: registrationId,
      details: { sessionId: s.id, already: out.alreadyCheckedIn },
    });
    return out;
  });
}

/** The attendee list as CSV (UTF-8 with BOM, which Excel opens): one row per registration. */
export async function attendeesCsv(ctx: UseCaseContext, eventId: string): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const e = await loadEvent(tx, eventId);
    const d = await eventData(tx, eventId);
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.attendees.export',
      outcome: 'success',
      resourceType: 'edu_event',
      resourceId: eventId,
      details: { rows: d.registrations.length },
    });
    const zh = ctx.locale === 'zh-CN';
    const head = zh
      ? ['姓名', '单位', '职称', '手机', '确认码', '报名时间', '签到场次', '学分', `${e.cmeCategory}类学分`]
      : ['Name', 'Hospital', 'Title', 'Phone', 'Code', 'Registered', 'Sessions attended', 'Credits', `Category ${e.cmeCategory}`];
    const esc = (v: string | number) => {
      const s = String(v);
      // Quote always; neutralise spreadsheet formulas.
      const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
      return `"${safe.replace(/"/g, '""')}"`;
    };
    const lines = [head.map(esc).join(',')];
    for (const r of d.registrations)
      lines.push(
        [
          r.row.name,
          r.row.hospital,
          r.row.title,
          r.row.phone,
          r.row.code,
          r.row.registeredAt.toISOString(),
          r.attendedSessionIds.length,
          r.credits,
          e.cmeCategory,
        ]
          .map(esc)
          .join(','),
      );
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  });
}
