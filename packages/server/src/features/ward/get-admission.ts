import { and, desc, eq, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { admissions, patients } from '../../db/schema/index.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { patientScope } from '../patients/index.js';
import { findVisibleAdmission, toAdmissionDtos } from './queries.js';
import type { AdmissionDto, AdmissionsQuery } from '@gisurg/contracts/ward';

/** One admission with its stays (audited read). */
export async function getAdmission(ctx: UseCaseContext, id: string): Promise<AdmissionDto> {
  const { db, actor, meta, clock, timeZone } = ctx;
  const a = await findVisibleAdmission(db, actor, id);
  if (!a) throw notFound();
  await recordAudit(db, meta, actor, {
    action: 'ward.admission.read',
    outcome: 'success',
    resourceType: 'admission',
    resourceId: id,
    patientId: a.patientId,
  });
  return (await toAdmissionDtos(db, [a], clock.now(), timeZone))[0]!;
}

/** A patient's stays (newest first), or without `patientId` the current inpatients. At most 500 rows. */
export async function findAdmissions(ctx: UseCaseContext, query: AdmissionsQuery): Promise<AdmissionDto[]> {
  const { db, actor, meta, clock, timeZone } = ctx;
  const where: (SQL | undefined)[] = [patientScope(actor)];
  if (query.patientId) where.push(eq(admissions.patientId, query.patientId));
  const status = query.status ?? (query.patientId ? undefined : 'active');
  if (status) where.push(eq(admissions.status, status));
  const rows = await db
    .select({ a: admissions })
    .from(admissions)
    .innerJoin(patients, eq(patients.id, admissions.patientId))
    .where(and(...where))
    .orderBy(desc(admissions.admittedAt))
    .limit(500);
  await recordAudit(db, meta, actor, {
    action: 'ward.admission.list',
    outcome: 'success',
    resourceType: 'admission',
    patientId: query.patientId ?? null,
    details: { count: rows.length, status: status ?? null },
  });
  return toAdmissionDtos(
    db,
    rows.map((r) => r.a),
    clock.now(),
    timeZone,
  );
}
