import { and, eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { diff, recordAudit } from '../../audit/record.js';
import { hashPassword, meetsPasswordPolicy } from '../../auth/passwords.js';
import { revokeUserSessions } from '../../auth/sessions.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { checkRoleOrganization } from './check-role-organization.js';
import { loadUser, toUserDto } from './queries.js';
import type { UpdateUser, UserDto } from '@gisurg/contracts/users';
import { isAdminRole } from '@gisurg/contracts/auth';

/**
 * Administrator edits a user: role, organization, profile, disable/enable, unlock, password reset.
 * Disabling, a role or organization change and a password reset end the user's sessions (trust.md S8).
 * Administrators cannot disable themselves or change their own role (no accidental lock-out).
 * 三员分立 (issue 17): a role change, an unlock and any change to an administrator account (admin, security_admin,
 * audit_admin) belong to the security administrator (change-user-security.ts) — 403 here.
 */
export async function updateUser(ctx: UseCaseContext, id: string, input: UpdateUser): Promise<UserDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const current = await loadUser(db, id);
  if (!current) throw notFound();
  if (id === actor.userId && (input.disabled === true || (input.role !== undefined && input.role !== current.u.role))) {
    throw new AppError('INVALID_STATE', 'errors.invalidState');
  }
  const roleChange = input.role !== undefined && input.role !== current.u.role;
  if (roleChange || input.unlock || (isAdminRole(current.u.role) && id !== actor.userId))
    throw new AppError('FORBIDDEN', 'errors.separationOfDuties');
  const role = input.role ?? (current.u.role as UserDto['role']);
  const organizationId = input.organizationId ?? current.u.organizationId;
  if (input.role !== undefined || input.organizationId !== undefined) await checkRoleOrganization(db, locale, role, organizationId);
  if (input.password !== undefined && !meetsPasswordPolicy(input.password))
    throw invalidField(locale, 'password', 'validation.password.policy');
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        role,
        organizationId,
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.specialty !== undefined ? { specialty: input.specialty } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.disabled !== undefined ? { disabledAt: input.disabled ? (current.u.disabledAt ?? now) : null } : {}),
        ...(input.unlock ? { lockedUntil: null, failedAttempts: 0 } : {}),
        ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}),
        version: input.version + 1,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(and(eq(users.id, id), eq(users.version, input.version)))
      .returning();
    if (!row) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: current.u.version });
    const endSessions =
      input.disabled === true || passwordHash !== undefined || role !== current.u.role || organizationId !== current.u.organizationId;
    const ended = endSessions ? await revokeUserSessions(tx, id, input.disabled ? 'user_disabled' : 'account_changed', now) : 0;
    await recordAudit(tx, meta, actor, {
      action: 'user.update',
      outcome: 'success',
      resourceType: 'user',
      resourceId: id,
      details: {
        changes: diff(current.u, row, ['displayName', 'role', 'organizationId', 'title', 'specialty', 'phone', 'disabledAt']),
        ...(input.unlock ? { unlocked: true } : {}),
        ...(passwordHash ? { passwordReset: true } : {}),
        sessionsEnded: ended,
      },
    });
    return toUserDto((await loadUser(tx, id))!, now);
  });
}
