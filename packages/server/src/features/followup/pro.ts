import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { addDays, todayIn } from '@gisurg/contracts';
import {
  ALERT_LINK_DAYS_AFTER,
  ALERT_LINK_DAYS_BEFORE,
  PRO_QUESTIONS,
  proAlertReasons,
  type AlertLinkCandidates,
  type AlertLinks,
  type HandleAlert,
  type ProAlert,
  type ProAnswersSchema,
} from '@gisurg/contracts/followup';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { AnonymousContext, UseCaseContext } from '../../core/context.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import { admissions, complications, patients, proInvitations, proResponses } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { findVisiblePatient, patientScope } from '../patients/index.js';
import { linkDays, loadFollowUpSettings } from './settings.js';

/** A link accepts at most one answer per this many minutes (the schedule asks on days 3, 7, 14 and 30). */
export const PRO_MIN_MINUTES_BETWEEN_ANSWERS = 10;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new questionnaire link for the patient: 256 random bits, only the hash is stored; the token travels in the fragment. */
export async function createInvitation(ctx: UseCaseContext, patientId: string): Promise<{ url: string; expiresAt: string }> {
  const { actor, meta, clock } = ctx;
  const token = randomBytes(32).toString('base64url');
  return ctx.db.transaction(async (tx) => {
    const patient = await findVisiblePatient(tx, actor, patientId);
    if (!patient) throw notFound();
    const expiresAt = new Date(clock.now().getTime() + linkDays(await loadFollowUpSettings(tx)) * 86_400_000);
    const [row] = await tx
      .insert(proInvitations)
      .values({ patientId, tokenHash: hashToken(token), expiresAt, createdBy: actor.userId, createdAt: clock.now() })
      .returning({ id: proInvitations.id });
    await recordAudit(tx, meta, actor, {
      action: 'followup.pro.invite',
      outcome: 'success',
      resourceType: 'pro_invitation',
      resourceId: row!.id,
      patientId,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return { url: `/q#${token}`, expiresAt: expiresAt.toISOString() };
  });
}

/** The live invitation of a token, or 404 for anything else (unknown, tampered, expired, revoked): one answer for all. */
async function liveInvitation(ctx: AnonymousContext, token: string) {
  if (!TOKEN_PATTERN.test(token)) throw notFound();
  const [inv] = await ctx.db
    .select()
    .from(proInvitations)
    .where(
      and(eq(proInvitations.tokenHash, hashToken(token)), gt(proInvitations.expiresAt, ctx.clock.now()), eq(proInvitations.revoked, false)),
    )
    .limit(1);
  if (!inv) throw notFound();
  return inv;
}

/** What the public questionnaire page shows: the questions, the days to answer on and the link's expiry, nothing about the patient. */
export async function openQuestionnaire(
  ctx: AnonymousContext,
  token: string,
): Promise<{ expiresAt: string; questions: string[]; days: number[] }> {
  const inv = await liveInvitation(ctx, token);
  const { proDays } = await loadFollowUpSettings(ctx.db);
  return { expiresAt: inv.expiresAt.toISOString(), questions: PRO_QUESTIONS.map((q) => q.key), days: proDays };
}

/** Stores the answers; answers past a threshold open an alert on the team's list. */
export async function submitAnswers(
  ctx: AnonymousContext,
  token: string,
  answers: z.output<typeof ProAnswersSchema>,
): Promise<{ ok: true }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const inv = await liveInvitation({ ...ctx, db: tx }, token);
    const [last] = await tx
      .select({ at: proResponses.submittedAt })
      .from(proResponses)
      .where(eq(proResponses.invitationId, inv.id))
      .orderBy(desc(proResponses.submittedAt))
      .limit(1);
    if (last && now.getTime() - last.at.getTime() < PRO_MIN_MINUTES_BETWEEN_ANSWERS * 60_000)
      throw new AppError('RATE_LIMITED', 'errors.rateLimited');
    const reasons = proAlertReasons(answers, (await loadFollowUpSettings(tx)).thresholds);
    const [row] = await tx
      .insert(proResponses)
      .values({
        invitationId: inv.id,
        patientId: inv.patientId,
        submittedAt: now,
        answers: answers as Record<string, unknown>,
        alertReasons: reasons,
        alertStatus: reasons.length ? 'open' : null,
      })
      .returning({ id: proResponses.id });
    await recordAudit(tx, ctx.meta, null, {
      action: 'followup.pro.answer',
      outcome: 'success',
      resourceType: 'pro_response',
      resourceId: row!.id,
      patientId: inv.patientId,
      details: { alert: reasons },
    });
    return { ok: true as const };
  });
}

/** The team's alert list (open by default), newest first. */
export async function listAlerts(ctx: UseCaseContext, status: 'open' | 'handled' | 'all'): Promise<{ items: ProAlert[] }> {
  const { actor, meta } = ctx;
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({
        r: proResponses,
        name: patients.name,
        inpatientNo: patients.inpatientNo,
        adm: { id: admissions.id, admittedAt: admissions.admittedAt, status: admissions.status, diagnosis: admissions.diagnosis },
        comp: { id: complications.id, occurredOn: complications.occurredOn, type: complications.type, grade: complications.grade },
      })
      .from(proResponses)
      .innerJoin(patients, eq(patients.id, proResponses.patientId))
      .leftJoin(admissions, eq(admissions.id, proResponses.admissionId))
      .leftJoin(complications, eq(complications.id, proResponses.complicationId))
      .where(
        and(
          patientScope(actor),
          status === 'all' ? inArray(proResponses.alertStatus, ['open', 'handled']) : eq(proResponses.alertStatus, status),
        ),
      )
      .orderBy(desc(proResponses.submittedAt))
      .limit(200);
    await recordAudit(tx, meta, actor, {
      action: 'followup.alerts.read',
      outcome: 'success',
      resourceType: 'pro_alerts',
      details: { status, rows: rows.length },
    });
    return {
      items: rows.map(({ r, name, inpatientNo, adm, comp }) => ({
        id: r.id,
        patientId: r.patientId,
        name,
        inpatientNo,
        submittedAt: r.submittedAt.toISOString(),
        reasons: r.alertReasons,
        answers: r.answers,
        status: r.alertStatus as 'open' | 'handled',
        action: (r.alertAction as ProAlert['action']) ?? null,
        actionNote: r.alertNote,
        admission: adm ? { ...adm, admittedAt: adm.admittedAt.toISOString() } : null,
        complication: comp,
      })),
    };
  });
}

/** The alert (open or handled) of a patient in the actor's scope, locked; 404 otherwise. */
async function visibleAlert(tx: Db, ctx: UseCaseContext, id: string) {
  const [row] = await tx
    .select({ r: proResponses })
    .from(proResponses)
    .innerJoin(patients, eq(patients.id, proResponses.patientId))
    .where(and(eq(proResponses.id, id), patientScope(ctx.actor), inArray(proResponses.alertStatus, ['open', 'handled'])))
    .limit(1)
    .for('update');
  if (!row) throw notFound();
  return row.r;
}

/** The dates (hospital time zone) around an alert within which admissions and complications may be linked to it. */
function linkWindow(ctx: UseCaseContext, submittedAt: Date): { from: string; to: string } {
  const day = todayIn(ctx.timeZone, submittedAt);
  return { from: addDays(day, -ALERT_LINK_DAYS_BEFORE), to: addDays(day, ALERT_LINK_DAYS_AFTER) };
}

/**
 * What may be linked to an alert: the patient's admissions admitted from the alert's day to 30 days after it
 * (the readmission that followed), and complications recorded for the patient from 14 days before the alert to
 * 30 days after it (docs/follow-up.md).
 */
async function candidates(tx: Db, ctx: UseCaseContext, alert: { patientId: string; submittedAt: Date }) {
  const w = linkWindow(ctx, alert.submittedAt);
  const day = todayIn(ctx.timeZone, alert.submittedAt);
  const admittedDay = sql<string>`to_char(${admissions.admittedAt} at time zone ${ctx.timeZone}, 'YYYY-MM-DD')`;
  const adms = await tx
    .select({ id: admissions.id, admittedAt: admissions.admittedAt, status: admissions.status, diagnosis: admissions.diagnosis })
    .from(admissions)
    .where(
      and(eq(admissions.patientId, alert.patientId), ne(admissions.status, 'cancelled'), gte(admittedDay, day), lte(admittedDay, w.to)),
    )
    .orderBy(asc(admissions.admittedAt));
  const comps = await tx
    .select({ id: complications.id, occurredOn: complications.occurredOn, type: complications.type, grade: complications.grade })
    .from(complications)
    .where(
      and(
        eq(complications.patientId, alert.patientId),
        isNull(complications.deletedAt),
        gte(complications.occurredOn, w.from),
        lte(complications.occurredOn, w.to),
      ),
    )
    .orderBy(asc(complications.occurredOn));
  return { admissions: adms.map((a) => ({ ...a, admittedAt: a.admittedAt.toISOString() })), complications: comps };
}

/** The admissions and complications that may be linked to an alert (404 for an alert outside the user's scope). */
export async function alertLinkCandidates(ctx: UseCaseContext, id: string): Promise<AlertLinkCandidates> {
  return ctx.db.transaction(async (tx) => {
    const alert = await visibleAlert(tx, ctx, id);
    const out = await candidates(tx, ctx, alert);
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'followup.alert.candidates.read',
      outcome: 'success',
      resourceType: 'pro_response',
      resourceId: id,
      patientId: alert.patientId,
    });
    return out;
  });
}

/** Checks the links against the candidates (same patient, within the window): a 400 with field messages otherwise. */
async function checkedLinks(tx: Db, ctx: UseCaseContext, alert: { patientId: string; submittedAt: Date }, links: AlertLinks) {
  if (!links.admissionId && !links.complicationId) return;
  const c = await candidates(tx, ctx, alert);
  const issues = [];
  if (links.admissionId && !c.admissions.some((a) => a.id === links.admissionId))
    issues.push(fieldIssue(ctx.locale, 'admissionId', 'followup.validation.linkAdmission'));
  if (links.complicationId && !c.complications.some((a) => a.id === links.complicationId))
    issues.push(fieldIssue(ctx.locale, 'complicationId', 'followup.validation.linkComplication'));
  if (issues.length) throw validationError(issues);
}

/** The columns a links body sets: a given id links, null unlinks, absent leaves the link as it is. */
function linkColumns(links: AlertLinks) {
  return {
    ...(links.admissionId !== undefined ? { admissionId: links.admissionId } : {}),
    ...(links.complicationId !== undefined ? { complicationId: links.complicationId } : {}),
  };
}

/**
 * The team records what it did about an alert (phone advice, clinic visit, readmission, nothing needed), and
 * may link the readmission that followed and a complication within the alert's window.
 */
export async function handleAlert(ctx: UseCaseContext, id: string, input: HandleAlert): Promise<{ id: string }> {
  const { actor, meta, clock } = ctx;
  return ctx.db.transaction(async (tx) => {
    const alert = await visibleAlert(tx, ctx, id);
    if (alert.alertStatus !== 'open') throw new AppError('INVALID_STATE', 'followup.errors.alertHandled');
    await checkedLinks(tx, ctx, alert, input);
    await tx
      .update(proResponses)
      .set({
        alertStatus: 'handled',
        alertAction: input.action,
        alertNote: input.note ?? null,
        handledBy: actor.userId,
        handledAt: clock.now(),
        ...linkColumns(input),
      })
      .where(and(eq(proResponses.id, id), eq(proResponses.alertStatus, 'open')));
    await recordAudit(tx, meta, actor, {
      action: 'followup.alert.handle',
      outcome: 'success',
      resourceType: 'pro_response',
      resourceId: id,
      patientId: alert.patientId,
      details: { action: input.action, ...linkColumns(input) },
    });
    return { id };
  });
}

/**
 * Links (or unlinks, with null) the readmission and complication of an alert, open or handled: the admission
 * often comes days after the team acted. Audited with the links before and after.
 */
export async function linkAlert(ctx: UseCaseContext, id: string, input: AlertLinks): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const alert = await visibleAlert(tx, ctx, id);
    await checkedLinks(tx, ctx, alert, input);
    const set = linkColumns(input);
    if (Object.keys(set).length) await tx.update(proResponses).set(set).where(eq(proResponses.id, id));
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'followup.alert.link',
      outcome: 'success',
      resourceType: 'pro_response',
      resourceId: id,
      patientId: alert.patientId,
      details: { before: { admissionId: alert.admissionId, complicationId: alert.complicationId }, after: set },
    });
    return { id };
  });
}
