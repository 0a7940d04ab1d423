import { and, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { addDays, todayIn, daysBetween } from '@gisurg/contracts';
import type { Worklist, WorklistQuery } from '@gisurg/contracts/followup';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { followUpItems, followUpPlans, oncologyDiagnoses, operations, patients, users } from '../../db/schema/index.js';
import { patientScope } from '../patients/index.js';

/**
 * The due worklist: planned visits (items grouped by patient and due date) that are overdue (`due=overdue`),
 * due within the next 7 days (`due=week`), or both (no `due`). Filter by surgeon and diagnosis site.
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
  const lastContact = sql<
    string | null
  >`(select max(c.contact_date)::text from follow_up_contacts c where c.patient_id = ${patients}.${sql.identifier('id')})`;
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({
        patientId: patients.id,
        planId: followUpPlans.id,
        name: patients.name,
        inpatientNo: patients.inpatientNo,
        site: oncologyDiagnoses.site,
        stage: followUpPlans.stage,
        dueDate: followUpItems.dueDate,
        kinds: sql<string[]>`array_agg(${followUpItems.kind} order by ${followUpItems.kind})`,
        lastContactDate: lastContact,
        surgeonName: users.displayName,
      })
      .from(followUpItems)
      .innerJoin(followUpPlans, eq(followUpPlans.id, followUpItems.planId))
      .innerJoin(patients, eq(patients.id, followUpItems.patientId))
      .innerJoin(oncologyDiagnoses, eq(oncologyDiagnoses.id, followUpPlans.diagnosisId))
      .innerJoin(operations, eq(operations.id, followUpPlans.operationId))
      .leftJoin(users, eq(users.id, operations.surgeonId))
      .where(
        and(
          eq(followUpItems.status, 'planned'),
          due,
          patientScope(actor),
          q.surgeonId ? eq(operations.surgeonId, q.surgeonId) : undefined,
          q.site ? eq(oncologyDiagnoses.site, q.site) : undefined,
        ),
      )
      .groupBy(patients.id, followUpPlans.id, oncologyDiagnoses.site, followUpItems.dueDate, users.displayName)
      .orderBy(followUpItems.dueDate, patients.name)
      .limit(500);
    await recordAudit(tx, meta, actor, {
      action: 'followup.worklist.read',
      outcome: 'success',
      resourceType: 'follow_up_worklist',
      details: { due: q.due ?? 'all', rows: rows.length },
    });
    const items = rows.map((r) => ({ ...r, overdueDays: Math.max(0, daysBetween(r.dueDate, today)) }));
    return { items, total: items.length };
  });
}
