import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { todayIn } from '@gisurg/contracts';
import {
  MILESTONE_KINDS,
  type CaseLogEntry,
  type PutMilestone,
  type Supervisor,
  type TraineeDetail,
  type TraineeSummary,
} from '@gisurg/contracts/education';
import type { z } from 'zod';
import type { AddLogEntrySchema, CreateTraineeSchema } from '@gisurg/contracts/education';
import { recordAudit } from '../../audit/record.js';
import { can, type Actor } from '../../auth/actor.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import {
  eduLogEntries,
  eduMilestones,
  eduSignOffs,
  eduSupervisors,
  eduTrainees,
  eduUniversities,
  mdtMeetings,
  mdtParticipants,
  operationProcedures,
  operations,
  users,
} from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { inSequence } from '../../db/sql.js';
import { loadEducationSettings } from './settings.js';

const supervisorUser = alias(users, 'supervisor_user');

export async function listUniversities(ctx: UseCaseContext) {
  const rows = await ctx.db.select().from(eduUniversities).orderBy(asc(eduUniversities.name));
  return { items: rows.map((u) => ({ id: u.id, name: u.name, nameEn: u.nameEn })) };
}

export async function createUniversity(ctx: UseCaseContext, input: { name: string; nameEn?: string | null }): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: eduUniversities.id }).from(eduUniversities).where(eq(eduUniversities.name, input.name));
    if (dup) return { id: dup.id };
    const [row] = await tx
      .insert(eduUniversities)
      .values({
        name: input.name,
        nameEn: input.nameEn ?? null,
        createdBy: ctx.actor.userId,
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .returning({ id: eduUniversities.id });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.university.create',
      outcome: 'success',
      resourceType: 'edu_university',
      resourceId: row!.id,
    });
    return { id: row!.id };
  });
}

export async function listSupervisors(ctx: UseCaseContext): Promise<{ items: Supervisor[] }> {
  const rows = await ctx.db
    .select({
      s: eduSupervisors,
      name: users.displayName,
      title: users.title,
      u: eduUniversities,
      trainees:
        sql<number>`(select count(*) from edu_trainees t where t.supervisor_id = ${eduSupervisors}.${sql.identifier('id')})`.mapWith(
          Number,
        ),
    })
    .from(eduSupervisors)
    .innerJoin(users, eq(users.id, eduSupervisors.userId))
    .innerJoin(eduUniversities, eq(eduUniversities.id, eduSupervisors.universityId))
    .orderBy(asc(eduUniversities.name), asc(users.displayName));
  return {
    items: rows.map((r) => ({
      id: r.s.id,
      userId: r.s.userId,
      name: r.name,
      title: r.title,
      university: { id: r.u.id, name: r.u.name, nameEn: r.u.nameEn },
      trainees: r.trainees,
    })),
  };
}

export async function createSupervisor(ctx: UseCaseContext, input: { userId: string; universityId: string }): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const [u] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.userId));
    if (!u || !['surgeon', 'department_head'].includes(u.role))
      throw validationError([fieldIssue(ctx.locale, 'userId', 'education.validation.supervisorRole')]);
    const [uni] = await tx.select({ id: eduUniversities.id }).from(eduUniversities).where(eq(eduUniversities.id, input.universityId));
    if (!uni) throw validationError([fieldIssue(ctx.locale, 'universityId', 'validation.required')]);
    const [dup] = await tx
      .select({ id: eduSupervisors.id })
      .from(eduSupervisors)
      .where(and(eq(eduSupervisors.userId, input.userId), eq(eduSupervisors.universityId, input.universityId)));
    if (dup) return { id: dup.id };
    const [row] = await tx
      .insert(eduSupervisors)
      .values({ ...input, createdBy: ctx.actor.userId, createdAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
      .returning({ id: eduSupervisors.id });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.supervisor.create',
      outcome: 'success',
      resourceType: 'edu_supervisor',
      resourceId: row!.id,
    });
    return { id: row!.id };
  });
}

const traineeSelect = {
  t: eduTrainees,
  name: users.displayName,
  role: users.role,
  u: eduUniversities,
  supUserId: eduSupervisors.userId,
  supName: supervisorUser.displayName,
};

function traineeQuery(db: Db) {
  return db
    .select(traineeSelect)
    .from(eduTrainees)
    .innerJoin(users, eq(users.id, eduTrainees.userId))
    .innerJoin(eduUniversities, eq(eduUniversities.id, eduTrainees.universityId))
    .innerJoin(eduSupervisors, eq(eduSupervisors.id, eduTrainees.supervisorId))
    .innerJoin(supervisorUser, eq(supervisorUser.id, eduSupervisors.userId));
}
type TraineeRow = Awaited<ReturnType<typeof traineeQuery>>[number];

function toSummary(r: TraineeRow): TraineeSummary {
  return {
    id: r.t.id,
    userId: r.t.userId,
    name: r.name,
    role: r.role,
    university: { id: r.u.id, name: r.u.name, nameEn: r.u.nameEn },
    supervisor: { id: r.t.supervisorId, userId: r.supUserId, name: r.supName },
    degree: r.t.degree as TraineeSummary['degree'],
    enrolmentYear: r.t.enrolmentYear,
    yearOfStudy: r.t.yearOfStudy,
    thesisTitle: r.t.thesisTitle,
  };
}

/** Supervisors and the head see the whole station; a trainee sees only their own record. */
function seesAll(actor: Actor): boolean {
  return can(actor, 'education:manage') || can(actor, 'education:supervise');
}

export async function listTrainees(ctx: UseCaseContext): Promise<{ items: TraineeSummary[] }> {
  const q = traineeQuery(ctx.db);
  const rows = await (seesAll(ctx.actor) ? q : q.where(eq(eduTrainees.userId, ctx.actor.userId))).orderBy(
    asc(eduUniversities.name),
    asc(eduTrainees.enrolmentYear),
    asc(users.displayName),
  );
  return { items: rows.map(toSummary) };
}

export async function createTrainee(ctx: UseCaseContext, input: z.output<typeof CreateTraineeSchema>): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const [u] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.userId));
    if (!u || !['student', 'resident'].includes(u.role))
      throw validationError([fieldIssue(ctx.locale, 'userId', 'education.validation.traineeRole')]);
    const [sup] = await tx.select().from(eduSupervisors).where(eq(eduSupervisors.id, input.supervisorId));
    if (!sup) throw validationError([fieldIssue(ctx.locale, 'supervisorId', 'validation.required')]);
    const [dup] = await tx.select({ id: eduTrainees.id }).from(eduTrainees).where(eq(eduTrainees.userId, input.userId));
    if (dup) throw new AppError('CONFLICT', 'education.errors.alreadyTrainee');
    const [row] = await tx
      .insert(eduTrainees)
      .values({
        userId: input.userId,
        universityId: sup.universityId,
        supervisorId: sup.id,
        degree: input.degree,
        enrolmentYear: input.enrolmentYear,
        yearOfStudy: input.yearOfStudy,
        thesisTitle: input.thesisTitle ?? null,
        createdBy: ctx.actor.userId,
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .returning({ id: eduTrainees.id });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.trainee.create',
      outcome: 'success',
      resourceType: 'edu_trainee',
      resourceId: row!.id,
    });
    return { id: row!.id };
  });
}

/** The trainee if the actor may see them (else 404). */
async function visibleTrainee(db: Db, actor: Actor, id: string): Promise<TraineeRow> {
  const [row] = await traineeQuery(db).where(eq(eduTrainees.id, id));
  if (!row) throw notFound();
  if (!seesAll(actor) && row.t.userId !== actor.userId) throw notFound();
  return row;
}

/**
 * The case log: operations where the trainee is listed as assistant (read live from the oncology record, so
 * nobody types them in), tumor boards they checked in at, and the entries they added; each with its sign-off.
 */
export async function buildCaseLog(db: Db, trainee: TraineeRow['t'], timeZone: string): Promise<CaseLogEntry[]> {
  const settings = await loadEducationSettings(db);
  const [ops, boards, entries, signs] = await inSequence([
    () =>
      db
        .select({
          id: operations.id,
          patientId: operations.patientId,
          date: operations.operationDate,
          approach: operations.approach,
          assistants: operations.assistantIds,
        })
        .from(operations)
        .where(and(isNull(operations.deletedAt), sql`${trainee.userId} = any(${operations.assistantIds})`))
        .orderBy(asc(operations.operationDate)),
    () =>
      db
        .select({ id: mdtParticipants.id, startsAt: mdtMeetings.startsAt, group: mdtMeetings.tumorGroup, kind: mdtMeetings.kind })
        .from(mdtParticipants)
        .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtParticipants.meetingId))
        .where(and(eq(mdtParticipants.userId, trainee.userId), isNotNull(mdtParticipants.checkedInAt), isNull(mdtParticipants.removedAt))),
    () => db.select().from(eduLogEntries).where(eq(eduLogEntries.traineeId, trainee.id)),
    () =>
      db
        .select({ key: eduSignOffs.entryKey, at: eduSignOffs.signedAt, by: users.displayName })
        .from(eduSignOffs)
        .innerJoin(users, eq(users.id, eduSignOffs.signedBy))
        .where(eq(eduSignOffs.traineeId, trainee.id)),
  ]);
  const procs = ops.length
    ? await db
        .select({ operationId: operationProcedures.operationId, code: operationProcedures.code })
        .from(operationProcedures)
        .where(
          inArray(
            operationProcedures.operationId,
            ops.map((o) => o.id),
          ),
        )
        .orderBy(asc(operationProcedures.position))
    : [];
  const signed = new Map(signs.map((s) => [s.key, { by: s.by, at: s.at.toISOString() }]));
  const log: CaseLogEntry[] = [
    ...ops.map((o) => ({
      key: `op:${o.id}`,
      source: 'operation' as const,
      date: o.date,
      role: `assistant_${o.assistants.indexOf(trainee.userId) + 1}`,
      kind: null,
      procedures: procs.filter((p) => p.operationId === o.id).map((p) => p.code),
      approach: o.approach,
      description: null,
      operationId: o.id,
      patientId: o.patientId,
      credits: null,
      signedOff: signed.get(`op:${o.id}`) ?? null,
    })),
    ...boards.map((b) => ({
      key: `mdt:${b.id}`,
      source: 'mdt_attendance' as const,
      date: todayIn(timeZone, b.startsAt),
      role: 'attendee',
      kind: `${b.kind}:${b.group}`,
      procedures: [],
      approach: null,
      description: null,
      operationId: null,
      patientId: null,
      credits: settings.mdtCredit.points,
      signedOff: signed.get(`mdt:${b.id}`) ?? null,
    })),
    ...entries.map((e) => ({
      key: `entry:${e.id}`,
      source: 'entry' as const,
      date: e.entryDate,
      role: e.kind,
      kind: e.kind,
      procedures: [],
      approach: null,
      description: e.description,
      operationId: null,
      patientId: null,
      credits: null,
      signedOff: signed.get(`entry:${e.id}`) ?? null,
    })),
  ];
  return log.sort((a, b) => (a.date === b.date ? a.key.localeCompare(b.key) : b.date.localeCompare(a.date)));
}

export async function traineeDetail(db: Db, actor: Actor, row: TraineeRow, timeZone: string): Promise<TraineeDetail> {
  const caseLog = await buildCaseLog(db, row.t, timeZone);
  const ms = await db.select().from(eduMilestones).where(eq(eduMilestones.traineeId, row.t.id));
  return {
    ...toSummary(row),
    caseLog,
    milestones: MILESTONE_KINDS.map((kind) => {
      const m = ms.find((x) => x.kind === kind);
      return {
        kind,
        plannedOn: m?.plannedOn ?? null,
        completedOn: m?.completedOn ?? null,
        note: m?.note ?? null,
        version: m?.version ?? null,
      };
    }),
    totals: {
      operations: caseLog.filter((e) => e.source === 'operation').length,
      mdt: caseLog.filter((e) => e.source === 'mdt_attendance').length,
      entries: caseLog.filter((e) => e.source === 'entry').length,
      signedOff: caseLog.filter((e) => e.signedOff).length,
      mdtCredits: Math.round(caseLog.reduce((a, e) => a + (e.source === 'mdt_attendance' ? (e.credits ?? 0) : 0), 0) * 10) / 10,
    },
    canSignOff: can(actor, 'education:manage') || (can(actor, 'education:supervise') && row.supUserId === actor.userId),
    canAddEntries: can(actor, 'education:manage') || (can(actor, 'education:log') && row.t.userId === actor.userId),
  };
}

export async function getTrainee(ctx: UseCaseContext, id: string): Promise<TraineeDetail> {
  return ctx.db.transaction(async (tx) => {
    const row = await visibleTrainee(tx, ctx.actor, id);
    const out = await traineeDetail(tx, ctx.actor, row, ctx.timeZone);
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.caselog.read',
      outcome: 'success',
      resourceType: 'edu_trainee',
      resourceId: id,
      details: { entries: out.caseLog.length },
    });
    return out;
  });
}

export async function addLogEntry(ctx: UseCaseContext, id: string, input: z.output<typeof AddLogEntrySchema>): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const row = await visibleTrainee(tx, ctx.actor, id);
    if (!can(ctx.actor, 'education:manage') && row.t.userId !== ctx.actor.userId) throw notFound();
    const [e] = await tx
      .insert(eduLogEntries)
      .values({
        traineeId: id,
        kind: input.kind,
        entryDate: input.date,
        description: input.description,
        createdBy: ctx.actor.userId,
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .returning({ id: eduLogEntries.id });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.caselog.add',
      outcome: 'success',
      resourceType: 'edu_trainee',
      resourceId: id,
      details: { entryId: e!.id, kind: input.kind },
    });
    return { id: e!.id };
  });
}

/** The supervisor (or the head) signs entries off; signing an already signed entry changes nothing. */
export async function signOff(ctx: UseCaseContext, id: string, keys: string[]): Promise<{ signed: number }> {
  return ctx.db.transaction(async (tx) => {
    const row = await visibleTrainee(tx, ctx.actor, id);
    if (!can(ctx.actor, 'education:manage') && row.supUserId !== ctx.actor.userId) throw notFound();
    const log = new Set((await buildCaseLog(tx, row.t, ctx.timeZone)).map((e) => e.key));
    const unknown = keys.findIndex((k) => !log.has(k));
    if (unknown >= 0) throw validationError([fieldIssue(ctx.locale, `keys.${unknown}`, 'education.validation.unknownEntry')]);
    const inserted = await tx
      .insert(eduSignOffs)
      .values([...new Set(keys)].map((k) => ({ traineeId: id, entryKey: k, signedBy: ctx.actor.userId, signedAt: ctx.clock.now() })))
      .onConflictDoNothing()
      .returning({ k: eduSignOffs.entryKey });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.caselog.signoff',
      outcome: 'success',
      resourceType: 'edu_trainee',
      resourceId: id,
      details: { keys: inserted.map((i) => i.k) },
    });
    return { signed: inserted.length };
  });
}

export async function putMilestone(ctx: UseCaseContext, id: string, input: PutMilestone): Promise<{ kind: string }> {
  return ctx.db.transaction(async (tx) => {
    const row = await visibleTrainee(tx, ctx.actor, id);
    if (!can(ctx.actor, 'education:manage') && row.supUserId !== ctx.actor.userId) throw notFound();
    const values = { plannedOn: input.plannedOn ?? null, completedOn: input.completedOn ?? null, note: input.note ?? null };
    await tx
      .insert(eduMilestones)
      .values({
        traineeId: id,
        kind: input.kind,
        ...values,
        createdBy: ctx.actor.userId,
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .onConflictDoUpdate({
        target: [eduMilestones.traineeId, eduMilestones.kind],
        set: { ...values, updatedBy: ctx.actor.userId, updatedAt: ctx.clock.now(), version: sql`${eduMilestones.version} + 1` },
      });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.milestone.update',
      outcome: 'success',
      resourceType: 'edu_trainee',
      resourceId: id,
      details: { kind: input.kind, ...values, note: undefined },
    });
    return { kind: input.kind };
  });
}

export { visibleTrainee };
