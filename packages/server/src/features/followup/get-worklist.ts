import { and, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { addDays, todayIn, daysBetween } from '@gisurg/contracts';
import type { Worklist, WorklistItem, WorklistQuery } from '@gisurg/contracts/followup';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { followUpItems, followUpPlans, oncologyDiagnoses, operations, patients, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { patientScope } from '../patients/index.js';

const MAX_ROWS = 500;

/** The last contact of the row's patient (any status), as text. */
const lastContact = sql<
  string | null
>`(select max(c.contact_date)::text from follow_up_contacts c where c.patient_id = ${patients}.${sql.identifier('id')})`;
/** Failed attempts after the patient's last contact (docs/follow-up.md: lost to follow-up after N). */
const failedAttempts = sql<number>`(select count(*)::int from follow_up_attempts a where a.patient_id = ${patients}.${sql.identifier('id')}
  and a.attempt_date > coalesce((select max(c.contact_date) from follow_up_contacts c where c.patient_id = ${patients}.${sql.identifier('id')}), '1900-01-01'::date))`;

/** The columns both lists show of a plan's patient (with the joins of `planJoins`). */
const planColumns = {
  patientId: patients.id,
  planId: followUpPlans.id,
  name: patients.name,
  inpatientNo: patients.inpatientNo,
  site: oncologyDiagnoses.site,
  stage: followUpPlans.stage,
  lastContactDate: lastContact,
  surgeonName: users.displayName,
  failedAttempts,
};

/** What both lists filter on: the actor's patients, the operating surgeon and the diagnosis site. */
function planFilters(actor: UseCaseContext['actor'], q: WorklistQuery) {
  return [
    patientScope(actor),
    q.surgeonId ? eq(operations.surgeonId, q.surgeonId) : undefined,
    q.site ? eq(oncologyDiagnoses.site, q.site) : undefined,
  ];
}

/**
 * The due worklist: planned visits (items grouped by patient and due date) that are overdue (`due=overdue`),
 * due within the next 7 days (`due=week`), or both (no `due`); or the patients not seen for longer than their
 * plan allows (`due=not_seen`, see notSeen). Filter by surgeon and diagnosis site.
 */
export async function getWorklist(ctx: UseCaseContext, q: WorklistQuery): Promise<Worklist> {
  const { actor, meta, clock, timeZone } = ctx;
  const today = todayIn(timeZone, clock.now());
  const weekEnd = addDays(today, 7);
  const due =
    q.due === 'overdue'
      ? lt(followUpItems.dueDate, today)
      : q.due === 'week'
        ? and(gte(followUpItems.dueDate, today), lte(followUpItems.dueDate, weekEnd))
        : lte(followUpItems.dueDate, weekEnd);
  return ctx.db.transaction(async (tx) => {
    let items: WorklistItem[];
    if (q.due === 'not_seen') items = await notSeen(tx, ctx, q, today);
    else {
      const rows = await tx
        .select({
          ...planColumns,
          dueDate: followUpItems.dueDate,
          kinds: sql<string[]>`array_agg(${followUpItems.kind} order by ${followUpItems.kind})`,
        })
        .from(followUpItems)
        .innerJoin(followUpPlans, eq(followUpPlans.id, followUpItems.planId))
        .innerJoin(patients, eq(patients.id, followUpItems.patientId))
        .innerJoin(oncologyDiagnoses, eq(oncologyDiagnoses.id, followUpPlans.diagnosisId))
        .innerJoin(operations, eq(operations.id, followUpPlans.operationId))
        .leftJoin(users, eq(users.id, operations.surgeonId))
        .where(and(eq(followUpItems.status, 'planned'), due, ...planFilters(actor, q)))
        .groupBy(patients.id, followUpPlans.id, oncologyDiagnoses.site, followUpItems.dueDate, users.displayName)
        .orderBy(followUpItems.dueDate, patients.name)
        .limit(MAX_ROWS);
      items = rows.map((r) => ({ ...r, overdueDays: Math.max(0, daysBetween(r.dueDate, today)), allowedGapDays: null }));
    }
    await recordAudit(tx, meta, ctx.actor, {
      action: 'followup.worklist.read',
      outcome: 'success',
      resourceType: 'follow_up_worklist',
      details: { due: q.due ?? 'all', rows: items.length },
    });
    return { items, total: items.length };
  });
}

/** The largest gap, in days, between consecutive visits of a plan, counting its start as the first visit. */
export function largestGap(startDate: string, dueDates: readonly string[]): number | null {
  const dates = [...new Set([startDate, ...dueDates])].sort();
  let gap: number | null = null;
  for (let i = 1; i < dates.length; i++) gap = Math.max(gap ?? 0, daysBetween(dates[i - 1]!, dates[i]!));
  return gap;
}

/**
 * Not seen for longer than the plan allows (docs/follow-up.md): patients with a plan that still has planned
 * items, no `dead` or `lost` contact, whose last contact (or the plan's start when there is none) is more than
 * the plan's largest gap between two consecutive visits ago. dueDate = the day they should have been seen by
 * (last contact + that gap); kinds = what the next planned visit includes.
 */
async function notSeen(tx: Db, ctx: UseCaseContext, q: WorklistQuery, today: string): Promise<WorklistItem[]> {
  const plans = await tx
    .select({ ...planColumns, startDate: followUpPlans.startDate })
    .from(followUpPlans)
    .innerJoin(patients, eq(patients.id, followUpPlans.patientId))
    .innerJoin(oncologyDiagnoses, eq(oncologyDiagnoses.id, followUpPlans.diagnosisId))
    .innerJoin(operations, eq(operations.id, followUpPlans.operationId))
    .leftJoin(users, eq(users.id, operations.surgeonId))
    .where(
      and(
        sql`exists (select 1 from follow_up_items i where i.plan_id = ${followUpPlans.id} and i.status = 'planned')`,
        sql`not exists (select 1 from follow_up_contacts c where c.patient_id = ${followUpPlans.patientId} and c.status in ('dead', 'lost'))`,
        ...planFilters(ctx.actor, q),
      ),
    );
  if (!plans.length) return [];
  const itemRows = await tx
    .select({ planId: followUpItems.planId, dueDate: followUpItems.dueDate, kind: followUpItems.kind, status: followUpItems.status })
    .from(followUpItems)
    .where(
      and(
        inArray(
          followUpItems.planId,
          plans.map((p) => p.planId),
        ),
        sql`${followUpItems.status} <> 'cancelled'`,
      ),
    );
  const byPlan = new Map<string, typeof itemRows>();
  for (const i of itemRows) byPlan.set(i.planId, [...(byPlan.get(i.planId) ?? []), i]);
  const out: WorklistItem[] = [];
  for (const p of plans) {
    const items = byPlan.get(p.planId) ?? [];
    const gap = largestGap(
      p.startDate,
      items.map((i) => i.dueDate),
    );
    if (gap === null) continue;
    const seen = p.lastContactDate && p.lastContactDate > p.startDate ? p.lastContactDate : p.startDate;
    const seenBy = addDays(seen, gap);
    if (seenBy >= today) continue;
    const planned = items.filter((i) => i.status === 'planned').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const next = planned[0]?.dueDate;
    const kinds = planned
      .filter((i) => i.dueDate === next)
      .map((i) => i.kind)
      .sort();
    const { startDate: _start, ...row } = p;
    out.push({ ...row, dueDate: seenBy, kinds, overdueDays: daysBetween(seenBy, today), allowedGapDays: gap });
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.name.localeCompare(b.name)).slice(0, MAX_ROWS);
}
