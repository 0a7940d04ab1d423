import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/db/schema/index.js';
import { anOperation, aPatient } from './support/builders.js';
import { auditRowsOf, caller, fieldPaths, oncologyCounts, type ErrorBody } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());
const call = caller(() => w);

type Complication = {
  id: string;
  version: number;
  grade: string;
  disability: boolean;
  dayAfterOperation: number;
  cci30: number;
  cci90: number;
};
type Operation = { cci: number; cci30: number; cci90: number; highestClavienDindo: string | null; complications: Complication[] };

async function operation(): Promise<{ id: string; patientId: string }> {
  const p = await aPatient(w.homeOrgId).build(w.db);
  const op = await anOperation(p.id, { operationDate: '2026-03-01' }).build(w.db);
  return { id: op.id, patientId: p.id };
}

describe('complications and the CCI', () => {
  it('records Clavien–Dindo grades with the d suffix; the operation reports the CCI over 30 and 90 days', async () => {
    const op = await operation();
    const leak = await call('surgeon', 'POST', `/api/operations/${op.id}/complications`, {
      date: '2026-03-06',
      type: 'anastomotic_leak',
      isrecGrade: 'B',
      grade: 'IIIa',
      treatment: '经皮穿刺引流',
    });
    expect(leak.statusCode, leak.body).toBe(201);
    expect(leak.json<Complication>()).toMatchObject({ grade: 'IIIa', dayAfterOperation: 5, cci30: 26.2, cci90: 26.2 });
    const ssi = await call('resident', 'POST', `/api/operations/${op.id}/complications`, {
      date: '2026-03-10',
      type: 'ssi_superficial',
      grade: 'IId',
    });
    expect(ssi.json<Complication>()).toMatchObject({ grade: 'IId', disability: true, cci30: 33.5 });
    const late = await call('surgeon', 'POST', `/api/operations/${op.id}/complications`, {
      date: '2026-05-15',
      type: 'bowel_obstruction',
      grade: 'IIIb',
    });
    expect(late.json<Complication>()).toMatchObject({ dayAfterOperation: 75, cci30: 33.5, cci90: 47.6 });
    const o = (await call('nurse', 'GET', `/api/operations/${op.id}`)).json<Operation>();
    expect(o).toMatchObject({ cci: 33.5, cci30: 33.5, cci90: 47.6, highestClavienDindo: 'IIIa' });
    expect(o.complications.map((c) => c.grade)).toEqual(['IIIa', 'IId', 'IIIb']);
    const [audit] = await auditRowsOf(w, late);
    expect(audit).toMatchObject({ action: 'oncology.complication.create', patientId: op.patientId, details: { cci30: 33.5, cci90: 47.6 } });
  });

  it('gives CCI 100 for a death (grade V)', async () => {
    const op = await operation();
    await call('surgeon', 'POST', `/api/operations/${op.id}/complications`, {
      date: '2026-03-03',
      type: 'bleeding_intra_abdominal',
      grade: 'IIIb',
    });
    const death = await call('surgeon', 'POST', `/api/operations/${op.id}/complications`, {
      date: '2026-03-09',
      type: 'sepsis',
      grade: 'V',
    });
    expect(death.json<Complication>().cci30).toBe(100);
  });

  it('refuses a complication before the operation, III without a/b, Vd, ISREC for a non-leak, an undescribed "other", writing nothing', async () => {
    const op = await operation();
    const before = await oncologyCounts(w);
    const res = await call('surgeon', 'POST', `/api/operations/${op.id}/complications`, { date: '2026-02-27', type: 'ileus', grade: 'II' });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.details!.fields).toEqual([
      expect.objectContaining({
        path: 'date',
        messageZh: '并发症日期早于手术日期。',
        messageEn: 'The complication date is before the operation date.',
      }),
    ]);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ date: '2026-03-05', type: 'ileus', grade: 'III' }, ['grade']],
      [{ date: '2026-03-05', type: 'ileus', grade: 'Vd' }, ['grade']],
      [{ date: '2026-03-05', type: 'ileus', grade: 'II', isrecGrade: 'A' }, ['isrecGrade']],
      [{ date: '2026-03-05', type: 'other', grade: 'II' }, ['typeOther']],
      [{ date: '2026-03-05', type: 'dragon_bite', grade: 'II' }, ['type']],
      [{ date: '2027-03-05', type: 'ileus', grade: 'II' }, ['date']],
    ];
    for (const [body, paths] of cases) {
      const r = await call('surgeon', 'POST', `/api/operations/${op.id}/complications`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldPaths(r), JSON.stringify(body)).toEqual(paths);
    }
    expect(await oncologyCounts(w)).toEqual(before);
  });

  it('edits (version, 409 when stale) and deletes with a reason, recomputing the CCI each time', async () => {
    const op = await operation();
    const c = (
      await call('surgeon', 'POST', `/api/operations/${op.id}/complications`, { date: '2026-03-05', type: 'pneumonia', grade: 'II' })
    ).json<Complication>();
    const up = await call('surgeon', 'PATCH', `/api/complications/${c.id}`, { version: 1, grade: 'IVa' });
    expect(up.json<Complication>()).toMatchObject({ version: 2, cci30: 42.4 });
    expect((await call('resident', 'PATCH', `/api/complications/${c.id}`, { version: 1, grade: 'I' })).statusCode).toBe(409);
    const del = await call('surgeon', 'DELETE', `/api/complications/${c.id}`, { version: 2, reason: '非术后并发症' });
    expect(del.statusCode).toBe(200);
    const [row] = await w.db.select().from(operations).where(eq(operations.id, op.id));
    expect(row).toMatchObject({ cci30: 0, cci90: 0, complicationCount: 0, highestClavienDindo30: null, version: 1 });
    expect((await auditRowsOf(w, del))[0]).toMatchObject({
      action: 'oncology.complication.delete',
      details: { reason: '非术后并发症', cci30: 0 },
    });
  });
});
