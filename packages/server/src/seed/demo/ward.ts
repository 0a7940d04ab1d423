import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, inArray, isNull, lte, min } from 'drizzle-orm';
import { PROCEDURES, procedureIcd9cm3 } from '@gisurg/clinical';
import type { Rng } from '../random.js';
import { CaseWriter, seedCase, type CaseKind } from './oncology.js';
import {
  admissions,
  bedEvents,
  bedStates,
  beds,
  bedStays,
  departments,
  mdtMeetings,
  oncologyDiagnoses,
  operationProcedures,
  operations,
  patients,
  users,
  wards,
} from '../../db/schema/index.js';
import { addDays, toInstant, wallClock } from '@gisurg/contracts';
import { daysBetween } from '../../features/ward/occupancy.js';
import type { BedState } from '../../features/ward/states.js';
import { nextWorkingDay } from './calendar.js';
import { DEMO_ORGANIZATIONS } from './foundation.js';
import type { DemoStepContext } from './index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HISTORY_DAYS = 60;

const CASES = [
  {
    diagnosis: '胃窦腺癌',
    procedure: '腹腔镜远端胃切除术（D2）',
    los: [8, 12],
    weight: 3,
    codes: ['gastrectomy_distal_d2'],
    approach: 'laparoscopic',
  },
  {
    diagnosis: '胃体腺癌',
    procedure: '腹腔镜全胃切除术（D2）',
    los: [9, 14],
    weight: 2,
    codes: ['gastrectomy_total_d2'],
    approach: 'laparoscopic',
  },
  {
    diagnosis: '乙状结肠腺癌',
    procedure: '腹腔镜乙状结肠癌根治术',
    los: [7, 10],
    weight: 2.5,
    codes: ['sigmoidectomy'],
    approach: 'laparoscopic',
  },
  {
    diagnosis: '直肠腺癌（中低位）',
    procedure: '腹腔镜直肠癌前切除术（TME）',
    los: [8, 13],
    weight: 2.5,
    codes: ['anterior_resection_tme'],
    approach: 'laparoscopic',
  },
  {
    diagnosis: '升结肠腺癌',
    procedure: '腹腔镜右半结肠切除术',
    los: [7, 10],
    weight: 2,
    codes: ['right_hemicolectomy_cme'],
    approach: 'laparoscopic',
  },
  { diagnosis: '结肠癌腹膜转移', procedure: 'CRS+HIPEC', los: [12, 20], weight: 0.6, codes: ['crs', 'hipec'], approach: 'open' },
  { diagnosis: '腹膜假黏液瘤', procedure: 'CRS+HIPEC', los: [14, 22], weight: 0.3, codes: ['crs', 'hipec'], approach: 'open' },
  { diagnosis: '胃癌新辅助化疗后', procedure: '化疗（SOX 方案）', los: [2, 4], weight: 3, codes: [], approach: null },
  { diagnosis: '粘连性肠梗阻', procedure: '保守治疗', los: [3, 7], weight: 1, codes: [], approach: null },
  { diagnosis: '急性阑尾炎', procedure: '腹腔镜阑尾切除术', los: [2, 4], weight: 1, codes: ['appendectomy'], approach: 'laparoscopic' },
] as const;
const TOTAL_WEIGHT = CASES.reduce((n, c) => n + c.weight, 0);

/** A case mix weighted like the department's (gastric and colorectal resections, day chemotherapy, some CRS+HIPEC). */
function pickCase(rng: DemoStepContext['rng']): (typeof CASES)[number] {
  let r = rng.next() * TOTAL_WEIGHT;
  for (const c of CASES) {
    r -= c.weight;
    if (r < 0) return c;
  }
  return CASES[0];
}

interface Stay {
  bedIndex: number;
  admitAt: Date;
  dischargeAt: Date | null;
  kase: (typeof CASES)[number];
}

/**
 * Ward demo data (issue 6): ~60 days of admissions and discharges (with bed stays and bed events) so the
 * occupancy and length-of-stay figures mean something, and a realistic current state — most general beds
 * occupied, four awaiting cleaning, one blocked, a few clean; two ICU and two HDU patients and one ICU bed
 * reserved. Patients are the foundation's demo patients; one admission per patient at a time. A surgical
 * stay gets its operation in the oncology record (procedure codes, surgeon, discharge date), so the
 * post-operative length of stay has figures; a demo operation of the oncology step that falls within a stay
 * makes its patient preferred for it.
 */
export async function seedWardDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, rng, now, today, timeZone } = ctx;
  const at = (date: string, hour: number, minute = 0) =>
    toInstant(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, timeZone);
  const wardRows = await tx
    .select({ id: wards.id, code: wards.code, kind: wards.kind })
    .from(wards)
    .innerJoin(departments, eq(departments.id, wards.departmentId))
    .where(eq(departments.id, ctx.departmentId))
    .orderBy(asc(wards.sortOrder), asc(wards.code));
  const bedRows = await tx
    .select({ id: beds.id, wardId: beds.wardId, label: beds.label })
    .from(beds)
    .where(inArray(beds.wardId, wardRows.map((w) => w.id).concat(['00000000-0000-4000-8000-000000000000'])))
    .orderBy(asc(beds.wardId), asc(beds.sortOrder), asc(beds.label));
  const kindOf = (b: { wardId: string }) => wardRows.find((w) => w.id === b.wardId)!.kind;
  const ordered = wardRows.flatMap((w) => bedRows.filter((b) => b.wardId === w.id));
  const general = ordered.filter((b) => kindOf(b) === 'general');
  const critical = ordered.filter((b) => kindOf(b) !== 'general');
  const people = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.organizationId, ctx.homeOrganizationId), isNull(patients.deletedAt)))
    .orderBy(asc(patients.inpatientNo), asc(patients.name));
  const surgeons = (
    await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.organizationId, ctx.homeOrganizationId))
      .orderBy(asc(users.username))
  )
    .filter((u) => u.role === 'surgeon' || u.role === 'department_head')
    .map((u) => u.id);
  const nurse = (await tx.select({ id: users.id }).from(users).where(eq(users.username, 'nurse')))[0]?.id ?? null;
  const resident = (await tx.select({ id: users.id }).from(users).where(eq(users.username, 'resident')))[0]?.id ?? null;
  const student = (await tx.select({ id: users.id }).from(users).where(eq(users.username, 'student')))[0]?.id ?? null;
  if (general.length === 0 || people.length === 0) return;
  const start = addDays(today, -HISTORY_DAYS);
  const ops = await tx
    .select({ patientId: operations.patientId, date: operations.operationDate })
    .from(operations)
    .where(and(gte(operations.operationDate, start), lte(operations.operationDate, today), isNull(operations.deletedAt)))
    .orderBy(asc(operations.operationDate), asc(operations.patientId));

  // Final state of each general bed: a few clean, four awaiting cleaning, one blocked, the rest occupied.
  const finalState = (i: number): BedState =>
    i % 16 === 5 ? 'vacant_dirty' : i === 30 ? 'blocked' : i % 21 === 10 ? 'vacant_clean' : 'occupied';

  // 1. Stays per general bed, back to back from 60 days ago.
  const stays: Stay[] = [];
  general.forEach((_, i) => {
    let t = at(addDays(start, rng.int(0, 4)), rng.int(8, 16));
    for (;;) {
      const kase = pickCase(rng);
      const los = rng.int(kase.los[0], kase.los[1]);
      const leave = new Date(t.getTime() + los * DAY);
      const dischargeAt = new Date(leave.getTime() - (leave.getTime() % HOUR) + rng.int(0, 3) * HOUR);
      if (dischargeAt.getTime() >= now.getTime()) {
        if (finalState(i) === 'occupied' && t < now) stays.push({ bedIndex: i, admitAt: t, dischargeAt: null, kase });
        break;
      }
      stays.push({ bedIndex: i, admitAt: t, dischargeAt, kase });
      t = new Date(dischargeAt.getTime() + rng.int(3, 30) * HOUR);
    }
  });
  // A bed waiting for cleaning was left this morning.
  general.forEach((_, i) => {
    if (finalState(i) !== 'vacant_dirty') return;
    const last = stays.filter((s) => s.bedIndex === i).at(-1);
    const leftAt = new Date(now.getTime() - rng.int(1, 3) * HOUR);
    if (last?.dischargeAt && last.admitAt < new Date(leftAt.getTime() - DAY)) last.dischargeAt = leftAt;
  });

  // 2. Patients: one stay at a time, and the stay fits the patient's story (issue 16 item 8): a patient of the
  //    oncology step operated within the stay is admitted for that operation; a surgical stay otherwise goes to
  //    a patient with no record yet, whose whole story (diagnosis → operation → pathology) is written for it;
  //    every other stay is medical and named from the patient's own record (chemotherapy after a resection,
  //    review, obstruction).
  stays.sort((a, b) => a.admitAt.getTime() - b.admitAt.getTime());
  const records = await patientRecords(tx);
  const busyUntil = new Map<string, number>();
  const setAside = new Set<string>();
  const isFree = (id: string, s: Stay) => !setAside.has(id) && (busyUntil.get(id) ?? 0) + 3 * DAY <= s.admitAt.getTime();
  const fresh = people.filter((p) => !records.has(p.id)).map((p) => p.id);
  // The patient of tomorrow's CRS+HIPEC (the theatre step books the case for whoever holds the ICU bed): set
  // aside before the stays take the patients with no record, so the reservation always has its patient.
  const icuReserveFor = fresh.pop() ?? null;
  // Likewise the two ICU and two HDU patients (step 3), operated in the last days.
  const criticalPool = fresh.splice(Math.max(0, fresh.length - 4), 4);
  for (const id of [icuReserveFor, ...criticalPool]) if (id) setAside.add(id);
  const assigned: (Stay & { patientId: string; role: StayRole })[] = [];
  // The patients with no record are spread over the history, one every `stride` surgical stays: taken first come,
  // they all went to the first weeks, and the last 30 days (the occupancy page's default) showed one operated
  // discharge of 212 — a post-operative length of stay of "0 days" in a surgical department. Only stays admitted a
  // week before the first live board get a new story: the MDT history step discusses the operations before it
  // (seedMdtHistoryDemo); later ones come from the live boards.
  const [firstBoard] = await tx.select({ at: min(mdtMeetings.startsAt) }).from(mdtMeetings);
  const storiesUntil = firstBoard?.at ? firstBoard.at.getTime() - 7 * DAY : now.getTime();
  const storyCandidate = (s: Stay) => s.kase.codes.length > 0 && s.kase.codes[0] !== 'appendectomy' && s.admitAt.getTime() < storiesUntil;
  const stride = Math.max(1, Math.ceil(stays.filter(storyCandidate).length / Math.max(1, fresh.length)));
  let candidatesSeen = 0;
  for (const s of stays) {
    const from = s.admitAt.toISOString().slice(0, 10);
    const to = (s.dischargeAt ?? now).toISOString().slice(0, 10);
    const operated = ops.find((o) => o.date > from && o.date <= to && isFree(o.patientId, s));
    let patientId: string | null = operated?.patientId ?? null;
    let role: StayRole = operated ? 'operated' : 'medical';
    const turn = storyCandidate(s) && candidatesSeen++ % stride === 0;
    if (!patientId && turn) {
      const i = fresh.findIndex((id) => isFree(id, s));
      if (i >= 0) {
        patientId = fresh.splice(i, 1)[0]!;
        role = 'story';
      }
    }
    if (!patientId) {
      // Not a patient with metastatic GI cancer operated more than a year before: few of them are still treated
      // here (a medical stay now would keep every one of them alive in the follow-up step's survival draw).
      const late = (id: string) => {
        const r = records.get(id);
        const lastOp = r?.ops.at(-1);
        return Boolean(
          r?.dx.some((d) => ['stomach', 'colon', 'rectum'].includes(d.site) && d.clinicalM?.startsWith('M1')) &&
          lastOp &&
          daysBetween(lastOp.date, from) > 365,
        );
      };
      const free = people.filter((p) => isFree(p.id, s) && !fresh.includes(p.id) && !late(p.id));
      const pool = free.length ? free : people.filter((p) => isFree(p.id, s) && !late(p.id));
      patientId = pool.length ? rng.pick(pool.slice(0, 40)).id : null;
    }
    if (!patientId) continue;
    busyUntil.set(patientId, s.dischargeAt ? s.dischargeAt.getTime() : Number.POSITIVE_INFINITY);
    assigned.push({ ...s, patientId, role });
  }

  // 3. ICU / HDU: two post-operative patients in each, one ICU bed reserved for tomorrow's CRS+HIPEC.
  const criticalStays: (Stay & { patientId: string; bedId: string; role: StayRole })[] = [];
  const icuBeds = critical.filter((b) => kindOf(b) === 'icu');
  const hduBeds = critical.filter((b) => kindOf(b) === 'hdu');
  const takeFree = () => criticalPool.shift() ?? null;
  for (const b of [...icuBeds.slice(0, 2), ...hduBeds.slice(0, 2)]) {
    const patientId = takeFree();
    if (!patientId) break;
    criticalStays.push({
      bedIndex: -1,
      bedId: b.id,
      patientId,
      admitAt: new Date(now.getTime() - rng.int(20, 60) * HOUR),
      dischargeAt: null,
      kase: CASES[5],
      role: 'story',
    });
  }
  const reservedBed = icuBeds[2];
  const reservedFor = reservedBed ? icuReserveFor : null;

  // 4. Rows.
  const admissionRows: (typeof admissions.$inferInsert)[] = [];
  const stayRows: (typeof bedStays.$inferInsert)[] = [];
  const eventRows: (typeof bedEvents.$inferInsert)[] = [];
  const current = new Map<string, { admissionId: string; since: Date }>();
  const lastLeft = new Map<string, Date>();
  const institutions = DEMO_ORGANIZATIONS.map((o) => o.name);
  const operationRows: (typeof operations.$inferInsert & { codes: readonly string[] })[] = [];
  const all = [...assigned.map((s) => ({ ...s, bedId: general[s.bedIndex]!.id })), ...criticalStays];
  const lastStayOf = new Map<string, Date>();
  for (const s of all) if ((lastStayOf.get(s.patientId)?.getTime() ?? 0) < s.admitAt.getTime()) lastStayOf.set(s.patientId, s.admitAt);
  const dischargeUpdates: { operationId: string; date: string | null }[] = [];
  for (const s of all) {
    const id = randomUUID();
    const r = rng.next();
    const source = r < 0.72 ? 'outpatient' : r < 0.9 ? 'emergency' : r < 0.97 ? 'transfer_in' : 'other';
    const d = rng.next();
    const drawn =
      d < 0.9 ? 'order' : d < 0.94 ? 'transfer_community' : d < 0.97 ? 'transfer_hospital' : d < 0.99 ? 'against_advice' : 'death';
    const f = rng.next();
    const attending = surgeons.length ? rng.pick(surgeons) : null;
    const admittedOn = wallClock(s.admitAt, timeZone).date;
    const leftOn = s.dischargeAt ? wallClock(s.dischargeAt, timeZone).date : null;
    // The story of a surgical stay for a patient with no record yet: written now, operated 1–2 days after admission.
    let role = s.role;
    if (role === 'story') {
      const opOn = addDays(admittedOn, rng.int(1, 2));
      if (attending && opOn <= today && (!leftOn || opOn < leftOn)) {
        const team = { surgeons: [attending], resident, student };
        await seedCase(new CaseWriter(tx, rng, team, s.patientId, today, now), storyKind(s.kase.codes, rng), opOn);
        records.set(s.patientId, (await patientRecords(tx, s.patientId)).get(s.patientId)!);
      } else role = 'medical';
    }
    const record = records.get(s.patientId);
    const inStay = record?.ops.find((o) => o.date > admittedOn && o.date <= (leftOn ?? today));
    let text: { diagnosis: string; procedure: string };
    if ((role === 'operated' || role === 'story') && record && inStay) {
      const dx = record.dx.find((x) => x.id === inStay.diagnosisId) ?? record.dx[0];
      text = { diagnosis: dx ? siteText(dx) : s.kase.diagnosis, procedure: procedureText(inStay.codes, inStay.approach) };
      dischargeUpdates.push({ operationId: inStay.id, date: leftOn });
    } else {
      role = 'medical';
      text = medicalText(record, admittedOn, s.kase.codes[0] === 'appendectomy');
    }
    // A death in hospital only after an operation, and only on the patient's last stay.
    const disposition =
      drawn === 'death' && (role === 'medical' || lastStayOf.get(s.patientId)!.getTime() !== s.admitAt.getTime()) ? 'order' : drawn;
    admissionRows.push({
      id,
      patientId: s.patientId,
      organizationId: ctx.homeOrganizationId,
      status: s.dischargeAt ? 'discharged' : 'active',
      admittedAt: s.admitAt,
      source,
      sourceInstitution: source === 'transfer_in' ? rng.pick(institutions) : null,
      diagnosis: text.diagnosis,
      attendingSurgeonId: attending,
      expectedLosDays: rng.int(s.kase.los[0], s.kase.los[1]),
      plannedProcedure: text.procedure,
      isolation: rng.chance(0.05) ? rng.pick(['接触隔离', '飞沫隔离']) : null,
      fallRisk: f < 0.12 ? 'high' : f < 0.35 ? 'medium' : f < 0.7 ? 'low' : null,
      dischargedAt: s.dischargeAt,
      disposition: s.dischargeAt ? disposition : null,
      dispositionInstitution:
        s.dischargeAt && (disposition === 'transfer_hospital' || disposition === 'transfer_community') ? rng.pick(institutions) : null,
      createdAt: now,
      updatedAt: now,
      createdBy: nurse,
      updatedBy: nurse,
    });
    // Appendicitis (a patient with no record and no operation yet): operated the day of admission.
    if (
      role === 'medical' &&
      text.procedure === APPENDECTOMY_TEXT &&
      attending &&
      admittedOn <= today &&
      (!leftOn || admittedOn < leftOn)
    ) {
      operationRows.push({
        patientId: s.patientId,
        operationDate: admittedOn,
        urgency: 'emergency',
        intent: 'curative',
        approach: 'laparoscopic',
        surgeonId: attending,
        operationLevel: 2,
        dischargeDate: leftOn,
        postoperativeLosDays: leftOn ? daysBetween(admittedOn, leftOn) : null,
        createdAt: now,
        updatedAt: now,
        createdBy: attending,
        updatedBy: attending,
        codes: ['appendectomy'],
      });
      records.set(s.patientId, {
        dx: [],
        ops: [{ id: '', date: admittedOn, codes: ['appendectomy'], approach: 'laparoscopic', diagnosisId: null }],
      });
    }
    stayRows.push({ admissionId: id, bedId: s.bedId, fromAt: s.admitAt, toAt: s.dischargeAt, createdAt: now });
    eventRows.push({
      bedId: s.bedId,
      type: 'assign',
      at: s.admitAt,
      admissionId: id,
      patientId: s.patientId,
      fromState: 'vacant_clean',
      toState: 'occupied',
      actorId: nurse,
    });
    if (s.dischargeAt) {
      eventRows.push({
        bedId: s.bedId,
        type: 'unassign',
        at: s.dischargeAt,
        admissionId: id,
        patientId: s.patientId,
        fromState: 'occupied',
        toState: 'vacant_dirty',
        reason: 'discharge',
        actorId: nurse,
      });
      const cleanAt = new Date(s.dischargeAt.getTime() + rng.int(1, 2) * HOUR);
      const isDirtyNow =
        'bedIndex' in s &&
        s.bedIndex >= 0 &&
        finalState(s.bedIndex) === 'vacant_dirty' &&
        now.getTime() - s.dischargeAt.getTime() < 4 * HOUR;
      if (cleanAt < now && !isDirtyNow)
        eventRows.push({ bedId: s.bedId, type: 'clean', at: cleanAt, fromState: 'vacant_dirty', toState: 'vacant_clean', actorId: nurse });
      lastLeft.set(s.bedId, s.dischargeAt);
    } else current.set(s.bedId, { admissionId: id, since: s.admitAt });
  }

  // 5. Current bed states.
  const states = new Map<string, Partial<typeof bedStates.$inferInsert>>();
  general.forEach((b, i) => {
    const occ = current.get(b.id);
    const left = lastLeft.get(b.id);
    if (occ) states.set(b.id, { state: 'occupied', admissionId: occ.admissionId, since: occ.since });
    else if (finalState(i) === 'vacant_dirty' && left && now.getTime() - left.getTime() < 4 * HOUR)
      states.set(b.id, { state: 'vacant_dirty', since: left });
    else if (finalState(i) === 'blocked') {
      const blockAt = new Date(now.getTime() - 26 * HOUR);
      eventRows.push({
        bedId: b.id,
        type: 'block',
        at: blockAt,
        fromState: 'vacant_clean',
        toState: 'blocked',
        reason: 'maintenance',
        actorId: nurse,
      });
      states.set(b.id, { state: 'blocked', blockReason: 'maintenance', note: '床栏维修', since: blockAt });
    } else states.set(b.id, { state: 'vacant_clean', since: left ?? now });
  });
  for (const s of criticalStays)
    states.set(s.bedId, { state: 'occupied', admissionId: current.get(s.bedId)!.admissionId, since: s.admitAt });
  if (reservedBed && reservedFor) {
    // The theatre step books CRS+HIPEC on the next working day; the bed is held until the day after it.
    const crsDay = nextWorkingDay(today);
    const until = at(addDays(crsDay, 1), 18);
    const note = crsDay === addDays(today, 1) ? '明日 CRS+HIPEC 术后' : `${crsDay} CRS+HIPEC 术后`;
    eventRows.push({
      bedId: reservedBed.id,
      type: 'reserve',
      at: new Date(now.getTime() - 3 * HOUR),
      patientId: reservedFor,
      fromState: 'vacant_clean',
      toState: 'reserved',
      reason: note,
      actorId: nurse,
    });
    states.set(reservedBed.id, {
      state: 'reserved',
      reservedPatientId: reservedFor,
      reservedUntil: until,
      note,
      since: new Date(now.getTime() - 3 * HOUR),
    });
  }

  for (let i = 0; i < admissionRows.length; i += 200) await tx.insert(admissions).values(admissionRows.slice(i, i + 200));
  for (let i = 0; i < stayRows.length; i += 300) await tx.insert(bedStays).values(stayRows.slice(i, i + 300));
  for (let i = 0; i < eventRows.length; i += 300) await tx.insert(bedEvents).values(eventRows.slice(i, i + 300));
  for (const { codes, ...op } of operationRows) {
    const [row] = await tx.insert(operations).values(op).returning({ id: operations.id });
    await tx.insert(operationProcedures).values(
      codes.map((code, position) => ({
        operationId: row!.id,
        position,
        code,
        icd9cm3: procedureIcd9cm3(code, op.approach as 'laparoscopic' | 'open')!,
      })),
    );
  }
  // The operation's discharge is the stay's discharge.
  for (const u of dischargeUpdates) {
    const [op] = await tx.select({ date: operations.operationDate }).from(operations).where(eq(operations.id, u.operationId));
    await tx
      .update(operations)
      .set({ dischargeDate: u.date, postoperativeLosDays: u.date && op ? daysBetween(op.date, u.date) : null })
      .where(eq(operations.id, u.operationId));
  }
  for (const [bedId, set] of states)
    await tx
      .update(bedStates)
      .set({ ...set, updatedAt: now, updatedBy: nurse })
      .where(eq(bedStates.bedId, bedId));
}

type StayRole = 'operated' | 'story' | 'medical';

interface PatientRecord {
  dx: { id: string; site: string; icd10: string; clinicalM: string | null }[];
  ops: { id: string; date: string; codes: string[]; approach: string; diagnosisId: string | null }[];
}

/** Each patient's oncology diagnoses and operations (with procedure codes), by patient. */
export async function patientRecords(tx: DemoStepContext['tx'], patientId?: string): Promise<Map<string, PatientRecord>> {
  const dx = await tx
    .select({
      id: oncologyDiagnoses.id,
      patientId: oncologyDiagnoses.patientId,
      site: oncologyDiagnoses.site,
      icd10: oncologyDiagnoses.icd10,
      clinicalM: oncologyDiagnoses.clinicalM,
    })
    .from(oncologyDiagnoses)
    .where(patientId ? eq(oncologyDiagnoses.patientId, patientId) : isNull(oncologyDiagnoses.deletedAt));
  const ops = await tx
    .select({
      id: operations.id,
      patientId: operations.patientId,
      date: operations.operationDate,
      approach: operations.approach,
      diagnosisId: operations.diagnosisId,
      code: operationProcedures.code,
    })
    .from(operations)
    .innerJoin(operationProcedures, eq(operationProcedures.operationId, operations.id))
    .where(patientId ? eq(operations.patientId, patientId) : isNull(operations.deletedAt))
    .orderBy(asc(operations.operationDate), asc(operationProcedures.position));
  const out = new Map<string, PatientRecord>();
  const of = (pid: string) => out.get(pid) ?? out.set(pid, { dx: [], ops: [] }).get(pid)!;
  for (const d of dx) of(d.patientId).dx.push({ id: d.id, site: d.site, icd10: d.icd10, clinicalM: d.clinicalM });
  for (const o of ops) {
    const r = of(o.patientId);
    const existing = r.ops.find((x) => x.id === o.id);
    if (existing) existing.codes.push(o.code);
    else r.ops.push({ id: o.id, date: o.date, codes: [o.code], approach: o.approach, diagnosisId: o.diagnosisId });
  }
  return out;
}

/** The story kind for a surgical stay of the ward's case mix. */
function storyKind(codes: readonly string[], rng: Rng): CaseKind {
  if (codes.includes('crs')) return rng.chance(0.4) ? 'pmp' : 'colorectal_pm';
  if (codes[0]?.startsWith('gastrectomy')) return 'gastric';
  if (codes[0] === 'anterior_resection_tme') return 'rectal';
  return 'colorectal';
}

const COLON_TEXT: Record<string, string> = {
  'C18.0': '回盲部腺癌',
  'C18.2': '升结肠腺癌',
  'C18.3': '结肠肝曲腺癌',
  'C18.4': '横结肠腺癌',
  'C18.5': '结肠脾曲腺癌',
  'C18.6': '降结肠腺癌',
  'C18.7': '乙状结肠腺癌',
  C19: '直肠乙状结肠交界处腺癌',
};

/** The admission diagnosis, in Chinese, of a diagnosis of the oncology record. */
function siteText(d: PatientRecord['dx'][number]): string {
  const m1 = d.clinicalM?.startsWith('M1') ?? false;
  switch (d.site) {
    case 'stomach':
      return m1 ? '胃癌腹膜转移' : '胃腺癌';
    case 'colon':
      return m1 ? '结肠癌腹膜转移' : (COLON_TEXT[d.icd10] ?? '结肠腺癌');
    case 'rectum':
      return '直肠腺癌';
    case 'anus':
      return '肛管鳞状细胞癌';
    case 'pseudomyxoma':
      return '腹膜假黏液瘤';
    case 'mesothelioma':
      return '腹膜恶性间皮瘤';
    case 'peritoneal_metastasis':
      return '卵巢癌腹膜转移';
    default:
      return '消化道恶性肿瘤';
  }
}

const APPROACH_TEXT: Record<string, string> = { laparoscopic: '腹腔镜', robotic: '机器人', converted: '腹腔镜中转开腹', open: '' };

/** The planned procedure, in Chinese, of an operation. */
function procedureText(codes: readonly string[], approach: string): string {
  if (codes.includes('crs')) return codes.includes('hipec') ? 'CRS+HIPEC' : '肿瘤细胞减灭术（CRS）';
  const main = PROCEDURES.find((p) => p.code === codes[0]);
  const label = main?.label.zh ?? codes[0] ?? '';
  return label.includes('腹腔镜') ? label : `${APPROACH_TEXT[approach] ?? ''}${label}`;
}

const APPENDECTOMY_TEXT = '腹腔镜阑尾切除术';

/** A medical stay named from the patient's own record. */
function medicalText(record: PatientRecord | undefined, on: string, appendicitis: boolean): { diagnosis: string; procedure: string } {
  const dx = record?.dx[0];
  const before = record?.ops.filter((o) => o.date < on) ?? [];
  const last = before.at(-1);
  if (dx) {
    const name = siteText(dx);
    if (last && ['stomach', 'colon', 'rectum'].includes(dx.site) && daysBetween(last.date, on) <= 200 && !name.includes('转移'))
      return { diagnosis: `${name}术后辅助化疗`, procedure: dx.site === 'stomach' ? '化疗（SOX 方案）' : '化疗（XELOX 方案）' };
    if (last) return { diagnosis: `${name}术后复查`, procedure: '复查评估（CT、肿瘤标志物）' };
    return { diagnosis: name, procedure: '化疗（新辅助/转化治疗）' };
  }
  if (before.length > 0) return { diagnosis: '粘连性肠梗阻', procedure: '保守治疗' };
  if (appendicitis) return { diagnosis: '急性阑尾炎', procedure: APPENDECTOMY_TEXT };
  return { diagnosis: '不全性肠梗阻', procedure: '保守治疗' };
}
