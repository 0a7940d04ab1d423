import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient } from './support/builders.js';
import { caller } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());
const call = caller(() => w);

describe('OpenAPI', () => {
  it('lists the oncology routes with their schemas', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/patients/{id}/diagnoses',
        '/api/patients/{id}/operations',
        '/api/operations/{id}',
        '/api/operations/{id}/pathology',
        '/api/operations/{id}/peritoneal',
        '/api/operations/{id}/complications',
        '/api/patients/{id}/oncology-summary',
        '/api/procedures',
      ]),
    );
  });
});

/** The "Contract used by outside checks" of issue 5, exactly as written there. */
describe('issue 5 contract', () => {
  it('diagnosis → operation → pathology → peritoneal → complication → summary', async () => {
    const patient = await aPatient(w.homeOrgId).build(w.db);
    const d = await call('surgeon', 'POST', `/api/patients/${patient.id}/diagnoses`, {
      site: 'stomach',
      icd10: 'C16.3',
      diagnosisDate: '2026-01-15',
      clinical: { t: 'T3', n: 'N1', m: 'M0' },
    });
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json()).toMatchObject({ id: expect.any(String), clinicalStage: 'III' });

    const procedures = await call('surgeon', 'GET', '/api/procedures');
    expect(procedures.statusCode).toBe(200);
    const codes = procedures.json<{ items: { code: string }[] }>().items.map((p) => p.code);
    expect(codes).toContain('gastrectomy_distal_d2');

    const op = await call('surgeon', 'POST', `/api/patients/${patient.id}/operations`, {
      diagnosisId: d.json<{ id: string }>().id,
      date: '2026-02-02',
      approach: 'laparoscopic',
      procedures: ['gastrectomy_distal_d2'],
      startTime: '2026-02-02T08:30:00+08:00',
      endTime: '2026-02-02T12:00:00+08:00',
    });
    expect(op.statusCode, op.body).toBe(201);
    const opId = op.json<{ id: string }>().id;
    expect(op.json()).toMatchObject({ durationMin: 210, procedures: [{ code: 'gastrectomy_distal_d2', icd9cm3: '43.7' }] });

    const path = await call('surgeon', 'PUT', `/api/operations/${opId}/pathology`, {
      t: 'T3',
      nodesExamined: 22,
      nodesPositive: 5,
      m: 'M0',
      margin: 'R0',
    });
    expect(path.statusCode, path.body).toBe(200);
    expect(path.json()).toMatchObject({ n: 'N2', pathologicalStage: 'IIIA', lymphNodesAdequate: true });

    const regions = [1, 2, 0, 0, 0, 0, 3, 0, 0, 1, 0, 0, 0];
    const per = await call('surgeon', 'PUT', `/api/operations/${opId}/peritoneal`, {
      pci: { regions, timing: 'surgical-pre-crs' },
      residualMm: null,
    });
    expect(per.statusCode, per.body).toBe(200);
    expect(per.json()).toMatchObject({ pciTotal: 7, cc: 'CC-0' });

    const comp = await call('surgeon', 'POST', `/api/operations/${opId}/complications`, {
      grade: 'II',
      type: 'pneumonia',
      date: '2026-02-06',
    });
    expect(comp.statusCode, comp.body).toBe(201);

    const summary = await call('surgeon', 'GET', `/api/patients/${patient.id}/oncology-summary`);
    expect(summary.statusCode, summary.body).toBe(200);
    const s = summary.json<{ diagnoses: unknown[]; operations: unknown[] }>();
    expect(s.diagnoses).toEqual([
      expect.objectContaining({ id: d.json<{ id: string }>().id, clinicalStage: 'III', pathologicalStage: 'IIIA' }),
    ]);
    expect(s.operations).toEqual([expect.objectContaining({ id: opId, approach: 'laparoscopic', pciTotal: 7, cc: 'CC-0', cci: 20.9 })]);
  });
});
