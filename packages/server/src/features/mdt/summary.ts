import { addDays, toInstant } from '@gisurg/contracts';
import { and, asc, countDistinct, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { mdtCases, mdtMeetings, mdtPlanItems, mdtRecommendations, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { caseOutcome, tally, type Counts, type ItemStatus } from './concordance.js';
import { queryTrackedItems, statusFilter } from './find-tracked-items.js';
import { caseScope, meetingScope } from './scope.js';

/**
 * Summaries of the tumor boards for other features (the quality feature's annual report and weekly digest):
 * counts only, computed with the same rules and the same case scope as the board's own pages.
 */
export interface MdtPeriodSummary {
  /** Boards held: not cancelled, started (in progress or closed) in the period. */
  boardsHeld: number;
  boardsByKind: { intra: number; inter: number };
  /** Cases decided at those boards (status decided or completed) and their distinct patients. */
  casesDiscussed: number;
  patients: number;
  /** Decision-to-delivery concordance of the decided cases, as GET /api/mdt/concordance computes it. */
  concordance: Counts;
  byTumorGroup: ({ tumorGroup: 'gastric' | 'colorectal' | 'peritoneal'; boards: number } & Counts)[];
}

export async function mdtPeriodSummary(
  db: Db,
  actor: Actor,
  period: { from: string; to: string; timeZone: string },
): Promise<MdtPeriodSummary> {
  const start = toInstant(`${period.from}T00:00`, period.timeZone);
  const end = toInstant(`${addDays(period.to, 1)}T00:00`, period.timeZone);
  const inPeriod = and(gte(mdtMeetings.startsAt, start), lt(mdtMeetings.startsAt, end));
  const boards = await db
    .select({ id: mdtMeetings.id, kind: mdtMeetings.kind, tumorGroup: mdtMeetings.tumorGroup })
    .from(mdtMeetings)
    .where(and(inPeriod, inArray(mdtMeetings.status, ['in_progress', 'closed']), meetingScope(actor)));
  const rows = await db
    .select({ caseId: mdtCases.id, patientId: mdtCases.patientId, tumorGroup: mdtMeetings.tumorGroup, status: mdtPlanItems.status })
    .from(mdtCases)
    .innerJoin(patients, eq(patients.id, mdtCases.patientId))
    .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtCases.meetingId))
    .leftJoin(mdtPlanItems, eq(mdtPlanItems.caseId, mdtCases.id))
    .where(and(caseScope(actor), inArray(mdtCases.status, ['decided', 'completed']), inPeriod))
    .orderBy(asc(mdtCases.id));
  const cases = new Map<
    string,
    { patientId: string; tumorGroup: MdtPeriodSummary['byTumorGroup'][number]['tumorGroup']; items: ItemStatus[] }
  >();
  for (const r of rows) {
    const c = cases.get(r.caseId) ?? { patientId: r.patientId, tumorGroup: r.tumorGroup, items: [] };
    if (r.status) c.items.push(r.status);
    cases.set(r.caseId, c);
  }
  // The concordance page counts cases with plan items (its query starts from the items).
  const tracked = [...cases.values()].filter((c) => c.items.length > 0);
  const groups = ['gastric', 'colorectal', 'peritoneal'] as const;
  return {
    boardsHeld: boards.length,
    boardsByKind: { intra: boards.filter((b) => b.kind === 'intra').length, inter: boards.filter((b) => b.kind === 'inter').length },
    casesDiscussed: cases.size,
    patients: new Set([...cases.values()].map((c) => c.patientId)).size,
    concordance: tally(tracked.map((c) => caseOutcome(c.items))),
    byTumorGroup: groups.map((g) => ({
      tumorGroup: g,
      boards: boards.filter((b) => b.tumorGroup === g).length,
      ...tally(tracked.filter((c) => c.tumorGroup === g).map((c) => caseOutcome(c.items))),
    })),
  };
}

/** Plan items still pending before `asOf` (overdue on that day), most overdue first; `since` counts those due from that day on. */
export async function overduePlanItems(
  db: Db,
  actor: Actor,
  opts: { asOf: string; since: string; limit: number },
): Promise<{
  total: number;
  dueSince: number;
  items: { itemId: string; caseId: string; patientId: string; patientName: string; kind: string; dueDate: string }[];
}> {
  const where = statusFilter('overdue', opts.asOf);
  const { items, total } = await queryTrackedItems(db, actor, { where, today: opts.asOf, limit: opts.limit });
  const [since] = await db
    .select({ n: countDistinct(mdtPlanItems.id) })
    .from(mdtPlanItems)
    .innerJoin(mdtCases, eq(mdtCases.id, mdtPlanItems.caseId))
    .innerJoin(patients, eq(patients.id, mdtCases.patientId))
    .where(and(caseScope(actor), where, gte(mdtPlanItems.dueDate, opts.since)));
  return {
    total,
    dueSince: Number(since?.n ?? 0),
    items: items.map((i) => ({
      itemId: i.id,
      caseId: i.caseId,
      patientId: i.patientId,
      patientName: i.patientName,
      kind: i.kind,
      dueDate: i.dueDate,
    })),
  };
}

/** The dates on which each patient's case was decided by a board (for "MDT before surgery"), earliest first. */
export async function boardDecisionDates(db: Db, actor: Actor, patientIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (patientIds.length === 0) return out;
  const rows = await db
    .select({ patientId: mdtCases.patientId, decidedOn: mdtRecommendations.decidedOn })
    .from(mdtRecommendations)
    .innerJoin(mdtCases, eq(mdtCases.id, mdtRecommendations.caseId))
    .innerJoin(patients, eq(patients.id, mdtCases.patientId))
    .where(and(caseScope(actor), inArray(mdtCases.status, ['decided', 'completed']), inArray(mdtCases.patientId, [...patientIds])))
    .orderBy(asc(mdtRecommendations.decidedOn));
  for (const r of rows) out.set(r.patientId, [...(out.get(r.patientId) ?? []), r.decidedOn]);
  return out;
}
