import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { isExternal, type Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import { organizations, outreachActivities, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { FieldIssue } from '@gisurg/contracts';
import type { Outreach, OutreachBody, OutreachList, ReachListQuery, UpdateOutreach } from '@gisurg/contracts/consultations';
import { checkHospitals, checkSurgeons, stale, yearRange } from './reach-common.js';

type Row = typeof outreachActivities.$inferSelect;

/** Home staff see their department's outreach; a primary hospital's doctor only what reached their hospital. */
export function outreachScope(actor: Actor): SQL {
  return isExternal(actor)
    ? sql`${actor.organizationId}::uuid = any(${outreachActivities.organizationIds})`
    : eq(outreachActivities.ownerOrganizationId, actor.organizationId);
}

const HTTP_LINK = /^https?:\/\/[^\s]+$/i;

/** The kind's rules: a visit has one hospital, an activity and a surgeon; a tele-session a video link. */
async function validate(db: Db, ctx: UseCaseContext, input: OutreachBody): Promise<void> {
  const { locale, actor } = ctx;
  const issues: FieldIssue[] = [];
  if (input.kind === 'visit') {
    if (input.organizationIds.length !== 1) issues.push(fieldIssue(locale, 'organizationIds', 'consultations.validation.oneHospital'));
    if (!input.activity) issues.push(fieldIssue(locale, 'activity', 'validation.required'));
    if (input.surgeonIds.length === 0) issues.push(fieldIssue(locale, 'surgeonIds', 'consultations.validation.surgeonRequired'));
  } else if (!input.videoLink) {
    issues.push(fieldIssue(locale, 'videoLink', 'validation.required'));
  }
  if (input.videoLink && !HTTP_LINK.test(input.videoLink)) issues.push(fieldIssue(locale, 'videoLink', 'consultations.validation.link'));
  await checkHospitals(db, locale, 'organizationIds', input.organizationIds, issues);
  await checkSurgeons(db, actor, locale, input.surgeonIds, issues);
  if (issues.length) throw validationError(issues);
}

function columns(input: OutreachBody) {
  return {
    kind: input.kind,
    date: input.date,
    organizationIds: [...new Set(input.organizationIds)],
    surgeonIds: [...new Set(input.surgeonIds)],
    activity: input.kind === 'visit' ? (input.activity ?? null) : null,
    videoLink: input.videoLink ?? null,
    participants: input.participants ?? null,
    notes: input.notes ?? null,
  };
}

async function toOutreach(db: Db, rows: Row[]): Promise<Outreach[]> {
  const orgIds = [...new Set(rows.flatMap((r) => r.organizationIds))];
  const userIds = [...new Set(rows.flatMap((r) => r.surgeonIds))];
  const orgNames = new Map(
    orgIds.length
      ? (
          await db
            .select({ id: organizations.id, name: organizations.name })
            .from(organizations)
            .where(sql`${organizations.id} = any(${sql.param(orgIds)}::uuid[])`)
        ).map((o) => [o.id, o.name])
      : [],
  );
  const userNames = new Map(
    userIds.length
      ? (
          await db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(sql`${users.id} = any(${sql.param(userIds)}::uuid[])`)
        ).map((u) => [u.id, u.name])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    date: r.date,
    hospitals: r.organizationIds.map((id) => ({ id, name: orgNames.get(id) ?? '' })),
    surgeons: r.surgeonIds.map((id) => ({ id, name: userNames.get(id) ?? '' })),
    activity: r.activity,
    videoLink: r.videoLink,
    participants: r.participants,
    notes: r.notes,
    version: r.version,
  }));
}

export async function listOutreach(ctx: UseCaseContext, q: ReachListQuery): Promise<OutreachList> {
  const { db, actor, meta } = ctx;
  const where: SQL[] = [outreachScope(actor)];
  if (q.year) {
    const r = yearRange(q.year);
    where.push(gte(outreachActivities.date, r.from), lte(outreachActivities.date, r.to));
  }
  if (q.organizationId) where.push(sql`${q.organizationId}::uuid = any(${outreachActivities.organizationIds})`);
  const rows = await db
    .select()
    .from(outreachActivities)
    .where(and(...where))
    .orderBy(desc(outreachActivities.date), desc(outreachActivities.createdAt));
  await recordAudit(db, meta, actor, {
    action: 'consultation.outreach.list',
    outcome: 'success',
    resourceType: 'outreach',
    details: { year: q.year ?? null },
  });
  const items = await toOutreach(db, rows);
  return { items, total: items.length };
}

async function findOutreach(db: Db, actor: Actor, id: string, lock = false): Promise<Row | null> {
  const q = db
    .select()
    .from(outreachActivities)
    .where(and(eq(outreachActivities.id, id), outreachScope(actor)))
    .limit(1);
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function getOutreach(ctx: UseCaseContext, id: string): Promise<Outreach> {
  const row = await findOutreach(ctx.db, ctx.actor, id);
  if (!row) throw notFound();
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'consultation.outreach.read',
    outcome: 'success',
    resourceType: 'outreach',
    resourceId: id,
  });
  return (await toOutreach(ctx.db, [row]))[0]!;
}

export async function createOutreach(ctx: UseCaseContext, input: OutreachBody): Promise<Outreach> {
  const { actor, meta, clock } = ctx;
  return ctx.db.transaction(async (tx) => {
    await validate(tx, ctx, input);
    const now = clock.now();
    const [row] = await tx
      .insert(outreachActivities)
      .values({
        ...columns(input),
        ownerOrganizationId: actor.organizationId,
        createdBy: actor.userId,
        updatedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, meta, actor, {
      action: 'consultation.outreach.create',
      outcome: 'success',
      resourceType: 'outreach',
      resourceId: row!.id,
      details: { kind: input.kind, date: input.date, organizationIds: row!.organizationIds },
    });
    return (await toOutreach(tx, [row!]))[0]!;
  });
}

export async function updateOutreach(ctx: UseCaseContext, id: string, input: UpdateOutreach): Promise<Outreach> {
  const { actor, meta, clock } = ctx;
  return ctx.db.transaction(async (tx) => {
    const current = await findOutreach(tx, actor, id, true);
    if (!current) throw notFound();
    if (current.version !== input.version) throw stale(current.version);
    await validate(tx, ctx, input);
    const [row] = await tx
      .update(outreachActivities)
      .set({ ...columns(input), version: current.version + 1, updatedAt: clock.now(), updatedBy: actor.userId })
      .where(and(eq(outreachActivities.id, id), eq(outreachActivities.version, input.version)))
      .returning();
    if (!row) throw stale(current.version);
    await recordAudit(tx, meta, actor, {
      action: 'consultation.outreach.update',
      outcome: 'success',
      resourceType: 'outreach',
      resourceId: id,
      details: { version: row.version },
    });
    return (await toOutreach(tx, [row]))[0]!;
  });
}
