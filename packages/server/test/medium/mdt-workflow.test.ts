import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor.js';
import { WORKLIST_QUERIES, findStuck } from '../../src/features/mdt/worklists.js';
import { WORKFLOWS, type StateInfo, type Workflow } from '../../src/features/mdt/workflow.js';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { actorOf, createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * trust.md S28 "nothing silently disappears": a board, a case or a plan item in every non-terminal state
 * shows up in the worklist the workflow table names for that state, and a "stuck" query finds what has not
 * moved for more than 48 hours.
 */
let w: TestWorld;
let m: ReturnType<typeof mdtClient>;
let coordinator: Actor;
const fixtures: Record<string, Record<string, string>> = { mdt_meeting: {}, mdt_case: {}, mdt_plan_item: {} };

beforeAll(async () => {
  w = await createTestWorld();
  m = mdtClient(w);
  coordinator = actorOf(w, 'mdt_coordinator');
  const patient = async () => (await aPatient(w.homeOrgId).build(w.db)).id;
  const scheduled = (await m.meeting()).id;
  const running = (await m.meeting()).id;
  m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${running}/status`, { action: 'start' }));
  fixtures.mdt_meeting = { scheduled, in_progress: running };
  const submitted = (await m.submit(scheduled, await patient())).id;
  const deferred = (await m.submit(scheduled, await patient())).id;
  m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${deferred}/triage`, { action: 'defer', reason: '等待病理会诊' }));
  const onAgenda = (await m.submit(scheduled, await patient())).id;
  m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${onAgenda}/triage`, { action: 'schedule' }));
  const decided = (await m.submit(scheduled, await patient())).id;
  const rec = await m.recommend(decided, [{ kind: 'surgery', dueDate: '2026-12-20' }]);
  fixtures.mdt_case = { submitted, deferred, scheduled: onAgenda, decided };
  fixtures.mdt_plan_item = { pending: rec.items[0]!.id };
});
afterAll(async () => w.close());

describe('every non-terminal state appears in its worklist', () => {
  for (const wf of WORKFLOWS as readonly Workflow<string, string>[]) {
    for (const [state, info] of Object.entries<StateInfo>(wf.states)) {
      if (info.terminal) continue;
      it(`${wf.entity}.${state} → ${info.worklist} (owner ${info.owner})`, async () => {
        const id = fixtures[wf.entity]?.[state];
        expect(id, `fixture for ${wf.entity}.${state}`).toBeDefined();
        const entries = await WORKLIST_QUERIES[info.worklist!](w.db, coordinator);
        expect(entries).toContainEqual({ entity: wf.entity, id, status: state });
      });
    }
  }
});

describe('the stuck query', () => {
  it('finds a case not triaged, a case left scheduled after its board and a board never closed, after 48 hours', async () => {
    const now = w.clock.now();
    expect((await findStuck(w.db, coordinator, now)).map((s) => s.id)).not.toContain(fixtures.mdt_case!.submitted);
    // The boards start on 2026-12-01; look from three days after.
    const later = new Date('2026-12-04T12:00:00Z');
    const stuck = await findStuck(w.db, coordinator, later);
    const ids = stuck.map((s) => s.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        fixtures.mdt_case!.submitted,
        fixtures.mdt_case!.deferred,
        fixtures.mdt_case!.scheduled,
        fixtures.mdt_meeting!.scheduled,
      ]),
    );
    expect(ids).not.toContain(fixtures.mdt_case!.decided);
    expect(stuck.find((s) => s.id === fixtures.mdt_case!.scheduled)).toMatchObject({
      entity: 'mdt_case',
      status: 'scheduled',
      since: '2026-12-01T08:00:00.000Z',
    });
  });

  it('finds a board left running for more than 48 hours', async () => {
    const running = fixtures.mdt_meeting!.in_progress!;
    expect((await findStuck(w.db, coordinator, new Date(w.clock.now().getTime() + 47 * 3_600_000))).map((s) => s.id)).not.toContain(
      running,
    );
    expect((await findStuck(w.db, coordinator, new Date(w.clock.now().getTime() + 49 * 3_600_000))).map((s) => s.id)).toContain(running);
  });

  it('is on the coordinator worklist', async () => {
    w.clock.set('2026-12-04T12:00:00Z');
    try {
      const cookie = await w.login(w.users.mdt_coordinator.username);
      const res = await w.app.inject({ method: 'GET', url: '/api/mdt/worklist', headers: { cookie } });
      expect(res.json<{ stuck: { id: string }[] }>().stuck.map((s) => s.id)).toContain(fixtures.mdt_case!.submitted);
    } finally {
      w.clock.set('2026-11-26T02:00:00Z');
    }
  });
});
