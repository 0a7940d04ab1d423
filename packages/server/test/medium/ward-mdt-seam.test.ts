import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mdtPlanItems } from '../../src/db/schema/index.js';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';
import { aWard, wardClient } from './support/ward.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld({ startAt: '2026-12-10T02:00:00Z' });
});
afterAll(async () => w.close());

describe('admission → tumor-board plan (recordClinicalEvent seam)', () => {
  it('leaves the item pending when the admission came before the decision', async () => {
    const m = mdtClient(w);
    const patientId = (await aPatient(w.homeOrgId).build(w.db)).id;
    const meeting = (await m.meeting({ startsAt: '2026-12-01T16:00' })).id;
    const item = (
      await m.recommend((await m.submit(meeting, patientId)).id, [{ kind: 'chemotherapy', dueDate: '2026-12-20', requiresAdmission: true }])
    ).items[0]!;
    const ward = await aWard(w.homeOrgId, { beds: 1 }).build(w.db);
    await wardClient(w).admit(patientId, ward.bedIds[0]!, { admittedAt: '2026-12-09T08:00' });
    const [after] = await w.db.select().from(mdtPlanItems).where(eq(mdtPlanItems.id, item.id));
    expect(after!.status).toBe('pending');
  });

  it('delivers a pending plan item that needed an admission, in the same transaction as the admission', async () => {
    const m = mdtClient(w);
    const patientId = (await aPatient(w.homeOrgId).build(w.db)).id;
    const meeting = (await m.meeting({ startsAt: '2026-12-01T16:00' })).id;
    const caseId = (await m.submit(meeting, patientId)).id;
    const item = (await m.recommend(caseId, [{ kind: 'chemotherapy', dueDate: '2026-12-20', requiresAdmission: true }])).items[0]!;
    const ward = await aWard(w.homeOrgId, { beds: 1 }).build(w.db);
    // Admitted after the board decided (10:00 hospital time): the admission carries the plan out.
    // (The clock moves last in this file: sessions idle out after it.)
    w.clock.advance(2 * 3_600_000);
    const fresh = await w.login(w.users.nurse.username);
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/admissions',
      headers: { cookie: fresh },
      payload: { patientId, bedId: ward.bedIds[0]!, admittedAt: '2026-12-10T11:00', source: 'outpatient' },
    });
    expect(res.statusCode).toBe(201);
    const [after] = await w.db.select().from(mdtPlanItems).where(eq(mdtPlanItems.id, item.id));
    expect(after).toMatchObject({ status: 'delivered', deliveredVia: 'admission', deliveredOn: '2026-12-10' });
  });
});
