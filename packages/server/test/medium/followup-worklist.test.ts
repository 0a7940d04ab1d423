import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertLinkCandidates, AttemptResult, FollowUp, ProAlert, Worklist } from '@gisurg/contracts/followup';
import { randomBytes } from 'node:crypto';
import { auditLog, followUpContacts, proInvitations, proResponses } from '../../src/db/schema/index.js';
import { aComplication, anOperation, aPatient } from './support/builders.js';
import { aWard, wardClient, type ErrorBody } from './support/ward.js';
import { apiCalls, createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Follow-up worklist gaps of issue 11 (docs/follow-up.md): "not seen for longer than the plan allows", lost to
 * follow-up after N failed attempts, and readmissions and complications linked to a questionnaire alert.
 * The test clock stands at 2026-11-26 10:00 (Asia/Shanghai).
 */
let w: TestWorld;
let api: ReturnType<typeof apiCalls>;
beforeAll(async () => {
  w = await createTestWorld();
  api = apiCalls(w);
});
afterAll(async () => w.close());

const COLON = { site: 'colon', icd10: 'C18.7', clinical: { t: 'T3', n: 'N1', m: 'M0' } };
const STOMACH = { site: 'stomach', icd10: 'C16.3', clinical: { t: 'T3', n: 'N1', m: 'M0' } };

/** A patient with a diagnosis (through the API) and a curative operation, discharged through the ward: the plan starts. */
async function plannedPatient(diagnosis: Record<string, unknown>, operationDate: string) {
  const p = await aPatient(w.homeOrgId).build(w.db);
  const d = api.ok<{ id: string }>(
    await api.call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, { diagnosisDate: '2023-12-01', ...diagnosis }),
    201,
  );
  const op = await anOperation(p.id, { diagnosisId: d.id, operationDate, surgeonId: w.users.surgeon.id }).build(w.db);
  const ward = await aWard(w.homeOrgId, { beds: 1 }).build(w.db);
  const c = wardClient(w);
  const adm = await c.admit(p.id, ward.bedIds[0]!, { admittedAt: '2026-11-20T08:00' });
  c.ok(await c.call('nurse', 'POST', `/api/admissions/${adm}/discharge`, { at: '2026-11-25T09:00', disposition: 'order' }));
  return { patientId: p.id, operationId: op.id };
}
const contact = async (patientId: string, date: string, status = 'alive_no_disease') =>
  api.ok(await api.call('nurse', 'POST', `/api/patients/${patientId}/follow-up/contacts`, { date, status }), 201);
const worklist = async (query: string) => api.ok<Worklist>(await api.call('nurse', 'GET', `/api/follow-up/worklist?${query}`));
const attempt = (patientId: string, body: Record<string, unknown> = { date: '2026-11-26' }) =>
  api.call('nurse', 'POST', `/api/patients/${patientId}/follow-up/attempts`, body);

describe('not seen for longer than the plan allows (due=not_seen)', () => {
  it("lists patients whose last contact (or plan start) is longer ago than the plan's largest gap; filters by site and surgeon", async () => {
    // Colon IIIB and stomach IIA from 2024-01-10: visits every 3 months, then 6, then yearly; the largest gap is
    // 2032-01-10 → 2033-01-10 = 366 days.
    const lapsed = await plannedPatient(COLON, '2024-01-10');
    await contact(lapsed.patientId, '2025-01-15');
    const recent = await plannedPatient(COLON, '2024-01-10');
    await contact(recent.patientId, '2026-01-20');
    const never = await plannedPatient(STOMACH, '2025-06-01');
    const dead = await plannedPatient(COLON, '2024-01-10');
    api.ok(
      await api.call('nurse', 'POST', `/api/patients/${dead.patientId}/follow-up/contacts`, {
        date: '2025-01-15',
        status: 'dead',
        death: { date: '2025-01-10', cause: 'cancer' },
      }),
      201,
    );

    const all = await worklist('due=not_seen');
    const row = all.items.find((i) => i.patientId === lapsed.patientId);
    // Seen on 2025-01-15; should have been seen again by 2026-01-16 (+366 days): 314 days ago.
    expect(row).toMatchObject({
      dueDate: '2026-01-16',
      overdueDays: 314,
      allowedGapDays: 366,
      lastContactDate: '2025-01-15',
      site: 'colon',
      kinds: ['ca19-9', 'cea', 'visit'],
      failedAttempts: 0,
    });
    expect(all.items.some((i) => i.patientId === recent.patientId)).toBe(false);
    expect(all.items.some((i) => i.patientId === dead.patientId)).toBe(false);
    // Never contacted: counted from the plan's start (the operation, 2025-06-01).
    const fromStart = all.items.find((i) => i.patientId === never.patientId);
    expect(fromStart).toMatchObject({ lastContactDate: null, site: 'stomach' });
    expect(fromStart!.dueDate).toBe('2026-06-02');
    expect(all.total).toBe(all.items.length);

    const colon = await worklist('due=not_seen&site=colon');
    expect(colon.items.map((i) => i.patientId)).toContain(lapsed.patientId);
    expect(colon.items.some((i) => i.patientId === never.patientId)).toBe(false);
    expect((await worklist(`due=not_seen&surgeonId=${w.users.surgeon.id}`)).items.map((i) => i.patientId)).toContain(lapsed.patientId);
    expect((await worklist('due=not_seen&surgeonId=00000000-0000-4000-8000-000000000000')).items).toEqual([]);
    // overdue and week are unchanged: no not_seen fields.
    expect((await worklist('due=overdue')).items.every((i) => i.allowedGapDays === null)).toBe(true);
    // A contact takes the patient off the list.
    await contact(lapsed.patientId, '2026-11-26');
    expect((await worklist('due=not_seen')).items.some((i) => i.patientId === lapsed.patientId)).toBe(false);
    expect((await api.call('nurse', 'GET', '/api/follow-up/worklist?due=never')).statusCode).toBe(400);
  });
});

describe('lost to follow-up after N failed attempts', () => {
  it('counts failed attempts since the last contact on the worklist; at 3 the system records "lost" (audited) and the patient leaves the list', async () => {
    const { patientId } = await plannedPatient(COLON, '2026-08-24');
    const overdue = async () => (await worklist('due=overdue')).items.find((i) => i.patientId === patientId);
    expect(await overdue()).toMatchObject({ dueDate: '2026-11-24', failedAttempts: 0 });

    const first = api.ok<AttemptResult>(await attempt(patientId, { date: '2026-11-25', method: 'phone', notes: '无人接听' }), 201);
    expect(first).toMatchObject({ attempts: 1, lostContactId: null });
    expect(await overdue()).toMatchObject({ failedAttempts: 1 });
    expect(api.ok<AttemptResult>(await attempt(patientId), 201)).toMatchObject({ attempts: 2, lostContactId: null });
    const fu = api.ok<FollowUp>(await api.call('nurse', 'GET', `/api/patients/${patientId}/follow-up`));
    expect(fu.attempts?.map((a) => [a.date, a.method, a.notes])).toEqual([
      ['2026-11-26', 'phone', null],
      ['2026-11-25', 'phone', '无人接听'],
    ]);
    expect(fu.contacts).toEqual([]);

    const third = api.ok<AttemptResult>(await attempt(patientId, { date: '2026-11-26', method: 'message' }), 201);
    expect(third.attempts).toBe(3);
    expect(third.lostContactId).toEqual(expect.any(String));
    const after = api.ok<FollowUp>(await api.call('nurse', 'GET', `/api/patients/${patientId}/follow-up`));
    expect(after.contacts).toMatchObject([{ id: third.lostContactId, status: 'lost', date: '2026-11-26', recordedBy: null }]);
    expect(after.plan.items.every((i) => i.status === 'cancelled')).toBe(true);
    expect(await overdue()).toBeUndefined();
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'followup.contact.auto_lost'), eq(auditLog.patientId, patientId)));
    expect(audit).toMatchObject({ actorId: null, outcome: 'success', resourceId: third.lostContactId });
    expect(audit!.details).toMatchObject({ attempts: 3, lostAfterAttempts: 3, triggeredBy: w.users.nurse.id });
    // A lost patient is no longer followed: more attempts are refused.
    expect((await attempt(patientId)).statusCode).toBe(409);
  });

  it('a successful contact starts the count again; the setting (department head) changes N', async () => {
    const { patientId } = await plannedPatient(COLON, '2026-08-24');
    api.ok(await attempt(patientId, { date: '2026-11-20' }), 201);
    api.ok(await attempt(patientId, { date: '2026-11-21' }), 201);
    await contact(patientId, '2026-11-22');
    expect(api.ok<AttemptResult>(await attempt(patientId, { date: '2026-11-24' }), 201).attempts).toBe(1);
    // Not before the last contact.
    const early = await attempt(patientId, { date: '2026-11-21' });
    expect(early.statusCode).toBe(400);
    expect(early.json<ErrorBody>().error.details.fields[0]).toMatchObject({ path: 'date', messageZh: expect.stringMatching(/[一-龥]/) });

    const settings = await api.call('nurse', 'GET', '/api/follow-up/settings');
    expect(settings.json<{ lostAfterAttempts: number }>().lostAfterAttempts).toBe(3);
    expect((await api.call('nurse', 'PUT', '/api/follow-up/settings', { lostAfterAttempts: 2 })).statusCode).toBe(403);
    for (const bad of [0, 21, 1.5, 'x']) {
      const res = await api.call('department_head', 'PUT', '/api/follow-up/settings', { lostAfterAttempts: bad });
      expect(res.statusCode, String(bad)).toBe(400);
    }
    const put = await api.call('department_head', 'PUT', '/api/follow-up/settings', { lostAfterAttempts: 2 });
    expect(put.json()).toMatchObject({ lostAfterAttempts: 2, proDays: [3, 7, 14, 30] });
    const second = api.ok<AttemptResult>(await attempt(patientId), 201);
    expect(second.attempts).toBe(2);
    expect(second.lostContactId).not.toBeNull();
    api.ok(await api.call('department_head', 'PUT', '/api/follow-up/settings', { lostAfterAttempts: 3 }));
  });

  it('refuses bad attempts with 400 in Chinese and English, writing nothing; 404 for a patient outside the hospital', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    for (const body of [
      { date: '2026-11-27' },
      { date: '2026-13-01' },
      {},
      { date: '2026-11-26', method: 'fax' },
      { date: '2026-11-26', x: 1 },
    ]) {
      const res = await attempt(p.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const f = res.json<ErrorBody>().error.details.fields;
      expect(f.length).toBeGreaterThan(0);
      expect(f[0]!.messageZh).toBeTruthy();
      expect(f[0]!.messageEn).toBeTruthy();
    }
    const fu = api.ok<FollowUp>(await api.call('nurse', 'GET', `/api/patients/${p.id}/follow-up`));
    expect(fu.attempts).toEqual([]);
    const other = await aPatient(w.orgB).build(w.db);
    expect((await attempt(other.id)).statusCode).toBe(404);
    expect((await attempt('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await api.call('admin', 'POST', `/api/patients/${p.id}/follow-up/attempts`, { date: '2026-11-26' })).statusCode).toBe(403);
    expect(await w.db.select().from(followUpContacts).where(eq(followUpContacts.patientId, other.id))).toEqual([]);
  });
});

describe('readmission and complication linked to a questionnaire alert', () => {
  const painful = {
    pain: 8,
    fever: true,
    vomiting: false,
    eating: 'less',
    stool: 'normal',
    wound: false,
    breathless: false,
    comment: null,
  };

  /** A patient whose questionnaire answer raised an alert that arrived on 2026-11-24. */
  async function alertOf(orgId: string) {
    const p = await aPatient(orgId).build(w.db);
    const op = await anOperation(p.id, { operationDate: '2026-11-02', surgeonId: w.users.surgeon.id }).build(w.db);
    if (orgId === w.homeOrgId) {
      const inv = api.ok<{ url: string }>(await api.call('nurse', 'POST', `/api/patients/${p.id}/pro-invitations`), 201);
      const res = await w.app.inject({ method: 'POST', url: '/api/pro/answers', payload: { token: inv.url.slice(3), answers: painful } });
      expect(res.statusCode).toBe(201);
    } else {
      // Another hospital's patient: its link and answer, written directly (our nurse may not make its link).
      const [inv] = await w.db
        .insert(proInvitations)
        .values({ patientId: p.id, tokenHash: randomBytes(32).toString('hex'), expiresAt: new Date('2027-01-01T00:00:00Z') })
        .returning();
      await w.db.insert(proResponses).values({
        invitationId: inv!.id,
        patientId: p.id,
        submittedAt: w.clock.now(),
        answers: painful,
        alertReasons: ['pain', 'fever'],
        alertStatus: 'open',
      });
    }
    const [row] = await w.db.select().from(proResponses).where(eq(proResponses.patientId, p.id));
    // The answer arrived two days ago (the clock cannot go back; the ward refuses admissions in the future).
    await w.db
      .update(proResponses)
      .set({ submittedAt: new Date('2026-11-24T01:00:00Z') })
      .where(eq(proResponses.id, row!.id));
    return { patientId: p.id, operationId: op.id, alertId: row!.id };
  }

  it('handles an alert as readmission linked to the admission that followed, links a complication in the window; the alert shows both', async () => {
    const a = await alertOf(w.homeOrgId);
    const ward = await aWard(w.homeOrgId, { beds: 2 }).build(w.db);
    const c = wardClient(w);
    // An earlier stay (before the alert) is not a readmission that followed it.
    const before = await c.admit(a.patientId, ward.bedIds[0]!, { admittedAt: '2026-11-10T08:00' });
    c.ok(await c.call('nurse', 'POST', `/api/admissions/${before}/discharge`, { at: '2026-11-15T09:00', disposition: 'order' }));
    const readmission = await c.admit(a.patientId, ward.bedIds[1]!, { admittedAt: '2026-11-26T08:00', diagnosis: '术后切口感染' });
    const inWindow = await aComplication(
      { id: a.operationId, patientId: a.patientId },
      { occurredOn: '2026-11-25', type: 'ssi_superficial', grade: 'II' },
    ).build(w.db);
    const tooEarly = await aComplication(
      { id: a.operationId, patientId: a.patientId },
      { occurredOn: '2026-11-03', type: 'ileus', grade: 'I' },
    ).build(w.db);

    const cands = api.ok<AlertLinkCandidates>(await api.call('nurse', 'GET', `/api/follow-up/alerts/${a.alertId}/link-candidates`));
    expect(cands.admissions.map((x) => x.id)).toEqual([readmission]);
    expect(cands.complications.map((x) => x.id)).toEqual([inWindow.id]);

    // Outside the window or of another patient: 400 with the field named, nothing written.
    const other = await alertOf(w.homeOrgId);
    for (const [body, path] of [
      [{ action: 'readmission', admissionId: before }, 'admissionId'],
      [{ action: 'readmission', complicationId: tooEarly.id }, 'complicationId'],
    ] as const) {
      const res = await api.call('nurse', 'POST', `/api/follow-up/alerts/${a.alertId}/handle`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.details.fields.map((f) => f.path)).toEqual([path]);
    }
    const otherPatient = await api.call('nurse', 'POST', `/api/follow-up/alerts/${other.alertId}/links`, { admissionId: readmission });
    expect(otherPatient.statusCode).toBe(400);

    api.ok(
      await api.call('nurse', 'POST', `/api/follow-up/alerts/${a.alertId}/handle`, {
        action: 'readmission',
        note: '切口红肿渗液，收入院',
        admissionId: readmission,
      }),
    );
    // The complication is recorded later and linked then (the alert is already handled).
    api.ok(await api.call('surgeon', 'POST', `/api/follow-up/alerts/${a.alertId}/links`, { complicationId: inWindow.id }));
    const all = api.ok<{ items: ProAlert[] }>(await api.call('nurse', 'GET', '/api/follow-up/alerts?status=all'));
    const shown = all.items.find((x) => x.id === a.alertId);
    expect(shown).toMatchObject({
      status: 'handled',
      action: 'readmission',
      admission: { id: readmission, diagnosis: '术后切口感染', status: 'active' },
      complication: { id: inWindow.id, occurredOn: '2026-11-25', type: 'ssi_superficial', grade: 'II' },
    });
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'followup.alert.link'), eq(auditLog.resourceId, a.alertId)));
    expect(audit).toMatchObject({ patientId: a.patientId, actorId: w.users.surgeon.id });
    // Unlinking with null.
    api.ok(await api.call('surgeon', 'POST', `/api/follow-up/alerts/${a.alertId}/links`, { complicationId: null }));
    const again = api.ok<{ items: ProAlert[] }>(await api.call('nurse', 'GET', '/api/follow-up/alerts?status=all'));
    expect(again.items.find((x) => x.id === a.alertId)).toMatchObject({ complication: null, admission: { id: readmission } });
  });

  it("answers 404 for another hospital's alert or an unknown one, and 400 for a malformed link", async () => {
    const b = await alertOf(w.orgB);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [b.alertId, unknown]) {
      expect((await api.call('nurse', 'GET', `/api/follow-up/alerts/${id}/link-candidates`)).statusCode).toBe(404);
      expect((await api.call('nurse', 'POST', `/api/follow-up/alerts/${id}/links`, { admissionId: null })).statusCode).toBe(404);
      expect((await api.call('nurse', 'POST', `/api/follow-up/alerts/${id}/handle`, { action: 'no_action' })).statusCode).toBe(404);
    }
    const a = await alertOf(w.homeOrgId);
    const bad = await api.call('nurse', 'POST', `/api/follow-up/alerts/${a.alertId}/links`, { admissionId: 'x' });
    expect(bad.statusCode).toBe(400);
    expect((await api.call('nurse', 'POST', `/api/follow-up/alerts/${a.alertId}/links`, { other: 1 })).statusCode).toBe(400);
    expect((await api.call('admin', 'GET', `/api/follow-up/alerts/${a.alertId}/link-candidates`)).statusCode).toBe(403);
  });
});
