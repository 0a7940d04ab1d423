import { asc, eq } from 'drizzle-orm';
import { ManualClock } from '../../clock.js';
import type { UseCaseContext } from '../../core/context.js';
import { admissions, bedStays, beds, consultationReferrals, organizations, patients, users, wards } from '../../db/schema/index.js';
import { addDays, toInstant } from '@gisurg/contracts';
import type { OutreachActivity } from '@gisurg/contracts/consultations';
import { answerConsultation } from '../../features/consultations/answer-consultation.js';
import { assignExpert } from '../../features/consultations/assign-expert.js';
import { closeConsultation } from '../../features/consultations/close-consultation.js';
import { createConsultation } from '../../features/consultations/create-consultation.js';
import { createOutreach } from '../../features/consultations/outreach.js';
import { createAgreement, createExchangeVisit } from '../../features/consultations/partners.js';
import { writeSearchTerms } from '../../features/patients/index.js';
import { syntheticPerson } from '../people.js';
import { actorOf, QUESTIONS, recordDiagnosis } from './consultations.js';
import { DEMO_ORGANIZATIONS } from './foundation.js';
import type { DemoStepContext } from './index.js';

const HOUR = 3_600_000;

/** A weekday on or before the date (visits and sessions happen on working days). */
function weekday(date: string): string {
  let d = date;
  for (;;) {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) return d;
    d = addDays(d, -1);
  }
}

const VISIT_NOTES: Record<OutreachActivity, string> = {
  demonstration_operation: '示教手术：腹腔镜远端胃切除术（D2淋巴结清扫），术后与当地团队复盘关键步骤。',
  lecture: '专题讲座：胃肠肿瘤规范化诊疗与腹膜转移的早期识别。',
  ward_round: '教学查房：术后并发症（吻合口漏、腹腔感染）的识别与处理，讨论3例在院患者。',
  teaching_class: '培训班：加速康复外科（ERAS）路径与围手术期营养支持，当地外科及护理人员参加。',
};
const ACTIVITIES = Object.keys(VISIT_NOTES) as OutreachActivity[];

/**
 * Outreach and partner hospitals over the past year (issue 10), through the feature's use cases as the
 * coordinator: for each of the four primary hospitals three guidance visits (rotating activities, our
 * surgeons), a counterpart-support agreement in force; quarterly tele-consultation sessions with all four;
 * a specialist-alliance agreement with the partner hospitals; visiting doctors in and our doctor out. And
 * one referral admitted and sent back: a county patient with sigmoid cancer and a liver metastasis, asked
 * about ~110 days ago, operated here and discharged back (医嘱转院) with the team's note.
 */
export async function seedConsultationReachDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, now, today, timeZone, rng } = ctx;
  const byUsername = async (username: string) => (await tx.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id;
  const ids = {
    coordinator: await byUsername('mdt_coordinator'),
    surgeon: await byUsername('surgeon'),
    head: await byUsername('department_head'),
    doctor: await byUsername('external_doctor'),
  };
  if (!ids.coordinator || !ids.surgeon || !ids.head || !ids.doctor) return;
  const coordinator = (await actorOf(tx, ids.coordinator))!;
  const clock = new ManualClock(now);
  const as = (actor: typeof coordinator): UseCaseContext => ({
    db: tx,
    actor,
    meta: { requestId: 'demo-seed', clientIp: null, userAgent: null },
    locale: 'zh-CN',
    clock,
    timeZone,
  });
  const orgId = async (name: string) =>
    (await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)))[0]?.id;
  const primaries: { id: string; name: string }[] = [];
  for (const o of DEMO_ORGANIZATIONS.filter((x) => x.kind === 'primary')) {
    const id = await orgId(o.name);
    if (id) primaries.push({ id, name: o.name });
  }
  const partners: string[] = [];
  for (const o of DEMO_ORGANIZATIONS.filter((x) => x.kind === 'partner')) {
    const id = await orgId(o.name);
    if (id) partners.push(id);
  }
  if (primaries.length === 0) return;
  const at = (date: string) => clock.set(toInstant(`${date}T17:30`, timeZone));

  // Agreements: counterpart support with each primary hospital, in force for three years from 18 months ago.
  for (const [i, p] of primaries.entries()) {
    const start = addDays(today, -540 + i * 30);
    at(start);
    await createAgreement(as(coordinator), {
      organizationId: p.id,
      kind: i === 3 ? 'medical_alliance' : 'counterpart_support',
      startDate: start,
      endDate: addDays(start, 3 * 365),
      scope: '胃肠外科技术帮扶：示教手术与教学查房、疑难病例远程会诊、转诊绿色通道（预留床位）、基层医生进修。',
    });
  }
  for (const id of partners) {
    const start = addDays(today, -400);
    at(start);
    await createAgreement(as(coordinator), {
      organizationId: id,
      kind: 'specialist_alliance',
      startDate: start,
      endDate: null,
      scope: '腹膜肿瘤专科联盟：CRS+HIPEC 病例互转、联合MDT、数据共享（去标识）。',
    });
  }

  // Guidance visits: three per hospital over the year, activities rotating, one or two of our surgeons.
  for (const [i, p] of primaries.entries()) {
    for (const [k, daysAgo] of [320 - i * 9, 190 - i * 11, 70 - i * 7].entries()) {
      const date = weekday(addDays(today, -daysAgo));
      const activity = ACTIVITIES[(i + k) % ACTIVITIES.length]!;
      at(date);
      await createOutreach(as(coordinator), {
        kind: 'visit',
        date,
        organizationIds: [p.id],
        surgeonIds: activity === 'demonstration_operation' || k === 0 ? [ids.head, ids.surgeon] : [ids.surgeon],
        activity,
        videoLink: null,
        participants: null,
        notes: VISIT_NOTES[activity],
      });
    }
  }
  // Tele-consultation sessions with all four, quarterly.
  for (const [n, daysAgo] of [335, 245, 150, 40].entries()) {
    const date = weekday(addDays(today, -daysAgo));
    at(date);
    await createOutreach(as(coordinator), {
      kind: 'tele_session',
      date,
      organizationIds: primaries.map((p) => p.id),
      surgeonIds: [ids.head],
      activity: null,
      videoLink: `https://meeting.example.org/gisurg-${n + 1}`,
      participants: `四家基层医院外科医生 ${10 + rng.int(0, 6)} 人，我科主任及主治医师`,
      notes: '远程疑难病例讨论：每家医院提交1–2例，会后在会诊系统中补录问题与意见。',
    });
  }
  // Exchange visits: county surgeons training here (3 months), our surgeon stationed at a county hospital.
  for (const [i, p] of primaries.slice(0, 2).entries()) {
    const from = addDays(today, -260 + i * 90);
    at(from);
    await createExchangeVisit(as(coordinator), {
      organizationId: p.id,
      direction: 'in',
      doctors: '普外科主治医师 1 名（进修）',
      fromDate: from,
      toDate: addDays(from, 90),
      purpose: '进修腹腔镜胃肠肿瘤手术与围手术期管理（ERAS）',
    });
  }
  if (primaries[2]) {
    const from = addDays(today, -120);
    at(from);
    await createExchangeVisit(as(coordinator), {
      organizationId: primaries[2].id,
      direction: 'out',
      doctors: '我科主治医师 1 名',
      fromDate: from,
      toDate: addDays(from, 30),
      purpose: '驻点帮扶：规范化胃肠肿瘤手术、病历质控与转诊流程',
    });
  }

  await sentBackStory(ctx, primaries[0]!, { ...ids, coordinator: ids.coordinator, head: ids.head, doctor: ids.doctor }, clock, as);
}

/** A referral admitted and sent back, ~110 days ago (before the ward demo's 60-day history, so no bed is shared). */
async function sentBackStory(
  ctx: DemoStepContext,
  hospital: { id: string; name: string },
  ids: { coordinator: string; head: string; doctor: string },
  clock: ManualClock,
  as: (a: NonNullable<Awaited<ReturnType<typeof actorOf>>>) => UseCaseContext,
): Promise<void> {
  const { tx, now, today, timeZone, rng } = ctx;
  const [bed] = await tx
    .select({ id: beds.id })
    .from(beds)
    .innerJoin(wards, eq(wards.id, beds.wardId))
    .where(eq(wards.kind, 'general'))
    .orderBy(asc(beds.label))
    .limit(1);
  if (!bed) return;
  const p = syntheticPerson(rng, today, { sex: 'male', meanAge: 60 });
  const [patient] = await tx
    .insert(patients)
    .values({
      organizationId: ctx.homeOrganizationId,
      sourceOrganizationId: hospital.id,
      name: p.name,
      sex: 'male',
      birthDate: p.birthDate,
      idNumber: null,
      phone: p.phone,
      address: p.address,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await writeSearchTerms(tx, patient!);
  const q = QUESTIONS[1]!; // sigmoid cancer with a single liver metastasis
  const asked = addDays(today, -112);
  await recordDiagnosis(tx, patient!.id, q.stage, addDays(asked, -7));
  const doctor = (await actorOf(tx, ids.doctor))!;
  const coordinator = (await actorOf(tx, ids.coordinator))!;
  const head = (await actorOf(tx, ids.head))!;
  const start = toInstant(`${asked}T09:40`, timeZone);
  clock.set(start);
  const c = await createConsultation(as(doctor), {
    patientId: patient!.id,
    question: q.question,
    history: q.history,
    stage: q.stage,
    specialty: null,
    urgency: 'routine',
    consent: { obtainedOn: asked, method: 'written' },
  });
  clock.set(new Date(start.getTime() + 2 * HOUR));
  await assignExpert(as(coordinator), c.id, { expertId: head.userId });
  clock.set(new Date(start.getTime() + 20 * HOUR));
  await answerConsultation(as(head), c.id, {
    advice: '肝S6单发转移可切除：建议转入我科行腹腔镜乙状结肠切除+肝转移灶同期切除，术后转回贵院行辅助化疗并按计划随访。',
    recommendation: 'transfer',
  });
  const admittedOn = addDays(asked, 6);
  const admittedAt = toInstant(`${admittedOn}T10:00`, timeZone);
  const dischargedAt = toInstant(`${addDays(admittedOn, 9)}T10:30`, timeZone);
  const [adm] = await tx
    .insert(admissions)
    .values({
      patientId: patient!.id,
      organizationId: ctx.homeOrganizationId,
      status: 'discharged',
      admittedAt,
      source: 'transfer_in',
      sourceInstitution: hospital.name,
      diagnosis: '乙状结肠癌伴肝转移',
      attendingSurgeonId: head.userId,
      expectedLosDays: 9,
      plannedProcedure: '腹腔镜乙状结肠切除+肝S6转移灶切除',
      dischargedAt,
      disposition: 'transfer_hospital',
      dispositionInstitution: hospital.name,
      createdAt: admittedAt,
      updatedAt: dischargedAt,
    })
    .returning();
  await tx.insert(bedStays).values({ admissionId: adm!.id, bedId: bed.id, fromAt: admittedAt, toAt: dischargedAt, createdAt: admittedAt });
  await tx.insert(consultationReferrals).values({
    consultationId: c.id,
    patientId: patient!.id,
    expectedAdmissionDate: admittedOn,
    bedId: bed.id,
    status: 'admitted',
    admissionId: adm!.id,
    admittedAt,
    dischargedAt,
    dischargeDisposition: 'transfer_hospital',
    dischargeInstitution: hospital.name,
    dischargeDiagnosis: '乙状结肠癌伴肝转移',
    dischargeProcedure: '腹腔镜乙状结肠切除+肝S6转移灶切除',
    dischargeNote:
      '术后恢复顺利，第9天出院。请于术后4周内开始辅助化疗（CAPOX），每3个月复查CEA及腹部增强CT；如有发热、腹痛请及时联系我科。',
    createdAt: new Date(start.getTime() + 21 * HOUR),
    updatedAt: dischargedAt,
    createdBy: head.userId,
    updatedBy: head.userId,
  });
  clock.set(new Date(dischargedAt.getTime() + 3 * 24 * HOUR));
  await closeConsultation(as(doctor), c.id, { survey: { referralAvoided: false, willFollowAdvice: true, educational: true } });
}
