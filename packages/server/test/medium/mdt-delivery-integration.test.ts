import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Decision to delivery across features (issues 5 and 7): recording the recommended operation in the
 * oncology record turns the board's pending item into delivered, in the same transaction.
 */
type Tracking = { items: { id: string; caseId: string; patientId: string; kind: string; status: string }[] };

let w: TestWorld;
let m: ReturnType<typeof mdtClient>;
beforeAll(async () => {
  w = await createTestWorld({ startAt: '2026-11-26T02:00:00Z' });
  m = mdtClient(w);
});
afterAll(async () => w.close());

async function decidedCase(kind: string): Promise<{ patientId: string; itemId: string }> {
  const p = await aPatient(w.homeOrgId).build(w.db);
  const meeting = (await m.meeting({ kind: 'intra' })).id;
  const c = await m.submit(meeting, p.id);
  const rec = await m.recommend(c.id, [{ kind, dueDate: '2026-12-31' }]);
  return { patientId: p.id, itemId: rec.items[0]!.id };
}

const recordOperation = async (patientId: string, procedures: string[], date = '2026-11-26') =>
  w.app.inject({
    method: 'POST',
    url: `/api/patients/${patientId}/operations`,
    headers: { cookie: await w.as('surgeon') },
    payload: { date, approach: 'open', procedures },
  });

const statusOf = async (itemId: string) => {
  const all = await m.call('mdt_coordinator', 'GET', '/api/mdt/tracking');
  const res = await m.call('mdt_coordinator', 'GET', '/api/mdt/tracking?status=delivered');
  const delivered = res.json<Tracking>().items.some((i) => i.id === itemId);
  return delivered ? 'delivered' : all.json<Tracking>().items.find((i) => i.id === itemId)?.status;
};

describe('an operation recorded after the board carries out its recommendation', () => {
  it('delivers a pending surgery item', async () => {
    const { patientId, itemId } = await decidedCase('surgery');
    expect(await statusOf(itemId)).toBe('pending');
    const op = await recordOperation(patientId, ['gastrectomy_distal_d2']);
    expect(op.statusCode).toBe(201);
    expect(await statusOf(itemId)).toBe('delivered');
  });

  it('delivers a CRS + HIPEC item only with a cytoreductive or HIPEC procedure', async () => {
    const { patientId, itemId } = await decidedCase('crs_hipec');
    expect((await recordOperation(patientId, ['diagnostic_laparoscopy'])).statusCode).toBe(201);
    expect(await statusOf(itemId)).toBe('pending');
    expect((await recordOperation(patientId, ['crs', 'hipec'])).statusCode).toBe(201);
    expect(await statusOf(itemId)).toBe('delivered');
  });

  it('leaves the item pending when the operation is refused (nothing written)', async () => {
    const { patientId, itemId } = await decidedCase('surgery');
    expect((await recordOperation(patientId, ['no_such_procedure'])).statusCode).toBe(400);
    expect(await statusOf(itemId)).toBe('pending');
  });
});
