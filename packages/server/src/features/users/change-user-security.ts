import { and, eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { diff, recordAudit } from '../../audit/record.js';
import { revokeUserSessions } from '../../auth/sessions.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { checkRoleOrganization } from './check-role-organization.js';
import { loadUser, toUserDto } from './queries.js';
import type { UserDto, UserSecurityChange } from '@gisurg/contracts/users';

/**
 * The security administrator (三员分立, issue 17): change a role (including granting or removing an administrator
 * role), unlock, disable or enable, end every session. A role change, disabling and `signOut` end the user's sessions.
 * No one changes their own role or disables themselves. Audited as `user.security`.
 */
export async function changeUserSecurity(ctx: UseCaseContext, id: string, input: UserSecurityChange): Promise<UserDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const current = await loadUser(db, id);
  if (!current) throw notFound();
  const role = input.role ?? (current.u.role as UserDto['role']);
  if (id === actor.userId && (input.disabled === true || role !== current.u.role))
    throw new AppError('INVALID_STATE', 'errors.invalidState');
  const organizationId = input.organizationId ?? current.u.organizationId;
  if (role !== current.u.role || organizationId !== current.u.organizationId) await checkRoleOrganization(db, locale, role, organizationId);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        role,
        organizationId,
        ...(input.disabled !== undefined ? { disabledAt: input.disabled ? (current.u.disabledAt ?? now) : null } : {}),
        ...(input.unlock ? { lockedUntil: null, failedAttempts: 0 } : {}),
        version: input.version + 1,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(and(eq(users.id, id), eq(users.version, input.version)))
      .returning();
    if (!row) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: current.u.version });
    const endSessions =
      input.signOut === true || input.disabled === true || role !== current.u.role || organizationId !== current.u.organizationId;
    const ended = endSessions ? await revokeUserSessions(tx, id, input.disabled ? 'user_disabled' : 'account_changed', now) : 0;
    await recordAudit(tx, meta, actor, {
      action: 'user.security',
      outcome: 'success',
      resourceType: 'user',
      resourceId: id,
      details: {
        changes: diff(current.u, row, ['role', 'organizationId', 'disabledAt']),
        ...(input.unlock ? { unlocked: true } : {}),
        ...(input.signOut ? { signOut: true } : {}),
        sessionsEnded: ended,
      },
    });
    return toUserDto((await loadUser(tx, id))!, now);
  });
}
