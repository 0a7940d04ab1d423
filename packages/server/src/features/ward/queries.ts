import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { admissions, beds, bedStays, patients, users, wards } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { AppError } from '../../core/app-error.js';
import { invalidField } from '../../core/validation.js';
import type { Locale } from '../../i18n/messages.js';
import { ageOn, todayIn } from '@gisurg/contracts';
import { wallClock } from '@gisurg/contracts';
import { patientScope } from '../patients/index.js';
import { daysBetween } from './occupancy.js';
import type { AdmissionDto } from '@gisurg/contracts/ward';

export type AdmissionRow = typeof admissions.$inferSelect;

/** An admission of a patient the actor may see (else null → 404); `lock` takes its row FOR UPDATE. */
export async function findVisibleAdmission(db: Db, actor: Actor, id: string, lock = false): Promise<AdmissionRow | null> {
  const q = db
    .select({ a: admissions })
    .from(admissions)
    .innerJoin(patients, eq(patients.id, admissions.patientId))
    .where(and(eq(admissions.id, id), patientScope(actor)));
  const rows = lock ? await q.for('update', { of: admissions }) : await q;
  return rows[0]?.a ?? null;
}

export function requireActive(a: AdmissionRow): void {
  if (a.status !== 'active') throw new AppError('INVALID_STATE', 'ward.errors.notActive', { status: a.status });
}

/** The open stay (current bed) of an active admission. */
export async function openStay(tx: Db, admissionId: string) {
  const rows = await tx.select().from(bedStays).where(eq(bedStays.admissionId, admissionId));
  return rows.find((s) => s.toAt === null) ?? null;
}

/** An attending surgeon must be an active user of the actor's hospital. */
export async function checkSurgeon(db: Db, actor: Actor, locale: Locale, surgeonId: string | null | undefined): Promise<void> {
  if (!surgeonId) return;
  const [u] = await db
    .select({ id: users.id, disabledAt: users.disabledAt, org: users.organizationId })
    .from(users)
    .where(eq(users.id, surgeonId));
  if (!u || u.disabledAt || u.org !== actor.organizationId)
    throw invalidField(locale, 'attendingSurgeonId', 'ward.validation.surgeonUnknown');
}

/** A time the user gave must not be in the future (a minute of clock skew allowed). */
export function notFuture(locale: Locale, path: string, at: Date, now: Date): void {
  if (at.getTime() > now.getTime() + 60_000) throw invalidField(locale, path, 'ward.validation.future');
}

export async function toAdmissionDtos(db: Db, rows: readonly AdmissionRow[], now: Date, timeZone: string): Promise<AdmissionDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const pts = await db
    .select()
    .from(patients)
    .where(inArray(patients.id, [...new Set(rows.map((r) => r.patientId))]));
  const surgeonIds = [...new Set(rows.map((r) => r.attendingSurgeonId).filter((x): x is string => x !== null))];
  const surgeons = surgeonIds.length
    ? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, surgeonIds))
    : [];
  const stays = await db
    .select({ s: bedStays, bedLabel: beds.label, wardId: wards.id, wardName: wards.name })
    .from(bedStays)
    .innerJoin(beds, eq(beds.id, bedStays.bedId))
    .innerJoin(wards, eq(wards.id, beds.wardId))
    .where(inArray(bedStays.admissionId, ids))
    .orderBy(asc(bedStays.fromAt), asc(bedStays.createdAt));
  const today = todayIn(timeZone, now);
  return rows.map((a) => {
    const p = pts.find((x) => x.id === a.patientId)!;
    const s = surgeons.find((x) => x.id === a.attendingSurgeonId) ?? null;
    const own = stays
      .filter((x) => x.s.admissionId === a.id)
      .map((x) => ({
        bedId: x.s.bedId,
        bedLabel: x.bedLabel,
        wardId: x.wardId,
        wardName: x.wardName,
        fromAt: x.s.fromAt.toISOString(),
        toAt: x.s.toAt?.toISOString() ?? null,
      }));
    const end = a.dischargedAt ?? a.cancelledAt;
    const endDate = end ? wallClock(end, timeZone).date : today;
    return {
      id: a.id,
      version: a.version,
      status: a.status,
      patient: { id: p.id, name: p.name, sex: p.sex, age: ageOn(p.birthDate, today), inpatientNo: p.inpatientNo, allergies: p.allergies },
      admittedAt: a.admittedAt.toISOString(),
      source: a.source,
      sourceInstitution: a.sourceInstitution,
      diagnosis: a.diagnosis,
      attendingSurgeon: s,
      expectedLosDays: a.expectedLosDays,
      plannedProcedure: a.plannedProcedure,
      isolation: a.isolation,
      fallRisk: a.fallRisk,
      dischargedAt: a.dischargedAt?.toISOString() ?? null,
      disposition: a.disposition,
      dispositionInstitution: a.dispositionInstitution,
      cancelledAt: a.cancelledAt?.toISOString() ?? null,
      cancelReason: a.cancelReason,
      bed: a.status === 'active' ? (own.find((x) => x.toAt === null) ?? null) : null,
      dayOfStay: daysBetween(wallClock(a.admittedAt, timeZone).date, endDate) + 1,
      stays: own,
    };
  });
}

/** Update an admission with optimistic concurrency: a stale `expectedVersion` gets 409 (errors.stale). */
export async function updateAdmissionRow(
  db: Db,
  a: AdmissionRow,
  changes: Partial<typeof admissions.$inferInsert>,
  opts: { now: Date; actor: Actor; expectedVersion?: number | undefined },
): Promise<AdmissionRow> {
  const expected = opts.expectedVersion ?? a.version;
  const [row] = await db
    .update(admissions)
    .set({ ...changes, version: a.version + 1, updatedAt: opts.now, updatedBy: opts.actor.userId })
    .where(and(eq(admissions.id, a.id), eq(admissions.version, expected)))
    .returning();
  if (!row) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: a.version });
  return row;
}
