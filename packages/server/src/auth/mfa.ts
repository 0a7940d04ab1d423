import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { mfaRecoveryCodes, users } from '../db/schema/index.js';
import { recordAudit } from '../audit/record.js';
import type { Config } from '../config.js';
import { AppError } from '../core/app-error.js';
import type { UseCaseContext } from '../core/context.js';
import { invalidField } from '../core/validation.js';
import type { Db } from '../db/types.js';
import { reserveAccountAttempt, type LoginThrottle } from './login-throttle.js';
import { createSession, revokeSession } from './sessions.js';
import {
  base32Encode,
  decryptSecret,
  encryptSecret,
  matchTotp,
  newRecoveryCode,
  newTotpSecret,
  otpauthUri,
  recoveryCodeHash,
} from './totp.js';
import type { MfaEnrolment, RecoveryCodes } from '@gisurg/contracts/auth';

/**
 * MFA (issue 17, ADR 0015): TOTP (RFC 6238) with ten single-use recovery codes. The secret is stored encrypted
 * (auth/totp.ts) and shown only while enrolling; recovery codes only as hashes. Every check of a code takes a slot of
 * the sign-in throttle first (per address and per account, auth/login-throttle.ts), so the 6-digit space cannot be
 * searched: with the default lockout an attacker who knows the password gets 4 guesses per 15 minutes.
 */
export const RECOVERY_CODE_COUNT = 10;

export interface MfaDeps {
  config: Config;
  throttle: LoginThrottle;
}

type CodeMatch = { kind: 'totp'; step: number } | { kind: 'recovery'; id: string };

async function loadMfaUser(db: Db, userId: string) {
  const [u] = await db
    .select({
      id: users.id,
      username: users.username,
      mfaSecret: users.mfaSecret,
      mfaEnabledAt: users.mfaEnabledAt,
      mfaLastStep: users.mfaLastStep,
      mfaPendingSecret: users.mfaPendingSecret,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!u) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
  return u;
}

async function newRecoveryCodes(db: Db, userId: string, now: Date): Promise<string[]> {
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
  await db.insert(mfaRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: recoveryCodeHash(c), createdAt: now })));
  return codes;
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return Number(r?.n ?? 0);
}

/**
 * Check a second-factor code under the sign-in throttle. A wrong code is a 400 on `code` (and a failed attempt of the
 * account); a locked account or address is 429. Returns what matched; the caller consumes it in its transaction.
 */
async function checkCode(
  ctx: UseCaseContext,
  deps: MfaDeps,
  user: { id: string; username: string; mfaSecret: string | null; mfaLastStep: number | null },
  code: string,
  action: string,
  allowRecovery: boolean,
): Promise<CodeMatch> {
  const { db, meta, actor, clock, locale } = ctx;
  const now = clock.now();
  const ip = meta.clientIp ?? 'unknown';
  if (!(await deps.throttle.reserveAddress(db, ip, now))) {
    await recordAudit(db, meta, actor, {
      action,
      outcome: 'denied',
      resourceType: 'user',
      resourceId: user.id,
      details: { reason: 'ip_throttled' },
    });
    throw new AppError('RATE_LIMITED', 'errors.rateLimited');
  }
  const slot = await reserveAccountAttempt(db, user.username, now, deps.config.login);
  if (!slot) {
    await db.transaction(async (tx) => {
      if (actor.stage === 'mfa_pending' && actor.sessionId) await revokeSession(tx, actor.sessionId, 'mfa_locked', now);
      await recordAudit(tx, meta, actor, {
        action,
        outcome: 'denied',
        resourceType: 'user',
        resourceId: user.id,
        details: { reason: 'locked' },
      });
    });
    throw new AppError('RATE_LIMITED', 'errors.mfaLocked');
  }
  const key = user.mfaSecret ? decryptSecret(deps.config.sessionSecret, user.mfaSecret) : null;
  const trimmed = code.replace(/\s/g, '');
  let match: CodeMatch | null = null;
  if (key && /^\d{6}$/.test(trimmed)) {
    const step = matchTotp(key, trimmed, now, user.mfaLastStep);
    if (step !== null) match = { kind: 'totp', step };
  } else if (allowRecovery && trimmed.length >= 16) {
    const [row] = await db
      .select({ id: mfaRecoveryCodes.id })
      .from(mfaRecoveryCodes)
      .where(
        and(
          eq(mfaRecoveryCodes.userId, user.id),
          eq(mfaRecoveryCodes.codeHash, recoveryCodeHash(trimmed)),
          isNull(mfaRecoveryCodes.usedAt),
        ),
      )
      .limit(1);
    if (row) match = { kind: 'recovery', id: row.id };
  }
  if (!match) {
    await recordAudit(db, meta, actor, {
      action,
      outcome: 'failure',
      resourceType: 'user',
      resourceId: user.id,
      details: {
        reason: key ? 'bad_code' : 'secret_unreadable',
        ...(slot.lockedNow ? { lockedUntil: slot.lockedUntil.toISOString() } : {}),
      },
    });
    throw invalidField(locale, 'code', 'auth.mfa.invalidCode');
  }
  await deps.throttle.releaseAddress(db, ip);
  return match;
}

/** Consume a matched code in the transaction: the TOTP step moves forward (a replay then fails), a recovery code is used up. */
async function consume(tx: Db, ctx: UseCaseContext, userId: string, match: CodeMatch, now: Date): Promise<void> {
  if (match.kind === 'totp') {
    const r = await tx
      .update(users)
      .set({ mfaLastStep: match.step, failedAttempts: 0, lockedUntil: null })
      .where(and(eq(users.id, userId), sql`(${users.mfaLastStep} is null or ${users.mfaLastStep} < ${match.step})`))
      .returning({ id: users.id });
    if (r.length === 0) throw invalidField(ctx.locale, 'code', 'auth.mfa.invalidCode');
  } else {
    const r = await tx
      .update(mfaRecoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(mfaRecoveryCodes.id, match.id), isNull(mfaRecoveryCodes.usedAt)))
      .returning({ id: mfaRecoveryCodes.id });
    if (r.length === 0) throw invalidField(ctx.locale, 'code', 'auth.mfa.invalidCode');
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, userId));
  }
}

/**
 * The second sign-in step: a pending session plus a TOTP or recovery code becomes a full session under a NEW token
 * (the pending one ends), so a token seen before the second factor is worth nothing after it.
 */
export async function verifyMfa(
  ctx: UseCaseContext,
  deps: MfaDeps,
  code: string,
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const { db, actor, meta, clock } = ctx;
  if (actor.stage !== 'mfa_pending') throw new AppError('INVALID_STATE', 'errors.invalidState');
  const user = await loadMfaUser(db, actor.userId);
  const match = await checkCode(ctx, deps, user, code, 'auth.mfa_verify', true);
  const now = clock.now();
  return db.transaction(async (tx) => {
    await consume(tx, ctx, user.id, match, now);
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    await revokeSession(tx, actor.sessionId!, 'mfa_verified', now);
    const session = await createSession(tx, {
      secret: deps.config.sessionSecret,
      userId: user.id,
      now,
      timeouts: deps.config.session,
      clientIp: meta.clientIp,
      userAgent: meta.userAgent,
    });
    const left = match.kind === 'recovery' ? await recoveryCodesLeft(tx, user.id) : undefined;
    await recordAudit(tx, meta, actor, {
      action: 'auth.mfa_verify',
      outcome: 'success',
      resourceType: 'session',
      resourceId: session.sessionId,
      details: { method: match.kind, ...(left !== undefined ? { recoveryCodesLeft: left } : {}) },
    });
    return session;
  });
}

/** Start (or restart) enrolment: a new secret, kept as pending until a code confirms it. Refused when enrolled. */
export async function startEnrolment(ctx: UseCaseContext, config: Config): Promise<MfaEnrolment> {
  const { db, actor, meta } = ctx;
  const user = await loadMfaUser(db, actor.userId);
  if (user.mfaEnabledAt) throw new AppError('INVALID_STATE', 'errors.mfaAlreadyEnrolled');
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ mfaPendingSecret: encryptSecret(config.sessionSecret, secret) })
      .where(eq(users.id, user.id));
    await recordAudit(tx, meta, actor, { action: 'auth.mfa_enrol_start', outcome: 'success', resourceType: 'user', resourceId: user.id });
  });
  const text = base32Encode(secret);
  return { secret: text, otpauthUri: otpauthUri(text, user.username) };
}

/** Confirm enrolment with a code of the pending secret: MFA is on, and ten recovery codes are returned (shown once). */
export async function confirmEnrolment(ctx: UseCaseContext, config: Config, code: string): Promise<RecoveryCodes> {
  const { db, actor, meta, clock, locale } = ctx;
  const user = await loadMfaUser(db, actor.userId);
  if (user.mfaEnabledAt) throw new AppError('INVALID_STATE', 'errors.mfaAlreadyEnrolled');
  const key = user.mfaPendingSecret ? decryptSecret(config.sessionSecret, user.mfaPendingSecret) : null;
  if (!key) throw new AppError('INVALID_STATE', 'errors.mfaNoEnrolment');
  const now = clock.now();
  const step = matchTotp(key, code.replace(/\s/g, ''), now, null);
  if (step === null) {
    await recordAudit(db, meta, actor, { action: 'auth.mfa_enrol', outcome: 'failure', resourceType: 'user', resourceId: user.id });
    throw invalidField(locale, 'code', 'auth.mfa.invalidCode');
  }
  return db.transaction(async (tx) => {
    const r = await tx
      .update(users)
      .set({ mfaSecret: user.mfaPendingSecret, mfaPendingSecret: null, mfaEnabledAt: now, mfaLastStep: step })
      .where(and(eq(users.id, user.id), isNull(users.mfaEnabledAt)))
      .returning({ id: users.id });
    if (r.length === 0) throw new AppError('INVALID_STATE', 'errors.mfaAlreadyEnrolled');
    const recoveryCodes = await newRecoveryCodes(tx, user.id, now);
    await recordAudit(tx, meta, actor, {
      action: 'auth.mfa_enrol',
      outcome: 'success',
      resourceType: 'user',
      resourceId: user.id,
      details: { recoveryCodes: RECOVERY_CODE_COUNT },
    });
    return { recoveryCodes };
  });
}

/** New recovery codes (the old ones stop working), with a current TOTP code. */
export async function regenerateRecoveryCodes(ctx: UseCaseContext, deps: MfaDeps, code: string): Promise<RecoveryCodes> {
  const { db, actor, meta, clock } = ctx;
  const user = await loadMfaUser(db, actor.userId);
  if (!user.mfaEnabledAt) throw new AppError('INVALID_STATE', 'errors.mfaNoEnrolment');
  const match = await checkCode(ctx, deps, user, code, 'auth.mfa_recovery_codes', false);
  const now = clock.now();
  return db.transaction(async (tx) => {
    await consume(tx, ctx, user.id, match, now);
    const recoveryCodes = await newRecoveryCodes(tx, user.id, now);
    await recordAudit(tx, meta, actor, {
      action: 'auth.mfa_recovery_codes',
      outcome: 'success',
      resourceType: 'user',
      resourceId: user.id,
      details: { recoveryCodes: RECOVERY_CODE_COUNT },
    });
    return { recoveryCodes };
  });
}

/** The security administrator's reset (users feature): MFA off, recovery codes gone. The caller audits and ends sessions. */
export async function clearMfa(tx: Db, userId: string): Promise<boolean> {
  const r = await tx
    .update(users)
    .set({ mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  return r.length === 1;
}
