import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationProcedures } from '../../src/db/schema/index.js';
import { aComplication, aPatient, aUser } from './support/builders.js';
import { auditRowsOf, caller, fieldPaths, oncologyCounts, type ErrorBody } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
let patientId: string;
let diagnosisId: string;
beforeAll(async () => {
  w = await createTestWorld();
  const p = await aPatient(w.homeOrgId, { birthDate: '1958-04-02' }).build(w.db);
  patientId = p.id;
  diagnosisId = (
    await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, {
      site: 'rectum',
      icd10: 'C20',
      diagnosisDate: '2026-01-05',
      clinical: { t: 'T3', n: 'N1a', m: 'M0' },
    })
  ).json<{ id: string }>().id;
});
afterAll(async () => w.close());
const call = caller(() => w);

type Operation = {
  id: string;
  version: number;
  converted: boolean;
  durationMin: number | null;
  startTime: string | null;
  procedures: { code: string; icd9cm3: string }[];
  surgeon: { id: string; displayName: string } | null;
  assistants: { id: string }[];
  postoperativeLosDays: number | null;
  cci: number;
};

function rectal(overrides: Record<string, unknown> = {}) {
  return {
    diagnosisId,
    date: '2026-02-10',
    urgency: 'elective',
    intent: 'curative',
    approach: 'laparoscopic',
    procedures: ['anterior_resection_tme', 'loop_ileostomy'],
    surgeonId: w.users.surgeon.id,
    assistantIds: [w.users.resident.id, w.users.student.id],
    anesthesiaMethod: '1',
    operationLevel: 4,
    incisionClass: 'II',
    startTime: '08:10',
    endTime: '11:45',
    bloodLossMl: 80,
    transfusion: false,
    anastomosis: 'colorectal',
    anastomosisTechnique: 'stapled',
    stoma: 'loop_ileostomy',
    stomaIntent: 'temporary',
    dischargeDate: '2026-02-18',
    ...overrides,
  };
}

describe('POST /api/patients/:id/operations', () => {
  it('records a laparoscopic TME with ICD-9-CM-3 codes, staff, duration from local times and length of stay', async () => {
    const res = await call('surgeon', 'POST', `/api/patients/${patientId}/operations`, rectal());
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json<Operation>();
    expect(o).toMatchObject({
      converted: false,
      durationMin: 215,
      // 08:10 in Asia/Shanghai.
      startTime: '2026-02-10T00:10:00.000Z',
      procedures: [
        { code: 'anterior_resection_tme', icd9cm3: '48.63' },
        { code: 'loop_ileostomy', icd9cm3: '46.01' },
      ],
      surgeon: { id: w.users.surgeon.id },
      postoperativeLosDays: 8,
      cci: 0,
    });
    expect(o.assistants.map((a) => a.id)).toEqual([w.users.resident.id, w.users.student.id]);
    const [audit] = await auditRowsOf(w, res);
    expect(audit).toMatchObject({
      action: 'oncology.operation.create',
      patientId,
      details: { approach: 'laparoscopic', durationMin: 215 },
    });
  });

  it('records a conversion with its reason and incision length; converted operations get the open procedure codes', async () => {
    const res = await call(
      'surgeon',
      'POST',
      `/api/patients/${patientId}/operations`,
      rectal({
        approach: 'converted',
        conversionReason: 'adhesions',
        incisionLengthCm: 14,
        procedures: ['sigmoidectomy'],
        stoma: 'none',
        stomaIntent: null,
        anastomosis: 'colorectal',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Operation>()).toMatchObject({ converted: true, procedures: [{ code: 'sigmoidectomy', icd9cm3: '45.76' }] });
    const lap = await call(
      'surgeon',
      'POST',
      `/api/patients/${patientId}/operations`,
      rectal({ procedures: ['sigmoidectomy'], stoma: 'none', stomaIntent: null }),
    );
    expect(lap.json<Operation>().procedures).toEqual([{ code: 'sigmoidectomy', icd9cm3: '17.36', label: expect.any(Object) }]);
  });

  it('accepts full ISO times with an offset, and a minimal body', async () => {
    const res = await call('resident', 'POST', `/api/patients/${patientId}/operations`, {
      date: '2026-02-12',
      approach: 'open',
      procedures: ['laparotomy_exploratory'],
      startTime: '2026-02-12T22:30:00+08:00',
      endTime: '2026-02-13T01:00:00+08:00',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Operation>()).toMatchObject({ durationMin: 150, converted: false });
  });

  it('refuses impossible operations with a message per field, writing nothing', async () => {
    const nurseAsSurgeon = w.users.nurse.id;
    const other = await aUser('surgeon', w.orgA).build(w.db);
    const otherPatient = await aPatient(w.homeOrgId).build(w.db);
    const otherDiagnosis = (
      await call('surgeon', 'POST', `/api/patients/${otherPatient.id}/diagnoses`, {
        site: 'colon',
        icd10: 'C18.2',
        diagnosisDate: '2026-01-01',
      })
    ).json<{ id: string }>().id;
    const before = await oncologyCounts(w);
    const cases: [Record<string, unknown>, string[]][] = [
      [rectal({ startTime: '12:00', endTime: '08:00' }), ['endTime']],
      [rectal({ startTime: '2026-02-11T08:00:00+08:00', endTime: '2026-02-11T11:00:00+08:00' }), ['startTime']],
      [rectal({ startTime: null, endTime: '11:00' }), ['endTime']],
      [rectal({ startTime: '8 点' }), ['startTime']],
      [rectal({ dischargeDate: '2026-02-01' }), ['dischargeDate']],
      [rectal({ date: '2027-01-01', startTime: null, endTime: null, dischargeDate: null }), ['date']],
      [rectal({ approach: 'converted' }), ['conversionReason']],
      [rectal({ conversionReason: 'bleeding' }), ['conversionReason']],
      [rectal({ procedures: ['gastrectomy_everything'] }), ['procedures[0]']],
      [rectal({ procedures: ['sigmoidectomy', 'sigmoidectomy'] }), ['procedures[1]']],
      [rectal({ procedures: [] }), ['procedures']],
      [rectal({ surgeonId: nurseAsSurgeon }), ['surgeonId']],
      [rectal({ surgeonId: other.id }), ['surgeonId']],
      [rectal({ assistantIds: [w.users.surgeon.id] }), ['assistantIds[0]']],
      [rectal({ diagnosisId: otherDiagnosis }), ['diagnosisId']],
      [rectal({ transfusion: false, rbcUnits: 2 }), ['transfusion']],
      [rectal({ stoma: 'none' }), ['stomaIntent']],
      [rectal({ anastomosis: 'none' }), ['anastomosisTechnique']],
      [rectal({ approach: 'open', incisionClass: '0' }), ['incisionClass']],
      [rectal({ operationLevel: 5 }), ['operationLevel']],
      [rectal({ anesthesiaMethod: '99' }), ['anesthesiaMethod']],
      [rectal({ version: 3 }), ['']],
    ];
    for (const [body, paths] of cases) {
      const res = await call('surgeon', 'POST', `/api/patients/${patientId}/operations`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldPaths(res), JSON.stringify(body)).toEqual(paths);
    }
    expect(await oncologyCounts(w)).toEqual(before);
  });

  it('says why in Chinese and English: end before start', async () => {
    const res = await call('surgeon', 'POST', `/api/patients/${patientId}/operations`, rectal({ startTime: '12:00', endTime: '08:00' }));
    expect(res.json<ErrorBody>().error.details!.fields![0]).toMatchObject({
      messageZh: '手术结束时间必须晚于开始时间。',
      messageEn: 'The end of the operation must be after its start.',
    });
  });
});

describe('GET and PATCH /api/operations/:id', () => {
  it('reads one operation (audited) with an ETag', async () => {
    const o = (await call('surgeon', 'POST', `/api/patients/${patientId}/operations`, rectal())).json<Operation>();
    const res = await call('nurse', 'GET', `/api/operations/${o.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('W/"1"');
    expect((await auditRowsOf(w, res))[0]).toMatchObject({ action: 'oncology.operation.read', patientId });
  });

  it('edits the merged record: procedures replaced, codes follow the approach, duration recomputed', async () => {
    const o = (await call('surgeon', 'POST', `/api/patients/${patientId}/operations`, rectal())).json<Operation>();
    const res = await call('surgeon', 'PATCH', `/api/operations/${o.id}`, {
      version: 1,
      approach: 'open',
      procedures: ['sigmoidectomy'],
      stoma: 'none',
      stomaIntent: null,
      endTime: '12:45',
      healingGrade: 'jia',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Operation>()).toMatchObject({
      version: 2,
      durationMin: 275,
      procedures: [{ code: 'sigmoidectomy', icd9cm3: '45.76' }],
    });
    const rows = await w.db.select().from(operationProcedures).where(eq(operationProcedures.operationId, o.id));
    expect(rows).toHaveLength(1);
    const [audit] = await auditRowsOf(w, res);
    expect(audit?.details).toMatchObject({
      changes: { approach: ['laparoscopic', 'open'], procedures: [['anterior_resection_tme', 'loop_ileostomy'], ['sigmoidectomy']] },
    });
  });

  it('gives the stale writer 409; of many concurrent editors exactly one wins', async () => {
    const o = (await call('surgeon', 'POST', `/api/patients/${patientId}/operations`, rectal())).json<Operation>();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => call('surgeon', 'PATCH', `/api/operations/${o.id}`, { version: 1, bloodLossMl: 100 + i })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(5);
    expect(results.find((r) => r.statusCode === 409)!.json<ErrorBody>().error.details?.currentVersion).toBe(2);
  });

  it('refuses a new date after a recorded complication; recomputes the CCI when the date moves', async () => {
    const o = (
      await call(
        'surgeon',
        'POST',
        `/api/patients/${patientId}/operations`,
        rectal({ startTime: null, endTime: null, dischargeDate: null }),
      )
    ).json<Operation>();
    await call('surgeon', 'POST', `/api/operations/${o.id}/complications`, { date: '2026-03-20', type: 'ileus', grade: 'II' });
    expect((await call('surgeon', 'GET', `/api/operations/${o.id}`)).json<Operation>().cci).toBe(0);
    const moved = await call('surgeon', 'PATCH', `/api/operations/${o.id}`, { version: 1, date: '2026-03-01' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<Operation>().cci).toBe(20.9);
    expect(moved.json<{ complications: { dayAfterOperation: number }[] }>().complications[0]!.dayAfterOperation).toBe(19);
    const bad = await call('surgeon', 'PATCH', `/api/operations/${o.id}`, { version: 2, date: '2026-03-25' });
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad)).toEqual(['date']);
  });
});

describe('DELETE /api/operations/:id', () => {
  it('is refused while complications hang on it; otherwise soft-deletes with the reason', async () => {
    const o = (await call('surgeon', 'POST', `/api/patients/${patientId}/operations`, rectal())).json<Operation>();
    await aComplication({ id: o.id, patientId }, { occurredOn: '2026-02-12' }).build(w.db);
    const refused = await call('surgeon', 'DELETE', `/api/operations/${o.id}`, { version: 1, reason: '误录' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().error).toMatchObject({ code: 'INVALID_STATE', details: { complications: 1 } });
    const o2 = (await call('surgeon', 'POST', `/api/patients/${patientId}/operations`, rectal())).json<Operation>();
    const res = await call('surgeon', 'DELETE', `/api/operations/${o2.id}`, { version: 1, reason: '误录' });
    expect(res.statusCode).toBe(200);
    expect((await call('surgeon', 'GET', `/api/operations/${o2.id}`)).statusCode).toBe(404);
    expect((await auditRowsOf(w, res))[0]).toMatchObject({ action: 'oncology.operation.delete', details: { reason: '误录' } });
  });
});

describe('operations and tenants', () => {
  it('external doctors read their own organization’s operations and nobody else’s', async () => {
    const own = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db);
    const o = (
      await call('surgeon', 'POST', `/api/patients/${own.id}/operations`, {
        date: '2026-02-01',
        approach: 'open',
        procedures: ['appendectomy'],
      })
    ).json<Operation>();
    expect((await call('external_doctor', 'GET', `/api/operations/${o.id}`)).statusCode).toBe(200);
    expect((await call('extB', 'GET', `/api/operations/${o.id}`)).statusCode).toBe(404);
    expect((await call('external_doctor', 'PATCH', `/api/operations/${o.id}`, { version: 1, notes: 'x' })).statusCode).toBe(403);
  });
});
