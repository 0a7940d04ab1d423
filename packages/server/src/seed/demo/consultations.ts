import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { isRole, permissionsOf } from '../../auth/permissions.js';
import { ManualClock } from '../../clock.js';
import type { UseCaseContext } from '../../core/context.js';
import { oncologyDiagnoses, organizations, patients, users } from '../../db/schema/index.js';
import { CaseWriter } from './oncology.js';
import { Rng } from '../random.js';
import type { Db } from '../../db/types.js';
import { addDays, toInstant, toWallClockString } from '@gisurg/contracts';
import type { Recommendation } from '@gisurg/contracts/consultations';
import { answerConsultation } from '../../features/consultations/answer-consultation.js';
import { assignExpert } from '../../features/consultations/assign-expert.js';
import { closeConsultation } from '../../features/consultations/close-consultation.js';
import { createConsultation } from '../../features/consultations/create-consultation.js';
import { createReferral } from '../../features/consultations/create-referral.js';
import { promoteToMdt } from '../../features/consultations/promote-to-mdt.js';
import { replyInformation } from '../../features/consultations/reply-information.js';
import { requestInformation } from '../../features/consultations/request-information.js';
import { admitPatient } from '../../features/ward/admit-patient.js';
import { writeSearchTerms } from '../../features/patients/index.js';
import { syntheticPerson } from '../people.js';
import { DEMO_ORGANIZATIONS } from './foundation.js';
import type { DemoStepContext } from './index.js';

const HOUR = 3_600_000;

/** Synthetic questions a county surgeon asks (no real person). */
export const QUESTIONS: { question: string; history: string; stage: string; rec: Recommendation; advice: string }[] = [
  {
    question: '胃窦癌新辅助化疗3周期后，能否在我院行腹腔镜远端胃切除？',
    history: '男，62岁，胃镜活检低分化腺癌，SOX方案化疗3周期，复查CT病灶缩小。',
    stage: 'cT3N1M0',
    rec: 'manage_locally',
    advice: '疗效评估部分缓解，可在贵院行腹腔镜远端胃切除（D2），术中注意No.6组淋巴结清扫；术后病理请发来复核。',
  },
  {
    question: '乙状结肠癌伴肝脏单发转移，先手术还是先化疗？',
    history: '女，58岁，CEA 35 ng/mL，肝S6单发病灶2.5 cm，可切除。',
    stage: 'cT3N1M1a',
    rec: 'mdt',
    advice: '建议提交院际MDT讨论同期或分期切除及围手术期化疗方案。',
  },
  {
    question: '腹膜假黏液瘤，腹胀明显，是否适合减瘤术+HIPEC？',
    history: '女，51岁，CT提示大量腹腔黏液，阑尾区占位，CA19-9升高。',
    stage: '腹膜假黏液瘤（阑尾来源可能）',
    rec: 'transfer',
    advice: '适合评估细胞减灭术+HIPEC，建议转入我科，入院后行PCI评估。',
  },
  {
    question: '直肠癌低位前切除术后吻合口漏，保守治疗一周无好转，下一步？',
    history: '男，66岁，术后第5天发热，引流液浑浊，已行回肠造口。',
    stage: 'pT3N0M0',
    rec: 'manage_locally',
    advice: '继续充分引流，复查CT评估脓腔，必要时经肛门引流；营养支持，抗生素按药敏调整。',
  },
  {
    question: '胃间质瘤5 cm，是否需要术前伊马替尼？',
    history: '男，55岁，胃底外生性肿物，超声内镜提示GIST可能。',
    stage: 'GIST 5 cm',
    rec: 'manage_locally',
    advice: '可直接行腹腔镜楔形切除，术后按危险度分级决定辅助治疗。',
  },
];

export async function actorOf(db: Db, userId: string): Promise<Actor | null> {
  const [u] = await db
    .select({ u: users, kind: organizations.kind })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId));
  if (!u || !isRole(u.u.role)) return null;
  return {
    userId: u.u.id,
    username: u.u.username,
    displayName: u.u.displayName,
    role: u.u.role,
    organizationId: u.u.organizationId,
    organizationKind: u.kind,
    permissions: permissionsOf(u.u.role),
    sessionId: null,
  };
}

/**
 * Consultations from the four primary hospitals over the past year, in every state, built through the
 * feature's use cases with a manual clock (so they are shaped and audited like real ones): most closed with
 * the survey, some answered, one waiting for more information, one with its expert, one overdue in the
 * queue; one transfer with its referral admitted into the held bed today; one promoted to a tumor board.
 */
export async function seedConsultationsDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, now, today, timeZone, rng } = ctx;
  const byUsername = async (username: string) => (await tx.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id;
  const coordinatorId = await byUsername('mdt_coordinator');
  const surgeonId = await byUsername('surgeon');
  const headId = await byUsername('department_head');
  if (!coordinatorId || !surgeonId || !headId) return;
  const coordinator = (await actorOf(tx, coordinatorId))!;
  const experts = [(await actorOf(tx, surgeonId))!, (await actorOf(tx, headId))!];
  const clock = new ManualClock(now);
  const as = (actor: Actor): UseCaseContext => ({
    db: tx,
    actor,
    meta: { requestId: 'demo-seed', clientIp: null, userAgent: null },
    locale: 'zh-CN',
    clock,
    timeZone,
  });
  const primaries = DEMO_ORGANIZATIONS.filter((o) => o.kind === 'primary');
  let admittedOne = false;
  let promotedOne = false;
  for (const [i, o] of primaries.entries()) {
    const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, o.name));
    if (!org) continue;
    // The asking doctor: the demo external doctor for the first hospital; the other hospitals' requests were
    // entered on their behalf by the administrator (the demo keeps one account per role).
    const doctorId = i === 0 ? await byUsername('external_doctor') : await byUsername('admin');
    if (!doctorId) continue;
    const doctor = (await actorOf(tx, doctorId))!;
    const pts = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(eq(patients.sourceOrganizationId, org.id))
      .orderBy(asc(patients.createdAt), asc(patients.id));
    if (pts.length === 0) continue;
    const n = 6 + i;
    for (let k = 0; k < n; k++) {
      const q = QUESTIONS[(k + i) % QUESTIONS.length]!;
      let patientId = pts[k % pts.length]!.id;
      const daysAgo = Math.round(((n - k) / n) * 330) + rng.int(0, 5);
      const last = k === n - 1;
      const secondLast = k === n - 2;
      // The newest ones of each hospital are still open, in a different state per hospital.
      const target = last ? (['submitted', 'assigned', 'info_requested', 'answered'] as const)[i]! : 'closed';
      // The demo's transfer with an admitted referral: the first hospital's second newest, asked 5 days ago.
      const admitNow = i === 0 && secondLast && !admittedOne;
      if (admitNow) {
        // A patient of her own for the transfer story (not already in a ward bed).
        const p = syntheticPerson(rng, today);
        const [row] = await tx
          .insert(patients)
          .values({
            organizationId: ctx.homeOrganizationId,
            sourceOrganizationId: org.id,
            name: p.name,
            sex: 'female',
            birthDate: p.birthDate,
            idNumber: null,
            phone: p.phone,
            address: p.address,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await writeSearchTerms(tx, row!);
        patientId = row!.id;
      }
      const start = admitNow
        ? new Date(now.getTime() - 5 * 24 * HOUR)
        : last
          ? new Date(now.getTime() - (i === 0 ? 60 : 6 + i) * HOUR)
          : toInstant(`${addDays(today, -daysAgo)}T09:${String(10 + k).padStart(2, '0')}`, timeZone);
      clock.set(start);
      const urgent = rng.chance(0.25);
      const created = await createConsultation(as(doctor), {
        patientId,
        question: q.question,
        history: q.history,
        stage: q.stage,
        specialty: null,
        urgency: urgent ? 'urgent' : 'routine',
        consent: {
          obtainedOn: toWallClockString(start, timeZone).slice(0, 10),
          method: rng.pick(['written', 'electronic', 'verbal'] as const),
        },
      });
      if (target === 'submitted') continue;
      clock.set(new Date(start.getTime() + rng.int(1, 4) * HOUR));
      const expert = experts[k % 2]!;
      await assignExpert(as(coordinator), created.id, { expertId: expert.userId });
      if (target === 'assigned') continue;
      if (target === 'info_requested' || k % 3 === 1) {
        clock.set(new Date(clock.now().getTime() + rng.int(2, 8) * HOUR));
        await requestInformation(as(expert), created.id, { body: '请补充最近一次增强CT报告及肿瘤标志物。' });
        if (target === 'info_requested') continue;
        clock.set(new Date(clock.now().getTime() + rng.int(3, 20) * HOUR));
        await replyInformation(as(doctor), created.id, { body: 'CT报告已上传；CEA 6.2 ng/mL，CA19-9 41 U/mL。' });
      }
      // Most answers in time; some late (the figures show both).
      clock.set(new Date(clock.now().getTime() + (rng.chance(0.8) ? rng.int(4, 30) : rng.int(50, 70)) * HOUR));
      const rec: Recommendation = admitNow ? 'transfer' : q.rec;
      if (admitNow) clock.set(new Date(now.getTime() - 72 * HOUR));
      await answerConsultation(as(expert), created.id, { advice: admitNow ? QUESTIONS[2]!.advice : q.advice, recommendation: rec });
      // The board sees the patient's record: the diagnosis the county surgeon describes is entered first (a
      // patient whose record holds another cancer is not promoted with this question).
      if (rec === 'mdt' && !promotedOne && daysAgo < 60 && (await recordDiagnosis(tx, patientId, q.stage, addDays(today, -daysAgo - 7)))) {
        try {
          await tx.transaction(async (sp) => {
            await promoteToMdt({ ...as(expert), db: sp }, created.id, {});
          });
          promotedOne = true;
        } catch {
          /* no inter-hospital board scheduled after that date: left as answered with MDT advice */
        }
      }
      const nurseId = admitNow ? await byUsername('nurse') : undefined;
      const nurse = nurseId ? await actorOf(tx, nurseId) : null;
      if (admitNow && nurse) {
        await recordDiagnosis(tx, patientId, QUESTIONS[2]!.stage, addDays(today, -5));
        // In a savepoint: a patient already in a bed (ward demo) keeps the referral booked, not admitted.
        await tx
          .transaction(async (sp) => {
            clock.set(new Date(now.getTime() - 4 * HOUR));
            const ref = await createReferral({ ...as(expert), db: sp }, created.id, { expectedAdmissionDate: today });
            clock.set(new Date(now.getTime() - 2 * HOUR));
            await admitPatient(
              { ...as(nurse), db: sp },
              {
                patientId,
                bedId: ref.bedReservation.bedId,
                admittedAt: toWallClockString(new Date(now.getTime() - 3 * HOUR), timeZone),
                source: 'transfer_in',
                sourceInstitution: o.name,
                diagnosis: '腹膜假黏液瘤',
                plannedProcedure: '细胞减灭术+HIPEC',
              },
            );
          })
          .then(
            () => (admittedOne = true),
            // No clean bed free today (the ward demo fills the ward): the referral is booked for tomorrow instead.
            async () => {
              await tx
                .transaction(async (sp) => {
                  await createReferral({ ...as(expert), db: sp }, created.id, { expectedAdmissionDate: addDays(today, 1) });
                })
                .catch(() => undefined);
            },
          );
      }
      if (target === 'answered') continue;
      clock.set(new Date(clock.now().getTime() + rng.int(20, 120) * HOUR));
      if (clock.now().getTime() > now.getTime()) clock.set(now);
      await closeConsultation(as(doctor), created.id, {
        survey: { referralAvoided: rec === 'manage_locally', willFollowAdvice: rng.chance(0.9), educational: rng.chance(0.8) },
      });
    }
  }
}

/** The oncology diagnosis behind a consultation (issue 16 item 8), when the patient has none yet. */
export async function recordDiagnosis(tx: Db, patientId: string, stage: string, date: string): Promise<boolean> {
  const wanted = stage.includes('腹膜假黏液瘤') ? 'pseudomyxoma' : 'colon';
  const [existing] = await tx
    .select({ site: oncologyDiagnoses.site })
    .from(oncologyDiagnoses)
    .where(eq(oncologyDiagnoses.patientId, patientId));
  if (existing) return existing.site === wanted;
  const [by] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'surgeon'));
  if (!by) return false;
  const w = new CaseWriter(
    tx,
    new Rng(patientId.charCodeAt(0)),
    { surgeons: [by.id], resident: null, student: null },
    patientId,
    date,
    new Date(`${date}T02:00:00Z`),
  );
  if (stage.includes('腹膜假黏液瘤'))
    await w.diagnosis({
      site: 'pseudomyxoma',
      icd10: 'C18.1',
      icd10Secondary: 'C78.6',
      morphology: '8480/1',
      date,
      clinical: { t: 'Tis(LAMN)', n: 'N0', m: 'M1b', grade: 'G1' },
      psogiCategory: 'low-grade-mcp',
      appendicealLesion: 'lamn',
    });
  else if (stage === 'cT3N1M1a')
    await w.diagnosis({ site: 'colon', icd10: 'C18.7', morphology: '8140/3', date, clinical: { t: 'T3', n: 'N1', m: 'M1a' } });
  return true;
}
