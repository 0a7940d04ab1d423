/**
 * Agreement with R 4.2 / survival 3.5-3 (issue 4, acceptance point 1): every fixture written by
 * ./fixtures/make-fixtures.R is recomputed here and compared to 1e-6 relative.
 * Set STATS_AGREEMENT_REPORT=1 to print the worst relative error per fixture and quantity.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  coxProportionalHazards,
  dummyCode,
  kaplanMeier,
  logRankTest,
  restrictedMeanSurvival,
  survivalAt,
  type ConfType,
  type CoxTies,
  type GroupValue,
} from '../../src/stats/index.js';
import { isClinicalInputError } from '../../src/errors.js';
import {
  asArray,
  asObject,
  asString,
  asStrings,
  compareNumber,
  compareVectors,
  finiteNumbers,
  fixtureNames,
  loadFixture,
  rNumber,
  rNumbers,
  TOLERANCE,
  worst,
  type Json,
} from './fixtures.js';

const SURVIVAL_FIXTURES = fixtureNames().filter((f) => !['cusum', 'distributions', 'random-small'].includes(f));

function columnsOf(fx: Record<string, Json>): Record<string, Json[]> {
  const cols = asObject(fx.columns);
  return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, asArray(v)]));
}

function survivalData(cols: Record<string, Json[]>): { time: number[]; event: (0 | 1)[] } {
  return {
    time: finiteNumbers(cols.time),
    event: finiteNumbers(cols.event).map((e) => (e === 1 ? 1 : 0)),
  };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isClinicalInputError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

afterAll(() => {
  if (!process.env.STATS_AGREEMENT_REPORT) return;
  // keys are "<fixture> <method> …": report the worst relative error per fixture and method
  const methods = ['km', 'survivalAt', 'rmean', 'logRank', 'cox'];
  const table = new Map<string, Map<string, number>>();
  for (const [key, err] of worst) {
    const [fixture, method] = key.split(' ') as [string, string];
    const row = table.get(fixture) ?? new Map<string, number>();
    row.set(method, Math.max(row.get(method) ?? 0, err));
    table.set(fixture, row);
  }
  const cell = (v: number | undefined): string => (v === undefined ? '–' : v === 0 ? '0' : v.toExponential(1));
  const lines = [`| fixture | ${methods.join(' | ')} |`, `| --- |${' ---: |'.repeat(methods.length)}`];
  for (const [fixture, row] of [...table].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| ${fixture} | ${methods.map((m) => cell(row.get(m))).join(' | ')} |`);
  }
  console.log(lines.join('\n'));
});

type Data = { time: number[]; event: (0 | 1)[] };

function checkKaplanMeier(name: string, data: Data, r: Record<string, Json>): void {
  const confType = r.confType as ConfType;
  const confLevel = rNumber(r.confLevel)!;
  const km = kaplanMeier(data, { confType, confLevel });
  const key = `${name} km ${confType} ${confLevel}`;
  expect(km.time).toEqual(finiteNumbers(r.time));
  expect(km.nRisk).toEqual(finiteNumbers(r.nRisk));
  expect(km.nEvent).toEqual(finiteNumbers(r.nEvent));
  expect(km.nCensor).toEqual(finiteNumbers(r.nCensor));
  expect(compareVectors(`${key} survival`, km.survival, rNumbers(r.survival))).toBeLessThan(TOLERANCE);
  expect(compareVectors(`${key} stdErr`, km.stdErr, rNumbers(r.stdErr))).toBeLessThan(TOLERANCE);
  expect(compareVectors(`${key} stdErrLog`, km.stdErrLogSurvival, rNumbers(r.stdErrLogSurvival))).toBeLessThan(TOLERANCE);
  expect(compareVectors(`${key} lower`, km.lower, rNumbers(r.lower))).toBeLessThan(TOLERANCE);
  expect(compareVectors(`${key} upper`, km.upper, rNumbers(r.upper))).toBeLessThan(TOLERANCE);
  expect(compareNumber(`${key} median`, km.median, rNumber(r.median))).toBeLessThan(TOLERANCE);
  expect(compareNumber(`${key} median`, km.medianLower, rNumber(r.medianLower))).toBeLessThan(TOLERANCE);
  expect(compareNumber(`${key} median`, km.medianUpper, rNumber(r.medianUpper))).toBeLessThan(TOLERANCE);
}

function checkLogRank(name: string, data: Data, cols: Record<string, Json[]>, r: Record<string, Json>): void {
  const group = asArray(cols[asString(r.groupColumn)]) as GroupValue[];
  const run = () => logRankTest({ ...data, group });
  if (new Set(group).size < 2) {
    expect(codeOf(run)).toBe('single_group');
    return;
  }
  if (!data.event.includes(1)) {
    expect(codeOf(run)).toBe('no_events');
    return;
  }
  if (rNumber(r.df)! < 1) {
    expect(codeOf(run)).toBe('not_estimable'); // R: chi-square 0 on 0 df
    return;
  }
  const lr = run();
  const key = `${name} logRank ${asString(r.groupColumn)}`;
  expect(lr.df).toBe(rNumber(r.df));
  expect(compareNumber(`${key} chiSquare`, lr.chiSquare, rNumber(r.chiSquare))).toBeLessThan(TOLERANCE);
  expect(compareNumber(`${key} pValue`, lr.pValue, rNumber(r.pValue))).toBeLessThan(TOLERANCE);
  const groups = asArray(r.groups).map(asObject);
  expect(lr.groups.map((g) => g.group)).toEqual(groups.map((g) => g.group));
  expect(lr.groups.map((g) => g.n)).toEqual(groups.map((g) => rNumber(g.n)));
  expect(lr.groups.map((g) => g.observed)).toEqual(groups.map((g) => rNumber(g.observed)));
  expect(
    compareVectors(
      `${key} expected`,
      lr.groups.map((g) => g.expected),
      groups.map((g) => rNumber(g.expected)),
    ),
  ).toBeLessThan(TOLERANCE);
  expect(compareVectors(`${key} variance`, lr.variance.flat(), asArray(r.variance).flatMap(rNumbers))).toBeLessThan(TOLERANCE);
}

function checkCox(name: string, data: Data, cols: Record<string, Json[]>, r: Record<string, Json>): void {
  const names = asStrings(r.covariates);
  const covariates = Object.fromEntries(names.map((c) => [c, finiteNumbers(cols[c])]));
  const ties = r.ties as CoxTies;
  const fit = () => coxProportionalHazards({ ...data, covariates }, { ties });
  const warnings = asStrings(r.warnings).join(' ');
  // Where R returns NA or warns, the fit is refused with the matching reason.
  if (!data.event.includes(1)) return void expect(codeOf(fit)).toBe('no_events');
  if (r.singular !== undefined) return void expect(codeOf(fit)).toBe('collinear');
  if (/coefficient may be infinite/.test(warnings)) return void expect(codeOf(fit)).toBe('infinite_coefficient');
  if (/Ran out of iterations/.test(warnings)) return void expect(codeOf(fit)).toBe('not_converged');
  expect(warnings).toBe('');
  const cox = fit();
  const key = `${name} cox ${ties} ${names.join('+')}`;
  expect(cox.iterations).toBe(rNumber(r.iterations));
  const rc = asArray(r.coefficients).map(asObject);
  expect(cox.coefficients.map((c) => c.name)).toEqual(rc.map((c) => c.name));
  for (const field of ['coef', 'hazardRatio', 'se', 'z', 'pValue', 'lower95', 'upper95'] as const) {
    const err = compareVectors(
      `${key} ${field}`,
      cox.coefficients.map((c) => c[field]),
      rc.map((c) => rNumber(c[field])),
    );
    expect(err, field).toBeLessThan(TOLERANCE);
  }
  expect(compareVectors(`${key} variance`, cox.variance.flat(), asArray(r.variance).flatMap(rNumbers))).toBeLessThan(TOLERANCE);
  expect(compareNumber(`${key} logLik`, cox.logLikelihood, rNumber(r.logLikelihood))).toBeLessThan(TOLERANCE);
  expect(compareNumber(`${key} logLik`, cox.logLikelihoodNull, rNumber(r.logLikelihoodNull))).toBeLessThan(TOLERANCE);
  for (const test of ['likelihoodRatioTest', 'waldTest', 'scoreTest'] as const) {
    const rt = asObject(r[test]);
    expect(cox[test].df).toBe(rNumber(rt.df));
    expect(compareNumber(`${key} tests`, cox[test].chiSquare, rNumber(rt.chiSquare)), test).toBeLessThan(TOLERANCE);
    expect(compareNumber(`${key} tests`, cox[test].pValue, rNumber(rt.pValue)), test).toBeLessThan(TOLERANCE);
  }
  const rcc = asObject(r.concordance);
  const cc = cox.concordance;
  expect([cc.concordant, cc.discordant, cc.tiedRisk, cc.tiedTime, cc.tiedRiskAndTime]).toEqual(
    [rcc.concordant, rcc.discordant, rcc.tiedRisk, rcc.tiedTime, rcc.tiedRiskAndTime].map(rNumber),
  );
  expect(compareNumber(`${key} concordance`, cc.concordance, rNumber(rcc.concordance))).toBeLessThan(TOLERANCE);
  expect(compareNumber(`${key} concordance`, cc.stdErr, rNumber(rcc.stdErr))).toBeLessThan(TOLERANCE);
}

describe.each(SURVIVAL_FIXTURES)('R agreement: %s', (name) => {
  const fx = loadFixture(name);
  const cols = columnsOf(fx);
  const data = survivalData(cols);

  it.each(asArray(fx.kaplanMeier).map(asObject))('kaplanMeier $confType $confLevel', (r) => checkKaplanMeier(name, data, r));

  it.each(asArray(fx.survivalAt).map(asObject))('survivalAt ($confType)', (r) => {
    const km = kaplanMeier(data, { confType: r.confType as ConfType });
    const times = finiteNumbers(r.times);
    const at = times.map((t) => survivalAt(km, t));
    const key = `${name} survivalAt`;
    expect(at.map((a) => a.nRisk)).toEqual(finiteNumbers(r.nRisk));
    expect(
      compareVectors(
        key,
        at.map((a) => a.survival),
        rNumbers(r.survival),
      ),
    ).toBeLessThan(TOLERANCE);
    expect(
      compareVectors(
        key,
        at.map((a) => a.stdErr),
        rNumbers(r.stdErr),
      ),
    ).toBeLessThan(TOLERANCE);
    expect(
      compareVectors(
        key,
        at.map((a) => a.lower),
        rNumbers(r.lower),
      ),
    ).toBeLessThan(TOLERANCE);
    expect(
      compareVectors(
        key,
        at.map((a) => a.upper),
        rNumbers(r.upper),
      ),
    ).toBeLessThan(TOLERANCE);
  });

  it.each(asArray(fx.restrictedMean).map(asObject))('restrictedMeanSurvival tau=$tau', (r) => {
    const rm = restrictedMeanSurvival(kaplanMeier(data), rNumber(r.tau)!);
    expect(compareNumber(`${name} rmean`, rm.rmean, rNumber(r.rmean))).toBeLessThan(TOLERANCE);
    expect(compareNumber(`${name} rmean`, rm.stdErr, rNumber(r.stdErr))).toBeLessThan(TOLERANCE);
  });

  it.each(asArray(fx.logRank).map(asObject))('logRankTest by $groupColumn', (r) => checkLogRank(name, data, cols, r));

  it.each(asArray(fx.cox).map(asObject))('coxProportionalHazards $ties ~ $covariates', (r) => checkCox(name, data, cols, r));
});

describe('R agreement: random-small (60 small data sets)', () => {
  const cases = asArray(loadFixture('random-small').cases).map(asObject);
  it.each(cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const cols = columnsOf(c);
    const data = survivalData(cols);
    checkKaplanMeier('random-small', data, asObject(c.kaplanMeier));
    checkLogRank('random-small', data, cols, asObject(c.logRank));
    checkCox('random-small', data, cols, asObject(c.cox));
  });
});

describe('dummyCode reproduces R model.matrix columns', () => {
  it('codes veteran celltype with reference squamous as R does', () => {
    const cols = columnsOf(loadFixture('veteran'));
    const coded = dummyCode(asArray(cols.celltype) as string[], { reference: 'squamous', prefix: 'celltype' });
    expect(Object.keys(coded)).toEqual(['celltypeadeno', 'celltypelarge', 'celltypesmallcell']);
    for (const [column, values] of Object.entries(coded)) expect(values).toEqual(finiteNumbers(cols[column]));
  });
});
