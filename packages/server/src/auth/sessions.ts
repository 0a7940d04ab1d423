import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { organizations, sessions, users } from '../db/schema/index.js';
import { Grouper } from '../db/group.js';
import { prepared } from '../db/prepared.js';
import type { Db } from '../db/types.js';
import type { SessionStage } from '@gisurg/contracts/auth';
import type { Actor } from './actor.js';
import { isRole, permissionsOf, type Permission, type Role } from './permissions.js';

/**
 * Server-side sessions (trust.md S7/S8): the cookie carries 256 random bits; the database stores only
 * HMAC-SHA256(SESSION_SECRET, token). Idle and absolute timeouts are enforced here on every request.
 */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionTokenHash(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

/** A session waiting for the second factor lives five minutes. */
export const MFA_PENDING_MS = 5 * 60_000;

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export async function createSession(
  db: Db,
  opts: {
    secret: string;
    userId: string;
    now: Date;
    timeouts: SessionTimeouts;
    clientIp: string | null;
    userAgent: string | null;
    /** `mfa_pending`: only the second factor may follow, within MFA_PENDING_MS. */
    stage?: 'full' | 'mfa_pending';
  },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = newSessionToken();
  const pending = opts.stage === 'mfa_pending';
  const expiresAt = new Date(
    opts.now.getTime() + (pending ? Math.min(MFA_PENDING_MS, opts.timeouts.absoluteMs) : opts.timeouts.absoluteMs),
  );
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: sessionTokenHash(opts.secret, token),
      userId: opts.userId,
      createdAt: opts.now,
      lastSeenAt: opts.now,
      expiresAt,
      clientIp: opts.clientIp,
      userAgent: opts.userAgent?.slice(0, 300) ?? null,
      stage: pending ? 'mfa_pending' : 'full',
    })
    .returning({ id: sessions.id });
  return { token, sessionId: row!.id, expiresAt };
}

export type SessionLookup =
  { status: 'valid'; actor: Actor } | { status: 'expired'; sessionId: string; userId: string } | { status: 'none' };

/** Each role's permission set, built once (the role → permission map is fixed for the process). */
const permissionSets = new Map<Role, ReadonlySet<Permission>>();
function rolePermissions(role: Role): ReadonlySet<Permission> {
  let set = permissionSets.get(role);
  if (!set) {
    set = permissionsOf(role);
    permissionSets.set(role, set);
  }
  return set;
}

/**
 * The sessions, their users and organizations of several token hashes: one prepared statement per database handle
 * (issue 18), for every request whose lookup waits in the same group (sessionLookups).
 */
function sessionLookup(db: Db) {
  return prepared(db, 'session_lookup_group', (d, name) =>
    d
      .select({
        tokenHash: sessions.tokenHash,
        sessionId: sessions.id,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
        stage: sessions.stage,
        mfaEnabledAt: users.mfaEnabledAt,
        // Live break-glass grants (ADR 0015) as [[patientId, grantId], …]; null when none.
        breakGlass: sql<[string, string][] | null>`(select json_agg(json_build_array(g.patient_id, g.id))
          from break_glass_grants g where g.user_id = ${users.id} and g.expires_at > ${sql.placeholder('now')}::timestamptz)`,
        userId: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        disabledAt: users.disabledAt,
        organizationId: users.organizationId,
        organizationKind: organizations.kind,
        organizationDisabledAt: organizations.disabledAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(sql`${sessions.tokenHash} = any(${sql.placeholder('tokenHashes')}::text[])`)
      .prepare(name),
  );
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionLookup>['execute']>>[number];

/** Session lookups at most this many per statement. */
const MAX_LOOKUP_GROUP = 200;

const lookups = new WeakMap<Db, Grouper<{ tokenHash: string; now: Date }, SessionRow | undefined>>();

/**
 * The session lookups of a database handle (issue 18): requests that arrive while two lookups are in flight share
 * the next statement (db/group.ts) — one round trip for several requests instead of one each. Every lookup is still
 * a read of the database made after its request arrived (no cache), so a logout or a disabled account ends the
 * session in every app process at once. Break-glass grants are read as of the latest request's time in the group.
 */
function sessionLookups(db: Db) {
  let g = lookups.get(db);
  if (!g) {
    g = new Grouper(
      async (items) => {
        const now = new Date(Math.max(...items.map((i) => i.now.getTime())));
        const hashes = [...new Set(items.map((i) => i.tokenHash))];
        const rows = await sessionLookup(db).execute({ tokenHashes: hashes, now: now.toISOString() });
        const byHash = new Map(rows.map((r) => [r.tokenHash, r]));
        return items.map((i) => byHash.get(i.tokenHash));
      },
      { maxInFlight: 2, maxGroup: MAX_LOOKUP_GROUP, retrySingly: false },
    );
    lookups.set(db, g);
  }
  return g;
}

/** Resolve a cookie token to the acting user, or say why not. Touches last_seen_at (at most every 15 s). */
export async function resolveSession(
  db: Db,
  opts: { secret: string; token: string; now: Date; timeouts: SessionTimeouts; mfaRequiredRoles?: readonly string[] },
): Promise<SessionLookup> {
  const s = await sessionLookups(db).run({ tokenHash: sessionTokenHash(opts.secret, opts.token), now: opts.now });
  if (!s || s.revokedAt) return { status: 'none' };
  const now = opts.now.getTime();
  const idleExpired = s.lastSeenAt.getTime() + opts.timeouts.idleMs <= now;
  const absoluteExpired = s.expiresAt.getTime() <= now;
  if (idleExpired || absoluteExpired || s.disabledAt || s.organizationDisabledAt || !isRole(s.role)) {
    await db
      .update(sessions)
      .set({ revokedAt: opts.now, revokeReason: idleExpired ? 'idle_timeout' : absoluteExpired ? 'absolute_timeout' : 'user_disabled' })
      .where(and(eq(sessions.id, s.sessionId), isNull(sessions.revokedAt)));
    return { status: 'expired', sessionId: s.sessionId, userId: s.userId };
  }
  const touchEvery = Math.min(15_000, opts.timeouts.idleMs / 20);
  if (now - s.lastSeenAt.getTime() >= touchEvery) {
    await db.update(sessions).set({ lastSeenAt: opts.now }).where(eq(sessions.id, s.sessionId));
  }
  const stage: SessionStage =
    s.stage === 'mfa_pending'
      ? 'mfa_pending'
      : !s.mfaEnabledAt && (opts.mfaRequiredRoles ?? []).includes(s.role)
        ? 'mfa_enrolment'
        : 'full';
  return {
    status: 'valid',
    actor: {
      userId: s.userId,
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      organizationId: s.organizationId,
      organizationKind: s.organizationKind,
      permissions: rolePermissions(s.role),
      sessionId: s.sessionId,
      stage,
      ...(s.breakGlass && s.breakGlass.length > 0 ? { breakGlass: new Map(s.breakGlass) } : {}),
    },
  };
}

export async function revokeSession(db: Db, sessionId: string, reason: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now, revokeReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** End every live session of a user (disabling, role change, password reset). Returns how many ended. */
export async function revokeUserSessions(db: Db, userId: string, reason: string, now: Date): Promise<number> {
  const r = await db
    .update(sessions)
    .set({ revokedAt: now, revokeReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return r.length;
}

/** Housekeeping (jobs/scheduled.ts): delete sessions that ended more than a day ago. Returns how many. */
export async function purgeOldSessions(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - 86_400_000);
  const r = await db
    .delete(sessions)
    .where(sql`(${sessions.revokedAt} is not null and ${sessions.revokedAt} < ${cutoff}) or ${sessions.expiresAt} < ${cutoff}`)
    .returning({ id: sessions.id });
  return r.length;
}

/** The user's live sessions, newest first (expired and revoked ones are not listed). */
export async function listUserSessions(db: Db, userId: string, now: Date, idleMs: number) {
  const idleCutoff = new Date(now.getTime() - idleMs);
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      clientIp: sessions.clientIp,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        sql`${sessions.expiresAt} > ${now}`,
        sql`${sessions.lastSeenAt} > ${idleCutoff}`,
      ),
    )
    .orderBy(sql`${sessions.lastSeenAt} desc`);
}

/** End every live session of a user except `keep` (null: all). Returns how many ended. */
export async function revokeUserSessionsExcept(db: Db, userId: string, keep: string | null, reason: string, now: Date): Promise<number> {
  const r = await db
    .update(sessions)
    .set({ revokedAt: now, revokeReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? sql`${sessions.id} <> ${keep}` : undefined))
    .returning({ id: sessions.id });
  return r.length;
}
