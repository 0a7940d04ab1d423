import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { isRole, permissionsOf } from '../../auth/permissions.js';
import { organizations, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

/** A demo account as the actor of the use cases the demo steps call (so demo data goes through the same rules). */
export async function actorOf(db: Db, username: string): Promise<Actor | null> {
  const [u] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      organizationId: users.organizationId,
      kind: organizations.kind,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.username, username));
  if (!u || !isRole(u.role)) return null;
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    organizationId: u.organizationId,
    organizationKind: u.kind,
    permissions: permissionsOf(u.role),
    sessionId: null,
  };
}
