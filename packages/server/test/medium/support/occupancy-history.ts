import { and, asc, eq, gte, inArray, isNull, lte, ne, or } from 'drizzle-orm';
import { addDays, toInstant, wallClock } from '@gisurg/contracts';
import type { Db } from '../../../src/db/types.js';
import { admissions, bedStays, beds, operations, patients } from '../../../src/db/schema/index.js';
import {
  lengthOfStayFigures,
  occupancyByDay,
  totals,
  type AdmissionFacts,
  type OccupancySettings,
  type StayInterval,
} from '../../../src/features/ward/occupancy.js';
import { syntheticPerson } from '../../../src/seed/people.js';
import { Rng } from '../../../src/seed/random.js';

const HOUR = 3_600_000;

/**
 * A synthetic stay history on the given beds from `from` to `until` (inserted directly, fast): per bed,
 * back-to-back stays of 2 h to 20 days separated by 0–48 h, some starting or ending exactly at midnight,
 * about 1 in 8 moving to a bed of the next ward part way (a transfer), 1 in 20 cancelled, a third with an
 * operation on the day after admission; the last stay of each bed is still open. Returns the admissions written.
 */
export async function writeStayHistory(
  db: Db,
  opts: { organizationId: string; bedIdsByWard: string[][]; from: string; until: Date; timeZone: string; seed?: number },
): Promise<number> {
  const rng = new Rng(opts.seed ?? 7);
  const allBeds = opts.bedIdsByWard.flatMap((ids, w) => ids.map((id) => ({ id, w })));
  const nextFree = new Map(allBeds.map((b) => [b.id, toInstant(`${opts.from}T00:00`, opts.timeZone).getTime() - rng.int(0, 240) * HOUR]));
  const poolSize = allBeds.length * 3;
  const people = Array.from({ length: poolSize }, (_, i) => ({
    ...syntheticPerson(rng, '2026-11-26'),
    organizationId: opts.organizationId,
    inpatientNo: `OCC${String(opts.seed ?? 7)}${String(i).padStart(6, '0')}`,
    idType: 'resident_id' as const,
  }));
  const patientIds: string[] = [];
  for (let i = 0; i < people.length; i += 500) {
    const rows = await db
      .insert(patients)
      .values(people.slice(i, i + 500))
      .returning({ id: patients.id });
    patientIds.push(...rows.map((r) => r.id));
  }
  type Adm = typeof admissions.$inferInsert & { id: string };
  const adms: Adm[] = [];
  const stays: (typeof bedStays.$inferInsert)[] = [];
  const ops: (typeof operations.$inferInsert)[] = [];
  const until = opts.until.getTime();
  let n = 0;
  for (const [bi, bed] of allBeds.entries()) {
    let t = nextFree.get(bed.id)!;
    for (;;) {
      t += rng.chance(0.1) ? 0 : rng.int(0, 48) * HOUR;
      if (rng.chance(0.1)) t = Math.ceil(t / (24 * HOUR)) * 24 * HOUR - 8 * HOUR; // midnight Asia/Shanghai
      const length = rng.chance(0.08) ? rng.int(2, 10) * HOUR : rng.int(1, 20) * 24 * HOUR + rng.int(-6, 6) * HOUR;
      const end = t + Math.max(length, HOUR);
      const open = end >= until;
      // Still-open stays take the bed's own patient (one open admission per patient); others any patient.
      const patientId = open ? patientIds[bi]! : patientIds[allBeds.length + rng.int(0, poolSize - allBeds.length - 1)]!;
      const id = crypto.randomUUID();
      const cancelled = !open && rng.chance(0.05);
      adms.push({
        id,
        patientId,
        organizationId: opts.organizationId,
        status: open ? 'active' : cancelled ? 'cancelled' : 'discharged',
        admittedAt: new Date(t),
        dischargedAt: open || cancelled ? null : new Date(end),
        cancelledAt: cancelled ? new Date(end) : null,
        source: 'outpatient',
        disposition: open || cancelled ? null : 'order',
      });
      const transfer = !open && rng.chance(0.12) && opts.bedIdsByWard.length > 1;
      if (transfer) {
        // Half the stay here, the other half in a bed of the next ward that is free by then.
        const mid = t + Math.floor((end - t) / 2);
        const other = opts.bedIdsByWard[(bed.w + 1) % opts.bedIdsByWard.length]!;
        const target = other.find((b) => nextFree.get(b)! <= mid && b !== bed.id);
        if (target) {
          stays.push({ admissionId: id, bedId: bed.id, fromAt: new Date(t), toAt: new Date(mid) });
          stays.push({ admissionId: id, bedId: target, fromAt: new Date(mid), toAt: new Date(end) });
          nextFree.set(target, end + HOUR);
        } else stays.push({ admissionId: id, bedId: bed.id, fromAt: new Date(t), toAt: new Date(end) });
      } else stays.push({ admissionId: id, bedId: bed.id, fromAt: new Date(t), toAt: open ? null : new Date(end) });
      if (!cancelled && rng.chance(0.33)) {
        const day = addDays(wallClock(new Date(t), opts.timeZone).date, 1);
        if (open || day <= wallClock(new Date(end), opts.timeZone).date)
          ops.push({ patientId, operationDate: day, urgency: 'elective', intent: 'curative', approach: 'open' });
      }
      n += 1;
      if (open) {
        nextFree.set(bed.id, Number.POSITIVE_INFINITY);
        break;
      }
      t = Math.max(end, nextFree.get(bed.id)!);
      nextFree.set(bed.id, t);
    }
  }
  for (let i = 0; i < adms.length; i += 1000) await db.insert(admissions).values(adms.slice(i, i + 1000));
  for (let i = 0; i < stays.length; i += 1000) await db.insert(bedStays).values(stays.slice(i, i + 1000));
  for (let i = 0; i < ops.length; i += 1000) await db.insert(operations).values(ops.slice(i, i + 1000));
  return n;
}

/**
 * The occupancy of a period as the pure functions of occupancy.ts compute it from the rows (the way the
 * route computed it before the figures moved into SQL): the reference the SQL is checked against.
 */
export async function pureOccupancy(
  db: Db,
  q: { from: string; to: string; today: string; timeZone: string; organizationId: string; wardIds: string[]; settings: OccupancySettings },
) {
  const { from, to, today, timeZone, settings } = q;
  const inScope = q.wardIds;
  const openBeds = (await db.select({ id: beds.id }).from(beds).where(inArray(beds.wardId, inScope))).length;
  const start = toInstant(`${from}T00:00`, timeZone);
  const end = toInstant(`${addDays(to, 1)}T00:00`, timeZone);
  const stayRows = await db
    .select({ s: bedStays, wardId: beds.wardId, a: admissions })
    .from(bedStays)
    .innerJoin(beds, eq(beds.id, bedStays.bedId))
    .innerJoin(admissions, eq(admissions.id, bedStays.admissionId))
    .where(
      and(
        ne(admissions.status, 'cancelled'),
        eq(admissions.organizationId, q.organizationId),
        lte(bedStays.fromAt, end),
        or(isNull(bedStays.toAt), gte(bedStays.toAt, start)),
      ),
    )
    .orderBy(asc(bedStays.fromAt));
  const admissionIds = [...new Set(stayRows.map((r) => r.a.id))];
  const allStays = admissionIds.length
    ? await db
        .select({ s: bedStays, wardId: beds.wardId })
        .from(bedStays)
        .innerJoin(beds, eq(beds.id, bedStays.bedId))
        .where(inArray(bedStays.admissionId, admissionIds))
        .orderBy(asc(bedStays.fromAt))
    : [];
  const patientIds = [...new Set(stayRows.map((r) => r.a.patientId))];
  const ops = patientIds.length
    ? await db
        .select({ patientId: operations.patientId, date: operations.operationDate })
        .from(operations)
        .where(and(inArray(operations.patientId, patientIds), isNull(operations.deletedAt)))
        .orderBy(asc(operations.operationDate))
    : [];
  const stays: StayInterval[] = stayRows
    .filter((r) => inScope.includes(r.wardId))
    .map((r) => ({ admissionId: r.a.id, wardId: r.wardId, from: r.s.fromAt, to: r.s.toAt }));
  const seen = new Map(stayRows.map((r) => [r.a.id, r.a]));
  const facts: AdmissionFacts[] = [...seen.values()].map((a) => {
    const own = allStays.filter((x) => x.s.admissionId === a.id);
    const first = own[0]?.wardId ?? null;
    const last = own[own.length - 1]?.wardId ?? null;
    const admittedOn = wallClock(a.admittedAt, timeZone).date;
    const endOn = a.dischargedAt ? wallClock(a.dischargedAt, timeZone).date : today;
    const op = ops.find((o) => o.patientId === a.patientId && o.date >= admittedOn && o.date <= endOn);
    return {
      id: a.id,
      admittedAt: a.admittedAt,
      dischargedAt: a.dischargedAt,
      firstWardId: first && inScope.includes(first) ? first : null,
      lastWardId: last && inScope.includes(last) ? last : null,
      operationDate: op?.date ?? null,
    };
  });
  const input = { from, to, timeZone, openBeds, stays, admissions: facts, settings };
  const days = occupancyByDay(input);
  return { days, totals: totals(days), los: lengthOfStayFigures(input) };
}
