import { and, eq, isNull, ne } from 'drizzle-orm';
import { sessions, users } from '../db/schema/index.js';
import { recordAudit } from '../audit/record.js';
import { AppError } from '../core/app-error.js';
import type { UseCaseContext } from '../core/context.js';
import { invalidField } from '../core/validation.js';
import { hashPassword, meetsPasswordPolicy, verifyPassword } from './passwords.js';

/** Change one's own password; every other session of the user ends (trust.md S8). */
export async function changePassword(ctx: UseCaseContext, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const { db, actor, meta, clock, locale } = ctx;
  if (!meetsPasswordPolicy(input.newPassword)) throw invalidField(locale, 'newPassword', 'validation.password.policy');
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.hash, input.currentPassword))) {
    throw new AppError('VALIDATION', 'errors.validation', {
      fields: [invalidField(locale, 'currentPassword', 'errors.invalidCredentials').details!.fields![0]!],
    });
  }
  const hash = await hashPassword(input.newPassword);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, actor.userId));
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: now, revokeReason: 'password_changed' })
      .where(
        and(
          eq(sessions.userId, actor.userId),
          isNull(sessions.revokedAt),
          ne(sessions.id, actor.sessionId ?? '00000000-0000-0000-0000-000000000000'),
        ),
      )
      .returning({ id: sessions.id });
    await recordAudit(tx, meta, actor, {
      action: 'auth.password_change',
      outcome: 'success',
      resourceType: 'user',
      resourceId: actor.userId,
      details: { otherSessionsEnded: ended.length },
    });
  });
}
