import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { mdtCases, mdtMeetings } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { findCaseSummaries } from './queries.js';
import type { CaseSummaryDto, FindCasesQuery } from '@gisurg/contracts/mdt';

/** Cases the reader may see, by status, patient, board or tumor group; newest first. Audited with the ids shown. */
export async function findCases(
  ctx: UseCaseContext,
  q: FindCasesQuery,
): Promise<{ items: CaseSummaryDto[]; total: number; page: number; pageSize: number }> {
  const { db, actor, meta, clock, timeZone } = ctx;
  const where = and(
    q.status ? eq(mdtCases.status, q.status) : undefined,
    q.patientId ? eq(mdtCases.patientId, q.patientId) : undefined,
    q.meetingId ? eq(mdtCases.meetingId, q.meetingId) : undefined,
    q.tumorGroup ? eq(mdtMeetings.tumorGroup, q.tumorGroup) : undefined,
  );
  return db.transaction(async (tx) => {
    const r = await findCaseSummaries(tx, actor, {
      where,
      today: todayIn(timeZone, clock.now()),
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
      order: 'recent',
    });
    await recordAudit(tx, meta, actor, {
      action: 'mdt.case.list',
      outcome: 'success',
      resourceType: 'mdt_case',
      details: { caseIds: r.items.map((c) => c.id), patientIds: [...new Set(r.items.map((c) => c.patient.id))], total: r.total },
    });
    return { ...r, page: q.page, pageSize: q.pageSize };
  });
}
