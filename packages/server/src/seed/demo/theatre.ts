import { actorOf } from './actor.js';
import { nextWorkingDay, weekday } from './calendar.js';
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { ManualClock } from '../../clock.js';
import { admissions, bedStates, beds, operatingRooms, patients, theatreBookings, theatreEquipment, wards } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import { procedureDefinition } from '@gisurg/clinical';
import { addDays, toInstant } from '@gisurg/contracts';
import { changeBookingStatus } from '../../features/theatre/change-booking-status.js';
import { createBooking } from '../../features/theatre/create-booking.js';
import type { CreateBooking } from '@gisurg/contracts/theatre';
import type { DemoStepContext } from './index.js';
import { writeSearchTerms } from '../../features/patients/queries.js';
import { syntheticPerson } from '../people.js';
import { CaseWriter } from './oncology.js';
import { patientRecords } from './ward.js';

const SESSIONS = [
  { label: '上午', start: '08:00', end: '12:00' },
  { label: '下午', start: '13:30', end: '17:30' },
];

/** Five operating rooms of the department's theatre suite. */
export const DEMO_ROOMS = [
  { code: 'OR1', name: '1号手术间（腹腔镜）', nameEn: 'OR 1 (laparoscopic)' },
  { code: 'OR2', name: '2号手术间（腹腔镜）', nameEn: 'OR 2 (laparoscopic)' },
  { code: 'OR3', name: '3号手术间（腹膜肿瘤）', nameEn: 'OR 3 (peritoneal)' },
  { code: 'OR4', name: '4号手术间', nameEn: 'OR 4' },
  { code: 'OR5', name: '5号手术间（急诊）', nameEn: 'OR 5 (emergency)' },
] as const;

const EQUIPMENT = [
  { code: 'HIPEC-1', name: 'HIPEC 热灌注治疗仪', nameEn: 'HIPEC perfusion machine', kind: 'hipec_machine' },
  { code: 'LAP-1', name: '腹腔镜系统 1号', nameEn: 'Laparoscopic tower 1', kind: 'laparoscopic_tower' },
  { code: 'LAP-2', name: '腹腔镜系统 2号', nameEn: 'Laparoscopic tower 2', kind: 'laparoscopic_tower' },
  { code: 'LAP-3', name: '腹腔镜系统 3号', nameEn: 'Laparoscopic tower 3', kind: 'laparoscopic_tower' },
  { code: 'US-1', name: '术中超声', nameEn: 'Intra-operative ultrasound', kind: 'ultrasound' },
] as const;

/** Typical elective GI cases: procedures (catalogue codes), duration range, laparoscopic. */
const CASES: { procedures: string[]; min: number; max: number; lap: boolean; diagnosis: string }[] = [
  { procedures: ['gastrectomy_distal_d2'], min: 180, max: 240, lap: true, diagnosis: '胃窦腺癌' },
  { procedures: ['gastrectomy_total_d2'], min: 210, max: 270, lap: true, diagnosis: '胃体腺癌' },
  { procedures: ['right_hemicolectomy_cme'], min: 150, max: 210, lap: true, diagnosis: '升结肠腺癌' },
  { procedures: ['anterior_resection_tme', 'loop_ileostomy'], min: 180, max: 240, lap: true, diagnosis: '直肠腺癌（中低位）' },
  { procedures: ['sigmoidectomy'], min: 150, max: 180, lap: true, diagnosis: '乙状结肠腺癌' },
  { procedures: ['left_hemicolectomy_cme'], min: 150, max: 210, lap: true, diagnosis: '降结肠腺癌' },
  { procedures: ['abdominoperineal_resection'], min: 210, max: 270, lap: true, diagnosis: '直肠腺癌（低位）' },
  { procedures: ['stoma_closure_small'], min: 60, max: 90, lap: false, diagnosis: '回肠造口状态' },
  { procedures: ['diagnostic_laparoscopy'], min: 60, max: 90, lap: true, diagnosis: '腹膜转移待评估' },
];

const CRS_CASE = {
  procedures: ['crs', 'greater_omentectomy_splenectomy', 'pelvic_peritonectomy', 'hipec'],
  min: 600,
  max: 600,
  lap: false,
  diagnosis: '阑尾黏液性肿瘤腹膜播散（腹膜假黏液瘤）',
};

/** The diagnosis sites a booked procedure treats ('peritoneal': peritoneal disease). */
const CASE_SITE: Record<string, string[] | 'peritoneal'> = {
  gastrectomy_distal_d2: ['stomach'],
  gastrectomy_total_d2: ['stomach'],
  right_hemicolectomy_cme: ['colon'],
  left_hemicolectomy_cme: ['colon'],
  sigmoidectomy: ['colon'],
  anterior_resection_tme: ['rectum'],
  abdominoperineal_resection: ['rectum'],
  diagnostic_laparoscopy: 'peritoneal',
  crs: 'peritoneal',
};

/** The diagnosis of a new outpatient booked for the procedure (it matches the booking's diagnosis text). */
const NEW_DIAGNOSIS: Record<string, Parameters<CaseWriter['diagnosis']>[0] extends infer D ? Omit<D & object, 'date'> : never> = {
  gastrectomy_distal_d2: { site: 'stomach', icd10: 'C16.3', morphology: '8140/3', clinical: { t: 'T3', n: 'N1', m: 'M0' } },
  gastrectomy_total_d2: { site: 'stomach', icd10: 'C16.2', morphology: '8140/3', clinical: { t: 'T3', n: 'N0', m: 'M0' } },
  right_hemicolectomy_cme: { site: 'colon', icd10: 'C18.2', morphology: '8140/3', clinical: { t: 'T3', n: 'N0', m: 'M0' } },
  left_hemicolectomy_cme: { site: 'colon', icd10: 'C18.6', morphology: '8140/3', clinical: { t: 'T3', n: 'N1', m: 'M0' } },
  sigmoidectomy: { site: 'colon', icd10: 'C18.7', morphology: '8140/3', clinical: { t: 'T2', n: 'N0', m: 'M0' } },
  anterior_resection_tme: { site: 'rectum', icd10: 'C20', morphology: '8140/3', clinical: { t: 'T3', n: 'N1', m: 'M0' } },
  abdominoperineal_resection: { site: 'rectum', icd10: 'C20', morphology: '8140/3', clinical: { t: 'T3', n: 'N0', m: 'M0' } },
  diagnostic_laparoscopy: { site: 'stomach', icd10: 'C16.2', morphology: '8140/3', clinical: { t: 'T4a', n: 'N1', m: 'M1' } },
  stoma_closure_small: { site: 'rectum', icd10: 'C20', morphology: '8140/3', clinical: { t: 'T3', n: 'N0', m: 'M0' } },
  crs: {
    site: 'pseudomyxoma',
    icd10: 'C18.1',
    icd10Secondary: 'C78.6',
    morphology: '8480/1',
    clinical: { t: 'Tis(LAMN)', n: 'N0', m: 'M1b', grade: 'G1' },
    psogiCategory: 'low-grade-mcp',
    appendicealLesion: 'lamn',
  },
};

/**
 * Theatre demo (issue 6): five rooms with morning and afternoon sessions, special equipment, and two weeks
 * of bookings for the demo surgeons — last week's completed (one postponed, one cancelled), this week's and
 * next week's scheduled — with a CRS+HIPEC case that holds an ICU bed and a ward bed. Bookings go through
 * the booking use case, so they obey the collision rules and are audited like real ones.
 */
export async function seedTheatreDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, today, rng, timeZone } = ctx;
  const head = await actorOf(tx, 'department_head');
  const surgeon = await actorOf(tx, 'surgeon');
  const resident = await actorOf(tx, 'resident');
  const nurse = await actorOf(tx, 'nurse');
  if (!head || !surgeon || !resident || !nurse) return;
  const who = { createdAt: ctx.now, updatedAt: ctx.now };
  const rooms = await tx
    .insert(operatingRooms)
    .values(DEMO_ROOMS.map((r, i) => ({ ...r, departmentId: ctx.departmentId, sessions: SESSIONS, sortOrder: i + 1, ...who })))
    .returning({ id: operatingRooms.id, code: operatingRooms.code });
  const room = (code: string) => rooms.find((r) => r.code === code)!.id;
  const eq_ = await tx
    .insert(theatreEquipment)
    .values(EQUIPMENT.map((e) => ({ ...e, ...who })))
    .returning({ id: theatreEquipment.id, code: theatreEquipment.code });
  const equipment = (code: string) => eq_.find((e) => e.code === code)!.id;

  const pool = (
    await tx
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.organizationId, ctx.homeOrganizationId), isNull(patients.sourceOrganizationId), isNull(patients.deletedAt)))
      .orderBy(asc(patients.inpatientNo))
      .limit(120)
  ).map((p) => p.id);
  if (pool.length < 10) return;
  // The booked patient has the disease the procedure treats (issue 16 item 8): a demo patient whose record
  // fits (a diagnosis with that organ not yet resected, a temporary ileostomy to close, peritoneal disease to
  // assess), else a new outpatient — no 住院号 yet — whose diagnosis is written now, awaiting the operation.
  const records = await patientRecords(tx);
  const dead = new Set(
    (await tx.select({ id: admissions.patientId }).from(admissions).where(eq(admissions.disposition, 'death'))).map((r) => r.id),
  );
  const booked = new Set<string>();
  const team = { surgeons: [surgeon.userId], resident: resident.userId, student: null };
  const fits = (id: string, c: (typeof CASES)[number], day: string): boolean => {
    if (booked.has(id) || dead.has(id)) return false;
    const r = records.get(id);
    if (!r) return false;
    const code = c.procedures[0]!;
    if (code === 'stoma_closure_small')
      return (
        r.ops.some((o) => o.codes.includes('loop_ileostomy') && o.date <= addDays(day, -56)) && !r.ops.some((o) => o.codes.includes(code))
      );
    const site = CASE_SITE[code];
    if (!site) return false;
    const dx = r.dx.find((d) =>
      site === 'peritoneal'
        ? d.clinicalM?.startsWith('M1') || d.site === 'pseudomyxoma'
        : site.includes(d.site) && !d.clinicalM?.startsWith('M1'),
    );
    if (!dx) return false;
    if (code === 'diagnostic_laparoscopy') return !r.ops.some((o) => o.codes.includes('crs'));
    if (code === 'crs') return dx.site === 'pseudomyxoma' && !r.ops.some((o) => o.codes.includes('crs'));
    // Not for a patient already resected (a radical or cytoreductive operation of the catalogue, whatever its code).
    return !r.ops.some((o) => o.codes.some((x) => procedureDefinition(x)?.radical || procedureDefinition(x)?.cytoreductive));
  };
  /** Writes the diagnosis the procedure treats for a patient with no record yet (a new outpatient's story). */
  const writeDiagnosis = async (patientId: string, c: (typeof CASES)[number]): Promise<void> => {
    const w = new CaseWriter(tx, rng, team, patientId, today, ctx.now);
    const dxDate = addDays(today, -rng.int(10, 30));
    const d = NEW_DIAGNOSIS[c.procedures[0]!] ?? NEW_DIAGNOSIS.gastrectomy_distal_d2!;
    await w.diagnosis({ ...d, date: dxDate });
    await w.markers(addDays(dxDate, 1), ['CEA', 'CA19-9'], false);
    records.set(patientId, { dx: [{ id: '', site: d.site, icd10: d.icd10, clinicalM: d.clinical?.m ?? null }], ops: [] });
  };
  const newOutpatient = async (c: (typeof CASES)[number]): Promise<string> => {
    const person = syntheticPerson(rng, today);
    const [row] = await tx
      .insert(patients)
      .values({
        organizationId: ctx.homeOrganizationId,
        name: person.name,
        sex: person.sex,
        birthDate: person.birthDate,
        idType: 'resident_id',
        idNumber: person.idNumber,
        phone: person.phone,
        address: person.address,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return pool[rng.int(0, pool.length - 1)]!;
    await writeSearchTerms(tx, row);
    await writeDiagnosis(row.id, c);
    return row.id;
  };
  let next = rng.int(0, pool.length - 1);
  const patientFor = async (c: (typeof CASES)[number], day: string): Promise<string> => {
    for (let k = 0; k < pool.length; k += 1) {
      const id = pool[(next = (next + 7) % pool.length)]!;
      if (fits(id, c, day)) {
        booked.add(id);
        return id;
      }
    }
    const id = await newOutpatient(c);
    booked.add(id);
    return id;
  };

  const clock = new ManualClock(ctx.now);
  const as = (actor: Actor): UseCaseContext => ({
    db: tx,
    actor,
    meta: { requestId: 'demo-seed', clientIp: null, userAgent: null },
    locale: 'zh-CN',
    clock,
    timeZone,
  });
  const book = async (actor: Actor, c: (typeof CASES)[number], day: string, input: Omit<CreateBooking, 'patientId'>, patientId?: string) =>
    createBooking(as(actor), { patientId: patientId ?? (await patientFor(c, day)), ...input });
  // The ward step reserved an ICU bed for tomorrow's CRS+HIPEC: that case is booked for its patient.
  const [icuHold] = await tx
    .select({ patientId: bedStates.reservedPatientId })
    .from(bedStates)
    .innerJoin(beds, eq(beds.id, bedStates.bedId))
    .innerJoin(wards, eq(wards.id, beds.wardId))
    .where(and(eq(bedStates.state, 'reserved'), eq(wards.kind, 'icu'), isNotNull(bedStates.reservedPatientId)))
    .limit(1);
  const crsPatient = async (day: string): Promise<string | undefined> => {
    const id = icuHold?.patientId;
    if (!id || day <= today || booked.has(id)) return undefined;
    if (!records.has(id)) await writeDiagnosis(id, CRS_CASE);
    if (!fits(id, CRS_CASE, day)) return undefined;
    booked.add(id);
    return id;
  };

  // Monday of last week → Friday of next week.
  const dow = weekday(today);
  const monday = addDays(today, -((dow + 6) % 7) - 7);
  const days = Array.from({ length: 19 }, (_, i) => addDays(monday, i)).filter((d) => weekday(d) >= 1 && weekday(d) <= 5);
  // One CRS+HIPEC case done on the last working day before today, one on the next working day.
  const crsDay = nextWorkingDay(today);
  const pastCrsDay = [...days].reverse().find((d) => d < today);
  const thisMonday = addDays(monday, 7);
  const lists = [
    { surgeon: head, room: 'OR1', tower: 'LAP-1', assistant: resident },
    { surgeon: surgeon, room: 'OR2', tower: 'LAP-2', assistant: null },
  ];
  const created: { id: string; version: number; date: string; start: Date; end: Date }[] = [];
  for (const day of days) {
    for (const list of lists) {
      if (list.surgeon === head && (day === crsDay || day === pastCrsDay)) continue;
      let start = '08:00';
      for (let n = 0; n < 2; n++) {
        const drawn = rng.pick(CASES);
        // A stoma closure needs a patient with a temporary ileostomy: otherwise the list takes an anterior resection.
        const c =
          drawn.procedures[0] === 'stoma_closure_small' && !pool.some((id) => fits(id, drawn, day))
            ? CASES.find((x) => x.procedures[0] === 'anterior_resection_tme')!
            : drawn;
        const durationMin = Math.round(rng.int(c.min, c.max) / 15) * 15;
        const b = await book(list.surgeon, c, day, {
          roomId: room(list.room),
          start: `${day}T${start}`,
          durationMin,
          surgeonIds: [list.surgeon.userId],
          ...(list.assistant ? { assistantIds: [list.assistant.userId] } : {}),
          ...(n === 0 && list.surgeon === head ? { nurseIds: [nurse.userId] } : {}),
          procedures: c.procedures.map((code) => ({ code, name: null })),
          anesthesia: 'general',
          equipmentIds: c.lap ? [equipment(list.tower)] : [],
          diagnosis: c.diagnosis,
        });
        created.push({ id: b.id, version: b.version, date: day, start: new Date(b.start), end: new Date(b.end) });
        // The afternoon list starts at 13:30, or after a long morning case.
        const endMin = 8 * 60 + durationMin + 30;
        start =
          endMin <= 13 * 60 + 30 ? '13:30' : `${String(Math.floor(endMin / 60)).padStart(2, '0')}:${String(endMin % 60).padStart(2, '0')}`;
      }
    }
  }
  // CRS+HIPEC: one done last week, one coming (an all-day case in OR3; the head's own list is off that day).
  for (const day of [pastCrsDay, crsDay].filter((d): d is string => Boolean(d))) {
    const b = await book(
      head,
      CRS_CASE,
      day,
      {
        roomId: room('OR3'),
        start: `${day}T08:00`,
        durationMin: 600,
        surgeonIds: [head.userId],
        assistantIds: [resident.userId],
        procedures: ['crs', 'greater_omentectomy_splenectomy', 'pelvic_peritonectomy', 'hipec'].map((code) => ({ code, name: null })),
        anesthesia: 'general_epidural',
        equipmentIds: [equipment('HIPEC-1'), equipment('US-1')],
        diagnosis: '阑尾黏液性肿瘤腹膜播散（腹膜假黏液瘤）',
        crsHipec: true,
        icuDays: 1,
        expectedStayDays: 14,
      },
      await crsPatient(day),
    );
    created.push({ id: b.id, version: b.version, date: day, start: new Date(b.start), end: new Date(b.end) });
  }

  // Past and running cases: completed, in theatre, one postponed and one cancelled last week.
  const now = ctx.now.getTime();
  let postponed = false;
  let cancelled = false;
  for (const b of created.sort((x, y) => x.start.getTime() - y.start.getTime())) {
    // A coming case postponed (anaemia to correct first), a case early this week cancelled.
    if (b.date === crsDay && !postponed) {
      postponed = true;
      clock.set(ctx.now);
      await changeBookingStatus(as(surgeon), b.id, {
        status: 'postponed',
        reason: '术前血红蛋白偏低，纠正贫血后再手术',
        version: b.version,
      });
      continue;
    }
    if (b.date === thisMonday && thisMonday < today && !cancelled && b.start.getTime() > toInstant(`${b.date}T12:00`, timeZone).getTime()) {
      cancelled = true;
      clock.set(toInstant(`${b.date}T07:30`, timeZone));
      await changeBookingStatus(as(surgeon), b.id, { status: 'cancelled', reason: '患者要求转上级医院手术', version: b.version });
      continue;
    }
    if (b.start.getTime() <= now) {
      const done = b.end.getTime() <= now;
      await tx
        .update(theatreBookings)
        .set({
          status: done ? 'completed' : 'in_theatre',
          startedAt: b.start,
          completedAt: done ? b.end : null,
          version: b.version + 1,
          updatedAt: done ? b.end : b.start,
        })
        .where(eq(theatreBookings.id, b.id));
    }
  }
  clock.set(ctx.now);
}
