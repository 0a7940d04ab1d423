import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { isRole, type Role } from '../../auth/permissions.js';
import { organizations } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { invalidField } from '../../core/validation.js';
import type { Locale } from '../../i18n/messages.js';
import { findActiveUser } from './queries.js';

export interface PersonInput {
  userId?: string | undefined;
  name?: string | null | undefined;
  specialty?: string | undefined;
  title?: string | null | undefined;
  organizationId?: string | undefined;
  hospitalName?: string | null | undefined;
  hospital?: string | null | undefined;
}

export interface Person {
  userId: string | null;
  name: string;
  specialty: string;
  title: string | null;
  organizationId: string | null;
  hospitalName: string | null;
}

/** The specialty a user attends for when their account names none. */
export function defaultSpecialty(role: Role): string {
  switch (role) {
    case 'surgeon':
    case 'resident':
    case 'department_head':
    case 'student':
      return 'surgery';
    case 'nurse':
      return 'nursing';
    case 'mdt_coordinator':
      return 'coordination';
    case 'external_doctor':
      return 'surgery';
    case 'admin':
    case 'security_admin':
    case 'audit_admin':
    case 'researcher':
      return 'other';
  }
}

/**
 * A participant from the request: a user account (name, title, hospital and specialty from the account
 * unless given), a guest by name and specialty (hospital optional), or — with nothing given — the actor.
 */
export async function resolvePerson(db: Db, locale: Locale, actor: Actor, input: PersonInput): Promise<Person> {
  const userId = input.userId ?? (input.name ? undefined : actor.userId);
  if (userId) {
    const u = await findActiveUser(db, userId);
    if (!u) throw invalidField(locale, 'userId', 'mdt.validation.userUnknown');
    return {
      userId: u.id,
      name: input.name ?? u.displayName,
      specialty: input.specialty ?? u.specialty ?? (isRole(u.role) ? defaultSpecialty(u.role) : 'other'),
      title: input.title ?? u.title,
      organizationId: u.organizationId,
      hospitalName: null,
    };
  }
  if (!input.name || !input.specialty) throw invalidField(locale, input.name ? 'specialty' : 'name', 'mdt.validation.person');
  if (input.organizationId) {
    const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.organizationId));
    if (!org) throw invalidField(locale, 'organizationId', 'mdt.validation.organizationUnknown');
  }
  return {
    userId: null,
    name: input.name,
    specialty: input.specialty,
    title: input.title ?? null,
    organizationId: input.organizationId ?? null,
    hospitalName: input.hospitalName ?? input.hospital ?? null,
  };
}
