import { eq } from 'drizzle-orm';
import { organizations } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Role } from '../../auth/permissions.js';
import type { Locale } from '../../i18n/messages.js';
import { invalidField } from '../../core/validation.js';

/** External doctors belong to an external hospital; every other role to the home hospital. */
export async function checkRoleOrganization(db: Db, locale: Locale, role: Role, organizationId: string): Promise<void> {
  const [org] = await db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw invalidField(locale, 'organizationId', 'validation.organization.unknown');
  if (role === 'external_doctor' && org.kind === 'home') throw invalidField(locale, 'organizationId', 'validation.role.externalOnly');
  if (role !== 'external_doctor' && org.kind !== 'home') throw invalidField(locale, 'role', 'validation.role.homeOnly');
}
