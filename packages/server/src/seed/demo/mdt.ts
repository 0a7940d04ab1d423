import { actorOf } from './actor.js';
import { loadPdfKit } from '../../shared/pdf-document.js';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { ManualClock } from '../../clock.js';
import { oncologyDiagnoses, operations, organizations, pathologyReports, patients } from '../../db/schema/index.js';
import { CaseWriter, seedCase } from './oncology.js';
import type { UseCaseContext } from '../../core/context.js';
import { writeSearchTerms } from '../../features/patients/index.js';
import { changeMeetingStatus } from '../../features/mdt/change-meeting-status.js';
import { checkInAttendance } from '../../features/mdt/check-in-attendance.js';
import { closeItemNotDelivered } from '../../features/mdt/close-item-not-delivered.js';
import { createMeeting } from '../../features/mdt/create-meeting.js';
import { addDays, toInstant } from '@gisurg/contracts';
import { deliverItem } from '../../features/mdt/deliver-item.js';
import { inviteParticipant } from '../../features/mdt/invite-participant.js';
import { recordRecommendation } from '../../features/mdt/record-recommendation.js';
import { RecordRecommendationSchema } from '@gisurg/contracts/mdt';
import type { z } from 'zod';
import { submitCase } from '../../features/mdt/submit-case.js';
import { triageCase } from '../../features/mdt/triage-case.js';
import { uploadAttachment } from '../../features/mdt/upload-attachment.js';
import { syntheticPerson } from '../people.js';
import { DEMO_ORGANIZATIONS } from './foundation.js';
import type { DemoStepContext } from './index.js';

/** Guests of the demo boards (synthetic names). */
const GUESTS = [
  { name: '刘文静', specialty: 'medical_oncology', title: '主任医师' },
  { name: '何建国', specialty: 'radiology', title: '副主任医师' },
  { name: '许丽', specialty: 'pathology', title: '主治医师' },
  { name: '蒋红梅', specialty: 'radiotherapy', title: '副主任医师' },
] as const;

/** A one-page synthetic imaging report (standard PDF font: ASCII only, no CJK font needed). */
async function demoReport(title: string, lines: string[]): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, CreationDate: new Date('2026-01-01T00:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(14).text(title);
  doc.moveDown().font('Helvetica').fontSize(11);
  for (const l of lines) doc.text(l);
  doc.moveDown().fontSize(9).fillColor('#666666').text('Synthetic demo document. No real person is described.');
  doc.end();
  return done;
}

/**
 * Tumor-board demo data (issue 7): a past gastric board (closed) with decided cases — delivered, partly
 * delivered with a reason, not delivered with a reason, and one item overdue on the coordinator's
 * worklist — and an upcoming inter-hospital peritoneal board whose agenda includes a case submitted by the
 * external doctor of 富春县人民医院 for one of that hospital's referred patients, with a report attached;
 * plus a weekly colorectal series. Built through the use cases, so it is audited like real use.
 */
export async function seedMdtDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, today, rng, timeZone } = ctx;
  const coordinator = await actorOf(tx, 'mdt_coordinator');
  const surgeon = await actorOf(tx, 'surgeon');
  const resident = await actorOf(tx, 'resident');
  const external = await actorOf(tx, 'external_doctor');
  const head = await actorOf(tx, 'department_head');
  if (!coordinator || !surgeon || !resident || !external || !head) return;

  const home = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.organizationId, ctx.homeOrganizationId), isNull(patients.sourceOrganizationId), isNull(patients.deletedAt)))
    .orderBy(asc(patients.inpatientNo));
  if (home.length < 8) return;
  // Each case's patient has the story its question tells (issue 16 item 8): a patient with no record yet gets
  // the diagnosis (and, where the question says so, the operation) written here, before the board.
  const withRecord = new Set((await tx.select({ id: oncologyDiagnoses.patientId }).from(oncologyDiagnoses)).map((r) => r.id));
  const freshPool = home.filter((h) => !withRecord.has(h.id));
  const pick = () => {
    const p = freshPool.length ? freshPool.splice(rng.int(0, freshPool.length - 1), 1)[0]! : home[rng.int(0, home.length - 1)]!;
    withRecord.add(p.id);
    return p.id;
  };
  const team = { surgeons: [surgeon.userId], resident: resident.userId, student: null };
  const writer = (patientId: string) => new CaseWriter(tx, rng, team, patientId, today, ctx.now);
  const stomach = async (patientId: string, date: string, c: { t: string; n: string; m: string }, icd10 = 'C16.3') => {
    const w = writer(patientId);
    await w.diagnosis({ site: 'stomach', icd10, morphology: '8140/3', date, clinical: c });
    await w.markers(addDays(date, 1), ['CEA', 'CA19-9', 'CA72-4'], c.n !== 'N0');
  };
  /** A whole gastric story with its operation on `opDate`; returns the diagnosis and pathology for the question. */
  const operatedGastric = async (patientId: string, opDate: string) => {
    await seedCase(writer(patientId), 'gastric', opDate);
    const [row] = await tx
      .select({
        icd10: oncologyDiagnoses.icd10,
        ct: oncologyDiagnoses.clinicalT,
        cn: oncologyDiagnoses.clinicalN,
        pt: pathologyReports.t,
        pn: pathologyReports.n,
      })
      .from(oncologyDiagnoses)
      .innerJoin(operations, eq(operations.diagnosisId, oncologyDiagnoses.id))
      .leftJoin(pathologyReports, eq(pathologyReports.operationId, operations.id))
      .where(eq(oncologyDiagnoses.patientId, patientId));
    return row!;
  };
  const GASTRIC_PART: Record<string, string> = { 'C16.0': '贲门', 'C16.2': '胃体', 'C16.3': '胃窦', 'C16.4': '幽门', 'C16.5': '胃小弯' };
  const fuchun = (
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORGANIZATIONS[0].name))
  )[0]!.id;
  let referred = (
    await tx.select({ id: patients.id }).from(patients).where(eq(patients.sourceOrganizationId, fuchun)).orderBy(asc(patients.inpatientNo))
  ).find((p) => !withRecord.has(p.id));
  if (!referred) {
    const p = syntheticPerson(rng, today);
    const [row] = await tx
      .insert(patients)
      .values({
        organizationId: ctx.homeOrganizationId,
        sourceOrganizationId: fuchun,
        name: p.name,
        sex: p.sex,
        birthDate: p.birthDate,
        idNumber: p.idNumber,
        phone: p.phone,
        address: p.address,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await writeSearchTerms(tx, row!);
    referred = { id: row!.id };
  }

  const clock = new ManualClock(ctx.now);
  const as = (actor: Actor): UseCaseContext => ({
    db: tx,
    actor,
    meta: { requestId: 'demo-seed', clientIp: null, userAgent: null },
    locale: 'zh-CN',
    clock,
    timeZone,
  });
  const at = (date: string, time = '16:00') => clock.set(toInstant(`${date}T${time}`, timeZone));
  const C = as(coordinator);

  // ---- Past board: gastric, intra-hospital, three weeks ago, closed. ----
  const pastDate = addDays(today, -21);
  at(addDays(pastDate, -7), '09:00');
  const past = await createMeeting(C, {
    tumorGroup: 'gastric',
    kind: 'intra',
    startsAt: `${pastDate}T16:00`,
    title: '胃肿瘤 MDT',
    durationMinutes: 120,
    place: '外科楼 12 楼示教室',
    chairUserId: head.userId,
  });
  await inviteParticipant(C, past.id, { userId: head.userId, specialty: 'surgery', role: 'chair' });
  await inviteParticipant(C, past.id, { userId: surgeon.userId, specialty: 'surgery', role: 'member' });
  for (const g of GUESTS) await inviteParticipant(C, past.id, { ...g, role: 'member' });
  const pastDx = addDays(pastDate, -14);
  const p1 = pick();
  await stomach(p1, pastDx, { t: 'T3', n: 'N1', m: 'M0' });
  const p2 = pick();
  const s2 = await operatedGastric(p2, addDays(pastDate, 9));
  const p3 = pick();
  const s3 = await operatedGastric(p3, addDays(pastDate, -20));
  const p4 = pick();
  await stomach(p4, pastDx, { t: 'T4a', n: 'N2', m: 'M0' }, 'C16.4');
  const p5 = pick();
  await stomach(p5, addDays(pastDate, -110), { t: 'T3', n: 'N1', m: 'M0' });
  const pastPatients = [p1, p2, p3, p4, p5];
  const pastCases: { question: string; rec: z.input<typeof RecordRecommendationSchema> }[] = [
    {
      question: '胃窦癌 cT3N1M0，是否先行新辅助化疗再手术？',
      rec: {
        intent: 'curative',
        items: [
          {
            kind: 'chemotherapy',
            dueDate: addDays(pastDate, 14),
            timing: 'neoadjuvant',
            detail: 'SOX 方案 3 周期',
            requiresAdmission: true,
          },
          { kind: 'surgery', dueDate: addDays(today, 40), approach: 'laparoscopic', detail: '腹腔镜根治性远端胃切除（D2）' },
        ],
        guideline: 'CSCO 胃癌诊疗指南',
        guidelineVersion: '2024',
        consensus: true,
        dissent: [],
        executingSpecialty: 'surgery',
        responsibleUserId: surgeon.userId,
      },
    },
    {
      question: `${GASTRIC_PART[s2.icd10] ?? '胃'}癌 c${s2.ct ?? 'T2'}${s2.cn ?? 'N0'}M0，可否直接行腹腔镜根治术？`,
      rec: {
        intent: 'curative',
        items: [{ kind: 'surgery', dueDate: addDays(pastDate, 14), approach: 'laparoscopic' }],
        guideline: 'CSCO 胃癌诊疗指南',
        guidelineVersion: '2024',
        consensus: true,
        dissent: [],
        responsibleUserId: surgeon.userId,
      },
    },
    {
      question: `胃癌术后 p${s3.pt ?? 'T3'}${s3.pn ?? 'N2'}，辅助治疗方案？`,
      rec: {
        intent: 'curative',
        items: [
          { kind: 'chemotherapy', dueDate: addDays(pastDate, 10), timing: 'adjuvant', detail: 'XELOX 8 周期' },
          { kind: 'follow_up', dueDate: addDays(pastDate, 12) },
        ],
        guideline: 'NCCN Gastric Cancer',
        guidelineVersion: '2.2025',
        consensus: true,
        dissent: [],
        responsibleUserId: surgeon.userId,
      },
    },
    {
      question: '胃癌伴幽门梗阻，合并严重心功能不全：姑息手术还是内镜支架？',
      rec: {
        intent: 'palliative',
        items: [{ kind: 'surgery', dueDate: addDays(pastDate, 7), detail: '胃空肠吻合术' }],
        deviationReason: '心功能 III 级，不耐受指南推荐的根治性手术',
        consensus: false,
        dissent: [{ name: '刘文静', specialty: 'medical_oncology', view: '建议内镜下支架置入，创伤更小' }],
        responsibleUserId: surgeon.userId,
      },
    },
    {
      question: '胃癌新辅助化疗后复查，评估疗效？',
      rec: {
        intent: 'curative',
        items: [{ kind: 'imaging', dueDate: addDays(today, -5), detail: '增强 CT（胸腹盆）' }],
        consensus: true,
        dissent: [],
        responsibleUserId: surgeon.userId,
      },
    },
  ];
  const decided: { items: { id: string }[] }[] = [];
  at(addDays(pastDate, -5), '10:00');
  const pastIds: string[] = [];
  for (const [i, c] of pastCases.entries()) {
    const sub = await submitCase(as(surgeon), past.id, {
      patientId: pastPatients[i]!,
      question: c.question,
      summary: null,
      urgency: 'routine',
      presentingSpecialty: 'surgery',
    });
    await triageCase(C, sub.id, { action: 'schedule' });
    pastIds.push(sub.id);
  }
  at(pastDate, '16:00');
  await changeMeetingStatus(C, past.id, { action: 'start' });
  const meetingDetail = await checkInAttendance(C, past.id, { checkedIn: true });
  for (const p of meetingDetail.participants) await checkInAttendance(C, past.id, { participantId: p.id, checkedIn: true });
  for (const [i, c] of pastCases.entries()) {
    clock.advance(15 * 60_000);
    decided.push(await recordRecommendation(C, pastIds[i]!, RecordRecommendationSchema.parse(c.rec)));
  }
  clock.advance(15 * 60_000);
  await changeMeetingStatus(C, past.id, { action: 'close' });
  // Follow-through: delivered with evidence, not delivered with reasons; one item left overdue.
  at(addDays(pastDate, 6), '11:00');
  await deliverItem(C, decided[0]!.items[0]!.id, {
    evidence: '化疗记录：SOX 第 1 周期已于日间病房完成',
    deliveredOn: addDays(pastDate, 6),
  });
  at(addDays(pastDate, 9), '15:00');
  await deliverItem(C, decided[1]!.items[0]!.id, { evidence: '手术记录：腹腔镜根治性胃切除术（D2）', deliveredOn: addDays(pastDate, 9) });
  await closeItemNotDelivered(C, decided[2]!.items[0]!.id, { reason: 'patient_choice', reasonText: '患者及家属商议后拒绝辅助化疗' });
  await deliverItem(C, decided[2]!.items[1]!.id, { evidence: '门诊复查记录', deliveredOn: addDays(pastDate, 9) });
  await closeItemNotDelivered(C, decided[3]!.items[0]!.id, { reason: 'comorbidity', reasonText: '术前评估心功能恶化，改行内镜支架' });

  // ---- Upcoming board: peritoneal, inter-hospital, in three days. ----
  const nextDate = addDays(today, 3);
  at(addDays(today, -4), '09:00');
  const upcoming = await createMeeting(C, {
    tumorGroup: 'peritoneal',
    kind: 'inter',
    startsAt: `${nextDate}T16:00`,
    title: '腹膜肿瘤院际 MDT',
    durationMinutes: 120,
    place: '外科楼 12 楼示教室',
    videoLink: 'https://meeting.example.org/gisurg-peritoneal',
    chairUserId: head.userId,
  });
  await inviteParticipant(C, upcoming.id, { userId: head.userId, specialty: 'surgery', role: 'chair' });
  await inviteParticipant(C, upcoming.id, { userId: surgeon.userId, specialty: 'surgery', role: 'member' });
  await inviteParticipant(C, upcoming.id, { userId: external.userId, specialty: 'surgery', role: 'member' });
  for (const g of GUESTS.slice(0, 2)) await inviteParticipant(C, upcoming.id, { ...g, role: 'member' });
  await inviteParticipant(C, upcoming.id, {
    name: '陈雅琴',
    specialty: 'gynecology',
    title: '主任医师',
    hospitalName: '东海市肿瘤医院',
    role: 'guest',
  });
  if (!withRecord.has(referred.id)) {
    // Operated at the referring hospital two years ago; here the record starts with the recurrence.
    await writer(referred.id).diagnosis({
      site: 'colon',
      icd10: 'C18.2',
      morphology: '8140/3',
      date: addDays(today, -12),
      clinical: { t: 'T4a', n: 'N1', m: 'M1c' },
    });
    withRecord.add(referred.id);
  }
  at(addDays(today, -2), '14:00');
  const externalCase = await submitCase(as(external), upcoming.id, {
    patientId: referred.id,
    question: '结肠癌术后 2 年，CEA 进行性升高，CT 提示腹膜多发结节。是否适合 CRS+HIPEC？',
    summary: '2 年前在我院行根治性右半结肠切除术，pT4aN1bM0。近 3 个月 CEA 由 4.2 升至 18.6 ng/mL。',
    urgency: 'urgent',
    presentingSpecialty: 'surgery',
  });
  await uploadAttachment(
    as(external),
    externalCase.id,
    {
      content: await demoReport('Contrast-enhanced CT abdomen/pelvis (synthetic)', [
        'Multiple peritoneal nodules, largest 2.1 cm in the pelvis.',
        'Small volume ascites. No liver metastases.',
        'Impression: peritoneal metastases, PCI estimated 8-12.',
      ]),
      kind: 'imaging_report',
      fileName: 'CT报告-富春县人民医院.pdf',
      declaredType: 'application/pdf',
    },
    10 * 1024 * 1024,
  );
  const pmp = pick();
  await writer(pmp).diagnosis({
    site: 'pseudomyxoma',
    icd10: 'C18.1',
    icd10Secondary: 'C78.6',
    morphology: '8480/1',
    date: addDays(today, -20),
    clinical: { t: 'Tis(LAMN)', n: 'N0', m: 'M1b', grade: 'G1' },
    psogiCategory: 'low-grade-mcp',
    appendicealLesion: 'lamn',
  });
  const gastricPm = pick();
  await stomach(gastricPm, addDays(today, -160), { t: 'T4a', n: 'N1', m: 'M1' }, 'C16.2');
  const homeQuestions: [string, string][] = [
    ['腹膜假黏液瘤，首次 CRS+HIPEC 评估', pmp],
    ['胃癌腹膜转移转化治疗后，能否行 CRS？', gastricPm],
  ];
  at(addDays(today, -1), '10:00');
  for (const [q, patientId] of homeQuestions) {
    const sub = await submitCase(as(surgeon), upcoming.id, {
      patientId,
      question: q,
      summary: null,
      urgency: 'routine',
      presentingSpecialty: 'surgery',
    });
    await triageCase(C, sub.id, { action: 'schedule' });
  }
  await triageCase(C, externalCase.id, { action: 'schedule' });
  // One case still waiting for the coordinator's triage.
  const ovarian = pick();
  await writer(ovarian).diagnosis({
    site: 'peritoneal_metastasis',
    icd10: 'C78.6',
    morphology: '8461/3',
    date: addDays(today, -30),
    clinical: null,
    pmOrigin: 'ovarian',
  });
  await submitCase(as(resident), upcoming.id, {
    patientId: ovarian,
    question: '卵巢癌术后腹膜复发，是否适合二次减瘤？',
    summary: null,
    urgency: 'routine',
    presentingSpecialty: null,
  });

  // ---- A weekly colorectal series, starting next week. ----
  await createMeeting(C, {
    tumorGroup: 'colorectal',
    kind: 'intra',
    startsAt: `${addDays(today, 7)}T16:30`,
    title: '结直肠肿瘤 MDT',
    durationMinutes: 90,
    place: '外科楼 12 楼示教室',
    chairUserId: head.userId,
    repeat: { frequency: 'weekly', occurrences: 4 },
  });
}
