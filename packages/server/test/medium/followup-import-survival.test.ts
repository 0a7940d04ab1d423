import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '@gisurg/clinical';
import { addDays } from '@gisurg/contracts';
import { FOLLOW_UP_IMPORT_TYPES, type FollowUpImportReport, type Survival } from '@gisurg/contracts/followup';
import { actorFor } from '../../src/cli/import-oncology.js';
import { importOncologyRows } from '../../src/features/oncology-record/import/import-rows.js';
import { apiCalls, createTestWorld, type TestWorld } from './support/test-app.js';
import { expectLungBySex, expectLungKaplanMeier, lung, LUNG_T0 } from './support/lung.js';

/**
 * Acceptance point 2 of issue 11, through the imports: survival::lung (R fixture
 * packages/clinical/test/stats/fixtures/lung.json) is loaded as a department would load its history —
 * patients, diagnoses (2020-01-01) and an operation through the oncology import, then one follow-up contact
 * per patient `time` days later (dead or alive) through POST /api/follow-up/import as a CSV file — and
 * POST /api/analytics/survival must equal R to 1e-6 (as followup-survival.test.ts does for the API).
 */
const T0 = LUNG_T0;

let w: TestWorld;
let api: ReturnType<typeof apiCalls>;
let report: FollowUpImportReport;
beforeAll(async () => {
  w = await createTestWorld();
  api = apiCalls(w);
  const { time, event, sex } = lung.columns;
  const surgeon = w.users.surgeon.username;
  const cases = time.map((_, i) => {
    const s = sex[i] === 1 ? 'male' : 'female';
    const birthDate = addDays('1940-01-01', i * 17);
    return {
      line: i + 2,
      values: {
        inpatient_no: `LUNG${i}`,
        id_number: makeResidentId({ areaCode: '330106', birthDate, sequence: 100 + i, sex: s }),
        name: `肺癌${i}`,
        sex: s,
        birth_date: birthDate,
        site: 'colon',
        icd10: 'C18.7',
        diagnosis_date: T0,
        operation_date: T0,
        urgency: 'elective',
        intent: 'curative',
        approach: 'open',
        procedures: 'sigmoidectomy',
        surgeon,
      },
    };
  });
  const actor = (await actorFor(w.db, surgeon))!;
  const meta = { requestId: 'lung-import', clientIp: null, userAgent: 'test' };
  const oncology = await importOncologyRows({ db: w.db, actor, meta, locale: 'en', clock: w.clock, timeZone: 'Asia/Shanghai' }, cases, {
    strict: true,
  });
  if (oncology.failed > 0) throw new Error(JSON.stringify(oncology.errors.slice(0, 5)));

  const lines = ['住院号,随访日期,随访结果,死亡日期,死亡原因'];
  time.forEach((t, i) => {
    const date = addDays(T0, t);
    lines.push(event[i] === 1 ? `LUNG${i},${date},死亡,${date},本病` : `LUNG${i},${date},无瘤生存,,`);
  });
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/follow-up/import',
    headers: { cookie: await w.as('nurse'), 'content-type': FOLLOW_UP_IMPORT_TYPES.csv },
    payload: Buffer.from(`${lines.join('\n')}\n`),
  });
  report = api.ok<FollowUpImportReport>(res);
}, 600_000);
afterAll(async () => w.close());

describe('survival::lung loaded through the imports reproduces R', () => {
  it('imported every contact', () => {
    expect(report).toEqual({
      total: lung.columns.time.length,
      imported: lung.columns.time.length,
      skipped: 0,
      failed: 0,
      dryRun: false,
      errors: [],
    });
  });

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
});
