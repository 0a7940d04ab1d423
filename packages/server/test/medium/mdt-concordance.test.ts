import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

type Counts = { cases: number; delivered: number; partly: number; notDelivered: number; pending: number; concordanceRate: number | null };
type Concordance = {
  overall: Counts;
  byTumorGroup: (Counts & { tumorGroup: string })[];
  byMeeting: (Counts & { meetingId: string })[];
  byMonth: (Counts & { month: string })[];
  items: { delivered: number; notDelivered: number; pending: number; overdue: number };
  notDeliveredReasons: { reason: string; count: number }[];
};

let w: TestWorld;
let m: ReturnType<typeof mdtClient>;
let gastric: string;
let peritoneal: string;
beforeAll(async () => {
  w = await createTestWorld();
  m = mdtClient(w);
  gastric = (await m.meeting({ tumorGroup: 'gastric', startsAt: '2026-10-13T16:00' })).id;
  peritoneal = (await m.meeting({ tumorGroup: 'peritoneal', startsAt: '2026-11-10T16:00' })).id;
  const decide = async (board: string, closeWith: ('deliver' | 'not' | null)[]) => {
    const c = await m.submit(board, (await aPatient(w.homeOrgId).build(w.db)).id);
    const rec = await m.recommend(
      c.id,
      closeWith.map(() => ({ kind: 'imaging', dueDate: '2026-11-20' })),
    );
    for (const [i, how] of closeWith.entries()) {
      const id = rec.items[i]!.id;
      if (how === 'deliver') m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/tracking/${id}/deliver`, { evidence: '报告' }));
      if (how === 'not')
        m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/tracking/${id}/not-delivered`, { reason: 'patient_choice' }));
    }
  };
  await decide(gastric, ['deliver', 'deliver']); // delivered
  await decide(gastric, ['deliver', 'not']); // partly
  await decide(gastric, ['not']); // not delivered
  await decide(peritoneal, ['deliver']); // delivered
  await decide(peritoneal, ['deliver', null]); // pending (one item open, overdue on 2026-11-26)
  // A case never decided does not count.
  await m.submit(peritoneal, (await aPatient(w.homeOrgId).build(w.db)).id);
});
afterAll(async () => w.close());

describe('GET /api/mdt/concordance', () => {
  it('classifies decided cases as delivered, partly, not delivered or pending', async () => {
    const c = m.ok<Concordance>(await m.call('mdt_coordinator', 'GET', '/api/mdt/concordance'));
    expect(c.overall).toEqual({ cases: 5, delivered: 2, partly: 1, notDelivered: 1, pending: 1, concordanceRate: 0.5 });
    expect(c.items).toEqual({ delivered: 5, notDelivered: 2, pending: 1, overdue: 1 });
    expect(c.notDeliveredReasons).toEqual([{ reason: 'patient_choice', count: 2 }]);
  });

  it('breaks it down per board, tumor group and month', async () => {
    const c = m.ok<Concordance>(await m.call('mdt_coordinator', 'GET', '/api/mdt/concordance'));
    expect(c.byTumorGroup).toEqual([
      expect.objectContaining({ tumorGroup: 'gastric', cases: 3, delivered: 1, partly: 1, notDelivered: 1, concordanceRate: 0.333 }),
      expect.objectContaining({ tumorGroup: 'peritoneal', cases: 2, delivered: 1, pending: 1, concordanceRate: 1 }),
    ]);
    expect(c.byMeeting.map((x) => [x.meetingId, x.cases])).toEqual([
      [gastric, 3],
      [peritoneal, 2],
    ]);
    expect(c.byMonth.map((x) => [x.month, x.cases])).toEqual([
      ['2026-10', 3],
      ['2026-11', 2],
    ]);
  });

  it('filters by period and tumor group', async () => {
    const nov = m.ok<Concordance>(await m.call('mdt_coordinator', 'GET', '/api/mdt/concordance?from=2026-11-01&to=2026-11-30'));
    expect(nov.overall.cases).toBe(2);
    const g = m.ok<Concordance>(await m.call('mdt_coordinator', 'GET', '/api/mdt/concordance?tumorGroup=gastric'));
    expect(g.overall.cases).toBe(3);
    expect((await m.call('mdt_coordinator', 'GET', '/api/mdt/concordance?from=2026-13-01')).statusCode).toBe(400);
  });
});
