import { and, eq, isNull } from 'drizzle-orm';
import { sessions } from '../db/schema/index.js';
import { recordAudit } from '../audit/record.js';
import type { Config } from '../config.js';
import { notFound } from '../core/app-error.js';
import type { UseCaseContext } from '../core/context.js';
import { listUserSessions, revokeUserSessionsExcept } from './sessions.js';
import type { SessionItem } from '@gisurg/contracts/auth';

/** The signed-in user's live sessions (issue 17): when and where each began, when it was last used, which is this one. */
export async function listMySessions(ctx: UseCaseContext, config: Config): Promise<{ items: SessionItem[] }> {
  const rows = await listUserSessions(ctx.db, ctx.actor.userId, ctx.clock.now(), config.session.idleMs);
  return {
    items: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      clientIp: r.clientIp,
      userAgent: r.userAgent,
      current: r.id === ctx.actor.sessionId,
    })),
  };
}

/** End one of my own sessions (another user's session id is 404). Audited. */
export async function revokeMySession(ctx: UseCaseContext, sessionId: string): Promise<{ revoked: number }> {
  const { db, actor, meta, clock } = ctx;
  const now = clock.now();
  return db.transaction(async (tx) => {
    const r = await tx
      .update(sessions)
      .set({ revokedAt: now, revokeReason: 'revoked_by_user' })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (r.length === 0) throw notFound();
    await recordAudit(tx, meta, actor, {
      action: 'auth.session_revoke',
      outcome: 'success',
      resourceType: 'session',
      resourceId: sessionId,
    });
    return { revoked: 1 };
  });
}

/** Sign out everywhere: every other session of mine, or every one including this one. Audited. */
export async function revokeMySessions(ctx: UseCaseContext, includeCurrent: boolean): Promise<{ revoked: number }> {
  const { db, actor, meta, clock } = ctx;
  const now = clock.now();
  return db.transaction(async (tx) => {
    const revoked = await revokeUserSessionsExcept(tx, actor.userId, includeCurrent ? null : actor.sessionId, 'signed_out_everywhere', now);
    await recordAudit(tx, meta, actor, {
      action: 'auth.sessions_revoke_all',
      outcome: 'success',
      resourceType: 'user',
      resourceId: actor.userId,
      details: { includeCurrent, sessionsEnded: revoked },
    });
    return { revoked };
  });
}
