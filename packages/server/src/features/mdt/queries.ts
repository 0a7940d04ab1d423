import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../auth/actor.js';
import { mdtCaseEvents, mdtCases, mdtMeetings, mdtPlanItems, organizations, patients, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { ageOn } from '@gisurg/contracts';
import type { CaseSummaryDto, MeetingDto, TrackedItemDto } from '@gisurg/contracts/mdt';
import { caseScope, meetingScope } from './scope.js';

export type CaseRow = typeof mdtCases.$inferSelect;
export type MeetingRow = typeof mdtMeetings.$inferSelect;
export type ItemRow = typeof mdtPlanItems.$inferSelect;
export type PatientRow = typeof patients.$inferSelect;

/** A case the actor may reach, with its patient and meeting; null when outside the audience or missing. */
export async function findVisibleCase(db: Db, actor: Actor, id: string): Promise<{ c: CaseRow; p: PatientRow; m: MeetingRow } | null> {
  const [row] = await db
    .select({ c: mdtCases, p: patients, m: mdtMeetings })
    .from(mdtCases)
    .innerJoin(patients, eq(patients.id, mdtCases.patientId))
    .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtCases.meetingId))
    .where(and(eq(mdtCases.id, id), caseScope(actor)))
    .limit(1);
  return row ?? null;
}

export async function findVisibleMeeting(db: Db, actor: Actor, id: string): Promise<MeetingRow | null> {
  const [row] = await db
    .select()
    .from(mdtMeetings)
    .where(and(eq(mdtMeetings.id, id), meetingScope(actor)))
    .limit(1);
  return row ?? null;
}

/** A pending item past its due date shows as overdue (due today is not overdue). */
export function displayStatus(status: ItemRow['status'], dueDate: string, today: string): TrackedItemDto['status'] {
  return status === 'pending' && dueDate < today ? 'overdue' : status;
}

export function toItemDto(r: ItemRow, today: string): TrackedItemDto {
  const status = displayStatus(r.status, r.dueDate, today);
  return {
    id: r.id,
    version: r.version,
    caseId: r.caseId,
    patientId: r.patientId,
    position: r.position,
    kind: r.kind,
    detail: r.detail,
    approach: r.approach as TrackedItemDto['approach'],
    timing: r.timing as TrackedItemDto['timing'],
    requiresAdmission: r.requiresAdmission,
    dueDate: r.dueDate,
    status,
    overdue: status === 'overdue',
    deliveredVia: r.deliveredVia,
    deliveredOn: r.deliveredOn,
    evidence: r.evidence,
    notDeliveredReason: r.notDeliveredReason,
    notDeliveredText: r.notDeliveredText,
    closedAt: r.closedAt?.toISOString() ?? null,
    bookedFor: r.bookedFor,
    admittedAt: r.admittedAt?.toISOString() ?? null,
  };
}

const submitter = alias(users, 'submitter');
const chair = alias(users, 'chair');

/**
 * Case summaries for lists (visible cases only), with patient, board, submitter and plan items in brief.
 * `where` adds filters; ordering by agenda then submission.
 */
export async function findCaseSummaries(
  db: Db,
  actor: Actor,
  opts: { where?: SQL | undefined; today: string; limit: number; offset?: number; order?: 'agenda' | 'recent' },
): Promise<{ items: CaseSummaryDto[]; total: number }> {
  const where = and(caseScope(actor), opts.where);
  const rows = await db
    // The columns a list shows, not whole case rows: a case carries long texts (history, findings, the decision)
    // whose decoding cost more than the query on the embedded database (issue 18 profiles).
    .select({
      c: {
        id: mdtCases.id,
        version: mdtCases.version,
        meetingId: mdtCases.meetingId,
        patientId: mdtCases.patientId,
        submittingOrganizationId: mdtCases.submittingOrganizationId,
        submittedBy: mdtCases.submittedBy,
        question: mdtCases.question,
        urgency: mdtCases.urgency,
        presentingSpecialty: mdtCases.presentingSpecialty,
        status: mdtCases.status,
        statusReason: mdtCases.statusReason,
        agendaOrder: mdtCases.agendaOrder,
        decidedAt: mdtCases.decidedAt,
        createdAt: mdtCases.createdAt,
        updatedAt: mdtCases.updatedAt,
      },
      p: { name: patients.name, sex: patients.sex, birthDate: patients.birthDate, inpatientNo: patients.inpatientNo },
      m: { startsAt: mdtMeetings.startsAt, tumorGroup: mdtMeetings.tumorGroup, kind: mdtMeetings.kind, status: mdtMeetings.status },
      orgName: organizations.name,
      submitterName: submitter.displayName,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(mdtCases)
    .innerJoin(patients, eq(patients.id, mdtCases.patientId))
    .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtCases.meetingId))
    .innerJoin(organizations, eq(organizations.id, mdtCases.submittingOrganizationId))
    .innerJoin(submitter, eq(submitter.id, mdtCases.submittedBy))
    .where(where)
    .orderBy(
      ...(opts.order === 'recent'
        ? [sql`${mdtCases.createdAt} desc`]
        : [
            asc(mdtMeetings.startsAt),
            sql`${mdtCases.agendaOrder} asc nulls last`,
            sql`case ${mdtCases.urgency} when 'urgent' then 0 else 1 end`,
            asc(mdtCases.createdAt),
          ]),
      asc(mdtCases.id),
    )
    .limit(opts.limit)
    .offset(opts.offset ?? 0);
  const ids = rows.map((r) => r.c.id);
  const items = ids.length
    ? await db
        .select({
          id: mdtPlanItems.id,
          caseId: mdtPlanItems.caseId,
          kind: mdtPlanItems.kind,
          status: mdtPlanItems.status,
          dueDate: mdtPlanItems.dueDate,
        })
        .from(mdtPlanItems)
        .where(inArray(mdtPlanItems.caseId, ids))
        .orderBy(asc(mdtPlanItems.position))
    : [];
  const itemsOf = new Map<string, typeof items>();
  for (const i of items) {
    const list = itemsOf.get(i.caseId);
    if (list) list.push(i);
    else itemsOf.set(i.caseId, [i]);
  }
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.c.id,
      version: r.c.version,
      meeting: { id: r.c.meetingId, startsAt: r.m.startsAt.toISOString(), tumorGroup: r.m.tumorGroup, kind: r.m.kind, status: r.m.status },
      patient: { id: r.c.patientId, name: r.p.name, sex: r.p.sex, age: ageOn(r.p.birthDate, opts.today), inpatientNo: r.p.inpatientNo },
      submittingOrganization: { id: r.c.submittingOrganizationId, name: r.orgName },
      submittedBy: { id: r.c.submittedBy, name: r.submitterName },
      question: r.c.question,
      urgency: r.c.urgency,
      presentingSpecialty: r.c.presentingSpecialty,
      status: r.c.status,
      statusReason: r.c.statusReason,
      agendaOrder: r.c.agendaOrder,
      decidedAt: r.c.decidedAt?.toISOString() ?? null,
      items: (itemsOf.get(r.c.id) ?? []).map((i) => ({
        id: i.id,
        kind: i.kind,
        status: displayStatus(i.status, i.dueDate, opts.today),
        dueDate: i.dueDate,
      })),
      createdAt: r.c.createdAt.toISOString(),
      updatedAt: r.c.updatedAt.toISOString(),
    })),
  };
}

/** Meetings with their chair and case counts over the cases the actor may see. */
export async function toMeetingDtos(db: Db, actor: Actor, rows: MeetingRow[]): Promise<MeetingDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const counts = await db
    .select({ meetingId: mdtCases.meetingId, status: mdtCases.status, n: sql<number>`count(*)::int` })
    .from(mdtCases)
    .innerJoin(patients, eq(patients.id, mdtCases.patientId))
    .where(and(inArray(mdtCases.meetingId, ids), caseScope(actor)))
    .groupBy(mdtCases.meetingId, mdtCases.status);
  const chairIds = [...new Set(rows.map((r) => r.chairUserId).filter((x): x is string => Boolean(x)))];
  const chairs = chairIds.length
    ? await db.select({ id: chair.id, name: chair.displayName }).from(chair).where(inArray(chair.id, chairIds))
    : [];
  const count = (meetingId: string, statuses: string[]) =>
    counts.filter((c) => c.meetingId === meetingId && statuses.includes(c.status)).reduce((s, c) => s + c.n, 0);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    seriesId: r.seriesId,
    tumorGroup: r.tumorGroup,
    kind: r.kind,
    title: r.title,
    startsAt: r.startsAt.toISOString(),
    durationMinutes: r.durationMinutes,
    place: r.place,
    videoLink: r.videoLink,
    chair: r.chairUserId ? { id: r.chairUserId, name: chairs.find((c) => c.id === r.chairUserId)?.name ?? '' } : null,
    status: r.status,
    statusReason: r.statusReason,
    startedAt: r.startedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    counts: {
      agenda: count(r.id, ['scheduled', 'decided', 'completed']),
      triage: count(r.id, ['submitted', 'deferred']),
      decided: count(r.id, ['decided', 'completed']),
    },
    createdAt: r.createdAt.toISOString(),
  }));
}

/** One line of a case's timeline (same transaction as the change). */
export async function recordCaseEvent(
  db: Db,
  e: {
    caseId: string;
    at: Date;
    action: string;
    fromStatus?: string | null;
    toStatus?: string | null;
    actorId: string | null;
    note?: string | null;
  },
): Promise<void> {
  await db.insert(mdtCaseEvents).values({
    caseId: e.caseId,
    at: e.at,
    action: e.action,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    actorId: e.actorId,
    note: e.note ?? null,
  });
}

/** Active home-hospital or external user by id (participants, chairs, responsible doctors). */
export async function findActiveUser(db: Db, id: string) {
  const [u] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      role: users.role,
      title: users.title,
      specialty: users.specialty,
      organizationId: users.organizationId,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return u && !u.disabledAt ? u : null;
}
