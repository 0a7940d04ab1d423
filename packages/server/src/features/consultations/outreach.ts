import { desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { isExternal, type Actor } from '../../auth/actor.js';
import type { UseCaseContext } from '../../core/context.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import { organizations, outreachActivities, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { FieldIssue } from '@gisurg/contracts';
import type { Outreach, OutreachBody, OutreachList, ReachListQuery, UpdateOutreach } from '@gisurg/contracts/consultations';
import { checkHospitals, checkSurgeons, yearRange } from './reach-common.js';
import { createReach, getReach, listReach, updateReach, type ReachKind } from './reach-records.js';

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

const OUTREACH: ReachKind<typeof outreachActivities, OutreachBody, Outreach> = {
  table: outreachActivities,
  audit: 'outreach',
  resourceType: 'outreach',
  scope: outreachScope,
  validate,
  columns,
  present: (db, _ctx, rows) => toOutreach(db, rows),
  createDetails: (r) => ({ kind: r.kind, date: r.date, organizationIds: r.organizationIds }),
};

export async function listOutreach(ctx: UseCaseContext, q: ReachListQuery): Promise<OutreachList> {
  const where: SQL[] = [];
  if (q.year) {
    const r = yearRange(q.year);
    where.push(gte(outreachActivities.date, r.from), lte(outreachActivities.date, r.to));
  }
  if (q.organizationId) where.push(sql`${q.organizationId}::uuid = any(${outreachActivities.organizationIds})`);
  return listReach(OUTREACH, ctx, {
    where,
    orderBy: [desc(outreachActivities.date), desc(outreachActivities.createdAt)],
    details: { year: q.year ?? null },
  });
}

export const getOutreach = (ctx: UseCaseContext, id: string): Promise<Outreach> => getReach(OUTREACH, ctx, id);
export const createOutreach = (ctx: UseCaseContext, input: OutreachBody): Promise<Outreach> => createReach(OUTREACH, ctx, input);
export const updateOutreach = (ctx: UseCaseContext, id: string, input: UpdateOutreach): Promise<Outreach> =>
  updateReach(OUTREACH, ctx, id, input);
