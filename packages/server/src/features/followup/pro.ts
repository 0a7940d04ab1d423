import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import { PRO_QUESTIONS, proAlertReasons, type HandleAlert, type ProAlert, type ProAnswersSchema } from '@gisurg/contracts/followup';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { AnonymousContext, UseCaseContext } from '../../core/context.js';
import { patients, proInvitations, proResponses } from '../../db/schema/index.js';
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
      .select({ r: proResponses, name: patients.name, inpatientNo: patients.inpatientNo })
      .from(proResponses)
      .innerJoin(patients, eq(patients.id, proResponses.patientId))
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
      items: rows.map(({ r, name, inpatientNo }) => ({
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
      })),
    };
  });
}

/** The team records what it did about an alert (phone advice, clinic visit, readmission, nothing needed). */
export async function handleAlert(ctx: UseCaseContext, id: string, input: HandleAlert): Promise<{ id: string }> {
  const { actor, meta, clock } = ctx;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ r: proResponses })
      .from(proResponses)
      .innerJoin(patients, eq(patients.id, proResponses.patientId))
      .where(and(eq(proResponses.id, id), patientScope(actor), inArray(proResponses.alertStatus, ['open', 'handled'])))
      .limit(1)
      .for('update');
    if (!row) throw notFound();
    if (row.r.alertStatus !== 'open') throw new AppError('INVALID_STATE', 'followup.errors.alertHandled');
    await tx
      .update(proResponses)
      .set({
        alertStatus: 'handled',
        alertAction: input.action,
        alertNote: input.note ?? null,
        handledBy: actor.userId,
        handledAt: clock.now(),
      })
      .where(and(eq(proResponses.id, id), eq(proResponses.alertStatus, 'open')));
    await recordAudit(tx, meta, actor, {
      action: 'followup.alert.handle',
      outcome: 'success',
      resourceType: 'pro_response',
      resourceId: id,
      patientId: row.r.patientId,
      details: { action: input.action },
    });
    return { id };
  });
}
