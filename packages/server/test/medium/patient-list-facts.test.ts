import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientListFacts } from '@gisurg/contracts/patients';
import { aDiagnosis, aPatient } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';
import { aWard, wardClient } from './support/ward.js';

/**
 * The patient list's 诊断 / 床位 / 主管医生 columns (issue 16 item 9): contributed by the oncology record and the
 * ward through core/patient-facts.ts, only when the list asks for them (`with=facts`).
 */
let w: TestWorld;
let c: ReturnType<typeof wardClient>;
type Row = { id: string; name: string; facts?: PatientListFacts };

beforeAll(async () => {
  w = await createTestWorld();
  c = wardClient(w);
});
afterAll(async () => w.close());

const list = async (q: string, extra = '&with=facts') =>
  c.ok<{ items: Row[] }>(await c.call('surgeon', 'GET', `/api/patients?q=${encodeURIComponent(q)}${extra}`)).items;

describe('GET /api/patients?with=facts', () => {
  it("gives an inpatient's latest diagnosis, bed, ward and attending surgeon", async () => {
    const ward = await aWard(w.homeOrgId, { beds: 2, name: '胃肠外科一病区' }).build(w.db);
    const p = await aPatient(w.homeOrgId, { name: '列表甲' }).build(w.db);
    await aDiagnosis(p.id, { site: 'colon', icd10: 'C18.7', diagnosisDate: '2024-03-01' }).build(w.db);
    await aDiagnosis(p.id, { site: 'stomach', icd10: 'C16.3', diagnosisDate: '2026-10-20' }).build(w.db);
    await c.admit(p.id, ward.bedIds[1]!, { attendingSurgeonId: w.users.surgeon.id });
    const [row] = await list('列表甲');
    expect(row?.facts).toEqual({
      diagnosis: { icd10: 'C16.3', site: 'stomach' },
      bed: expect.stringMatching(/-02$/),
      ward: '胃肠外科一病区',
      attending: '测试surgeon',
    });
  });

  it('gives nulls for what nobody recorded, and nothing unless asked', async () => {
    await aPatient(w.homeOrgId, { name: '列表乙' }).build(w.db);
    expect((await list('列表乙'))[0]?.facts).toEqual({ diagnosis: null, bed: null, ward: null, attending: null });
    expect((await list('列表乙', ''))[0]).not.toHaveProperty('facts');
  });

  it('refuses an unknown value of with (400)', async () => {
    expect((await c.call('surgeon', 'GET', '/api/patients?with=everything')).statusCode).toBe(400);
  });
});
