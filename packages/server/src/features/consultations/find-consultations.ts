import { and, count, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { consultations, patients } from '../../db/schema/index.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import type { ConsultationDetail, ConsultationList, ConsultationListQuery } from '@gisurg/contracts/consultations';
import { buildDetail, consultationScope, listFrom, toListItem } from './queries.js';
import { OPEN_STATES } from './workflow.js';

/**
 * The consultations the actor may see (external doctors: their own hospital's), newest first, filtered by
 * status, patient, and `overdue=true` (the answer is still owed and the deadline has passed: the
 * coordinator's overdue list, most overdue first).
 */
export async function findConsultations(ctx: UseCaseContext, query: ConsultationListQuery): Promise<ConsultationList> {
  const { db, actor, meta, clock } = ctx;
  const now = clock.now();
  const where: (SQL | undefined)[] = [consultationScope(actor)];
  if (query.status) where.push(eq(consultations.status, query.status));
  if (query.patientId) where.push(eq(consultations.patientId, query.patientId));
  const overdue = query.overdue === 'true';
  if (overdue) where.push(inArray(consultations.status, [...OPEN_STATES]), lt(consultations.dueAt, now));
  const rows = await listFrom(db)
    .where(and(...where))
    .orderBy(overdue ? consultations.dueAt : desc(consultations.submittedAt), consultations.id)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(consultations)
    .innerJoin(patients, eq(patients.id, consultations.patientId))
    .where(and(...where));
  await recordAudit(db, meta, actor, {
    action: 'consultation.list',
    outcome: 'success',
    resourceType: 'consultation',
    patientId: query.patientId ?? null,
    details: { count: rows.length, status: query.status ?? null, overdue },
  });
  return { items: rows.map((r) => toListItem(r, now)), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** One consultation with its thread (audited read). */
export async function getConsultation(ctx: UseCaseContext, id: string): Promise<ConsultationDetail> {
  const { db, actor, meta, clock } = ctx;
  const detail = await buildDetail(db, actor, id, clock.now());
  if (!detail) throw notFound();
  await recordAudit(db, meta, actor, {
    action: 'consultation.read',
    outcome: 'success',
    resourceType: 'consultation',
    resourceId: id,
    patientId: detail.patientId,
  });
  return detail;
}
