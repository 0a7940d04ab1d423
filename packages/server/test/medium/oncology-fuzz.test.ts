import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anOperation, aDiagnosis, aPatient } from './support/builders.js';
import { caller, oncologyCounts } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Hostile input (trust.md S4, small run): valid bodies of every oncology write route with one field
 * replaced by a wrong-typed, out-of-range or odd value, or an extra key. Never a 5xx, every 4xx is a JSON
 * error without internals, and a refused request writes nothing.
 */
let w: TestWorld;
let patientId: string;
let operationId: string;
let diagnosisId: string;
beforeAll(async () => {
  w = await createTestWorld();
  const p = await aPatient(w.homeOrgId).build(w.db);
  patientId = p.id;
  diagnosisId = (await aDiagnosis(p.id).build(w.db)).id;
  operationId = (await anOperation(p.id, { diagnosisId }).build(w.db)).id;
});
afterAll(async () => w.close());
const call = caller(() => w);

const odd = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constant('2026-02-30'),
  fc.constant('T99'),
  fc.constant(-1),
  fc.constant(1e308),
  fc.constant(-0),
  fc.constant(0.5),
  fc.constant('\u0000\u202e'),
  fc.constant("' OR 1=1--"),
  fc.constant([]),
  fc.constant({}),
  fc.constant([1, 2, 3]),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 20 }),
);

const routes: { name: string; method: 'POST' | 'PUT'; url: () => string; body: () => Record<string, unknown> }[] = [
  {
    name: 'diagnosis',
    method: 'POST',
    url: () => `/api/patients/${patientId}/diagnoses`,
    body: () => ({ site: 'stomach', icd10: 'C16.3', diagnosisDate: '2026-01-15', clinical: { t: 'T3', n: 'N1', m: 'M0' } }),
  },
  {
    name: 'marker',
    method: 'POST',
    url: () => `/api/patients/${patientId}/markers`,
    body: () => ({ marker: 'CEA', value: 3, date: '2026-03-01', upperLimit: 5 }),
  },
  {
    name: 'performance status',
    method: 'POST',
    url: () => `/api/patients/${patientId}/performance-status`,
    body: () => ({ date: '2026-03-01', ecog: 1, kps: 80 }),
  },
  {
    name: 'operation',
    method: 'POST',
    url: () => `/api/patients/${patientId}/operations`,
    body: () => ({
      diagnosisId,
      date: '2026-02-02',
      approach: 'laparoscopic',
      procedures: ['gastrectomy_distal_d2'],
      startTime: '08:00',
      endTime: '11:00',
      bloodLossMl: 50,
      transfusion: false,
    }),
  },
  {
    name: 'pathology',
    method: 'PUT',
    url: () => `/api/operations/${operationId}/pathology`,
    body: () => ({ t: 'T3', nodesExamined: 22, nodesPositive: 5, m: 'M0', margin: 'R0' }),
  },
  {
    name: 'peritoneal',
    method: 'PUT',
    url: () => `/api/operations/${operationId}/peritoneal`,
    body: () => ({
      pci: { regions: [1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0], timing: 'laparoscopic' },
      residualMm: null,
      bsaM2: 1.7,
      hipec: {
        timing: 'intraoperative-after-crs',
        technique: 'open',
        carrierVolumeL: 4,
        drugs: [{ drug: 'mitomycin-c', dose: 35, doseBasis: 'mg/m2' }],
      },
    }),
  },
  {
    name: 'complication',
    method: 'POST',
    url: () => `/api/operations/${operationId}/complications`,
    body: () => ({ date: '2026-02-05', type: 'ileus', grade: 'II' }),
  },
];

describe('oncology write routes under hostile input', () => {
  for (const route of routes) {
    it(`${route.name}: never 5xx, and a refused body writes nothing`, async () => {
      const keys = Object.keys(route.body());
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...keys, 'version', 'organizationId', '__proto__', 'createdBy'), odd, async (key, value) => {
          const body = route.body();
          body[key] = value;
          const before = await oncologyCounts(w);
          const res = await call('surgeon', route.method, route.url(), body);
          expect(res.statusCode, `${key}=${JSON.stringify(value)}: ${res.body}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.body).not.toMatch(/ at |\.ts:|SELECT |node_modules/);
            expect(await oncologyCounts(w)).toEqual(before);
          }
        }),
        { numRuns: 40, seed: 20261126 },
      );
    });
  }
});
