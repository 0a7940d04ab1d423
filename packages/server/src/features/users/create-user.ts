import { and, eq, isNull } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { recordAudit } from '../../audit/record.js';
import { hashPassword, meetsPasswordPolicy } from '../../auth/passwords.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import { checkRoleOrganization } from './check-role-organization.js';
import { loadUser, toUserDto } from './queries.js';
import type { CreateUser, UserDto } from '@gisurg/contracts/users';
import { isAdminRole } from '@gisurg/contracts/auth';
import { AppError } from '../../core/app-error.js';

export async function createUser(ctx: UseCaseContext, input: CreateUser): Promise<UserDto> {
  const { db, actor, meta, locale, clock } = ctx;
  // 三员分立: the system administrator creates clinical accounts; an administrator role is granted by the security
  // administrator — except the first security or audit administrator of an installation, which only `admin` can create.
  if (isAdminRole(input.role) && !(input.role !== 'admin' && (await noActiveUserWithRole(db, input.role))))
    throw new AppError('FORBIDDEN', 'errors.separationOfDuties');
  if (!meetsPasswordPolicy(input.password)) throw invalidField(locale, 'password', 'validation.password.policy');
  await checkRoleOrganization(db, locale, input.role, input.organizationId);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const now = clock.now();
    const { password: _password, ...rest } = input;
    const [row] = await tx
      .insert(users)
      .values({
        ...rest,
        title: rest.title ?? null,
        specialty: rest.specialty ?? null,
        phone: rest.phone ?? null,
        passwordHash,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: users.id });
    await recordAudit(tx, meta, actor, {
      action: 'user.create',
      outcome: 'success',
      resourceType: 'user',
      resourceId: row!.id,
      details: { username: input.username, role: input.role, organizationId: input.organizationId },
    });
    return toUserDto((await loadUser(tx, row!.id))!, now);
  });
}

async function noActiveUserWithRole(db: Db, role: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, role), isNull(users.disabledAt)))
    .limit(1);
  return !row;
}
