import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraineeDetail } from '@gisurg/contracts/education';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { inkRatio, pdfText, renderFirstPage } from './support/pdf-tools.js';
import { apiCalls, createTestWorld, type TestWorld } from './support/test-app.js';

/** The master's station (issue 14, acceptance 3): the case log fills itself from the oncology record and tumor boards. */
let w: TestWorld;
let api: ReturnType<typeof apiCalls>;
let traineeId: string;

beforeAll(async () => {
  w = await createTestWorld();
  api = apiCalls(w);
  const { call, ok } = api;
  const uni = ok<{ id: string }>(
    await call('department_head', 'POST', '/api/education/universities', { name: '浙江大学', nameEn: 'Zhejiang University' }),
    201,
  );
  const sup = ok<{ id: string }>(
    await call('department_head', 'POST', '/api/education/supervisors', { userId: w.users.surgeon.id, universityId: uni.id }),
    201,
  );
  traineeId = ok<{ id: string }>(
    await call('department_head', 'POST', '/api/education/trainees', {
      userId: w.users.student.id,
      supervisorId: sup.id,
      degree: 'professional',
      enrolmentYear: 2025,
      yearOfStudy: 2,
      thesisTitle: '腹腔镜胃癌根治术学习曲线研究',
    }),
    201,
  ).id;
});
afterAll(async () => w.close());
const put = async (who: Parameters<TestWorld['as']>[0], url: string, payload: object) =>
  w.app.inject({ method: 'PUT', url, headers: { cookie: await w.as(who) }, payload });

describe('master station', () => {
  it('refuses a supervisor who is not a surgeon and a trainee who is not a student or resident (400)', async () => {
    const { call } = api;
    const uni = (await call('department_head', 'GET', '/api/education/universities')).json<{ items: { id: string }[] }>().items[0]!.id;
    const bad = await call('department_head', 'POST', '/api/education/supervisors', { userId: w.users.nurse.id, universityId: uni });
    expect(bad.statusCode).toBe(400);
    const sup = (await call('department_head', 'GET', '/api/education/supervisors')).json<{ items: { id: string }[] }>().items[0]!.id;
    const badT = await call('department_head', 'POST', '/api/education/trainees', {
      userId: w.users.nurse.id,
      supervisorId: sup,
      degree: 'academic',
      enrolmentYear: 2025,
      yearOfStudy: 9,
    });
    expect(badT.statusCode).toBe(400);
  });

  it('shows the operations a trainee assisted, and the boards they attended, in the case log without manual entry', async () => {
    const { call, ok } = api;
    const patient = await aPatient(w.homeOrgId).build(w.db);
    const op = ok<{ id: string }>(
      await call('surgeon', 'POST', `/api/patients/${patient.id}/operations`, {
        date: '2026-11-20',
        approach: 'laparoscopic',
        procedures: ['gastrectomy_distal_d2'],
        assistantIds: [w.users.resident.id, w.users.student.id],
      }),
      201,
    );
    // An operation the trainee did not assist does not appear.
    ok(
      await call('surgeon', 'POST', `/api/patients/${patient.id}/operations`, {
        date: '2026-11-21',
        approach: 'open',
        procedures: ['gastrojejunostomy'],
      }),
      201,
    );
    const m = mdtClient(w);
    const board = (await m.meeting({ kind: 'intra', startsAt: '2026-11-24T16:00' })).id;
    ok(
      await call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board}/attendance`, { userId: w.users.student.id, specialty: 'surgery' }),
      201,
    );

    const detail = ok<TraineeDetail>(await call('student', 'GET', `/api/education/trainees/${traineeId}`));
    const ops = detail.caseLog.filter((e) => e.source === 'operation');
    expect(ops).toEqual([
      expect.objectContaining({
        key: `op:${op.id}`,
        date: '2026-11-20',
        role: 'assistant_2',
        procedures: ['gastrectomy_distal_d2'],
        approach: 'laparoscopic',
        signedOff: null,
      }),
    ]);
    const boards = detail.caseLog.filter((e) => e.source === 'mdt_attendance');
    expect(boards).toHaveLength(1);
    expect(boards[0]).toMatchObject({ date: '2026-11-24', role: 'attendee', credits: 1 });
    expect(detail.totals).toMatchObject({ operations: 1, mdt: 1, mdtCredits: 1 });
    expect(detail.canAddEntries).toBe(true);
    expect(detail.canSignOff).toBe(false);
  });

  it('lets the trainee add entries and the supervisor sign them off; others get 404', async () => {
    const { call, ok } = api;
    const entry = ok<{ id: string }>(
      await call('student', 'POST', `/api/education/trainees/${traineeId}/entries`, {
        kind: 'ward_round',
        date: '2026-11-22',
        description: '主任查房：胃癌术后',
      }),
      201,
    );
    const bad = await call('student', 'POST', `/api/education/trainees/${traineeId}/entries`, {
      kind: 'ward_round',
      date: '2026-02-30',
      description: '',
    });
    expect(bad.statusCode).toBe(400);
    // The resident is no trainee here: not their case log.
    expect((await call('resident', 'GET', `/api/education/trainees/${traineeId}`)).statusCode).toBe(404);
    expect(
      (
        await call('resident', 'POST', `/api/education/trainees/${traineeId}/entries`, {
          kind: 'other',
          date: '2026-11-22',
          description: 'x',
        })
      ).statusCode,
    ).toBe(404);

    const before = ok<TraineeDetail>(await call('surgeon', 'GET', `/api/education/trainees/${traineeId}`));
    expect(before.canSignOff).toBe(true);
    const keys = before.caseLog.map((e) => e.key);
    expect(keys).toContain(`entry:${entry.id}`);
    expect(
      (
        await call('surgeon', 'POST', `/api/education/trainees/${traineeId}/sign-off`, {
          keys: ['op:00000000-0000-4000-8000-000000000000'],
        })
      ).statusCode,
    ).toBe(400);
    expect(ok<{ signed: number }>(await call('surgeon', 'POST', `/api/education/trainees/${traineeId}/sign-off`, { keys })).signed).toBe(
      keys.length,
    );
    expect(ok<{ signed: number }>(await call('surgeon', 'POST', `/api/education/trainees/${traineeId}/sign-off`, { keys })).signed).toBe(0);
    const after = ok<TraineeDetail>(await call('student', 'GET', `/api/education/trainees/${traineeId}`));
    expect(after.caseLog.every((e) => e.signedOff !== null)).toBe(true);
    expect(after.totals.signedOff).toBe(keys.length);
  });

  it('keeps milestones and prints a Chinese summary PDF', async () => {
    const { call, ok } = api;
    ok(
      await put('surgeon', `/api/education/trainees/${traineeId}/milestones`, {
        kind: 'proposal',
        plannedOn: '2026-03-01',
        completedOn: '2026-03-05',
      }),
    );
    const d = ok<TraineeDetail>(await call('student', 'GET', `/api/education/trainees/${traineeId}`));
    expect(d.milestones.find((m) => m.kind === 'proposal')).toMatchObject({ plannedOn: '2026-03-01', completedOn: '2026-03-05' });
    expect((await put('student', `/api/education/trainees/${traineeId}/milestones`, { kind: 'midterm' })).statusCode).toBe(403);

    const res = await w.app.inject({
      method: 'GET',
      url: `/api/education/trainees/${traineeId}/summary.pdf`,
      headers: { cookie: await w.as('student') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('硕士研究生培养记录');
    expect(text).toContain('腹腔镜胃癌根治术学习曲线研究');
    expect(inkRatio(renderFirstPage(res.rawPayload))).toBeGreaterThan(0.005);
  });

  it('lists only their own record to a trainee', async () => {
    const { call, ok } = api;
    expect(ok<{ items: unknown[] }>(await call('student', 'GET', '/api/education/trainees')).items).toHaveLength(1);
    expect(ok<{ items: unknown[] }>(await call('resident', 'GET', '/api/education/trainees')).items).toHaveLength(0);
    expect(ok<{ items: unknown[] }>(await call('surgeon', 'GET', '/api/education/trainees')).items).toHaveLength(1);
  });

  it('counts tumor-board attendance with the CME points the department configured', async () => {
    const { call, ok } = api;
    ok(await put('department_head', '/api/education/settings', { mdtCredit: { points: 2, category: 'II' } }));
    const mine = ok<{ total: number; items: unknown[] }>(await call('student', 'GET', '/api/education/credits/me?year=2026'));
    expect(mine).toMatchObject({ total: 2, category: 'II' });
    expect(mine.items).toHaveLength(1);
    const d = ok<TraineeDetail>(await call('student', 'GET', `/api/education/trainees/${traineeId}`));
    expect(d.totals.mdtCredits).toBe(2);
  });
});
