import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { organizations, users } from '../../db/schema/index.js';
import { recordAudit, diff } from '../../audit/record.js';
import { isExternal, type Actor } from '../../auth/actor.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import type { Db } from '../../db/types.js';
import type { CreateOrganization, OrganizationDto, UpdateOrganization } from '@gisurg/contracts/organizations';

type OrgRow = typeof organizations.$inferSelect;

// The outer column spelled out with its table: in a one-table select Drizzle writes ${organizations.id} as a bare
// "id", which inside this subquery means the user's id — every hospital counted 0 users (issue 16 item 9).
const userCount = sql<number>`(select count(*)::int from ${users} u where u.organization_id = ${organizations}.${sql.identifier('id')})`;

function toDto(r: OrgRow & { userCount: number }): OrganizationDto {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    nameEn: r.nameEn,
    kind: r.kind,
    region: r.region,
    disabled: r.disabledAt !== null,
    userCount: r.userCount,
    createdAt: r.createdAt.toISOString(),
  };
}

/** External doctors see only their own hospital and the home hospital. */
function orgScope(actor: Actor): SQL | undefined {
  return isExternal(actor) ? or(eq(organizations.id, actor.organizationId), eq(organizations.kind, 'home')) : undefined;
}

async function loadOrg(db: Db, actor: Actor, id: string): Promise<(OrgRow & { userCount: number }) | null> {
  const rows = await db
    .select({ o: organizations, userCount })
    .from(organizations)
    .where(and(eq(organizations.id, id), orgScope(actor)))
    .limit(1);
  return rows[0] ? { ...rows[0].o, userCount: rows[0].userCount } : null;
}

export async function findOrganizations(
  ctx: UseCaseContext,
  q: { q?: string | undefined; kind?: OrgRow['kind'] | undefined; page: number; pageSize: number },
): Promise<{ items: OrganizationDto[]; total: number; page: number; pageSize: number }> {
  const { db, actor } = ctx;
  const where = and(
    orgScope(actor),
    q.kind ? eq(organizations.kind, q.kind) : undefined,
    q.q
      ? or(
          ilike(organizations.name, `%${q.q.replace(/[\\%_]/g, '\\$&')}%`),
          ilike(organizations.nameEn, `%${q.q.replace(/[\\%_]/g, '\\$&')}%`),
        )
      : undefined,
  );
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(organizations)
    .where(where);
  const rows = await db
    .select({ o: organizations, userCount })
    .from(organizations)
    .where(where)
    .orderBy(
      sql`case ${organizations.kind} when 'home' then 0 when 'partner' then 1 when 'primary' then 2 else 3 end`,
      asc(organizations.name),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map((r) => toDto({ ...r.o, userCount: r.userCount })), total, page: q.page, pageSize: q.pageSize };
}

export async function getOrganization(ctx: UseCaseContext, id: string): Promise<OrganizationDto> {
  const row = await loadOrg(ctx.db, ctx.actor, id);
  if (!row) throw notFound();
  return toDto(row);
}

export async function createOrganization(ctx: UseCaseContext, input: CreateOrganization): Promise<OrganizationDto> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const now = clock.now();
    const [row] = await tx
      .insert(organizations)
      .values({
        ...input,
        nameEn: input.nameEn ?? null,
        region: input.region ?? null,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, meta, actor, {
      action: 'organization.create',
      outcome: 'success',
      resourceType: 'organization',
      resourceId: row!.id,
      details: { name: row!.name, kind: row!.kind },
    });
    return toDto({ ...row!, userCount: 0 });
  });
}

export async function updateOrganization(ctx: UseCaseContext, id: string, input: UpdateOrganization): Promise<OrganizationDto> {
  const { db, actor, meta, clock } = ctx;
  const current = await loadOrg(db, actor, id);
  if (!current) throw notFound();
  if (current.kind === 'home' && (input.kind !== undefined || input.disabled === true)) {
    throw new AppError('INVALID_STATE', 'errors.invalidState');
  }
  const now = clock.now();
  return db.transaction(async (tx) => {
    const { version, disabled, ...rest } = input;
    const [row] = await tx
      .update(organizations)
      .set({
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        ...(disabled !== undefined ? { disabledAt: disabled ? (current.disabledAt ?? now) : null } : {}),
        version: version + 1,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(and(eq(organizations.id, id), eq(organizations.version, version)))
      .returning();
    if (!row) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: current.version });
    await recordAudit(tx, meta, actor, {
      action: 'organization.update',
      outcome: 'success',
      resourceType: 'organization',
      resourceId: id,
      details: { changes: diff(current, row, ['name', 'nameEn', 'kind', 'region', 'disabledAt']) },
    });
    return toDto({ ...row, userCount: current.userCount });
  });
}
