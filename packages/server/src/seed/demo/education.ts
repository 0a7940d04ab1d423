import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { addDays, toInstant } from '@gisurg/contracts';
import { CODE_ALPHABET } from '@gisurg/contracts/education';
import {
  eduAttendance,
  eduEvents,
  eduLogEntries,
  eduMilestones,
  eduRegistrations,
  eduSessions,
  eduSignOffs,
  eduSupervisors,
  eduTrainees,
  eduUniversities,
  mdtMeetings,
  mdtParticipants,
  operations,
  theatreBookings,
  users,
} from '../../db/schema/index.js';
import { syntheticName } from '../people.js';
import type { DemoStepContext } from './index.js';

/**
 * Demo teaching data (issue 14, docs/education.md): three universities, four supervisors, six trainees whose
 * case logs come from the oncology step's operations (the demo resident and student are already listed as
 * assistants there; the other trainees are added as second assistant on operations after their enrolment),
 * tumor-board attendance, hand-written entries with sign-offs and milestones; last year's forum (2025) with
 * attendance and certificates, and this year's teaching class open for registration. Synthetic only.
 */
const UNIVERSITIES = [
  { name: '浙江大学', nameEn: 'Zhejiang University' },
  { name: '温州医科大学', nameEn: 'Wenzhou Medical University' },
  { name: '浙江中医药大学', nameEn: 'Zhejiang Chinese Medical University' },
] as const;

const NEW_SUPERVISORS = [
  { username: 'xuming', displayName: '徐明', title: '主任医师', university: 2 },
  { username: 'hewei', displayName: '何伟', title: '副主任医师', university: 1 },
] as const;

const NEW_TRAINEES = [
  { username: 'linke', displayName: '林可', role: 'student', supervisor: 'department_head', enrolment: 2024, degree: 'academic' },
  { username: 'guoan', displayName: '郭安', role: 'student', supervisor: 'hewei', enrolment: 2025, degree: 'professional' },
  { username: 'maxiao', displayName: '马骁', role: 'resident', supervisor: 'xuming', enrolment: 2024, degree: 'professional' },
  { username: 'huangxin', displayName: '黄欣', role: 'student', supervisor: 'xuming', enrolment: 2026, degree: 'academic' },
] as const;

const THESES = [
  '腹腔镜与开腹远端胃癌根治术近期疗效比较',
  '腹膜癌指数与细胞减灭术预后的关系',
  '结直肠癌术后加速康复路径的依从性研究',
  'HIPEC 术后并发症的危险因素分析',
  '胃癌 D2 淋巴结清扫数目与分期迁移',
  '低位直肠癌保肛手术的功能结局',
];

const HOSPITALS = [
  '丽水市人民医院',
  '衢州市人民医院',
  '金华市中心医院',
  '台州医院',
  '舟山医院',
  '湖州市中心医院',
  '绍兴市人民医院',
  '嘉兴市第一医院',
  '义乌市中心医院',
  '温岭市第一人民医院',
  '江山市人民医院',
  '龙泉市人民医院',
];
const TITLES = ['住院医师', '主治医师', '主治医师', '副主任医师', '主任医师'];

export async function seedEducationDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, rng, today, timeZone } = ctx;
  const yearNow = Number(today.slice(0, 4));
  const at = (date: string, time: string) => toInstant(`${date}T${time}`, timeZone);

  // Universities and supervisors (4 from 3 universities).
  const uni: string[] = [];
  for (const u of UNIVERSITIES) {
    const [row] = await tx.insert(eduUniversities).values(u).onConflictDoNothing().returning({ id: eduUniversities.id });
    uni.push(row?.id ?? (await tx.select({ id: eduUniversities.id }).from(eduUniversities).where(eq(eduUniversities.name, u.name)))[0]!.id);
  }
  const userId = async (username: string) => (await tx.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id;
  for (const s of NEW_SUPERVISORS)
    if (!(await userId(s.username)))
      await tx.insert(users).values({
        username: s.username,
        displayName: s.displayName,
        role: 'surgeon',
        title: s.title,
        specialty: '胃肠外科',
        organizationId: ctx.homeOrganizationId,
        departmentId: ctx.departmentId,
        passwordHash: await ctx.passwordHash(),
      });
  const supervisorOf: Record<string, { id: string; userId: string }> = {};
  for (const [username, u] of [
    ['department_head', 0],
    ['surgeon', 1],
    ...NEW_SUPERVISORS.map((s) => [s.username, s.university] as const),
  ] as const) {
    const id = (await userId(username))!;
    const [row] = await tx.insert(eduSupervisors).values({ userId: id, universityId: uni[u]! }).returning({ id: eduSupervisors.id });
    supervisorOf[username] = { id: row!.id, userId: id };
  }

  // Trainees: the demo resident and student, and four more accounts.
  for (const t of NEW_TRAINEES)
    if (!(await userId(t.username)))
      await tx.insert(users).values({
        username: t.username,
        displayName: t.displayName,
        role: t.role,
        title: t.role === 'student' ? '硕士研究生' : '住院医师',
        specialty: '胃肠外科',
        organizationId: ctx.homeOrganizationId,
        departmentId: ctx.departmentId,
        passwordHash: await ctx.passwordHash(),
      });
  const trainees = [
    { username: 'student', supervisor: 'surgeon', enrolment: 2024, degree: 'professional' },
    { username: 'resident', supervisor: 'department_head', enrolment: 2023, degree: 'professional' },
    ...NEW_TRAINEES,
  ];
  const created: { id: string; userId: string; supervisorUserId: string; enrolment: number; username: string }[] = [];
  for (const [i, t] of trainees.entries()) {
    const sup = supervisorOf[t.supervisor]!;
    const uid = (await userId(t.username))!;
    const [s] = await tx.select({ universityId: eduSupervisors.universityId }).from(eduSupervisors).where(eq(eduSupervisors.id, sup.id));
    const [row] = await tx
      .insert(eduTrainees)
      .values({
        userId: uid,
        universityId: s!.universityId,
        supervisorId: sup.id,
        degree: t.degree,
        enrolmentYear: t.enrolment,
        yearOfStudy: Math.min(3, Math.max(1, yearNow - t.enrolment + (Number(today.slice(5, 7)) >= 9 ? 1 : 0))),
        thesisTitle: THESES[i % THESES.length]!,
      })
      .returning({ id: eduTrainees.id });
    created.push({ id: row!.id, userId: uid, supervisorUserId: sup.userId, enrolment: t.enrolment, username: t.username });
  }

  // The new trainees assist operations after their enrolment (second assistant where there is none yet).
  for (const tr of created.filter((c) => NEW_TRAINEES.some((n) => n.username === c.username))) {
    const ops = await tx
      .select({ id: operations.id, assistants: operations.assistantIds })
      .from(operations)
      .where(
        and(
          isNull(operations.deletedAt),
          gte(operations.operationDate, `${tr.enrolment}-09-01`),
          sql`cardinality(${operations.assistantIds}) < 2`,
        ),
      )
      .orderBy(asc(operations.operationDate));
    for (const o of ops)
      if (rng.chance(0.25))
        await tx
          .update(operations)
          .set({ assistantIds: [...o.assistants, tr.userId] })
          .where(eq(operations.id, o.id));
  }

  // Tumor-board attendance: trainees check in at the closed boards.
  const boards = await tx.select().from(mdtMeetings).where(eq(mdtMeetings.status, 'closed')).orderBy(asc(mdtMeetings.startsAt));
  for (const b of boards)
    for (const tr of created) {
      if (!rng.chance(0.7)) continue;
      const [u] = await tx.select({ name: users.displayName, title: users.title }).from(users).where(eq(users.id, tr.userId));
      await tx
        .insert(mdtParticipants)
        .values({
          meetingId: b.id,
          userId: tr.userId,
          name: u!.name,
          specialty: 'surgery',
          title: u!.title,
          organizationId: ctx.homeOrganizationId,
          role: 'member',
          invited: false,
          checkedInAt: new Date(b.startsAt.getTime() + rng.int(0, 10) * 60_000),
        })
        .onConflictDoNothing();
    }

  // Hand-written entries, sign-offs of everything older than two weeks, milestones.
  const ENTRY_TEXT: Record<string, string[]> = {
    ward_round: ['主任查房：胃癌术后第 3 天，讨论肠内营养', '教学查房：直肠癌新辅助治疗后评估', '夜间查房：HIPEC 术后液体管理'],
    mdt_presentation: ['MDT 汇报：进展期胃癌新辅助化疗病例', 'MDT 汇报：结肠癌腹膜转移 PCI 评估', 'MDT 汇报：低位直肠癌保肛决策'],
    teaching: ['为本科生带教：腹部查体', '科室读书会：JCO 胃癌围手术期化疗'],
  };
  for (const tr of created) {
    const start = `${tr.enrolment}-09-15`;
    for (let i = 0; i < 6; i += 1) {
      const kind = rng.pick(['ward_round', 'ward_round', 'mdt_presentation', 'teaching'] as const);
      const date = addDays(today, -rng.int(1, 300));
      if (date < start) continue;
      await tx
        .insert(eduLogEntries)
        .values({ traineeId: tr.id, kind, entryDate: date, description: rng.pick(ENTRY_TEXT[kind]!), createdBy: tr.userId });
    }
    const cutoff = addDays(today, -14);
    const ops = await tx
      .select({ id: operations.id })
      .from(operations)
      .where(and(isNull(operations.deletedAt), sql`${tr.userId} = any(${operations.assistantIds})`, lt(operations.operationDate, cutoff)));
    const entries = await tx
      .select({ id: eduLogEntries.id })
      .from(eduLogEntries)
      .where(and(eq(eduLogEntries.traineeId, tr.id), lt(eduLogEntries.entryDate, cutoff)));
    const keys = [...ops.map((o) => `op:${o.id}`), ...entries.map((e) => `entry:${e.id}`)];
    if (keys.length)
      await tx
        .insert(eduSignOffs)
        .values(keys.map((k) => ({ traineeId: tr.id, entryKey: k, signedBy: tr.supervisorUserId, signedAt: ctx.now })))
        .onConflictDoNothing();
    // Three-year master's: proposal in the 2nd autumn, mid-term the following spring, defence in the 3rd May.
    const plan = { proposal: `${tr.enrolment + 1}-10-20`, midterm: `${tr.enrolment + 2}-04-15`, defence: `${tr.enrolment + 3}-05-25` };
    for (const [kind, date] of Object.entries(plan))
      await tx
        .insert(eduMilestones)
        .values({ traineeId: tr.id, kind, plannedOn: date, completedOn: date < today ? addDays(date, rng.int(-5, 10)) : null });
  }

  // Last year's forum, with attendance and certificates.
  const last = yearNow - 1;
  const [forum] = await tx
    .insert(eduEvents)
    .values({
      kind: 'forum',
      title: `${last} 浙江胃肠外科与腹膜肿瘤高峰论坛`,
      startDate: `${last}-10-17`,
      endDate: `${last}-10-18`,
      venue: '医院学术报告厅（门诊楼 12 楼）',
      cmeLevel: 'national',
      cmeCategory: 'I',
      cmeProjectNo: `${last}-04-07-${String(rng.int(100, 999))}（国）`,
      createdBy: supervisorOf.department_head!.userId,
    })
    .returning({ id: eduEvents.id });
  const forumSessions = [
    { d: `${last}-10-17`, s: '08:30', e: '10:00', title: '开幕式与主旨报告：进展期胃癌的围手术期治疗', speakers: '陈建华', credits: 0.5 },
    { d: `${last}-10-17`, s: '10:15', e: '12:00', title: '腹膜肿瘤：PCI 评估与细胞减灭术', speakers: '王立强；特邀专家', credits: 0.5 },
    {
      d: `${last}-10-17`,
      s: '13:30',
      e: '16:30',
      title: '手术直播：腹腔镜远端胃癌根治术（D2）',
      speakers: '陈建华（术者）；徐明（解说）',
      credits: 1,
    },
    { d: `${last}-10-18`, s: '08:30', e: '11:30', title: '结直肠癌专场：低位直肠癌保肛与功能', speakers: '何伟；徐明', credits: 1 },
    { d: `${last}-10-18`, s: '13:30', e: '16:30', title: 'HIPEC 规范与并发症管理工作坊', speakers: '王立强', credits: 1 },
  ];
  const fIds: string[] = [];
  for (const s of forumSessions) {
    const [row] = await tx
      .insert(eduSessions)
      .values({
        eventId: forum!.id,
        startsAt: at(s.d, s.s),
        endsAt: at(s.d, s.e),
        title: s.title,
        speakers: s.speakers,
        credits: s.credits,
        checkinToken: randomBytes(16).toString('base64url'),
      })
      .returning({ id: eduSessions.id });
    fIds.push(row!.id);
  }
  const codes = new Set<string>();
  const code = () => {
    let c: string;
    do c = Array.from({ length: 6 }, () => CODE_ALPHABET[rng.int(0, CODE_ALPHABET.length - 1)]).join('');
    while (codes.has(c));
    codes.add(c);
    return c;
  };
  const phone = () => `1${rng.pick(['38', '39', '58', '59', '87'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  const phones = new Set<string>();
  const register = async (eventId: string, on: string) => {
    let p = phone();
    while (phones.has(p)) p = phone();
    phones.add(p);
    const [r] = await tx
      .insert(eduRegistrations)
      .values({
        eventId,
        name: syntheticName(rng, rng.chance(0.6) ? 'male' : 'female'),
        hospital: rng.pick(HOSPITALS),
        title: rng.pick(TITLES),
        phone: p,
        code: code(),
        registeredAt: at(on, `${String(rng.int(8, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`),
      })
      .returning({ id: eduRegistrations.id });
    return r!.id;
  };
  for (let i = 0; i < 48; i += 1) {
    const reg = await register(forum!.id, addDays(`${last}-10-17`, -rng.int(1, 40)));
    if (!rng.chance(0.85)) continue; // registered, did not come
    for (const [j, sid] of fIds.entries())
      if (rng.chance(0.8)) {
        const s = forumSessions[j]!;
        await tx
          .insert(eduAttendance)
          .values({ registrationId: reg, sessionId: sid, checkedInAt: new Date(at(s.d, s.s).getTime() - rng.int(0, 20) * 60_000) });
      }
  }

  // This year's teaching class, open for registration, with a live demonstration linked to a theatre booking.
  const classStart = addDays(today, 10);
  const [booking] = await tx
    .select({ id: theatreBookings.id, startAt: theatreBookings.startAt })
    .from(theatreBookings)
    .where(and(gte(theatreBookings.startAt, at(today, '00:00')), inArray(theatreBookings.status, ['scheduled'])))
    .orderBy(asc(theatreBookings.startAt))
    .limit(1);
  const [cls] = await tx
    .insert(eduEvents)
    .values({
      kind: 'teaching_class',
      title: `${classStart.slice(0, 4)} 腹膜肿瘤规范化诊疗学习班`,
      startDate: classStart,
      endDate: addDays(classStart, 1),
      venue: '医院学术报告厅（门诊楼 12 楼）',
      cmeLevel: 'provincial',
      cmeCategory: 'I',
      cmeProjectNo: `${classStart.slice(0, 4)}-浙-04-${String(rng.int(10, 99))}`,
      registrationCloses: addDays(classStart, -1),
      createdBy: supervisorOf.department_head!.userId,
    })
    .returning({ id: eduEvents.id });
  const classSessions = [
    { d: classStart, s: '08:30', e: '11:30', title: '腹膜癌指数（PCI）评估与影像', speakers: '王立强', credits: 1, demo: false },
    { d: classStart, s: '13:30', e: '16:30', title: '细胞减灭术 + HIPEC 技术要点', speakers: '陈建华', credits: 1, demo: false },
    {
      d: addDays(classStart, 1),
      s: '08:00',
      e: '11:00',
      title: '手术演示：腹腔镜胃癌根治术',
      speakers: '陈建华（术者）',
      credits: 1,
      demo: true,
    },
    { d: addDays(classStart, 1), s: '13:30', e: '15:00', title: '病例讨论与结业考核', speakers: '徐明；何伟', credits: 0.5, demo: false },
  ];
  for (const s of classSessions)
    await tx.insert(eduSessions).values({
      eventId: cls!.id,
      startsAt: at(s.d, s.s),
      endsAt: at(s.d, s.e),
      title: s.title,
      speakers: s.speakers,
      credits: s.credits,
      demoBookingId: s.demo ? (booking?.id ?? null) : null,
      checkinToken: randomBytes(16).toString('base64url'),
    });
  for (let i = 0; i < 17; i += 1) await register(cls!.id, addDays(today, -rng.int(0, 20)));
}
