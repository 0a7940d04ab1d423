import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admissions, auditLog, bedReservations } from '../../src/db/schema/index.js';
import { aPatient, aUser } from './support/builders.js';
import { consultationClient } from './support/consultations.js';
import { mdtClient } from './support/mdt.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';
import { aWard, wardClient, type ErrorBody } from './support/ward.js';

let w: TestWorld;
let c: ReturnType<typeof consultationClient>;
const patientOfA = async () => (await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db)).id;
const HOUR = 3_600_000;

beforeAll(async () => {
  w = await createTestWorld();
  c = consultationClient(w);
});
afterAll(async () => w.close());

describe('the whole thread', () => {
  it('submit → assign → more information → reply → answer transfer → referral with a bed → admission → close', async () => {
    const ward = await aWard(w.homeOrgId, { beds: 2 }).build(w.db);
    const patientId = await patientOfA();
    const created = await c.create(patientId);
    expect(created.status).toBe('submitted');
    expect(created.dueAt).toBe(new Date(w.clock.now().getTime() + 48 * HOUR).toISOString());

    expect(await c.assign(created.id, w.users.surgeon.id)).toEqual({ status: 'assigned' });
    const asked = await c.call('surgeon', 'POST', `/api/consultations/${created.id}/request-information`, { body: '请上传增强CT报告' });
    expect(c.ok(asked)).toEqual({ status: 'info_requested' });
    const replied = await c.call('external_doctor', 'POST', `/api/consultations/${created.id}/reply`, {
      body: 'CT：胃窦壁增厚，未见远处转移',
    });
    expect(c.ok(replied)).toEqual({ status: 'assigned' });
    const answered = await c.answer(created.id, 'transfer');
    expect(answered).toEqual({ status: 'answered', answeredAt: w.clock.now().toISOString() });

    const ref = c.ok<{ id: string; bedReservation: { bedId: string } }>(
      await c.call('surgeon', 'POST', `/api/consultations/${created.id}/referral`, { expectedAdmissionDate: '2026-11-26' }),
      201,
    );
    expect(ward.bedIds).toContain(ref.bedReservation.bedId);
    const [reservation] = await w.db.select().from(bedReservations).where(eq(bedReservations.bedId, ref.bedReservation.bedId));
    expect(reservation).toMatchObject({ patientId, status: 'active', fromDate: '2026-11-26', toDate: '2026-11-27', reason: 'referral' });
    // A second referral for the same consultation is refused.
    expect(
      (await c.call('surgeon', 'POST', `/api/consultations/${created.id}/referral`, { expectedAdmissionDate: '2026-11-27' })).statusCode,
    ).toBe(409);

    // The nurse admits the patient into the held bed: the referral is marked admitted, 入院途径 transfer in.
    const admissionId = await wardClient(w).admit(patientId, ref.bedReservation.bedId, { admittedAt: '2026-11-26T09:00' });
    const [stay] = await w.db.select().from(admissions).where(eq(admissions.id, admissionId));
    expect(stay!.source).toBe('transfer_in');
    expect(stay!.sourceInstitution).toMatch(/^HOSP_A/);
    const [used] = await w.db.select().from(bedReservations).where(eq(bedReservations.id, reservation!.id));
    expect(used!.status).toBe('used');

    const detail = await c.detail(created.id, 'external_doctor');
    expect(detail).toMatchObject({
      status: 'answered',
      recommendation: 'transfer',
      advice: '建议先行腹腔镜探查',
      expertId: w.users.surgeon.id,
      referral: { id: ref.id, status: 'admitted', admissionId, bedReservation: { bedId: ref.bedReservation.bedId } },
    });
    expect((detail.messages as { kind: string; body: string | null }[]).map((m) => m.kind)).toEqual([
      'assign',
      'info_request',
      'reply',
      'answer',
    ]);

    // Sent back on discharge (离院方式 医嘱转社区/乡镇卫生院): the asking doctor reads the discharge in the consultation.
    await w.db
      .update(admissions)
      .set({ diagnosis: '胃窦腺癌 pT2N0M0', plannedProcedure: '腹腔镜远端胃切除术' })
      .where(eq(admissions.id, admissionId));
    const notYet = await c.call('surgeon', 'POST', `/api/consultations/${created.id}/discharge-note`, { note: '术后第7天复查血常规' });
    expect(notYet.statusCode).toBe(409);
    const discharged = await wardClient(w).call('nurse', 'POST', `/api/admissions/${admissionId}/discharge`, {
      at: '2026-11-26T09:30',
      disposition: 'transfer_community',
      dispositionInstitution: 'HOSP_A 乡镇卫生院',
    });
    expect(discharged.statusCode).toBe(200);
    c.ok(await c.call('surgeon', 'POST', `/api/consultations/${created.id}/discharge-note`, { note: '术后第7天复查血常规' }));
    expect((await c.detail(created.id, 'external_doctor')).referral).toMatchObject({
      status: 'admitted',
      sentBack: {
        dischargedAt: '2026-11-26T01:30:00.000Z',
        disposition: 'transfer_community',
        institution: 'HOSP_A 乡镇卫生院',
        diagnosis: '胃窦腺癌 pT2N0M0',
        procedure: '腹腔镜远端胃切除术',
        note: '术后第7天复查血常规',
      },
    });
    const mine = c.ok<{ items: { kind: string; consultationId: string }[] }>(
      await c.call('external_doctor', 'GET', '/api/consultations/notifications'),
    );
    expect(mine.items.filter((n) => n.consultationId === created.id).map((n) => n.kind)).toEqual(
      expect.arrayContaining(['sent_back', 'answered']),
    );

    expect(await c.close(created.id)).toEqual({ status: 'closed' });
    const closed = await c.detail(created.id, 'external_doctor');
    expect(closed).toMatchObject({ status: 'closed', survey: { referralAvoided: true, willFollowAdvice: true, educational: false } });

    const actions = (
      await w.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.resourceType, 'consultation'), eq(auditLog.resourceId, created.id)))
    ).map((a) => a.action);
    for (const a of [
      'consultation.submit',
      'consultation.assign',
      'consultation.request_info',
      'consultation.reply',
      'consultation.answer',
      'consultation.referral.create',
      'consultation.referral.admitted',
      'consultation.referral.sent_back',
      'consultation.referral.discharge_note',
      'consultation.close',
      'consultation.read',
    ])
      expect(actions).toContain(a);
  });

  it('takes a PDF, JPEG or PNG checked by its content and refuses anything else', async () => {
    const { id } = await c.create(await patientOfA());
    const upload = async (payload: Buffer, fileName: string, type = 'application/octet-stream') =>
      w.app.inject({
        method: 'POST',
        url: `/api/consultations/${id}/attachments?fileName=${encodeURIComponent(fileName)}`,
        headers: { cookie: await c.cookie('external_doctor'), 'content-type': type },
        payload,
      });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const ok = await upload(png, '病理.png', 'image/png');
    expect(ok.statusCode).toBe(201);
    expect(ok.json<{ contentType: string }>().contentType).toBe('image/png');
    expect((await upload(Buffer.from('<html><script>alert(1)</script>'), 'x.pdf')).statusCode).toBe(400);
    expect((await upload(png, 'x.pdf')).statusCode).toBe(400);
    const file = await c.call('mdt_coordinator', 'GET', `/api/consultations/attachments/${ok.json<{ id: string }>().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(file.rawPayload, png)).toBe(0);
    expect((await c.detail(id)).attachments).toHaveLength(1);
  });
});

describe('promotion to a tumor board', () => {
  it('puts an MDT answer on the next inter-hospital board with question and patient; the asking hospital reads the case, another does not', async () => {
    const patientId = await patientOfA();
    const { id } = await c.create(patientId, 'external_doctor', { history: '胃镜活检：低分化腺癌', stage: 'cT4aN2M0' });
    await c.assign(id, w.users.surgeon.id);
    // No board yet: 409, nothing promoted.
    await c.answer(id, 'mdt');
    expect((await c.call('surgeon', 'POST', `/api/consultations/${id}/mdt`, {})).statusCode).toBe(409);
    const m = mdtClient(w);
    await m.meeting({ kind: 'intra', startsAt: '2026-11-28T16:00' });
    const inter = await m.meeting({ kind: 'inter', startsAt: '2026-12-01T16:00' });
    const promoted = c.ok<{ mdtCaseId: string; meetingId: string }>(
      await c.call('surgeon', 'POST', `/api/consultations/${id}/mdt`, {}),
      201,
    );
    expect(promoted.meetingId).toBe(inter.id);
    expect((await c.detail(id)).mdtCaseId).toBe(promoted.mdtCaseId);
    const mdtCase = c.ok<{ patient: { id: string }; question: string; status: string }>(
      await c.call('external_doctor', 'GET', `/api/mdt/cases/${promoted.mdtCaseId}`),
    );
    expect(mdtCase).toMatchObject({ patient: { id: patientId }, question: '胃窦癌 cT3N1M0，新辅助化疗后能否手术？', status: 'submitted' });
    expect((await c.call('extB', 'GET', `/api/mdt/cases/${promoted.mdtCaseId}`)).statusCode).toBe(404);
    // Once only; and only for an MDT answer.
    expect((await c.call('surgeon', 'POST', `/api/consultations/${id}/mdt`, {})).statusCode).toBe(409);
    await c.close(id);
  });
});

describe('guarded transitions', () => {
  it('answering a closed consultation is 409, closing without the survey 400, closing before the answer 409', async () => {
    const { id } = await c.create(await patientOfA());
    await c.assign(id, w.users.surgeon.id);
    const early = await c.call('external_doctor', 'POST', `/api/consultations/${id}/close`, {
      survey: { referralAvoided: false, willFollowAdvice: true, educational: true },
    });
    expect(early.statusCode).toBe(409);
    expect((await c.call('external_doctor', 'POST', `/api/consultations/${id}/reply`, { body: '补充' })).statusCode).toBe(409);
    await c.answer(id);
    const noSurvey = await c.call('external_doctor', 'POST', `/api/consultations/${id}/close`, {});
    expect(noSurvey.statusCode).toBe(400);
    const partial = await c.call('external_doctor', 'POST', `/api/consultations/${id}/close`, { survey: { referralAvoided: true } });
    expect(partial.statusCode).toBe(400);
    expect(partial.json<ErrorBody>().error.details.fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(['survey.willFollowAdvice', 'survey.educational']),
    );
    await c.close(id);
    const again = await c.call('surgeon', 'POST', `/api/consultations/${id}/answer`, { advice: '再答', recommendation: 'mdt' });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('INVALID_STATE');
    // A referral needs a transfer recommendation.
    expect((await c.call('surgeon', 'POST', `/api/consultations/${id}/referral`, { expectedAdmissionDate: '2026-12-01' })).statusCode).toBe(
      409,
    );
  });

  it('only the assigned expert answers (or the department head); experts are home surgeons', async () => {
    const { id } = await c.create(await patientOfA(), 'external_doctor', { urgency: 'urgent' });
    const bad = await c.call('mdt_coordinator', 'POST', `/api/consultations/${id}/assign`, { expertId: w.users.nurse.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.details.fields[0]!.path).toBe('expertId');
    await c.assign(id, w.users.department_head.id);
    const notMine = await c.call('surgeon', 'POST', `/api/consultations/${id}/answer`, { advice: '建议', recommendation: 'mdt' });
    expect(notMine.statusCode).toBe(403);
    // Reassigning to the surgeon lets the surgeon answer.
    await c.assign(id, w.users.surgeon.id);
    expect((await c.answer(id, 'mdt')).status).toBe('answered');
    await c.close(id);
  });

  it('refuses a consent date in the future and another hospital’s patient with field messages in both languages', async () => {
    const future = await c.call('external_doctor', 'POST', '/api/consultations', {
      patientId: await patientOfA(),
      question: '能否手术？',
      urgency: 'routine',
      consent: { obtainedOn: '2026-12-30', method: 'verbal' },
    });
    expect(future.statusCode).toBe(400);
    const field = future.json<ErrorBody>().error.details.fields[0]!;
    expect(field.path).toBe('consent.obtainedOn');
    expect(field.messageZh).toContain('知情同意');
    expect(field.messageEn).toContain('consent');
    const patientOfB = (await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgB }).build(w.db)).id;
    const foreign = await c.call('external_doctor', 'POST', '/api/consultations', {
      patientId: patientOfB,
      question: '能否手术？',
      urgency: 'routine',
      consent: { obtainedOn: '2026-11-20', method: 'verbal' },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<ErrorBody>().error.details.fields[0]!.path).toBe('patientId');
    const noConsent = await c.call('external_doctor', 'POST', '/api/consultations', {
      patientId: patientOfB,
      question: 'x',
      urgency: 'routine',
    });
    expect(noConsent.statusCode).toBe(400);
  });

  it('a doctor with two answered consultations left without the survey cannot open a new one until one is closed', async () => {
    const ext = await aUser('external_doctor', w.orgA).build(w.db);
    const me = { username: ext.username };
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { id } = await c.create(await patientOfA(), me);
      await c.assign(id, w.users.surgeon.id);
      await c.answer(id);
      ids.push(id);
    }
    const refused = await c.call(me, 'POST', '/api/consultations', {
      patientId: await patientOfA(),
      question: '第三个问题',
      urgency: 'routine',
      consent: { obtainedOn: '2026-11-20', method: 'electronic' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().error.code).toBe('CONFLICT');
    // Another doctor of the same hospital is not held back.
    await c.create(await patientOfA(), 'external_doctor');
    await c.close(ids[0]!, me);
    expect((await c.create(await patientOfA(), me)).status).toBe('submitted');
  });
});

describe('isolation across two external hospitals', () => {
  it('a doctor of hospital B gets 404 for every route on hospital A’s consultation, its file and its referral', async () => {
    await aWard(w.homeOrgId, { beds: 1 }).build(w.db);
    const { id } = await c.create(await patientOfA());
    const file = c.ok<{ id: string }>(
      await w.app.inject({
        method: 'POST',
        url: `/api/consultations/${id}/attachments?fileName=ct.pdf`,
        headers: { cookie: await c.cookie('external_doctor'), 'content-type': 'application/pdf' },
        payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
      }),
      201,
    );
    await c.assign(id, w.users.surgeon.id);
    await c.answer(id, 'transfer');
    c.ok(await c.call('surgeon', 'POST', `/api/consultations/${id}/referral`, { expectedAdmissionDate: '2026-12-10' }), 201);
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/consultations/${id}`],
      ['POST', `/api/consultations/${id}/reply`, { body: '补充' }],
      ['POST', `/api/consultations/${id}/close`, { survey: { referralAvoided: true, willFollowAdvice: true, educational: true } }],
      ['GET', `/api/consultations/attachments/${file.id}`],
    ];
    for (const [method, url, body] of probes) {
      const res = await c.call('extB', method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const upload = await w.app.inject({
      method: 'POST',
      url: `/api/consultations/${id}/attachments?fileName=x.pdf`,
      headers: { cookie: await c.cookie('extB'), 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    expect(upload.statusCode).toBe(404);
    // Expert routes are not an external doctor's at all (403 whatever the id).
    for (const route of ['assign', 'answer', 'request-information', 'referral'])
      expect((await c.call('extB', 'POST', `/api/consultations/${id}/${route}`, {})).statusCode).toBe(403);
    const list = c.ok<{ items: { id: string; organizationId: string }[]; total: number }>(
      await c.call('extB', 'GET', '/api/consultations?pageSize=100'),
    );
    expect(list.items.map((i) => i.id)).not.toContain(id);
    expect(list.items.every((i) => i.organizationId === w.orgB)).toBe(true);
    const figures = c.ok<{ hospitals: { organizationId: string }[] }>(await c.call('extB', 'GET', '/api/consultations/figures?year=2026'));
    expect(figures.hospitals.every((h) => h.organizationId === w.orgB)).toBe(true);
    // Outreach, agreements and exchange visits with hospital A: B's doctor gets 404 for each, A's doctor reads them.
    const visit = c.ok<{ id: string }>(
      await c.call('mdt_coordinator', 'POST', '/api/consultations/outreach', {
        kind: 'visit',
        date: '2026-11-20',
        organizationIds: [w.orgA],
        surgeonIds: [w.users.surgeon.id],
        activity: 'ward_round',
      }),
      201,
    );
    const agreement = c.ok<{ id: string }>(
      await c.call('mdt_coordinator', 'POST', '/api/consultations/agreements', {
        organizationId: w.orgA,
        kind: 'counterpart_support',
        startDate: '2026-01-01',
        scope: '胃肠外科对口支援',
      }),
      201,
    );
    const exchange = c.ok<{ id: string }>(
      await c.call('mdt_coordinator', 'POST', '/api/consultations/exchange-visits', {
        organizationId: w.orgA,
        direction: 'in',
        doctors: '李医生',
        fromDate: '2026-10-01',
        toDate: '2026-10-31',
        purpose: '进修腹腔镜胃肠手术',
      }),
      201,
    );
    for (const [path, rid] of [
      ['outreach', visit.id],
      ['agreements', agreement.id],
      ['exchange-visits', exchange.id],
    ] as const) {
      expect((await c.call('extB', 'GET', `/api/consultations/${path}/${rid}`)).statusCode, path).toBe(404);
      expect((await c.call('external_doctor', 'GET', `/api/consultations/${path}/${rid}`)).statusCode, path).toBe(200);
      expect((await c.call('extB', 'PUT', `/api/consultations/${path}/${rid}`, {})).statusCode, path).toBe(403);
      const theirs = c.ok<{ items: { id: string }[] }>(await c.call('extB', 'GET', `/api/consultations/${path}`));
      expect(theirs.items.map((i) => i.id)).not.toContain(rid);
    }
    expect((await c.call('extB', 'POST', `/api/consultations/${id}/discharge-note`, { note: 'x' })).statusCode).toBe(403);
    const notes = c.ok<{ items: { consultationId: string }[] }>(await c.call('extB', 'GET', '/api/consultations/notifications'));
    expect(notes.items.map((n) => n.consultationId)).not.toContain(id);
    // Hospital A's own doctor sees it, with its referral.
    expect((await c.detail(id, 'external_doctor')).referral).toMatchObject({ status: 'reserved', expectedAdmissionDate: '2026-12-10' });
  });
});
