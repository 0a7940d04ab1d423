import { and, asc, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import { admissions, bedStates, beds, departments, patients, users, wards } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import { ageOn, todayIn } from '@gisurg/contracts';
import { activeReservations, isReservationExpired } from './bed-lock.js';
import { dayOfStay } from './occupancy.js';
import type { BedDto, BoardQuery, WardDto } from '@gisurg/contracts/ward';
import { BED_STATES, type BedState } from './states.js';

/**
 * The bed board: every ward of the hospital with its beds and their state as shown. A vacant bed held by an
 * active planned reservation for today, or a manual reservation not yet expired, shows as `reserved`;
 * an expired manual reservation shows as `vacant_clean`. Reading the board is audited (patient names).
 */
export async function getBoard(ctx: UseCaseContext, query: BoardQuery): Promise<WardDto[]> {
  const { db, actor, meta, clock, timeZone } = ctx;
  const now = clock.now();
  const today = todayIn(timeZone, now);
  const wardRows = await db
    .select({ id: wards.id, code: wards.code, name: wards.name, nameEn: wards.nameEn, kind: wards.kind })
    .from(wards)
    .innerJoin(departments, eq(departments.id, wards.departmentId))
    .where(and(eq(departments.organizationId, actor.organizationId), query.wardId ? eq(wards.id, query.wardId) : undefined))
    .orderBy(asc(wards.sortOrder), asc(wards.code));
  if (wardRows.length === 0) return [];
  const rows = await db
    // Only the columns the board shows: whole rows of four tables cost more to decode than the query costs.
    .select({
      bed: { id: beds.id, wardId: beds.wardId, label: beds.label },
      s: {
        state: bedStates.state,
        since: bedStates.since,
        note: bedStates.note,
        reservedPatientId: bedStates.reservedPatientId,
        reservedUntil: bedStates.reservedUntil,
        blockReason: bedStates.blockReason,
      },
      a: {
        id: admissions.id,
        admittedAt: admissions.admittedAt,
        diagnosis: admissions.diagnosis,
        plannedProcedure: admissions.plannedProcedure,
        attendingSurgeonId: admissions.attendingSurgeonId,
        isolation: admissions.isolation,
        fallRisk: admissions.fallRisk,
      },
      p: {
        id: patients.id,
        name: patients.name,
        sex: patients.sex,
        birthDate: patients.birthDate,
        inpatientNo: patients.inpatientNo,
        allergies: patients.allergies,
      },
      surgeon: users.displayName,
    })
    .from(beds)
    .innerJoin(bedStates, eq(bedStates.bedId, beds.id))
    .leftJoin(admissions, eq(admissions.id, bedStates.admissionId))
    .leftJoin(patients, eq(patients.id, admissions.patientId))
    .leftJoin(users, eq(users.id, admissions.attendingSurgeonId))
    .where(
      inArray(
        beds.wardId,
        wardRows.map((w) => w.id),
      ),
    )
    .orderBy(asc(beds.sortOrder), asc(beds.label));
  const plannedRows = await activeReservations(
    db,
    rows.map((r) => r.bed.id),
    today,
  );
  const planned = new Map(plannedRows.map((r) => [r.bedId, r]));
  const heldFor = [
    ...new Set([...plannedRows.map((r) => r.patientId), ...rows.map((r) => r.s.reservedPatientId).filter((x): x is string => x !== null)]),
  ];
  const names = heldFor.length
    ? await db.select({ id: patients.id, name: patients.name }).from(patients).where(inArray(patients.id, heldFor))
    : [];
  const nameById = new Map(names.map((n) => [n.id, n.name]));
  const nameOf = (id: string) => ({ id, name: nameById.get(id) ?? '' });

  const toBed = (r: (typeof rows)[number]): BedDto => {
    const s = r.s;
    const expired = isReservationExpired(s, now);
    const plan = planned.get(r.bed.id);
    let state: BedState = expired ? 'vacant_clean' : s.state;
    const base: BedDto = { id: r.bed.id, label: r.bed.label, state, since: s.since.toISOString(), note: s.note };
    if (s.state === 'occupied' && r.a && r.p) {
      return {
        ...base,
        admissionId: r.a.id,
        patient: { id: r.p.id, name: r.p.name, sex: r.p.sex, age: ageOn(r.p.birthDate, today), inpatientNo: r.p.inpatientNo },
        dayOfStay: dayOfStay(r.a.admittedAt, today, timeZone),
        admittedAt: r.a.admittedAt.toISOString(),
        diagnosis: r.a.diagnosis,
        plannedProcedure: r.a.plannedProcedure,
        attendingSurgeon: r.a.attendingSurgeonId ? { id: r.a.attendingSurgeonId, name: r.surgeon ?? '' } : null,
        flags: { isolation: r.a.isolation, fallRisk: r.a.fallRisk, allergy: r.p.allergies },
      };
    }
    if (s.state === 'reserved' && !expired && s.reservedPatientId)
      return { ...base, reservedFor: nameOf(s.reservedPatientId), reservedUntil: s.reservedUntil?.toISOString() ?? null };
    if (plan && (state === 'vacant_clean' || state === 'vacant_dirty')) {
      state = 'reserved';
      return { ...base, state, reservedFor: nameOf(plan.patientId), reservedUntil: `${plan.toDate}`, note: plan.reason ?? s.note };
    }
    if (s.state === 'blocked') return { ...base, blockReason: s.blockReason };
    return { ...base, state };
  };

  const board = wardRows.map((w) => {
    const all = rows.filter((r) => r.bed.wardId === w.id).map(toBed);
    const counts: Record<string, number> = { total: all.length };
    for (const st of BED_STATES) counts[st] = all.filter((b) => b.state === st).length;
    const shown = all.filter(
      (b) => (!query.state || b.state === query.state) && (!query.surgeonId || b.attendingSurgeon?.id === query.surgeonId),
    );
    return { ...w, counts, beds: shown };
  });
  const patientIds = board.flatMap((w) => w.beds.map((b) => b.patient?.id).filter((x): x is string => Boolean(x)));
  await recordAudit(db, meta, actor, {
    action: 'ward.board.read',
    outcome: 'success',
    resourceType: 'ward',
    details: { wards: board.length, patients: patientIds.length },
  });
  return board;
}
