/**
 * The Newton–Raphson path equals R's, step for step: R's coxph stopped after iter.max = k returns the
 * last accepted β, recorded for k = 1, 2, … in the fixtures (make-fixtures.R, `cox_trace`).
 */
import { describe, expect, it } from 'vitest';
import { fitCox } from '../../src/stats/cox-fit.js';
import { coxProportionalHazards } from '../../src/stats/index.js';
import { isClinicalInputError } from '../../src/errors.js';
import { asArray, asObject, asString, asStrings, finiteNumbers, loadFixture, relativeError, rNumber, TOLERANCE } from './fixtures.js';

function traceCase(name: string) {
  const fx = loadFixture(name);
  const cols = asObject(fx.columns);
  const trace = asObject(fx.trace);
  const names = asStrings(trace.covariates);
  const time = Float64Array.from(finiteNumbers(cols.time));
  for (let i = 1; i < time.length; i += 1) if (time[i]! < time[i - 1]!) throw new Error('trace fixtures must be sorted by time');
  const status = Uint8Array.from(finiteNumbers(cols.event));
  const columns = names.map((c) => finiteNumbers(cols[c]));
  return { name, names, time, status, columns, ties: asString(trace.ties), steps: asArray(trace.steps).map(asObject) };
}

describe.each(['cox-step-halving', 'cox-separation'])('Newton–Raphson path of %s', (fixture) => {
  const c = traceCase(fixture);
  it.each(c.steps)('after iter.max = $iterMax', (step) => {
    const fit = fitCox({
      time: c.time,
      status: c.status,
      x: Float64Array.from(c.columns.flat()),
      p: c.names.length,
      efron: c.ties === 'efron',
      maxIter: rNumber(step.iterMax)!,
      eps: 1e-9,
      tolerChol: 2.220446049250313e-16 ** 0.75,
    });
    expect(fit.iterations).toBe(rNumber(step.iterations));
    const coef = finiteNumbers(step.coef);
    Array.from(fit.beta).forEach((b, j) => expect(relativeError(b, coef[j]!)).toBeLessThan(TOLERANCE));
    expect(relativeError(fit.loglik, rNumber(step.logLikelihood))).toBeLessThan(TOLERANCE);
  });
});

describe('coxProportionalHazards refuses unusable fits', () => {
  const fx = loadFixture('cox-step-halving');
  const cols = asObject(fx.columns);
  const data = {
    time: finiteNumbers(cols.time),
    event: finiteNumbers(cols.event).map((e) => (e === 1 ? 1 : 0)),
    covariates: { x: finiteNumbers(cols.x) },
  };

  it('reports not_converged when the iterations run out (R: "Ran out of iterations")', () => {
    let caught: unknown;
    try {
      coxProportionalHazards(data, { maxIterations: 5 });
    } catch (e) {
      caught = e;
    }
    expect(isClinicalInputError(caught) && caught.code).toBe('not_converged');
    expect(isClinicalInputError(caught) && caught.issues[0]!.params).toEqual({ iterations: 5 });
  });

  it('converges with the default 20 iterations after step halving, as R (17 iterations)', () => {
    const fit = coxProportionalHazards(data);
    expect(fit.iterations).toBe(17);
    expect(fit.converged).toBe(true);
  });

  it('names the covariate whose coefficient runs to infinity (complete separation)', () => {
    const sep = asObject(loadFixture('cox-separation').columns);
    let caught: unknown;
    try {
      coxProportionalHazards({
        time: finiteNumbers(sep.time),
        event: finiteNumbers(sep.event).map((e) => (e === 1 ? 1 : 0)),
        covariates: { w: finiteNumbers(sep.w), x: finiteNumbers(sep.x) },
      });
    } catch (e) {
      caught = e;
    }
    expect(isClinicalInputError(caught) && caught.code).toBe('infinite_coefficient');
    expect(isClinicalInputError(caught) && caught.issues[0]!.params).toEqual({ covariates: 'x' });
  });
});
