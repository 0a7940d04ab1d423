import { recordAudit } from '../../audit/record.js';
import { clearMfa } from '../../auth/mfa.js';
import { revokeUserSessions } from '../../auth/sessions.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { loadUser, toUserDto } from './queries.js';
import type { UserDto } from '@gisurg/contracts/users';

/**
 * The security administrator resets a user's MFA (lost phone, issue 17): secret and recovery codes gone, every session
 * ended; a user whose role requires MFA must enrol again at the next sign-in. Not one's own (another administrator
 * does that). Audited as `user.mfa_reset`.
 */
export async function resetUserMfa(ctx: UseCaseContext, id: string): Promise<UserDto> {
  const { db, actor, meta, clock } = ctx;
  if (id === actor.userId) throw new AppError('INVALID_STATE', 'errors.invalidState');
  const current = await loadUser(db, id);
  if (!current) throw notFound();
  const now = clock.now();
  return db.transaction(async (tx) => {
    await clearMfa(tx, id);
    const ended = await revokeUserSessions(tx, id, 'mfa_reset', now);
    await recordAudit(tx, meta, actor, {
      action: 'user.mfa_reset',
      outcome: 'success',
      resourceType: 'user',
      resourceId: id,
      details: { wasEnrolled: current.u.mfaEnabledAt !== null, sessionsEnded: ended },
    });
    return toUserDto((await loadUser(tx, id))!, now);
  });
}

/** The security administrator ends every session of a user (issue 17). Audited as `user.sessions_revoke`. */
export async function revokeAllUserSessions(ctx: UseCaseContext, id: string): Promise<{ revoked: number }> {
  const { db, actor, meta, clock } = ctx;
  const current = await loadUser(db, id);
  if (!current) throw notFound();
  const now = clock.now();
  return db.transaction(async (tx) => {
    const revoked = await revokeUserSessions(tx, id, 'ended_by_security_admin', now);
    await recordAudit(tx, meta, actor, {
      action: 'user.sessions_revoke',
      outcome: 'success',
      resourceType: 'user',
      resourceId: id,
      details: { sessionsEnded: revoked },
    });
    return { revoked };
  });
}
