import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { mdtCases, mdtMeetings, mdtPlanItems, patients } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { caseOutcome, tally, tallyBy, type ItemStatus } from './concordance.js';
import { addDays, toInstant, wallClock } from '@gisurg/contracts';
import type { ConcordanceDto, ConcordanceQuery } from '@gisurg/contracts/mdt';
import { caseScope } from './scope.js';

/** Concordance per board, tumor group and month over decided cases of boards in the period (counts only). */
export async function getConcordance(ctx: UseCaseContext, q: ConcordanceQuery): Promise<ConcordanceDto> {
  const { db, actor, clock, timeZone } = ctx;
  const today = todayIn(timeZone, clock.now());
  const rows = await db
    .select({
      caseId: mdtCases.id,
      meetingId: mdtMeetings.id,
      startsAt: mdtMeetings.startsAt,
      tumorGroup: mdtMeetings.tumorGroup,
      kind: mdtMeetings.kind,
      status: mdtPlanItems.status,
      dueDate: mdtPlanItems.dueDate,
      reason: mdtPlanItems.notDeliveredReason,
    })
    .from(mdtPlanItems)
    .innerJoin(mdtCases, eq(mdtCases.id, mdtPlanItems.caseId))
    .innerJoin(patients, eq(patients.id, mdtCases.patientId))
    .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtCases.meetingId))
    .where(
      and(
        caseScope(actor),
        inArray(mdtCases.status, ['decided', 'completed']),
        q.from ? gte(mdtMeetings.startsAt, toInstant(`${q.from}T00:00`, timeZone)) : undefined,
        q.to ? lt(mdtMeetings.startsAt, toInstant(`${addDays(q.to, 1)}T00:00`, timeZone)) : undefined,
        q.tumorGroup ? eq(mdtMeetings.tumorGroup, q.tumorGroup) : undefined,
        q.kind ? eq(mdtMeetings.kind, q.kind) : undefined,
      ),
    )
    .orderBy(asc(mdtMeetings.startsAt), asc(mdtCases.id));

  const cases = new Map<
    string,
    {
      meetingId: string;
      startsAt: Date;
      tumorGroup: (typeof rows)[number]['tumorGroup'];
      kind: (typeof rows)[number]['kind'];
      statuses: ItemStatus[];
    }
  >();
  for (const r of rows) {
    const c = cases.get(r.caseId) ?? { meetingId: r.meetingId, startsAt: r.startsAt, tumorGroup: r.tumorGroup, kind: r.kind, statuses: [] };
    c.statuses.push(r.status);
    cases.set(r.caseId, c);
  }
  const outcomes = [...cases.values()].map((c) => ({ ...c, outcome: caseOutcome(c.statuses) }));
  const meetings = new Map(outcomes.map((o) => [o.meetingId, o]));
  const reasons = new Map<NonNullable<(typeof rows)[number]['reason']>, number>();
  for (const r of rows) if (r.reason) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);

  return {
    from: q.from ?? null,
    to: q.to ?? null,
    overall: tally(outcomes.map((o) => o.outcome)),
    byTumorGroup: tallyBy(outcomes.map((o) => ({ key: o.tumorGroup, outcome: o.outcome }))).map((g) => ({
      tumorGroup: g.key,
      ...g.counts,
    })),
    byMeeting: tallyBy(outcomes.map((o) => ({ key: o.meetingId, outcome: o.outcome }))).map((g) => {
      const m = meetings.get(g.key)!;
      return { meetingId: g.key, startsAt: m.startsAt.toISOString(), tumorGroup: m.tumorGroup, kind: m.kind, ...g.counts };
    }),
    byMonth: tallyBy(outcomes.map((o) => ({ key: wallClock(o.startsAt, timeZone).date.slice(0, 7), outcome: o.outcome }))).map((g) => ({
      month: g.key,
      ...g.counts,
    })),
    items: {
      delivered: rows.filter((r) => r.status === 'delivered').length,
      notDelivered: rows.filter((r) => r.status === 'not_delivered').length,
      pending: rows.filter((r) => r.status === 'pending').length,
      overdue: rows.filter((r) => r.status === 'pending' && r.dueDate < today).length,
    },
    notDeliveredReasons: [...reasons.entries()].map(([reason, count]) => ({ reason, count })),
  };
}
