import { eq } from 'drizzle-orm';
import { organizations, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Role } from '../../auth/permissions.js';
import type { UserDto } from '@gisurg/contracts/users';

export const userColumns = {
  u: users,
  organizationName: organizations.name,
};

export type UserRow = typeof users.$inferSelect;

export function toUserDto(r: { u: UserRow; organizationName: string }, now: Date): UserDto {
  const { u } = r;
  return {
    id: u.id,
    version: u.version,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    organizationId: u.organizationId,
    organizationName: r.organizationName,
    title: u.title,
    specialty: u.specialty,
    phone: u.phone,
    disabled: u.disabledAt !== null,
    locked: u.lockedUntil !== null && u.lockedUntil.getTime() > now.getTime(),
    mfaEnrolled: u.mfaEnabledAt !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function loadUser(db: Db, id: string): Promise<{ u: UserRow; organizationName: string } | null> {
  const rows = await db
    .select(userColumns)
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, id))
    .limit(1);
  return rows[0] ?? null;
}
