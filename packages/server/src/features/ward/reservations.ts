import { and, asc, eq, gte, isNull, lte, ne, notExists, or, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { admissions, bedReservations, bedStates, beds, departments, wards } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { RequestMeta } from '../../core/context.js';

/**
 * Planned-admission reservations for other features (e.g. a consultation's referral, issue 10): hold a
 * general-ward bed of the actor's hospital for a patient over [fromDate, toDate] (hospital dates,
 * inclusive). The bed must not be blocked, not occupied when the period covers today, and have no
 * overlapping active reservation. Admission into that bed consumes the reservation (admit-patient.ts).
 * Writers serialize on the bed_reservations table so two referrals never take the same bed.
 */
export async function holdWardBed(
  tx: Db,
  meta: RequestMeta,
  actor: Actor,
  opts: { patientId: string; fromDate: string; toDate: string; today: string; now: Date; reason: string },
): Promise<{ id: string; bedId: string } | null> {
  await tx.execute(sql`lock table bed_reservations in share row exclusive mode`);
  const coversToday = opts.fromDate <= opts.today && opts.today <= opts.toDate;
  const [bed] = await tx
    .select({ id: beds.id })
    .from(beds)
    .innerJoin(wards, eq(wards.id, beds.wardId))
    .innerJoin(departments, eq(departments.id, wards.departmentId))
    .leftJoin(bedStates, eq(bedStates.bedId, beds.id))
    .where(
      and(
        eq(departments.organizationId, actor.organizationId),
        eq(wards.kind, 'general'),
        or(isNull(bedStates.state), ne(bedStates.state, 'blocked')),
        coversToday ? or(isNull(bedStates.state), eq(bedStates.state, 'vacant_clean')) : undefined,
        notExists(
          tx
            .select({ one: sql`1` })
            .from(bedReservations)
            .where(
              and(
                eq(bedReservations.bedId, beds.id),
                eq(bedReservations.status, 'active'),
                lte(bedReservations.fromDate, opts.toDate),
                gte(bedReservations.toDate, opts.fromDate),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(wards.sortOrder), asc(beds.sortOrder), asc(beds.label))
    .limit(1);
  if (!bed) return null;
  const [row] = await tx
    .insert(bedReservations)
    .values({
      patientId: opts.patientId,
      bedId: bed.id,
      wardKind: 'general',
      fromDate: opts.fromDate,
      toDate: opts.toDate,
      status: 'active',
      reason: opts.reason,
      createdAt: opts.now,
      updatedAt: opts.now,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    })
    .returning({ id: bedReservations.id });
  await recordAudit(tx, meta, actor, {
    action: 'ward.reservation.create',
    outcome: 'success',
    resourceType: 'bed_reservation',
    resourceId: row!.id,
    patientId: opts.patientId,
    details: { bedId: bed.id, fromDate: opts.fromDate, toDate: opts.toDate, reason: opts.reason },
  });
  return { id: row!.id, bedId: bed.id };
}

/**
 * Record that a stay came by transfer from another institution (入院途径 3 其他医疗机构转入), e.g. when the
 * patient of a consultation's referral is admitted. Audited; leaves a stay already recorded so unchanged.
 */
export async function recordTransferIn(
  tx: Db,
  meta: RequestMeta,
  actor: Actor | null,
  opts: { admissionId: string; institution: string; now: Date },
): Promise<void> {
  const [row] = await tx
    .update(admissions)
    .set({ source: 'transfer_in', sourceInstitution: opts.institution, updatedAt: opts.now, version: sql`${admissions.version} + 1` })
    .where(
      and(
        eq(admissions.id, opts.admissionId),
        or(ne(admissions.source, 'transfer_in'), isNull(admissions.sourceInstitution), ne(admissions.sourceInstitution, opts.institution)),
      ),
    )
    .returning({ id: admissions.id, patientId: admissions.patientId });
  if (!row) return;
  await recordAudit(tx, meta, actor, {
    action: 'ward.admission.transfer_in',
    outcome: 'success',
    resourceType: 'admission',
    resourceId: row.id,
    patientId: row.patientId,
    details: { source: 'transfer_in' },
  });
}
