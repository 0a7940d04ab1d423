import type { Db } from '../db/types.js';
import type { Actor } from './actor.js';

/**
 * Bearer tokens for system clients (issue 13): the FHIR feature registers how a token becomes an actor; the
 * auth plugin asks it for requests under /fhir/ that carry `Authorization: Bearer …` instead of a session
 * cookie. Permissions and audit then work exactly as for a signed-in user.
 */
export type BearerResolver = (db: Db, token: string, now: Date) => Promise<Actor | null>;

let resolver: BearerResolver | null = null;

export function setBearerResolver(r: BearerResolver): void {
  resolver = r;
}

export function bearerResolver(): BearerResolver | null {
  return resolver;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerTokenOf(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
  return m ? m[1]! : null;
}
