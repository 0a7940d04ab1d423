import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSettings } from '../../src/db/schema/index.js';
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
    });
    const other = c.ok<{ hospitals: unknown[] }>(await c.call('department_head', 'GET', '/api/consultations/figures?year=2025'));
    expect(other.hospitals).toEqual([]);
    // The hospital's own doctor sees only their hospital.
    const own = c.ok<{ hospitals: { organizationId: string }[] }>(await c.call(me, 'GET', '/api/consultations/figures?year=2026'));
    expect(own.hospitals.map((h) => h.organizationId)).toEqual([org.id]);
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
