import { eq } from 'drizzle-orm';
import { organizations, sessions, users } from '../db/schema/index.js';
import type { Db } from '../db/types.js';
import { recoveryCodesLeft } from './mfa.js';
import { ROLE_PERMISSIONS, type Role } from './permissions.js';
import type { Me } from '@gisurg/contracts/auth';

/** The signed-in user with role, organization, permissions and session limits (for the web shell). */
export async function getMe(
  db: Db,
  userId: string,
  sessionId: string,
  opts: { idleMs: number; timeZone: string; mfaRequiredRoles: readonly string[] },
): Promise<Me> {
  const { idleMs, timeZone } = opts;
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      title: users.title,
      orgId: organizations.id,
      orgName: organizations.name,
      orgNameEn: organizations.nameEn,
      orgKind: organizations.kind,
      expiresAt: sessions.expiresAt,
      sessionStage: sessions.stage,
      mfaEnabledAt: users.mfaEnabledAt,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .innerJoin(sessions, eq(sessions.id, sessionId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) throw new Error('session user vanished');
  const role = row.role as Role;
  const required = opts.mfaRequiredRoles.includes(role);
  const enrolled = row.mfaEnabledAt !== null;
  const stage = row.sessionStage === 'mfa_pending' ? 'mfa_pending' : required && !enrolled ? 'mfa_enrolment' : 'full';
  return {
    user: { id: row.id, username: row.username, displayName: row.displayName, role, title: row.title },
    role,
    organization: { id: row.orgId, name: row.orgName, nameEn: row.orgNameEn, kind: row.orgKind },
    permissions: [...ROLE_PERMISSIONS[role]],
    session: { idleTimeoutSeconds: Math.round(idleMs / 1000), expiresAt: row.expiresAt.toISOString() },
    stage,
    mfa: { enrolled, required, recoveryCodesLeft: enrolled ? await recoveryCodesLeft(db, userId) : 0 },
    timeZone,
  };
}
