import type { SessionStage } from '@gisurg/contracts/auth';
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
  /** Where the session stands (MFA, issue 17); absent = full (CLI, API clients). */
  stage?: SessionStage;
  /** Live break-glass grants (ADR 0015): patient id → grant id. Those patients are in scope until the grant ends. */
  breakGlass?: ReadonlyMap<string, string>;
}

export function isExternal(actor: Actor): boolean {
  return actor.organizationKind !== 'home';
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
