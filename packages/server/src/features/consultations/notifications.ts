import { and, eq, gt, gte, inArray, isNotNull, lte, type SQL } from 'drizzle-orm';
import { can, isExternal } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { consultationNotificationReads, consultationReferrals, consultations, patients } from '../../db/schema/index.js';
import type { MarkRead, Notification, NotificationKind, NotificationList } from '@gisurg/contracts/consultations';
import { consultationScope, listFrom } from './queries.js';
import { OPEN_STATES } from './workflow.js';

/**
 * In-app notifications (issue 10): derived from the consultation records at read time — no timers, nothing
 * in process memory (docs/operations.md) — so every server process gives the same list. What waits for me:
 * - `assigned`: a consultation assigned to me (expert) and not yet answered;
 * - `deadline_near`: the deadline falls within the next 6 h (the expert's own; the coordinator's all);
 * - `info_requested`: the expert asks me (the asking doctor) for more information;
 * - `answered`: the answer to my consultation arrived (until I close it);
 * - `sent_back`: my patient was discharged back to a hospital (30 days).
 * Only the read marks are stored (per user and key); a key names the state it refers to, so a new request
 * for information is a new notification.
 */
export const DEADLINE_NEAR_HOURS = 6;
const SENT_BACK_DAYS = 30;
const HOUR = 3_600_000;

/**
 * The seam for sending notifications outside the app (SMS, WeChat): not implemented. A channel would be
 * given the same derived list (e.g. by a job in the `jobs` table that remembers the keys it has sent, in the
 * database) and deliver what is new; it must never put patient names into the message text.
 */
export interface NotificationChannel {
  readonly name: 'sms' | 'wechat' | (string & {});
  deliver(to: { userId: string }, notification: Pick<Notification, 'key' | 'kind' | 'consultationId' | 'at'>): Promise<void>;
}

type Derived = Omit<Notification, 'read'>;

async function derive(ctx: UseCaseContext): Promise<Derived[]> {
  const { db, actor, clock } = ctx;
  const now = clock.now();
  const scope = consultationScope(actor);
  const out: Derived[] = [];
  const add = (kind: NotificationKind, key: string, r: { c: typeof consultations.$inferSelect; patientName: string }, at: Date) =>
    out.push({
      key: `${kind}:${r.c.id}:${key}`,
      kind,
      consultationId: r.c.id,
      patientName: r.patientName,
      at: at.toISOString(),
      dueAt: r.c.dueAt.toISOString(),
    });
  if (!isExternal(actor) && can(actor, 'consultation:answer')) {
    const mine = await listFrom(db).where(and(scope, eq(consultations.expertId, actor.userId), eq(consultations.status, 'assigned')));
    for (const r of mine) add('assigned', String(r.c.assignedAt?.getTime() ?? 0), r, r.c.assignedAt ?? r.c.updatedAt);
  }
  if (!isExternal(actor) && (can(actor, 'consultation:answer') || can(actor, 'consultation:manage'))) {
    const near: SQL[] = [
      scope,
      inArray(consultations.status, [...OPEN_STATES]),
      gt(consultations.dueAt, now),
      lte(consultations.dueAt, new Date(now.getTime() + DEADLINE_NEAR_HOURS * HOUR)),
    ];
    if (!can(actor, 'consultation:manage')) near.push(eq(consultations.expertId, actor.userId));
    for (const r of await listFrom(db).where(and(...near)))
      add('deadline_near', String(r.c.dueAt.getTime()), r, new Date(r.c.dueAt.getTime() - DEADLINE_NEAR_HOURS * HOUR));
  }
  if (isExternal(actor) && can(actor, 'consultation:request')) {
    const own = and(scope, eq(consultations.requestedBy, actor.userId));
    for (const r of await listFrom(db).where(and(own, inArray(consultations.status, ['info_requested', 'answered'])))) {
      if (r.c.status === 'info_requested') add('info_requested', String(r.c.version), r, r.c.updatedAt);
      else add('answered', '', r, r.c.answeredAt ?? r.c.updatedAt);
    }
    const back = await db
      .select({ c: consultations, patientName: patients.name, dischargedAt: consultationReferrals.dischargedAt })
      .from(consultations)
      .innerJoin(patients, eq(patients.id, consultations.patientId))
      .innerJoin(consultationReferrals, eq(consultationReferrals.consultationId, consultations.id))
      .where(
        and(
          own,
          isNotNull(consultationReferrals.dischargedAt),
          gte(consultationReferrals.dischargedAt, new Date(now.getTime() - SENT_BACK_DAYS * 24 * HOUR)),
        ),
      );
    for (const r of back) add('sent_back', '', r, r.dischargedAt!);
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

async function readKeys(ctx: UseCaseContext, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await ctx.db
    .select({ key: consultationNotificationReads.key })
    .from(consultationNotificationReads)
    .where(and(eq(consultationNotificationReads.userId, ctx.actor.userId), inArray(consultationNotificationReads.key, keys)));
  return new Set(rows.map((r) => r.key));
}

/** The list with read marks (newest first); audited, it names patients. */
export async function listNotifications(ctx: UseCaseContext): Promise<NotificationList> {
  const items = await derive(ctx);
  const read = await readKeys(
    ctx,
    items.map((i) => i.key),
  );
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'consultation.notifications.list',
    outcome: 'success',
    resourceType: 'consultation',
    details: { count: items.length },
  });
  const list = items.map((i) => ({ ...i, read: read.has(i.key) }));
  return { items: list, unread: list.filter((i) => !i.read).length };
}

/** The header badge: how many are unread (no patient data, so no audit row per poll). */
export async function countUnread(ctx: UseCaseContext): Promise<{ unread: number }> {
  const items = await derive(ctx);
  const read = await readKeys(
    ctx,
    items.map((i) => i.key),
  );
  return { unread: items.filter((i) => !read.has(i.key)).length };
}

/** Mark some of my current notifications read (keys not in my list are ignored). */
export async function markNotificationsRead(ctx: UseCaseContext, input: MarkRead): Promise<{ unread: number }> {
  const current = new Set((await derive(ctx)).map((i) => i.key));
  const keys = [...new Set(input.keys)].filter((k) => current.has(k));
  if (keys.length)
    await ctx.db.transaction(async (tx) => {
      await tx
        .insert(consultationNotificationReads)
        .values(keys.map((key) => ({ userId: ctx.actor.userId, key, readAt: ctx.clock.now() })))
        .onConflictDoNothing();
      await recordAudit(tx, ctx.meta, ctx.actor, {
        action: 'consultation.notifications.read',
        outcome: 'success',
        resourceType: 'consultation',
        details: { count: keys.length },
      });
    });
  return countUnread(ctx);
}
