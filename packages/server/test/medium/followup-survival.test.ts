import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '@gisurg/clinical';
import { addDays } from '@gisurg/contracts';
import type { Survival } from '@gisurg/contracts/followup';
import { apiCalls, createTestWorld, type TestWorld } from './support/test-app.js';
import { expectLungBySex, expectLungKaplanMeier, lung, LUNG_T0 } from './support/lung.js';

/**
 * Acceptance point 2 of issue 11: survival numbers from data entered through the API equal R's `survival`
 * package. The R output for survival::lung is kept in packages/clinical/test/stats/fixtures/lung.json
 * (make-fixtures.R). Each lung patient becomes a patient with a diagnosis on 2020-01-01 and one contact
 * `time` days later: dead on that day (status 2) or alive (censored).
 */
const T0 = LUNG_T0;

let w: TestWorld;
let api: ReturnType<typeof apiCalls>;
beforeAll(async () => {
  w = await createTestWorld();
  api = apiCalls(w);
  const { time, event, sex } = lung.columns;
  for (let i = 0; i < time.length; i++) {
    const s = sex[i] === 1 ? 'male' : 'female';
    const birthDate = addDays('1940-01-01', i * 17);
    const p = api.ok<{ id: string }>(
      await api.call('surgeon', 'POST', '/api/patients', {
        name: `肺癌${i}`,
        sex: s,
        birthDate,
        idNumber: makeResidentId({ areaCode: '330106', birthDate, sequence: 100 + i, sex: s }),
        inpatientNo: `LUNG${i}`,
      }),
      201,
    );
    api.ok(await api.call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, { site: 'colon', icd10: 'C18.7', diagnosisDate: T0 }), 201);
    const date = addDays(T0, time[i]!);
    const contact = event[i] === 1 ? { date, status: 'dead', death: { date, cause: 'cancer' } } : { date, status: 'alive_no_disease' };
    api.ok(await api.call('nurse', 'POST', `/api/patients/${p.id}/follow-up/contacts`, contact), 201);
  }
}, 300_000);
afterAll(async () => w.close());

describe('POST /api/analytics/survival reproduces R on survival::lung', () => {
  it('Kaplan–Meier at every event time with log CI, and the median (survfit)', async () => {
    const res = api.ok<Survival>(
      await api.call('surgeon', 'POST', '/api/analytics/survival', { cohort: { site: 'colon' }, endpoint: 'os' }),
    );
    expectLungKaplanMeier(res);
  });

  it('log-rank by sex (survdiff) and the Cox hazard ratio (coxph, Efron)', async () => {
    const res = api.ok<Survival>(
      await api.call('surgeon', 'POST', '/api/analytics/survival', { cohort: {}, endpoint: 'os', groupBy: 'sex' }),
    );
    expectLungBySex(res);
  });

  it('selects diagnoses by diagnosis date (inclusive) and validates the request', async () => {
    const none = api.ok<Survival>(
      await api.call('surgeon', 'POST', '/api/analytics/survival', { cohort: { from: '2020-01-02' }, endpoint: 'os' }),
    );
    expect(none).toMatchObject({ n: 0, events: 0, groups: [] });
    const day = api.ok<Survival>(
      await api.call('researcher', 'POST', '/api/analytics/survival', { cohort: { from: T0, to: T0 }, endpoint: 'dfs' }),
    );
    expect(day.n).toBe(lung.columns.time.length);
    expect((await api.call('surgeon', 'POST', '/api/analytics/survival', { endpoint: 'pfs' })).statusCode).toBe(400);
    expect(
      (await api.call('surgeon', 'POST', '/api/analytics/survival', { cohort: { from: '2020-13-01' }, endpoint: 'os' })).statusCode,
    ).toBe(400);
    expect((await api.call('nurse', 'POST', '/api/analytics/survival', { endpoint: 'os' })).statusCode).toBe(403);
  });
});
