import { and, asc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { organizations, users } from '../../db/schema/index.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import type { Role } from '../../auth/permissions.js';
import { loadUser, toUserDto, userColumns } from './queries.js';
import type { UserDto } from '@gisurg/contracts/users';

export async function findUsers(
  ctx: UseCaseContext,
  q: {
    q?: string | undefined;
    role?: Role | undefined;
    organizationId?: string | undefined;
    includeDisabled?: boolean | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: UserDto[]; total: number; page: number; pageSize: number }> {
  const { db, clock } = ctx;
  const text = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null;
  const where = and(
    q.role ? eq(users.role, q.role) : undefined,
    q.organizationId ? eq(users.organizationId, q.organizationId) : undefined,
    q.includeDisabled ? undefined : isNull(users.disabledAt),
    text ? or(ilike(users.username, text), ilike(users.displayName, text)) : undefined,
  );
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(users)
    .where(where);
  const rows = await db
    .select(userColumns)
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(where)
    .orderBy(asc(users.username))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const now = clock.now();
  return { items: rows.map((r) => toUserDto(r, now)), total, page: q.page, pageSize: q.pageSize };
}

export async function getUser(ctx: UseCaseContext, id: string): Promise<UserDto> {
  const row = await loadUser(ctx.db, id);
  if (!row) throw notFound();
  return toUserDto(row, ctx.clock.now());
}
