import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '@gisurg/clinical';
import { addDays } from '@gisurg/contracts';
import type { Survival } from '@gisurg/contracts/followup';
import { apiCalls, createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Acceptance point 2 of issue 11: survival numbers from data entered through the API equal R's `survival`
 * package. The R output for survival::lung is kept in packages/clinical/test/stats/fixtures/lung.json
 * (make-fixtures.R). Each lung patient becomes a patient with a diagnosis on 2020-01-01 and one contact
 * `time` days later: dead on that day (status 2) or alive (censored).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
interface Fixture {
  columns: { time: number[]; event: (0 | 1)[]; sex: number[] };
  kaplanMeier: {
    confType: string;
    confLevel: number;
    time: number[];
    nEvent: number[];
    nRisk: number[];
    survival: number[];
    lower: (number | null)[];
    upper: (number | null)[];
    median: number | null;
  }[];
  logRank: { groupColumn: string; chiSquare: number; df: number; pValue: number }[];
  cox: { covariates: string[]; ties: string; coefficients: { hazardRatio: number; lower95: number; upper95: number; pValue: number }[] }[];
}
const lung = JSON.parse(readFileSync(path.join(here, '../../../clinical/test/stats/fixtures/lung.json'), 'utf8')) as Fixture;
const T0 = '2020-01-01';
const TOL = 1e-6;

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

const close = (a: number | null | undefined, b: number | null | undefined, what: string) => {
  if (b === null || b === undefined) expect(a ?? null, what).toBeNull();
  else expect(Math.abs((a as number) - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(TOL);
};

describe('POST /api/analytics/survival reproduces R on survival::lung', () => {
  it('Kaplan–Meier at every event time with log CI, and the median (survfit)', async () => {
    const res = api.ok<Survival>(
      await api.call('surgeon', 'POST', '/api/analytics/survival', { cohort: { site: 'colon' }, endpoint: 'os' }),
    );
    const r = lung.kaplanMeier.find((k) => k.confType === 'log' && k.confLevel === 0.95)!;
    expect(res.n).toBe(lung.columns.time.length);
    expect(res.events).toBe(lung.columns.event.filter((e) => e === 1).length);
    expect(res.groups).toHaveLength(1);
    const g = res.groups[0]!;
    const idx = r.time.map((_, i) => i).filter((i) => r.nEvent[i]! > 0);
    expect(g.km.map((p) => p.time)).toEqual(idx.map((i) => r.time[i]));
    idx.forEach((i, k) => {
      const p = g.km[k]!;
      expect(p.atRisk).toBe(r.nRisk[i]);
      close(p.survival, r.survival[i], `S(${p.time})`);
      close(p.lower, r.lower[i], `lower(${p.time})`);
      close(p.upper, r.upper[i], `upper(${p.time})`);
    });
    close(g.median, r.median, 'median');
  });

  it('log-rank by sex (survdiff) and the Cox hazard ratio (coxph, Efron)', async () => {
    const res = api.ok<Survival>(
      await api.call('surgeon', 'POST', '/api/analytics/survival', { cohort: {}, endpoint: 'os', groupBy: 'sex' }),
    );
    expect(res.groups.map((g) => g.key)).toEqual(['female', 'male']);
    expect(res.groups.map((g) => g.n)).toEqual([90, 137]);
    const lr = lung.logRank.find((l) => l.groupColumn === 'sex')!;
    expect(res.logRank!.df).toBe(lr.df);
    close(res.logRank!.chiSquare, lr.chiSquare, 'chi-square');
    close(res.logRank!.pValue, lr.pValue, 'p');
    // R codes sex 1 = male, 2 = female: its HR is female vs male; ours (reference female) is male vs female.
    const cox = lung.cox.find((c) => c.covariates.join() === 'sex' && c.ties === 'efron')!.coefficients[0]!;
    const row = res.cox!.rows[0]!;
    expect(res.cox!.reference).toBe('female');
    close(row.hr, 1 / cox.hazardRatio, 'HR');
    close(row.lower, 1 / cox.upper95, 'HR lower');
    close(row.upper, 1 / cox.lower95, 'HR upper');
    close(row.pValue, cox.pValue, 'Cox p');
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
