import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../../auth/actor.js';
import { isRole, permissionsOf } from '../../../auth/permissions.js';
import { organizations, users } from '../../../db/schema/index.js';
import type { Db } from '../../../db/types.js';
import { clientActor, scopesOf } from '../clients.js';

/** Who started an export, as stored on its row: a user, or an API client with its token's scopes. */
export interface ExportOwner {
  actorKind: 'user' | 'client';
  actorId: string;
  scopes: string[] | null;
}

export function ownerOf(actor: Actor): ExportOwner {
  const scopes = scopesOf(actor);
  return scopes
    ? { actorKind: 'client', actorId: actor.userId, scopes: [...scopes] }
    : { actorKind: 'user', actorId: actor.userId, scopes: null };
}

/**
 * The actor the export job acts as: the user (as they are now: role, organization, not disabled) or the client
 * (not revoked, with the scopes of the kick-off token). Null when they can no longer act.
 */
export async function actorOfOwner(db: Db, owner: ExportOwner): Promise<Actor | null> {
  if (owner.actorKind === 'client') return clientActor(db, owner.actorId, owner.scopes ?? []);
  const [u] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      organizationId: users.organizationId,
      organizationKind: organizations.kind,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.id, owner.actorId), isNull(users.disabledAt), isNull(organizations.disabledAt)))
    .limit(1);
  if (!u || !isRole(u.role)) return null;
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    organizationId: u.organizationId,
    organizationKind: u.organizationKind,
    permissions: permissionsOf(u.role),
    sessionId: null,
  };
}
