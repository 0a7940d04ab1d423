import { eq } from 'drizzle-orm';
import { organizations, users } from '../db/schema/index.js';
import { recordAudit } from '../audit/record.js';
import type { Config } from '../config.js';
import { AppError } from '../core/app-error.js';
import type { AnonymousContext } from '../core/context.js';
import { reserveAccountAttempt, type LoginThrottle } from './login-throttle.js';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';

export interface LoginInput {
  username: string;
  password: string;
}

/**
 * Sign in (trust.md S8/S9, china-context.md §5.2): generic failure whatever the reason (unknown user,
 * wrong password, locked, disabled), the same argon2 work for unknown users, account lockout after
 * `maxFailures` failures for `lockMs`, per-IP throttle, every attempt audited.
 */
export async function login(
  ctx: AnonymousContext,
  deps: { config: Config; throttle: LoginThrottle },
  input: LoginInput,
): Promise<{ token: string; userId: string; sessionId: string; expiresAt: Date; stage: 'full' | 'mfa_pending' }> {
  const { db, meta, clock } = ctx;
  const { config, throttle } = deps;
  const now = clock.now();
  const ip = meta.clientIp ?? 'unknown';
  const username = input.username.trim().toLowerCase();
  // Cut by code point, so a character outside the BMP is never split into a lone surrogate.
  const auditName = Array.from(username).slice(0, 64).join('');

  // Check-and-count in one statement per address and per account before any password is checked.
  if (!(await throttle.reserveAddress(db, ip, now))) {
    await recordAudit(db, meta, null, {
      action: 'auth.login',
      outcome: 'denied',
      details: { username: auditName, reason: 'ip_throttled' },
    });
    throw new AppError('RATE_LIMITED', 'errors.rateLimited');
  }

  const [user] = await db
    .select({
      id: users.id,
      role: users.role,
      organizationId: users.organizationId,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
      mfaEnabledAt: users.mfaEnabledAt,
      orgDisabledAt: organizations.disabledAt,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.username, username))
    .limit(1);

  const disabled = Boolean(user && (user.disabledAt || user.orgDisabledAt));
  const slot = user && !disabled ? await reserveAccountAttempt(db, username, now, config.login) : null;
  const locked = Boolean(user && !disabled && !slot);
  const usable = Boolean(user && !disabled && slot);
  // Unknown, disabled and locked accounts verify against a dummy hash: same cost, no oracle.
  const ok = await verifyPassword(usable ? user!.passwordHash : await dummyPasswordHash(), input.password);

  if (!user || !usable || !ok) {
    const reason = !user ? 'unknown_user' : disabled ? 'disabled' : locked ? 'locked' : 'bad_password';
    const lockedNow = reason === 'bad_password' && slot?.lockedNow;
    await recordAudit(db, meta, user ? { actorId: user.id, actorRole: user.role, organizationId: user.organizationId } : null, {
      action: 'auth.login',
      outcome: 'failure',
      resourceType: 'user',
      resourceId: user?.id ?? null,
      details: { username: auditName, reason, ...(lockedNow ? { lockedUntil: slot.lockedUntil.toISOString() } : {}) },
    });
    throw new AppError('UNAUTHENTICATED', 'errors.invalidCredentials');
  }

  await throttle.releaseAddress(db, ip);
  const newHash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  // An enrolled user gets a pending session that can only submit the second factor (auth/mfa.ts). The account's
  // attempt slot stays taken until the code is right: code guesses count toward the same lockout as passwords.
  const stage = user.mfaEnabledAt ? ('mfa_pending' as const) : ('full' as const);
  return db.transaction(async (tx) => {
    if (stage === 'full' || newHash) {
      await tx
        .update(users)
        .set(
          stage === 'full'
            ? { failedAttempts: 0, lockedUntil: null, lastLoginAt: now, ...(newHash ? { passwordHash: newHash } : {}) }
            : { passwordHash: newHash! },
        )
        .where(eq(users.id, user.id));
    }
    const session = await createSession(tx, {
      stage,
      secret: config.sessionSecret,
      userId: user.id,
      now,
      timeouts: config.session,
      clientIp: meta.clientIp,
      userAgent: meta.userAgent,
    });
    await recordAudit(
      tx,
      meta,
      { actorId: user.id, actorRole: user.role, organizationId: user.organizationId },
      {
        action: 'auth.login',
        outcome: 'success',
        resourceType: 'session',
        resourceId: session.sessionId,
        details:
          newHash || stage !== 'full' ? { ...(newHash ? { rehashed: true } : {}), ...(stage !== 'full' ? { mfa: 'pending' } : {}) } : null,
      },
    );
    return { token: session.token, userId: user.id, sessionId: session.sessionId, expiresAt: session.expiresAt, stage };
  });
}
