import { and, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { mdtCases, mdtMeetings, mdtPlanItems, mdtRecommendations, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { toItemDto } from './queries.js';
import type { TrackingQuery, TrackingRowDto } from '@gisurg/contracts/mdt';
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
 * Tracked items with their patient and board, overdue first, then by due date, then the latest closed.
 * The total is counted apart (and only when the page is full or past the end): counted in the page query
 * (`count(*) over ()`), PostgreSQL joined every item to its case, patient, recommendation and board before it
 * could return the first 50 (5.8 s for 282,000 items at 1,000,000 patients, issue 18 "Scale"); the count needs
 * only the tables that scope and filter (the recommendation is a required reference: it never removes an item).
 */
export async function queryTrackedItems(
  db: Db,
  actor: Actor,
  opts: { where?: SQL | undefined; today: string; limit: number; offset?: number },
): Promise<{ items: TrackingRowDto[]; total: number }> {
  const where = and(caseScope(actor), opts.where);
  const offset = opts.offset ?? 0;
  const rows = await db
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
    .where(where)
    .orderBy(
      sql`case when ${mdtPlanItems.status} = 'pending' and ${mdtPlanItems.dueDate} < ${opts.today} then 0 when ${mdtPlanItems.status} = 'pending' then 1 else 2 end`,
      sql`case when ${mdtPlanItems.status} = 'pending' then ${mdtPlanItems.dueDate} end asc`,
      sql`${mdtPlanItems.closedAt} desc nulls last`,
      mdtPlanItems.id,
    )
    .limit(opts.limit)
    .offset(offset);
  const total =
    rows.length < opts.limit && (rows.length > 0 || offset === 0)
      ? offset + rows.length
      : ((
          await db
            .select({ n: count() })
            .from(mdtPlanItems)
            .innerJoin(mdtCases, eq(mdtCases.id, mdtPlanItems.caseId))
            .innerJoin(patients, eq(patients.id, mdtCases.patientId))
            .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtCases.meetingId))
            .where(where)
        )[0]?.n ?? 0);
  return {
    total,
    items: rows.map((r) => ({
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
): Promise<{ items: TrackingRowDto[]; total: number; page: number; pageSize: number }> {
  const { db, actor, meta, clock, timeZone } = ctx;
  const today = todayIn(timeZone, clock.now());
  const where = and(
    statusFilter(q.status, today),
    q.tumorGroup ? eq(mdtMeetings.tumorGroup, q.tumorGroup) : undefined,
    q.patientId ? eq(mdtPlanItems.patientId, q.patientId) : undefined,
    q.meetingId ? eq(mdtCases.meetingId, q.meetingId) : undefined,
  );
  return db.transaction(async (tx) => {
    const r = await queryTrackedItems(tx, actor, { where, today, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    await recordAudit(tx, meta, actor, {
      action: 'mdt.tracking.list',
      outcome: 'success',
      resourceType: 'mdt_plan_item',
      details: { status: q.status ?? null, patientIds: [...new Set(r.items.map((i) => i.patientId))], total: r.total },
    });
    return { ...r, page: q.page, pageSize: q.pageSize };
  });
}
