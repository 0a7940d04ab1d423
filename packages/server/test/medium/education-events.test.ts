import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail } from '@gisurg/contracts/education';
import { inkRatio, pdfText, renderFirstPage } from './support/pdf-tools.js';
import { theatreClient, theatreFixture } from './support/theatre.js';
import { aPatient } from './support/builders.js';
import { apiCalls, createTestWorld, type TestWorld } from './support/test-app.js';

/** Events (issue 14): programme, public registration without an account, check-in per session, credits, certificates. */
let w: TestWorld;
let api: ReturnType<typeof apiCalls>;
let eventId: string;
let sessions: { talk: string; demo: string };

const pub = (method: 'GET' | 'POST', url: string, payload?: object, ip = '10.0.0.1') =>
  w.app.inject({ method, url, remoteAddress: ip, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  // The clock: 2026-11-26 10:00 in Shanghai, the first day of the class.
  w = await createTestWorld();
  api = apiCalls(w);
  const { call, ok } = api;
  const theatre = await theatreFixture(w);
  const patient = await aPatient(w.homeOrgId).build(w.db);
  const booking = ok<{ id: string }>(
    await theatreClient(w).call('surgeon', 'POST', '/api/theatre/bookings', {
      patientId: patient.id,
      roomId: theatre.rooms.or1,
      start: '2026-11-27T08:00',
      durationMin: 180,
      surgeonIds: [w.users.surgeon.id],
      procedures: ['gastrectomy_distal_d2'],
    }),
    201,
  );
  eventId = ok<{ id: string }>(
    await call('department_head', 'POST', '/api/events', {
      kind: 'teaching_class',
      title: '腹膜肿瘤规范化诊疗学习班',
      startDate: '2026-11-26',
      endDate: '2026-11-27',
      cmeLevel: 'provincial',
      cmeCategory: 'I',
    }),
    201,
  ).id;
  const talk = ok<{ id: string }>(
    await call('department_head', 'POST', `/api/events/${eventId}/sessions`, {
      startsAt: '2026-11-26T09:00',
      endsAt: '2026-11-26T12:00',
      title: '腹膜癌指数评估',
      speakers: '张主任',
    }),
    201,
  ).id;
  const demo = ok<{ id: string }>(
    await call('department_head', 'POST', `/api/events/${eventId}/sessions`, {
      startsAt: '2026-11-27T08:00',
      endsAt: '2026-11-27T11:00',
      title: '腹腔镜远端胃癌根治术手术演示',
      demoBookingId: booking.id,
      credits: 2,
    }),
    201,
  ).id;
  sessions = { talk, demo };
});
afterAll(async () => w.close());

describe('events', () => {
  it('creates an event with the exact contract (201 {id}) and refuses bad input with 400', async () => {
    const { call } = api;
    const bad = await call('department_head', 'POST', '/api/events', {
      kind: 'party',
      title: '',
      startDate: '2026-02-30',
      endDate: '2026-01-01',
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<{ error: { details: { fields: { path: string }[] } } }>().error.details.fields.map((f) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'title', 'startDate']));
    const reversed = await call('department_head', 'POST', '/api/events', {
      kind: 'forum',
      title: '论坛',
      startDate: '2026-05-02',
      endDate: '2026-05-01',
    });
    expect(reversed.statusCode).toBe(400);
    expect(
      (await call('surgeon', 'POST', '/api/events', { kind: 'forum', title: '论坛', startDate: '2026-05-01', endDate: '2026-05-02' }))
        .statusCode,
    ).toBe(403);
  });

  it('shows the programme with credits (1 per 3 hours by default) and the live demonstration booking', async () => {
    const d = api.ok<EventDetail>(await api.call('surgeon', 'GET', `/api/events/${eventId}`));
    expect(d.sessions.map((s) => [s.title, s.credits])).toEqual([
      ['腹膜癌指数评估', 1],
      ['腹腔镜远端胃癌根治术手术演示', 2],
    ]);
    expect(d.sessions[1]!.demo).toMatchObject({ date: '2026-11-27', procedures: ['gastrectomy_distal_d2'] });
    // Registrations (names, phones) are for the organisers only.
    expect(d.registrations).toEqual([]);
  });

  it('registers an outside doctor without an account, validates the form, refuses a second registration of the phone', async () => {
    const page = await pub('GET', `/api/public/events/${eventId}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ title: '腹膜肿瘤规范化诊疗学习班', registrationOpen: true });
    expect(JSON.stringify(page.json())).not.toContain('checkinToken');

    const bad = await pub('POST', `/api/public/events/${eventId}/registrations`, {
      name: '',
      hospital: '县医院',
      title: '主治医师',
      phone: '12345',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { fields: { path: string; messageZh: string }[] } } }>().error.details.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'phone', messageZh: '请输入11位手机号码' })]),
    );
    const ok = await pub('POST', `/api/public/events/${eventId}/registrations`, {
      name: '王医生',
      hospital: '丽水市人民医院',
      title: '主治医师',
      phone: '13800001111',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json<{ code: string }>().code).toMatch(/^[A-HJ-KMNP-Z2-9]{6}$/);
    const dup = await pub('POST', `/api/public/events/${eventId}/registrations`, {
      name: '王医生',
      hospital: '丽水市人民医院',
      title: '主治医师',
      phone: '13800001111',
    });
    expect(dup.statusCode).toBe(409);
    expect((await pub('GET', '/api/public/events/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('checks in per session from the door link with the code, once; credits follow attendance; certificate and list', async () => {
    const reg = await pub('POST', `/api/public/events/${eventId}/registrations`, {
      name: '李医生',
      hospital: '衢州市中医院',
      title: '副主任医师',
      phone: '13900002222',
    });
    const code = reg.json<{ code: string }>().code;
    const detail = api.ok<EventDetail>(await api.call('department_head', 'GET', `/api/events/${eventId}`));
    const token = detail.sessions.find((s) => s.id === sessions.talk)!.checkinToken;

    const open = await pub('POST', '/api/public/checkin/session', { token });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ sessionTitle: '腹膜癌指数评估', credits: 1 });
    expect((await pub('POST', '/api/public/checkin/session', { token: 'x'.repeat(22) })).statusCode).toBe(404);
    expect((await pub('POST', '/api/public/checkin', { token, code: 'ZZZZZZ' })).statusCode).toBe(400);

    const first = await pub('POST', '/api/public/checkin', { token, code: code.toLowerCase() });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ name: '李医生', alreadyCheckedIn: false, credits: 1 });
    const again = await pub('POST', '/api/public/checkin', { token, code });
    expect(again.json()).toMatchObject({ alreadyCheckedIn: true, credits: 1 });
    // The desk checks the demonstration session in (any day).
    const desk = await api.call('department_head', 'POST', `/api/events/${eventId}/checkin`, { sessionId: sessions.demo, code });
    expect(desk.json()).toMatchObject({ credits: 3 });

    const after = api.ok<EventDetail>(await api.call('department_head', 'GET', `/api/events/${eventId}`));
    const li = after.registrations.find((r) => r.name === '李医生')!;
    expect(li).toMatchObject({ credits: 3, attendedSessionIds: expect.arrayContaining([sessions.talk, sessions.demo]) });
    expect(after.attendeeCount).toBe(1);

    const cert = await w.app.inject({
      method: 'GET',
      url: `/api/event-registrations/${li.id}/certificate.pdf`,
      headers: { cookie: await w.as('department_head') },
    });
    expect(cert.statusCode).toBe(200);
    const text = pdfText(cert.rawPayload);
    expect(text).toContain('继续医学教育学分证书');
    expect(text).toContain('李医生');
    expect(inkRatio(renderFirstPage(cert.rawPayload))).toBeGreaterThan(0.005);
    const wang = after.registrations.find((r) => r.name === '王医生')!;
    expect(
      (
        await w.app.inject({
          method: 'GET',
          url: `/api/event-registrations/${wang.id}/certificate.pdf`,
          headers: { cookie: await w.as('department_head') },
        })
      ).statusCode,
    ).toBe(409);

    const csv = await api.call('department_head', 'GET', `/api/events/${eventId}/attendees.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv.body).toContain('衢州市中医院');
  });

  it('refuses check-in outside the event days, and rate-limits the public routes', async () => {
    const { call, ok } = api;
    const later = ok<{ id: string }>(
      await call('department_head', 'POST', '/api/events', {
        kind: 'forum',
        title: '2027 论坛',
        startDate: '2027-04-10',
        endDate: '2027-04-11',
      }),
      201,
    ).id;
    ok(
      await call('department_head', 'POST', `/api/events/${later}/sessions`, {
        startsAt: '2027-04-10T09:00',
        endsAt: '2027-04-10T10:00',
        title: '开幕',
      }),
      201,
    );
    const reg = await pub('POST', `/api/public/events/${later}/registrations`, {
      name: '赵医生',
      hospital: '温州医院',
      title: '住院医师',
      phone: '13700003333',
    });
    const token = ok<EventDetail>(await call('department_head', 'GET', `/api/events/${later}`)).sessions[0]!.checkinToken;
    expect((await pub('POST', '/api/public/checkin', { token, code: reg.json<{ code: string }>().code })).statusCode).toBe(409);

    let limited = 0;
    for (let i = 0; i < 35; i += 1)
      if ((await pub('GET', `/api/public/events/${later}`, undefined, '10.9.9.9')).statusCode === 429) limited += 1;
    expect(limited).toBeGreaterThan(0);
  });
});
