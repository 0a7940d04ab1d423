import { and, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { mdtCases, mdtMeetings, mdtPlanItems, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { StuckDto } from '@gisurg/contracts/mdt';
import { caseScope, meetingScope } from './scope.js';
import type { WorklistName } from './workflow.js';

/** Items in a non-terminal state longer than this without moving are "stuck" (trust.md S28, proposed 48 h). */
export const STUCK_AFTER_HOURS = 48;

/** The conditions behind each worklist, shared by the screens' queries and the S28 test. */
export const WORKLIST_WHERE = {
  /** Meetings page (upcoming and running boards). */
  meetings: inArray(mdtMeetings.status, ['scheduled', 'in_progress']),
  /** Coordinator worklist: cases to triage (new or deferred). */
  triage: inArray(mdtCases.status, ['submitted', 'deferred']),
  /** Board agendas (meeting page, presentation view). */
  agenda: eq(mdtCases.status, 'scheduled'),
  /** Tracking worklist: open plan items (pending and overdue). */
  tracking: eq(mdtPlanItems.status, 'pending'),
} satisfies Record<WorklistName, SQL>;

export interface WorklistEntry {
  entity: 'mdt_meeting' | 'mdt_case' | 'mdt_plan_item';
  id: string;
  status: string;
}

/** Each worklist as the entities it lists (the S28 test checks every non-terminal state shows in its worklist). */
export const WORKLIST_QUERIES: Record<WorklistName, (db: Db, actor: Actor) => Promise<WorklistEntry[]>> = {
  meetings: async (db, actor) =>
    (
      await db
        .select({ id: mdtMeetings.id, status: mdtMeetings.status })
        .from(mdtMeetings)
        .where(and(WORKLIST_WHERE.meetings, meetingScope(actor)))
    ).map((r) => ({
      entity: 'mdt_meeting' as const,
      ...r,
    })),
  triage: async (db, actor) => casesWhere(db, actor, WORKLIST_WHERE.triage),
  agenda: async (db, actor) => casesWhere(db, actor, WORKLIST_WHERE.agenda),
  tracking: async (db, actor) => {
    const rows = await db
      .select({ id: mdtPlanItems.id, status: mdtPlanItems.status, caseId: mdtCases.id, caseStatus: mdtCases.status })
      .from(mdtPlanItems)
      .innerJoin(mdtCases, eq(mdtCases.id, mdtPlanItems.caseId))
      .innerJoin(patients, eq(patients.id, mdtCases.patientId))
      .where(and(WORKLIST_WHERE.tracking, caseScope(actor)));
    // A decided case is on the tracking worklist through its open items.
    const cases = new Map(rows.map((r) => [r.caseId, r.caseStatus]));
    return [
      ...rows.map((r) => ({ entity: 'mdt_plan_item' as const, id: r.id, status: r.status })),
      ...[...cases.entries()].map(([id, status]) => ({ entity: 'mdt_case' as const, id, status })),
    ];
  },
};

async function casesWhere(db: Db, actor: Actor, where: SQL): Promise<WorklistEntry[]> {
  const rows = await db
    .select({ id: mdtCases.id, status: mdtCases.status })
    .from(mdtCases)
    .innerJoin(patients, eq(patients.id, mdtCases.patientId))
    .where(and(where, caseScope(actor)));
  return rows.map((r) => ({ entity: 'mdt_case' as const, ...r }));
}

/**
 * The "stuck" query (trust.md S28): boards and cases in a non-terminal state with no progress for more than
 * `hours` — a case not triaged, a case still scheduled two days after its board, a board never closed.
 * Open plan items have their own clock (the due date → overdue) and are not repeated here.
 */
export async function findStuck(
  db: Db,
  actor: Actor,
  now: Date,
  hours = STUCK_AFTER_HOURS,
): Promise<(StuckDto & { patientId: string | null })[]> {
  const before = new Date(now.getTime() - hours * 3_600_000);
  const cases = await db
    .select({
      id: mdtCases.id,
      status: mdtCases.status,
      updatedAt: mdtCases.updatedAt,
      startsAt: mdtMeetings.startsAt,
      patientId: patients.id,
      name: patients.name,
    })
    .from(mdtCases)
    .innerJoin(patients, eq(patients.id, mdtCases.patientId))
    .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtCases.meetingId))
    .where(
      and(
        caseScope(actor),
        or(and(WORKLIST_WHERE.triage, lt(mdtCases.updatedAt, before)), and(WORKLIST_WHERE.agenda, lt(mdtMeetings.startsAt, before))),
      ),
    );
  const meetings = await db
    .select({
      id: mdtMeetings.id,
      status: mdtMeetings.status,
      startsAt: mdtMeetings.startsAt,
      startedAt: mdtMeetings.startedAt,
      tumorGroup: mdtMeetings.tumorGroup,
    })
    .from(mdtMeetings)
    .where(
      and(
        meetingScope(actor),
        or(
          and(eq(mdtMeetings.status, 'scheduled'), lt(mdtMeetings.startsAt, before)),
          and(eq(mdtMeetings.status, 'in_progress'), lt(mdtMeetings.startedAt, before)),
        ),
      ),
    );
  return [
    ...cases.map((c) => ({
      entity: 'mdt_case' as const,
      id: c.id,
      status: c.status,
      since: (c.status === 'scheduled' ? c.startsAt : c.updatedAt).toISOString(),
      label: c.name,
      patientId: c.patientId,
    })),
    ...meetings.map((m) => ({
      entity: 'mdt_meeting' as const,
      id: m.id,
      status: m.status,
      since: (m.status === 'in_progress' && m.startedAt ? m.startedAt : m.startsAt).toISOString(),
      label: m.tumorGroup,
      patientId: null,
    })),
  ].sort((a, b) => a.since.localeCompare(b.since));
}
