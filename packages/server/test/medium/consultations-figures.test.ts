import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSettings, auditLog, organizations } from '../../src/db/schema/index.js';
import { CONSULTATION_WORKFLOW } from '../../src/features/consultations/workflow.js';
import { aPatient, anOrganization, aUser } from './support/builders.js';
import { consultationClient } from './support/consultations.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
let c: ReturnType<typeof consultationClient>;
const HOUR = 3_600_000;
const T0 = '2026-03-02T01:00:00Z';

beforeAll(async () => {
  w = await createTestWorld({ startAt: T0 });
  c = consultationClient(w);
});
afterAll(async () => w.close());

/** Move the clock and sign in again (the jump ends the sessions). */
function at(iso: string): void {
  w.clock.set(iso);
  c.relogin();
}

describe('deadline and overdue', () => {
  it('computes the deadline from submission time and urgency (48 h routine, 24 h urgent, settings) and lists what is overdue', async () => {
    at(T0);
    const p = async () => (await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db)).id;
    const routine = await c.create(await p(), 'external_doctor', {
      urgency: 'routine',
      consent: { obtainedOn: '2026-03-01', method: 'written' },
    });
    const urgent = await c.create(await p(), 'external_doctor', {
      urgency: 'urgent',
      consent: { obtainedOn: '2026-03-01', method: 'written' },
    });
    expect(routine.dueAt).toBe('2026-03-04T01:00:00.000Z');
    expect(urgent.dueAt).toBe('2026-03-03T01:00:00.000Z');
    const overdueIds = async () =>
      c.ok<{ items: { id: string; overdue: boolean; dueAt: string }[]; total: number }>(
        await c.call('mdt_coordinator', 'GET', '/api/consultations?overdue=true'),
      );
    expect((await overdueIds()).total).toBe(0);
    at('2026-03-03T02:00:00Z'); // 25 h later: the urgent one is overdue, the routine one not yet
    const first = await overdueIds();
    expect(first.items.map((i) => i.id)).toEqual([urgent.id]);
    expect(first.items[0]!.overdue).toBe(true);
    at('2026-03-04T02:00:00Z'); // 49 h: both, most overdue first
    expect((await overdueIds()).items.map((i) => i.id)).toEqual([urgent.id, routine.id]);
    // Answered ones leave the overdue list (answered late) and the status filter finds them.
    await c.assign(urgent.id, w.users.surgeon.id);
    await c.answer(urgent.id);
    expect((await overdueIds()).items.map((i) => i.id)).toEqual([routine.id]);
    const answered = c.ok<{ items: { id: string; status: string }[] }>(
      await c.call('mdt_coordinator', 'GET', '/api/consultations?status=answered'),
    );
    expect(answered.items.map((i) => i.id)).toEqual([urgent.id]);
    // Settings change the hours for new consultations.
    await w.db.insert(appSettings).values({ key: 'consultations.deadlineHours', value: { routine: 72, urgent: 12 } });
    const slow = await c.create(await p(), 'external_doctor', { consent: { obtainedOn: '2026-03-01', method: 'written' } });
    expect(new Date(slow.dueAt).getTime() - w.clock.now().getTime()).toBe(72 * HOUR);
    await w.db.delete(appSettings);
    await c.close(urgent.id);
  });
});

describe('figures', () => {
  it('gives consultations, answered within the deadline and the median hours to answer per hospital (hand-computed)', async () => {
    const org = await anOrganization({ name: '测试县人民医院', kind: 'primary' }).build(w.db);
    const doctor = await aUser('external_doctor', org.id).build(w.db);
    const me = { username: doctor.username };
    at('2026-06-01T00:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const patientId = (await aPatient(w.homeOrgId, { sourceOrganizationId: org.id }).build(w.db)).id;
      ids.push((await c.create(patientId, me, { consent: { obtainedOn: '2026-05-30', method: 'verbal' } })).id);
    }
    for (const id of ids) await c.assign(id, w.users.surgeon.id);
    // Answers after 10 h, 20 h, 30 h and 50 h (routine: 48 h deadline); the fifth stays unanswered.
    // Hours to answer 10, 20, 30, 50 → median (20 + 30) / 2 = 25; within the deadline: 3 of 4.
    const answers: [string, string][] = [
      [ids[0]!, '2026-06-01T10:00:00Z'],
      [ids[2]!, '2026-06-01T20:00:00Z'],
      [ids[1]!, '2026-06-02T06:00:00Z'],
      [ids[3]!, '2026-06-03T02:00:00Z'],
    ];
    for (const [id, when] of answers) {
      at(when);
      await c.answer(id, id === ids[3] ? 'transfer' : 'manage_locally');
    }
    const figures = c.ok<{ year: number; hospitals: Record<string, unknown>[] }>(
      await c.call('department_head', 'GET', '/api/consultations/figures?year=2026'),
    );
    expect(figures.year).toBe(2026);
    expect(figures.hospitals.find((h) => h.organizationId === org.id)).toEqual({
      organizationId: org.id,
      organizationName: '测试县人民医院',
      consultations: 5,
      answered: 4,
      answeredWithinDeadline: 3,
      medianHoursToAnswer: 25,
      recommendations: { manage_locally: 3, mdt: 0, transfer: 1 },
      referralsAdmitted: 0,
      referralsSentBack: 0,
      survey: {
        count: 0,
        referralAvoided: 0,
        willFollowAdvice: 0,
        educational: 0,
        referralAvoidedShare: null,
        willFollowAdviceShare: null,
        educationalShare: null,
      },
      outreachVisits: 0,
      teleSessions: 0,
    });
    // Surveys: three of the four answered are closed — referral avoided yes/yes/no, follow yes ×3, educational no/yes/no.
    const surveys = [
      { referralAvoided: true, willFollowAdvice: true, educational: false },
      { referralAvoided: true, willFollowAdvice: true, educational: true },
      { referralAvoided: false, willFollowAdvice: true, educational: false },
    ];
    for (const [i, survey] of surveys.entries()) c.ok(await c.call(me, 'POST', `/api/consultations/${ids[i]}/close`, { survey }));
    // Outreach reaching the hospital in 2026: two guidance visits and a tele-session that also reached hospital A; one in 2025.
    const visit = (date: string, organizationIds: string[]) => ({
      kind: 'visit',
      date,
      organizationIds,
      surgeonIds: [w.users.surgeon.id],
      activity: 'demonstration_operation',
    });
    for (const body of [
      visit('2026-03-10', [org.id]),
      visit('2026-05-20', [org.id]),
      visit('2025-12-31', [org.id]),
      {
        kind: 'tele_session',
        date: '2026-04-01',
        organizationIds: [org.id, w.orgA],
        videoLink: 'https://meeting.example.cn/123',
        participants: '县医院外科 6 人',
      },
    ])
      c.ok(await c.call('mdt_coordinator', 'POST', '/api/consultations/outreach', body), 201);
    const after = c.ok<{ hospitals: Record<string, unknown>[] }>(
      await c.call('department_head', 'GET', '/api/consultations/figures?year=2026'),
    );
    expect(after.hospitals.find((h) => h.organizationId === org.id)).toMatchObject({
      consultations: 5,
      survey: {
        count: 3,
        referralAvoided: 2,
        willFollowAdvice: 3,
        educational: 1,
        referralAvoidedShare: 0.667,
        willFollowAdviceShare: 1,
        educationalShare: 0.333,
      },
      outreachVisits: 2,
      teleSessions: 1,
    });
    expect(after.hospitals.find((h) => h.organizationId === w.orgA)).toMatchObject({ teleSessions: 1, outreachVisits: 0 });
    // The Excel download: one row per hospital, the file named in the user's language.
    const xlsx = await w.app.inject({
      method: 'GET',
      url: '/api/consultations/figures.xlsx?year=2026',
      headers: { cookie: await c.cookie('department_head') },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('基层会诊统计-2026.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('医院');
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const row = rows.find((r) => r[1] === '测试县人民医院')!;
    expect(row.slice(1, 7)).toEqual(['测试县人民医院', 5, 4, 3, 0.75, 25]);
    expect(row[13]).toBe(0.667);
    expect(row[16]).toBe(2);
    // 2025: no consultation, only the visit of 2025-12-31 (the year is by the visit's date).
    const other = c.ok<{ hospitals: unknown[] }>(await c.call('department_head', 'GET', '/api/consultations/figures?year=2025'));
    expect(other.hospitals).toMatchObject([{ organizationId: org.id, consultations: 0, outreachVisits: 1, teleSessions: 0 }]);
    // The hospital's own doctor sees only their hospital.
    const own = c.ok<{ hospitals: { organizationId: string }[] }>(await c.call(me, 'GET', '/api/consultations/figures?year=2026'));
    expect(own.hospitals.map((h) => h.organizationId)).toEqual([org.id]);
  });
});

type Fields = { error: { details: { fields: { path: string; messageZh: string; messageEn: string }[] } } };
const paths = (res: { json: <T>() => T }) =>
  res
    .json<Fields>()
    .error.details.fields.map((f) => f.path)
    .sort();

describe('outreach', () => {
  it('records guidance visits and tele-sessions: validated per kind, edited with the version, read by surgeons, written by the coordinator', async () => {
    at('2026-07-01T00:00:00Z');
    const visit = {
      kind: 'visit',
      date: '2026-06-20',
      organizationIds: [w.orgA],
      surgeonIds: [w.users.surgeon.id],
      activity: 'lecture',
      notes: '腹膜转移诊治讲座',
    };
    // A visit needs one hospital, an activity and a home surgeon; a tele-session a http(s) link; hospitals must be partners.
    const bad = await c.call('mdt_coordinator', 'POST', '/api/consultations/outreach', {
      kind: 'visit',
      date: '2026-06-20',
      organizationIds: [w.orgA, w.orgB],
      surgeonIds: [w.users.nurse.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['activity', 'organizationIds', 'surgeonIds']);
    expect(bad.json<Fields>().error.details.fields.find((f) => f.path === 'organizationIds')!.messageZh).toContain('一家医院');
    const tele = await c.call('mdt_coordinator', 'POST', '/api/consultations/outreach', {
      kind: 'tele_session',
      date: '2026-06-21',
      organizationIds: [w.homeOrgId],
      videoLink: 'ftp://x',
    });
    expect(tele.statusCode).toBe(400);
    expect(paths(tele)).toEqual(['organizationIds', 'videoLink']);
    expect((await c.call('mdt_coordinator', 'POST', '/api/consultations/outreach', { ...visit, organizationIds: [] })).statusCode).toBe(
      400,
    );
    // Surgeons read but do not write.
    expect((await c.call('surgeon', 'POST', '/api/consultations/outreach', visit)).statusCode).toBe(403);
    const created = await c.call('mdt_coordinator', 'POST', '/api/consultations/outreach', visit);
    expect(created.statusCode).toBe(201);
    const v = created.json<{ id: string; version: number; hospitals: { id: string }[]; surgeons: { name: string }[] }>();
    expect(created.headers.location).toBe(`/api/consultations/outreach/${v.id}`);
    expect(v).toMatchObject({ version: 1, hospitals: [{ id: w.orgA }] });
    const edited = c.ok<{ version: number; activity: string }>(
      await c.call('department_head', 'PUT', `/api/consultations/outreach/${v.id}`, { ...visit, activity: 'ward_round', version: 1 }),
    );
    expect(edited).toMatchObject({ version: 2, activity: 'ward_round' });
    const stale = await c.call('mdt_coordinator', 'PUT', `/api/consultations/outreach/${v.id}`, { ...visit, version: 1 });
    expect(stale.statusCode).toBe(409);
    const list = c.ok<{ items: { id: string }[] }>(
      await c.call('surgeon', 'GET', `/api/consultations/outreach?year=2026&organizationId=${w.orgA}`),
    );
    expect(list.items.map((i) => i.id)).toContain(v.id);
    expect(c.ok<{ items: unknown[] }>(await c.call('surgeon', 'GET', '/api/consultations/outreach?year=2024')).items).toEqual([]);
    // Hospital B's doctor does not see hospital A's visit.
    expect(
      c.ok<{ items: { id: string }[] }>(await c.call('extB', 'GET', '/api/consultations/outreach')).items.map((i) => i.id),
    ).not.toContain(v.id);
    const audited = await w.db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.resourceType, 'outreach'), eq(auditLog.resourceId, v.id), eq(auditLog.outcome, 'success')));
    expect(audited.map((r) => r.action).sort()).toEqual(['consultation.outreach.create', 'consultation.outreach.update']);
    expect(audited.find((r) => r.action === 'consultation.outreach.create')!.details).toMatchObject({
      kind: 'visit',
      date: '2026-06-20',
      organizationIds: [w.orgA],
    });
  });
});

describe('partner hospitals', () => {
  it('keeps agreements and exchange visits per hospital: dates checked, active today, edited with the version', async () => {
    at('2026-07-01T00:00:00Z');
    const body = {
      organizationId: w.orgB,
      kind: 'medical_alliance',
      startDate: '2026-01-01',
      endDate: '2025-12-31',
      scope: '紧密型医联体',
    };
    const bad = await c.call('mdt_coordinator', 'POST', '/api/consultations/agreements', body);
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['endDate']);
    const home = await c.call('mdt_coordinator', 'POST', '/api/consultations/agreements', {
      ...body,
      organizationId: w.homeOrgId,
      endDate: null,
    });
    expect(paths(home)).toEqual(['organizationId']);
    const a = c.ok<{ id: string; active: boolean; version: number }>(
      await c.call('mdt_coordinator', 'POST', '/api/consultations/agreements', { ...body, endDate: '2028-12-31' }),
      201,
    );
    expect(a.active).toBe(true);
    const ended = c.ok<{ active: boolean; version: number }>(
      await c.call('mdt_coordinator', 'PUT', `/api/consultations/agreements/${a.id}`, { ...body, endDate: '2026-03-31', version: 1 }),
    );
    expect(ended).toMatchObject({ active: false, version: 2 });
    expect(
      (await c.call('mdt_coordinator', 'PUT', `/api/consultations/agreements/${a.id}`, { ...body, endDate: null, version: 1 })).statusCode,
    ).toBe(409);
    // Hospital B's own doctor reads it; hospital A's gets 404.
    expect((await c.call('extB', 'GET', `/api/consultations/agreements/${a.id}`)).statusCode).toBe(200);
    expect((await c.call('external_doctor', 'GET', `/api/consultations/agreements/${a.id}`)).statusCode).toBe(404);

    const visit = {
      organizationId: w.orgB,
      direction: 'out',
      doctors: '王医生',
      fromDate: '2026-05-01',
      toDate: '2026-04-01',
      purpose: '驻点帮扶',
    };
    const wrong = await c.call('mdt_coordinator', 'POST', '/api/consultations/exchange-visits', visit);
    expect(paths(wrong)).toEqual(['toDate']);
    const ex = c.ok<{ id: string; version: number }>(
      await c.call('department_head', 'POST', '/api/consultations/exchange-visits', { ...visit, toDate: '2026-07-31' }),
      201,
    );
    const changed = c.ok<{ purpose: string; version: number }>(
      await c.call('department_head', 'PUT', `/api/consultations/exchange-visits/${ex.id}`, {
        ...visit,
        toDate: '2026-07-31',
        purpose: '驻点帮扶：胃癌规范化手术',
        version: 1,
      }),
    );
    expect(changed).toMatchObject({ purpose: '驻点帮扶：胃癌规范化手术', version: 2 });
    const listed = c.ok<{ items: { id: string }[] }>(
      await c.call('surgeon', 'GET', `/api/consultations/exchange-visits?year=2026&organizationId=${w.orgB}`),
    );
    expect(listed.items.map((i) => i.id)).toEqual([ex.id]);
    expect((await c.call('surgeon', 'PUT', `/api/consultations/exchange-visits/${ex.id}`, { ...visit, version: 2 })).statusCode).toBe(403);
    // Each record comes with its hospital's name; every write and read is audited on the record (the refused ones are not).
    const [orgB] = await w.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, w.orgB));
    expect(listed.items[0]).toMatchObject({ organizationName: orgB!.name, version: 2 });
    expect(c.ok<{ organizationName: string }>(await c.call('extB', 'GET', `/api/consultations/agreements/${a.id}`)).organizationName).toBe(
      orgB!.name,
    );
    const audited = async (resourceType: string, resourceId: string) =>
      (
        await w.db
          .select({ action: auditLog.action })
          .from(auditLog)
          .where(and(eq(auditLog.resourceType, resourceType), eq(auditLog.resourceId, resourceId), eq(auditLog.outcome, 'success')))
      )
        .map((r) => r.action)
        .sort();
    expect(await audited('partner_agreement', a.id)).toEqual([
      'consultation.agreement.create',
      'consultation.agreement.read',
      'consultation.agreement.read',
      'consultation.agreement.update',
    ]);
    expect(await audited('exchange_visit', ex.id)).toEqual(['consultation.exchange.create', 'consultation.exchange.update']);
  });
});

describe('notifications', () => {
  it('derives what waits for each user from the records and keeps read marks per user', async () => {
    at('2026-08-03T00:00:00Z');
    const patientId = (await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db)).id;
    const { id } = await c.create(patientId, 'external_doctor', {
      urgency: 'urgent',
      consent: { obtainedOn: '2026-08-01', method: 'written' },
    });
    type List = { items: { key: string; kind: string; consultationId: string; read: boolean }[]; unread: number };
    const of = async (who: Parameters<typeof c.call>[0]) =>
      c.ok<List>(await c.call(who, 'GET', '/api/consultations/notifications')).items.filter((n) => n.consultationId === id);
    const count = async (who: Parameters<typeof c.call>[0]) =>
      c.ok<{ unread: number }>(await c.call(who, 'GET', '/api/consultations/notifications/count')).unread;
    expect(await of('surgeon')).toEqual([]);
    await c.assign(id, w.users.surgeon.id);
    const assigned = await of('surgeon');
    expect(assigned.map((n) => [n.kind, n.read])).toEqual([['assigned', false]]);
    const before = await count('surgeon');
    expect(
      c.ok<{ unread: number }>(
        await c.call('surgeon', 'POST', '/api/consultations/notifications/read', { keys: [assigned[0]!.key, 'assigned:not-mine'] }),
      ).unread,
    ).toBe(before - 1);
    expect((await of('surgeon'))[0]!.read).toBe(true);
    // More information asked: the asking doctor's; a second request is a new notification.
    c.ok(await c.call('surgeon', 'POST', `/api/consultations/${id}/request-information`, { body: '请补充病理' }));
    const info = await of('external_doctor');
    expect(info.map((n) => n.kind)).toEqual(['info_requested']);
    c.ok(await c.call('external_doctor', 'POST', '/api/consultations/notifications/read', { keys: [info[0]!.key] }));
    c.ok(await c.call('external_doctor', 'POST', `/api/consultations/${id}/reply`, { body: '病理：低分化腺癌' }));
    expect(await of('external_doctor')).toEqual([]);
    c.ok(await c.call('surgeon', 'POST', `/api/consultations/${id}/request-information`, { body: '请补充CT' }));
    expect((await of('external_doctor')).map((n) => [n.kind, n.read])).toEqual([['info_requested', false]]);
    c.ok(await c.call('external_doctor', 'POST', `/api/consultations/${id}/reply`, { body: 'CT 已上传' }));
    // 19 h later the urgent deadline (24 h) is 5 h away: the expert and the coordinator are told, the other doctor not.
    at('2026-08-03T19:00:00Z');
    expect((await of('surgeon')).map((n) => n.kind).sort()).toEqual(['assigned', 'deadline_near']);
    expect((await of('mdt_coordinator')).map((n) => n.kind)).toEqual(['deadline_near']);
    expect(await of('extB')).toEqual([]);
    // The answer arrives: the asking doctor is told until they close.
    await c.answer(id);
    expect((await of('external_doctor')).map((n) => n.kind)).toEqual(['answered']);
    expect(await of('surgeon')).toEqual([]);
    await c.close(id);
    expect(await of('external_doctor')).toEqual([]);
  });
});

describe('workflow table', () => {
  it('gives every non-terminal state an owner and a worklist, and every transition a permission and reachable from-states', () => {
    const states = CONSULTATION_WORKFLOW.states as Record<string, { terminal: boolean; owner?: string; worklist?: string }>;
    for (const [name, s] of Object.entries(states)) {
      if (!s.terminal) {
        expect(s.owner, name).toBeTruthy();
        expect(s.worklist, name).toBeTruthy();
      }
    }
    for (const t of Object.values(CONSULTATION_WORKFLOW.transitions)) {
      for (const f of t.from) expect(states[f]!.terminal).toBe(false);
      expect(t.permission).toMatch(/^consultation:/);
    }
  });
});
