import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { mdtCases, mdtMeetings } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { AppError } from '../../core/app-error.js';
import type { RequestMeta } from '../../core/context.js';
import { recordCaseEvent, type CaseRow, type MeetingRow } from './queries.js';
import { CASE_WORKFLOW, MEETING_WORKFLOW, fromStates, nextState } from './workflow.js';

type CaseAction = keyof typeof CASE_WORKFLOW.transitions;
type MeetingAction = keyof typeof MEETING_WORKFLOW.transitions;

/** 409: stale version when the version moved, invalid state when the status moved. */
function conflict(
  current: { status: string; version: number } | undefined,
  expectedVersion: number,
  entity: string,
  action: string,
): AppError {
  if (current && current.version !== expectedVersion) return new AppError('CONFLICT', 'errors.stale', { currentVersion: current.version });
  return new AppError('INVALID_STATE', 'errors.invalidState', { entity, action, from: current?.status ?? null });
}

/**
 * Guarded case transition (docs/architecture.md): check the from-state in the workflow table, then
 * UPDATE … WHERE status = from AND version = expected, so a concurrent change makes this one fail with 409;
 * then the timeline event and the audit row, all in the caller's transaction.
 */
export async function transitionCase(
  tx: Db,
  meta: RequestMeta,
  actor: Actor | null,
  row: CaseRow,
  action: CaseAction,
  opts: {
    at: Date;
    changes?: Partial<typeof mdtCases.$inferInsert>;
    expectedVersion?: number | undefined;
    note?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<CaseRow> {
  const to = nextState(CASE_WORKFLOW, action, row.status);
  const expected = opts.expectedVersion ?? row.version;
  const [updated] = await tx
    .update(mdtCases)
    .set({ ...opts.changes, status: to, version: expected + 1, updatedAt: opts.at, updatedBy: actor?.userId ?? null })
    .where(
      and(
        eq(mdtCases.id, row.id),
        eq(mdtCases.status, row.status),
        eq(mdtCases.version, expected),
        inArray(mdtCases.status, [...fromStates(CASE_WORKFLOW, action)]),
      ),
    )
    .returning();
  if (!updated) {
    const [current] = await tx.select({ status: mdtCases.status, version: mdtCases.version }).from(mdtCases).where(eq(mdtCases.id, row.id));
    throw conflict(current, expected, CASE_WORKFLOW.entity, action);
  }
  await recordCaseEvent(tx, {
    caseId: row.id,
    at: opts.at,
    action,
    fromStatus: row.status,
    toStatus: to,
    actorId: actor?.userId ?? null,
    note: opts.note ?? null,
  });
  await recordAudit(tx, meta, actor, {
    action: `mdt.case.${action}`,
    outcome: 'success',
    resourceType: 'mdt_case',
    resourceId: row.id,
    patientId: row.patientId,
    details: { from: row.status, to, version: updated.version, ...opts.details },
  });
  return updated;
}

/** Guarded meeting transition, same rules as transitionCase. */
export async function transitionMeeting(
  tx: Db,
  meta: RequestMeta,
  actor: Actor,
  row: MeetingRow,
  action: MeetingAction,
  opts: { at: Date; changes?: Partial<typeof mdtMeetings.$inferInsert>; expectedVersion?: number | undefined },
): Promise<MeetingRow> {
  const to = nextState(MEETING_WORKFLOW, action, row.status);
  const expected = opts.expectedVersion ?? row.version;
  const [updated] = await tx
    .update(mdtMeetings)
    .set({ ...opts.changes, status: to, version: expected + 1, updatedAt: opts.at, updatedBy: actor.userId })
    .where(and(eq(mdtMeetings.id, row.id), eq(mdtMeetings.status, row.status), eq(mdtMeetings.version, expected)))
    .returning();
  if (!updated) {
    const [current] = await tx
      .select({ status: mdtMeetings.status, version: mdtMeetings.version })
      .from(mdtMeetings)
      .where(eq(mdtMeetings.id, row.id));
    throw conflict(current, expected, MEETING_WORKFLOW.entity, action);
  }
  await recordAudit(tx, meta, actor, {
    action: `mdt.meeting.${action}`,
    outcome: 'success',
    resourceType: 'mdt_meeting',
    resourceId: row.id,
    details: { from: row.status, to, version: updated.version },
  });
  return updated;
}
