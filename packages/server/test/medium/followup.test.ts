import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpPlan } from '@gisurg/clinical';
import type { FollowUp, Worklist } from '@gisurg/contracts/followup';
import { subscribe } from '../../src/core/events.js';
import { and } from 'drizzle-orm';
import { auditLog, followUpItems, followUpPlans, proInvitations } from '../../src/db/schema/index.js';
import { aComplication, anOperation, aPatient } from './support/builders.js';
import { aWard, wardClient } from './support/ward.js';
import { apiCalls, createTestWorld, type TestWorld } from './support/test-app.js';

type Err = { error: { code: string; details: { fields: { path: string; messageZh: string; messageEn: string }[] } } };

let w: TestWorld;
let api: ReturnType<typeof apiCalls>;
const deaths: { patientId: string; date: string }[] = [];
beforeAll(async () => {
  w = await createTestWorld();
  api = apiCalls(w);
  subscribe('death_recorded', 'test.followup.deaths', async (_ctx, e) => {
    deaths.push({ patientId: e.patientId, date: e.date });
  });
});
afterAll(async () => w.close());

/** A patient with a diagnosis (through the API) and a curative operation linked to it, then discharged through the ward. */
async function operatedPatient(diagnosis: Record<string, unknown>, operationDate = '2026-10-01') {
  const p = await aPatient(w.homeOrgId).build(w.db);
  const d = api.ok<{ id: string }>(
    await api.call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, { diagnosisDate: '2026-09-01', ...diagnosis }),
    201,
  );
  const op = await anOperation(p.id, { diagnosisId: d.id, operationDate, surgeonId: w.users.surgeon.id }).build(w.db);
  return { patientId: p.id, diagnosisId: d.id, operationId: op.id };
}
async function discharge(patientId: string) {
  const ward = await aWard(w.homeOrgId, { beds: 1 }).build(w.db);
  const c = wardClient(w);
  const id = await c.admit(patientId, ward.bedIds[0]!, { admittedAt: '2026-11-20T08:00' });
  c.ok(await c.call('nurse', 'POST', `/api/admissions/${id}/discharge`, { at: '2026-11-25T09:00', disposition: 'order' }));
}
const followUp = async (patientId: string, who: 'nurse' | 'surgeon' = 'nurse') =>
  api.ok<FollowUp>(await api.call(who, 'GET', `/api/patients/${patientId}/follow-up`));

describe('plans from discharge and pathology (clinical-rules.md §8)', () => {
  it('colon stage III, China 2023: visits with CEA/CA19-9 every 3 months to 24, CT at 6 and 12, colonoscopy at 12', async () => {
    const { patientId } = await operatedPatient({ site: 'colon', icd10: 'C18.7', clinical: { t: 'T3', n: 'N1', m: 'M0' } });
    expect((await followUp(patientId)).plan.items).toEqual([]);
    await discharge(patientId);
    const { plan } = await followUp(patientId);
    expect(plan).toMatchObject({ site: 'colorectal', stage: 'IIIB', guideline: 'china-2023-colorectal', startDate: '2026-10-01' });
    const at = (kind: string) => plan.items.filter((i) => i.kind === kind).map((i) => i.monthsAfterSurgery);
    expect(at('visit').slice(0, 10)).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 30, 36]);
    expect(at('cea').slice(0, 8)).toEqual([3, 6, 9, 12, 15, 18, 21, 24]);
    expect(at('ca19-9').slice(0, 8)).toEqual([3, 6, 9, 12, 15, 18, 21, 24]);
    expect(at('ct')).toEqual([6, 12, 18, 24, 36, 48, 60]);
    expect(at('colonoscopy')[0]).toBe(12);
    expect(plan.items[0]).toMatchObject({ dueDate: '2027-01-01', status: 'planned', kind: 'visit' });
    // The same items as followUpPlan computes (the server calls it, never re-implements it).
    const expected = followUpPlan({
      site: 'colorectal',
      stage: 'IIIB',
      surgeryDate: '2026-10-01',
      guideline: 'china-2023-colorectal',
      intervalChoice: 'lower',
    });
    expect(plan.items.map((i) => [i.dueDate, i.kind])).toEqual(expected.map((i) => [i.dueDate, i.kind]));
  });

  it('rectal cancer gets pelvic MRI at the CT months', async () => {
    const { patientId } = await operatedPatient({ site: 'rectum', icd10: 'C20', clinical: { t: 'T3', n: 'N0', m: 'M0' } });
    await discharge(patientId);
    const { plan } = await followUp(patientId);
    expect(plan.stage).toBe('IIA');
    expect(plan.items.filter((i) => i.kind === 'mri').map((i) => i.monthsAfterSurgery)).toEqual([6, 12, 18, 24, 36, 48, 60]);
  });

  it('stomach, CSCO 2023: visits every 3 months to 24, every 6 to 60, then yearly; no other items', async () => {
    const { patientId } = await operatedPatient({ site: 'stomach', icd10: 'C16.3', clinical: { t: 'T3', n: 'N1', m: 'M0' } });
    await discharge(patientId);
    const { plan } = await followUp(patientId);
    expect(plan).toMatchObject({ site: 'stomach', guideline: 'csco-gastric' });
    expect(new Set(plan.items.map((i) => i.kind))).toEqual(new Set(['visit']));
    expect(plan.items.map((i) => (i as { monthsAfterSurgery: number }).monthsAfterSurgery).slice(0, 14)).toEqual([
      3, 6, 9, 12, 15, 18, 21, 24, 30, 36, 42, 48, 54, 60,
    ]);
    expect(plan.items.map((i) => i.monthsAfterSurgery)).toContain(72);
  });

  it('pathology recorded refreshes the stage of a plan nobody adjusted; no plan without a curative operation', async () => {
    const { patientId, operationId } = await operatedPatient({ site: 'colon', icd10: 'C18.7', clinical: { t: 'T3', n: 'N0', m: 'M0' } });
    await discharge(patientId);
    expect((await followUp(patientId)).plan.stage).toBe('IIA');
    const put = await w.app.inject({
      method: 'PUT',
      url: `/api/operations/${operationId}/pathology`,
      headers: { cookie: await w.as('surgeon') },
      payload: { t: 'T3', nodesExamined: 14, nodesPositive: 2, m: 'M0', margin: 'R0' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const { plan } = await followUp(patientId);
    expect(plan.stage).toBe('IIIB');
    const palliative = await aPatient(w.homeOrgId).build(w.db);
    const d = api.ok<{ id: string }>(
      await api.call('surgeon', 'POST', `/api/patients/${palliative.id}/diagnoses`, {
        diagnosisDate: '2026-09-01',
        site: 'colon',
        icd10: 'C18.7',
      }),
      201,
    );
    await anOperation(palliative.id, { diagnosisId: d.id, intent: 'palliative' }).build(w.db);
    await discharge(palliative.id);
    expect((await followUp(palliative.id)).plan).toMatchObject({ id: null, items: [] });
  });

  it('a doctor adjusts a plan with a reason (interval upper: every 6 months); nurses may not; stale version 409', async () => {
    const { patientId } = await operatedPatient({ site: 'stomach', icd10: 'C16.3', clinical: { t: 'T3', n: 'N1', m: 'M0' } });
    await discharge(patientId);
    const { plan } = await followUp(patientId);
    expect((await api.call('nurse', 'PATCH', `/api/follow-up/plans/${plan.id}`, { version: 1, reason: '患者外地' })).statusCode).toBe(403);
    const noReason = await api.call('surgeon', 'PATCH', `/api/follow-up/plans/${plan.id}`, {
      version: 1,
      intervalChoice: 'upper',
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<Err>().error.details.fields[0]).toMatchObject({ path: 'reason', messageEn: expect.stringContaining('reason') });
    api.ok(
      await api.call('surgeon', 'PATCH', `/api/follow-up/plans/${plan.id}`, {
        version: 1,
        intervalChoice: 'upper',
        reason: '患者居住外地，复查间隔取上限',
      }),
    );
    const after = (await followUp(patientId)).plan;
    expect(after).toMatchObject({ version: 2, intervalChoice: 'upper', adjustReason: '患者居住外地，复查间隔取上限' });
    expect(after.items.map((i) => i.monthsAfterSurgery).slice(0, 4)).toEqual([6, 12, 18, 24]);
    const stale = await api.call('surgeon', 'PATCH', `/api/follow-up/plans/${plan.id}`, { version: 1, reason: '再次调整' });
    expect(stale.statusCode).toBe(409);
    const wrongSite = await api.call('surgeon', 'PATCH', `/api/follow-up/plans/${plan.id}`, {
      version: 2,
      guideline: 'nccn-colon',
      reason: '试试',
    });
    expect(wrongSite.statusCode).toBe(400);
  });
});

describe('contacts (contract)', () => {
  it('records contacts: 201 { id }; an alive contact completes the items due; death cancels the rest and publishes death_recorded', async () => {
    const { patientId } = await operatedPatient({ site: 'colon', icd10: 'C18.7', clinical: { t: 'T3', n: 'N1', m: 'M0' } }, '2026-05-01');
    await discharge(patientId);
    const res = await api.call('nurse', 'POST', `/api/patients/${patientId}/follow-up/contacts`, {
      date: '2026-08-03',
      status: 'alive_no_disease',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(Object.keys(res.json())).toEqual(['id']);
    let fu = await followUp(patientId);
    expect(fu.contacts[0]).toMatchObject({
      id: res.json<{ id: string }>().id,
      date: '2026-08-03',
      status: 'alive_no_disease',
      method: 'phone',
    });
    expect(fu.plan.items.filter((i) => i.dueDate === '2026-08-01').every((i) => i.status === 'done')).toBe(true);
    expect(fu.plan.items.filter((i) => i.dueDate === '2026-11-01').every((i) => i.status === 'planned')).toBe(true);
    api.ok(
      await api.call('nurse', 'POST', `/api/patients/${patientId}/follow-up/contacts`, {
        date: '2026-10-10',
        status: 'alive_with_disease',
        recurrence: { date: '2026-10-01', site: 'liver' },
        method: 'clinic',
      }),
      201,
    );
    api.ok(
      await api.call('nurse', 'POST', `/api/patients/${patientId}/follow-up/contacts`, {
        date: '2026-11-20',
        status: 'dead',
        death: { date: '2026-11-18', cause: 'cancer' },
      }),
      201,
    );
    fu = await followUp(patientId);
    expect(fu.contacts.map((c) => c.status)).toEqual(['dead', 'alive_with_disease', 'alive_no_disease']);
    expect(fu.contacts[0]!.death).toEqual({ date: '2026-11-18', cause: 'cancer' });
    expect(fu.contacts[1]!.recurrence).toEqual({ date: '2026-10-01', site: 'liver' });
    expect(fu.plan.items.filter((i) => i.status === 'planned')).toEqual([]);
    expect(deaths).toContainEqual({ patientId, date: '2026-11-18' });
  });

  it('refuses bad contacts with 400 and texts in Chinese and English, writing nothing', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const cases: [object, string][] = [
      [{ date: '2026-11-01', status: 'dead' }, 'death'],
      [{ date: '2026-11-01', status: 'alive_no_disease', death: { date: '2026-10-01', cause: 'other' } }, 'death'],
      [{ date: '2026-11-01', status: 'alive_with_disease', recurrence: { date: '2026-11-05', site: 'lung' } }, 'recurrence.date'],
      [{ date: '2030-01-01', status: 'alive_no_disease' }, 'date'],
      [{ date: '2026-02-30', status: 'alive_no_disease' }, 'date'],
      [{ date: '2026-11-01', status: 'cured' }, 'status'],
      [{ date: '2026-11-01', status: 'dead', death: { date: '2026-10-01', cause: 'heart' } }, 'death.cause'],
    ];
    for (const [body, path] of cases) {
      const res = await api.call('nurse', 'POST', `/api/patients/${p.id}/follow-up/contacts`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const f = res.json<Err>().error.details.fields.find((x) => x.path === path);
      expect(f, `${JSON.stringify(body)} → ${res.body}`).toBeDefined();
      expect(f!.messageZh).not.toEqual(f!.messageEn);
    }
    expect((await followUp(p.id)).contacts).toEqual([]);
  });

  it('answers 404 for a patient of another hospital or unknown, 403 for roles without follow-up', async () => {
    const other = await aPatient(w.orgB).build(w.db);
    expect((await api.call('nurse', 'GET', `/api/patients/${other.id}/follow-up`)).statusCode).toBe(404);
    const post = await api.call('nurse', 'POST', `/api/patients/${other.id}/follow-up/contacts`, {
      date: '2026-11-01',
      status: 'alive_no_disease',
    });
    expect(post.statusCode).toBe(404);
    expect((await api.call('external_doctor', 'GET', `/api/patients/${other.id}/follow-up`)).statusCode).toBe(403);
  });
});

describe('worklist', () => {
  it('lists visits overdue and due this week, with the patient and the kinds due', async () => {
    // Operated 2026-08-24: month 3 is 2026-11-24 (overdue on 2026-11-26); operated 2026-08-30: due 2026-11-30 (this week).
    const overdue = await operatedPatient({ site: 'colon', icd10: 'C18.7', clinical: { t: 'T3', n: 'N1', m: 'M0' } }, '2026-08-24');
    const week = await operatedPatient({ site: 'stomach', icd10: 'C16.3', clinical: { t: 'T3', n: 'N1', m: 'M0' } }, '2026-08-30');
    await discharge(overdue.patientId);
    await discharge(week.patientId);
    const o = api.ok<Worklist>(await api.call('nurse', 'GET', '/api/follow-up/worklist?due=overdue'));
    const row = o.items.find((i) => i.patientId === overdue.patientId);
    expect(row).toMatchObject({ dueDate: '2026-11-24', overdueDays: 2, kinds: ['ca19-9', 'cea', 'visit'] });
    expect(o.items.some((i) => i.patientId === week.patientId)).toBe(false);
    expect(o.total).toBe(o.items.length);
    const wk = api.ok<Worklist>(await api.call('nurse', 'GET', '/api/follow-up/worklist?due=week'));
    expect(wk.items.find((i) => i.patientId === week.patientId)).toMatchObject({ dueDate: '2026-11-30', kinds: ['visit'] });
    expect(wk.items.some((i) => i.patientId === overdue.patientId)).toBe(false);
    // A contact takes the patient off the list.
    api.ok(
      await api.call('nurse', 'POST', `/api/patients/${overdue.patientId}/follow-up/contacts`, {
        date: '2026-11-26',
        status: 'alive_no_disease',
      }),
      201,
    );
    const again = api.ok<Worklist>(await api.call('nurse', 'GET', '/api/follow-up/worklist?due=overdue'));
    expect(again.items.some((i) => i.patientId === overdue.patientId)).toBe(false);
    expect((await api.call('nurse', 'GET', '/api/follow-up/worklist?due=month')).statusCode).toBe(400);
  });
});

describe('patient journey timeline', () => {
  it('puts diagnosis, operation, stay, complication, follow-up, recurrence and death in date order; audited; 404 outside scope', async () => {
    const { patientId, operationId } = await operatedPatient({ site: 'colon', icd10: 'C18.7', clinical: { t: 'T3', n: 'N1', m: 'M0' } });
    await aComplication(
      { id: operationId, patientId },
      { occurredOn: '2026-10-05', dayAfterOperation: 4, type: 'ileus', grade: 'II' },
    ).build(w.db);
    await discharge(patientId);
    api.ok(
      await api.call('nurse', 'POST', `/api/patients/${patientId}/follow-up/contacts`, {
        date: '2026-11-12',
        status: 'alive_with_disease',
        recurrence: { date: '2026-11-10', site: 'liver' },
      }),
      201,
    );
    api.ok(
      await api.call('nurse', 'POST', `/api/patients/${patientId}/follow-up/contacts`, {
        date: '2026-11-26',
        status: 'dead',
        death: { date: '2026-11-26', cause: 'cancer' },
      }),
      201,
    );
    const res = await api.call('surgeon', 'GET', `/api/patients/${patientId}/timeline`);
    const { events } = api.ok<{ events: { date: string; kind: string; code: string | null }[] }>(res);
    expect(events.map((e) => [e.date, e.kind, e.code])).toEqual([
      ['2026-09-01', 'diagnosis', 'colon'],
      ['2026-10-01', 'operation', expect.any(String)],
      ['2026-10-05', 'complication', 'II'],
      ['2026-11-10', 'recurrence', 'liver'],
      ['2026-11-12', 'follow_up', 'alive_with_disease'],
      ['2026-11-20', 'admission', null],
      ['2026-11-25', 'discharge', 'order'],
      ['2026-11-26', 'follow_up', 'dead'],
      ['2026-11-26', 'death', 'cancer'],
    ]);
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'patient.timeline.read'), eq(auditLog.requestId, res.headers['x-request-id'] as string)));
    expect(audit).toMatchObject({ patientId, outcome: 'success' });
    const other = await aPatient(w.orgB).build(w.db);
    expect((await api.call('surgeon', 'GET', `/api/patients/${other.id}/timeline`)).statusCode).toBe(404);
    expect((await api.call('surgeon', 'GET', '/api/patients/00000000-0000-4000-8000-000000000000/timeline')).statusCode).toBe(404);
    expect((await api.call('admin', 'GET', `/api/patients/${patientId}/timeline`)).statusCode).toBe(403);
  });
});

describe('questionnaire settings (thresholds and days)', () => {
  const answers = {
    pain: 5,
    fever: false,
    vomiting: false,
    eating: 'less',
    stool: 'normal',
    wound: false,
    breathless: false,
    comment: null,
  };
  const alertsOf = async (patientId: string) =>
    api
      .ok<{ items: { patientId: string; reasons: string[] }[] }>(await api.call('nurse', 'GET', '/api/follow-up/alerts'))
      .items.filter((a) => a.patientId === patientId);

  it('the department head sets them (validated, audited); nurses may read but not write; the questionnaire and the alerting use them', async () => {
    const defaults = api.ok<{ thresholds: { pain: number | null }; proDays: number[] }>(
      await api.call('nurse', 'GET', '/api/follow-up/settings'),
    );
    expect(defaults).toMatchObject({ thresholds: { pain: 7, fever: true, eating: ['none'] }, proDays: [3, 7, 14, 30] });
    expect((await api.call('nurse', 'PUT', '/api/follow-up/settings', { proDays: [2, 5] })).statusCode).toBe(403);
    for (const body of [
      { proDays: [7, 3] },
      { proDays: [] },
      { proDays: [1, 2, 3, 4, 5] },
      { thresholds: { ...defaults.thresholds, pain: 11 } },
      { x: 1 },
    ]) {
      const bad = await api.call('department_head', 'PUT', '/api/follow-up/settings', body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      const { fields } = bad.json<Err>().error.details;
      expect(fields.length, JSON.stringify(body)).toBeGreaterThan(0);
      for (const f of fields) expect(f.messageZh && f.messageEn).toBeTruthy();
    }
    const unordered = (await api.call('department_head', 'PUT', '/api/follow-up/settings', { proDays: [7, 3] })).json<Err>();
    expect(unordered.error.details.fields).toContainEqual(
      expect.objectContaining({ path: 'proDays', messageZh: '填写日须各不相同并按从小到大排列' }),
    );
    expect(api.ok(await api.call('nurse', 'GET', '/api/follow-up/settings'))).toEqual(defaults);

    const put = await api.call('department_head', 'PUT', '/api/follow-up/settings', {
      thresholds: { ...defaults.thresholds, pain: 5, eating: ['less', 'none'], fever: false },
      proDays: [2, 5, 10, 21],
    });
    expect(put.statusCode, put.body).toBe(200);
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'followup.settings.update'), eq(auditLog.requestId, put.headers['x-request-id'] as string)));
    expect(audit?.details).toMatchObject({ before: { proDays: [3, 7, 14, 30] }, after: { proDays: [2, 5, 10, 21] } });

    const p = await aPatient(w.homeOrgId).build(w.db);
    const inv = api.ok<{ url: string; expiresAt: string }>(await api.call('nurse', 'POST', `/api/patients/${p.id}/pro-invitations`), 201);
    // The link works until 15 days after the last questionnaire day: 21 + 15 = 36 days.
    expect(new Date(inv.expiresAt).getTime() - w.clock.now().getTime()).toBe(36 * 86_400_000);
    const token = inv.url.slice(3);
    const open = api.ok<{ days: number[] }>(await w.app.inject({ method: 'POST', url: '/api/pro/questionnaire', payload: { token } }));
    expect(open.days).toEqual([2, 5, 10, 21]);
    // Pain 5 now alerts, eating "less" too; fever no longer does.
    expect(
      (await w.app.inject({ method: 'POST', url: '/api/pro/answers', payload: { token, answers: { ...answers, fever: true } } }))
        .statusCode,
    ).toBe(201);
    expect((await alertsOf(p.id)).map((a) => a.reasons)).toEqual([['pain', 'eating']]);

    // Back to the defaults: the same answers raise no alert.
    api.ok(
      await api.call('department_head', 'PUT', '/api/follow-up/settings', { thresholds: defaults.thresholds, proDays: [3, 7, 14, 30] }),
    );
    const p2 = await aPatient(w.homeOrgId).build(w.db);
    const t2 = api.ok<{ url: string }>(await api.call('nurse', 'POST', `/api/patients/${p2.id}/pro-invitations`), 201).url.slice(3);
    expect((await w.app.inject({ method: 'POST', url: '/api/pro/answers', payload: { token: t2, answers } })).statusCode).toBe(201);
    expect(await alertsOf(p2.id)).toEqual([]);
  });
});

describe('patient-reported outcomes', () => {
  it('a link opens the questionnaire without a session; pain above the threshold raises an alert the team handles', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const inv = await api.call('nurse', 'POST', `/api/patients/${p.id}/pro-invitations`);
    expect(inv.statusCode, inv.body).toBe(201);
    const { url } = inv.json<{ url: string }>();
    expect(url).toMatch(/^\/q#[A-Za-z0-9_-]{43}$/);
    const token = url.slice(3);
    // Stored hashed only.
    const rows = await w.db.select().from(proInvitations).where(eq(proInvitations.patientId, p.id));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    const open = await w.app.inject({ method: 'POST', url: '/api/pro/questionnaire', payload: { token } });
    expect(open.statusCode).toBe(200);
    expect(open.body).not.toContain(p.name);
    const answers = {
      pain: 8,
      fever: false,
      vomiting: false,
      eating: 'less',
      stool: 'normal',
      wound: false,
      breathless: false,
      comment: '伤口疼',
    };
    const sent = await w.app.inject({ method: 'POST', url: '/api/pro/answers', payload: { token, answers } });
    expect(sent.statusCode, sent.body).toBe(201);
    const alerts = api.ok<{ items: { id: string; patientId: string; reasons: string[]; status: string }[] }>(
      await api.call('nurse', 'GET', '/api/follow-up/alerts'),
    );
    const alert = alerts.items.find((a) => a.patientId === p.id);
    expect(alert).toMatchObject({ reasons: ['pain'], status: 'open' });
    api.ok(
      await api.call('nurse', 'POST', `/api/follow-up/alerts/${alert!.id}/handle`, { action: 'phone_advice', note: '电话指导服用止痛药' }),
    );
    const handled = api.ok<{ items: { id: string }[] }>(await api.call('nurse', 'GET', '/api/follow-up/alerts'));
    expect(handled.items.some((a) => a.id === alert!.id)).toBe(false);
    expect((await api.call('nurse', 'POST', `/api/follow-up/alerts/${alert!.id}/handle`, { action: 'phone_advice' })).statusCode).toBe(409);
    // Answers below every threshold raise no alert (after the per-link pause).
    w.clock.advance(11 * 60_000);
    const calm = await w.app.inject({
      method: 'POST',
      url: '/api/pro/answers',
      payload: { token, answers: { ...answers, pain: 3, comment: null } },
    });
    expect(calm.statusCode).toBe(201);
    expect(
      api
        .ok<{ items: { patientId: string }[] }>(await api.call('nurse', 'GET', '/api/follow-up/alerts'))
        .items.some((a) => a.patientId === p.id),
    ).toBe(false);
    // Too soon after the last answer: 429.
    expect((await w.app.inject({ method: 'POST', url: '/api/pro/answers', payload: { token, answers } })).statusCode).toBe(429);
  });

  it('tampered, unknown and expired links get a plain 404; bad answers a 400', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const { url } = api.ok<{ url: string }>(await api.call('nurse', 'POST', `/api/patients/${p.id}/pro-invitations`), 201);
    const token = url.slice(3);
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const t of [tampered, 'x', '']) {
      const res = await w.app.inject({ method: 'POST', url: '/api/pro/questionnaire', payload: { token: t } });
      expect(res.statusCode, t).toBe(404);
    }
    const bad = await w.app.inject({ method: 'POST', url: '/api/pro/answers', payload: { token, answers: { pain: 11 } } });
    expect(bad.statusCode).toBe(400);
    w.clock.advance(46 * 86_400_000);
    expect((await w.app.inject({ method: 'POST', url: '/api/pro/questionnaire', payload: { token } })).statusCode).toBe(404);
    // A fresh session after the clock jump (the idle timeout ends cached sessions).
  });
});

describe('plan items stay consistent', () => {
  it('every plan item belongs to its plan patient', async () => {
    const rows = await w.db
      .select({ p: followUpPlans.patientId, i: followUpItems.patientId })
      .from(followUpItems)
      .innerJoin(followUpPlans, eq(followUpPlans.id, followUpItems.planId));
    expect(rows.every((r) => r.p === r.i)).toBe(true);
  });
});
