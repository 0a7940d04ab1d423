import type { Permission, Role } from './permissions.js';

/** The signed-in user a use case acts for. Passed explicitly; never global. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  organizationId: string;
  organizationKind: 'home' | 'primary' | 'partner' | 'other';
  permissions: ReadonlySet<Permission>;
  sessionId: string | null;
}

export function isExternal(actor: Actor): boolean {
  return actor.organizationKind !== 'home';
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
