import { and, asc, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { mdtCases, mdtMeetings, mdtPlanItems, mdtRecommendations, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { toItemDto } from './queries.js';
import { TRACKING_COUNT_CAP, type TrackingQuery, type TrackingRowDto } from '@gisurg/contracts/mdt';
import { caseScope } from './scope.js';

export function statusFilter(status: TrackingQuery['status'], today: string): SQL | undefined {
  switch (status) {
    case undefined:
      return undefined;
    case 'pending':
      return and(eq(mdtPlanItems.status, 'pending'), gte(mdtPlanItems.dueDate, today));
    case 'overdue':
      return and(eq(mdtPlanItems.status, 'pending'), lt(mdtPlanItems.dueDate, today));
    case 'delivered':
    case 'not_delivered':
      return eq(mdtPlanItems.status, status);
  }
}

/**
 * Tracked items with their patient and board: overdue first (most overdue first), then pending by due date, then the
 * closed ones, latest first. Each of the three runs is read through its own index in order, until the page is full
 * (mdt_plan_items_status_idx for the pending, the partial mdt_plan_items_closed_idx for the closed): a single ORDER BY
 * over a CASE on today's date could use no index and sorted every item of the department (0.4 s for 282,000 items at
 * 1,000,000 patients, issue 18 "Scale").
 *
 * The total is counted apart, and only when the page is full or past the end (counted in the page query, PostgreSQL
 * joined every item before the first 50 could come back). With `countCap` the count stops there (`totalCapped`):
 * the tracking list shows "1000+" rather than joining 282,000 items to their cases and patients on every page.
 */
export async function queryTrackedItems(
  db: Db,
  actor: Actor,
  opts: { where?: SQL | undefined; today: string; limit: number; offset?: number; countCap?: number },
): Promise<{ items: TrackingRowDto[]; total: number; totalCapped: boolean }> {
  const where = and(caseScope(actor), opts.where);
  const offset = opts.offset ?? 0;
  // Pending runs by due date (closed_at is null on a pending item; the list's full order still names it).
  const byDue = [asc(mdtPlanItems.dueDate), sql`${mdtPlanItems.closedAt} desc nulls last`, asc(mdtPlanItems.id)];
  const runs: { where: SQL; orderBy: SQL[] }[] = [
    { where: statusFilter('overdue', opts.today)!, orderBy: byDue },
    { where: statusFilter('pending', opts.today)!, orderBy: byDue },
    // Literally the partial index's predicate, so that the planner may use it.
    { where: sql`${mdtPlanItems.status} <> 'pending'`, orderBy: [sql`${mdtPlanItems.closedAt} desc nulls last`, asc(mdtPlanItems.id)] },
  ];
  const need = offset + opts.limit;
  const rows = [];
  for (const run of runs) {
    if (rows.length >= need) break;
    rows.push(
      ...(await db
        .select({
          item: mdtPlanItems,
          patientName: patients.name,
          inpatientNo: patients.inpatientNo,
          tumorGroup: mdtMeetings.tumorGroup,
          meetingId: mdtMeetings.id,
          meetingStartsAt: mdtMeetings.startsAt,
          responsibleName: mdtRecommendations.responsibleName,
        })
        .from(mdtPlanItems)
        .innerJoin(mdtRecommendations, eq(mdtRecommendations.id, mdtPlanItems.recommendationId))
        .innerJoin(mdtCases, eq(mdtCases.id, mdtPlanItems.caseId))
        .innerJoin(patients, eq(patients.id, mdtCases.patientId))
        .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtCases.meetingId))
        .where(and(where, run.where))
        .orderBy(...run.orderBy)
        .limit(need - rows.length)),
    );
  }
  const page = rows.slice(offset, need);
  let total: number;
  let totalCapped = false;
  if (page.length < opts.limit && (page.length > 0 || offset === 0)) total = offset + page.length;
  else {
    // The recommendation is a required reference: it never removes an item, so the count leaves it out.
    const matching = db
      .select({ one: sql<number>`1`.as('one') })
      .from(mdtPlanItems)
      .innerJoin(mdtCases, eq(mdtCases.id, mdtPlanItems.caseId))
      .innerJoin(patients, eq(patients.id, mdtCases.patientId))
      .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtCases.meetingId))
      .where(where);
    const counted = opts.countCap === undefined ? matching : matching.limit(opts.countCap + 1);
    const n = (await db.select({ n: count() }).from(counted.as('matching')))[0]?.n ?? 0;
    totalCapped = opts.countCap !== undefined && n > opts.countCap;
    total = totalCapped ? opts.countCap! : n;
  }
  return {
    total,
    totalCapped,
    items: page.map((r) => ({
      ...toItemDto(r.item, opts.today),
      patientName: r.patientName,
      inpatientNo: r.inpatientNo,
      tumorGroup: r.tumorGroup,
      meetingId: r.meetingId,
      meetingStartsAt: r.meetingStartsAt.toISOString(),
      responsibleName: r.responsibleName,
    })),
  };
}

/** The tracking worklist: `?status=pending|overdue|delivered|not_delivered`, by tumor group, patient, board. Audited. */
export async function findTrackedItems(
  ctx: UseCaseContext,
  q: TrackingQuery,
): Promise<{ items: TrackingRowDto[]; total: number; totalCapped: boolean; page: number; pageSize: number }> {
  const { db, actor, meta, clock, timeZone } = ctx;
  const today = todayIn(timeZone, clock.now());
  const where = and(
    statusFilter(q.status, today),
    q.tumorGroup ? eq(mdtMeetings.tumorGroup, q.tumorGroup) : undefined,
    q.patientId ? eq(mdtPlanItems.patientId, q.patientId) : undefined,
    q.meetingId ? eq(mdtCases.meetingId, q.meetingId) : undefined,
  );
  return db.transaction(async (tx) => {
    const r = await queryTrackedItems(tx, actor, {
      where,
      today,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
      countCap: TRACKING_COUNT_CAP,
    });
    await recordAudit(tx, meta, actor, {
      action: 'mdt.tracking.list',
      outcome: 'success',
      resourceType: 'mdt_plan_item',
      details: { status: q.status ?? null, patientIds: [...new Set(r.items.map((i) => i.patientId))], total: r.total },
    });
    return { ...r, page: q.page, pageSize: q.pageSize };
  });
}
