/** Properties that must hold for any data (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bernoulliCusum,
  coxProportionalHazards,
  kaplanMeier,
  logRankTest,
  observedMinusExpected,
  operativeTimeCusum,
  restrictedMeanSurvival,
  riskAdjustedCusum,
  survivalAt,
} from '../../src/stats/index.js';
import { argsort } from '../../src/stats/sort.js';
import { applyTimefix } from '../../src/stats/timefix.js';

const patient = fc.record({
  time: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 100, noNaN: true })),
  event: fc.constantFrom<0 | 1>(0, 1),
  group: fc.constantFrom('A', 'B', 'C'),
  x: fc.integer({ min: -300, max: 300 }).map((v) => v / 100),
});
const cohort = fc.array(patient, { minLength: 1, maxLength: 80 });
const columns = (rows: { time: number; event: 0 | 1; group: string; x: number }[]) => ({
  time: rows.map((r) => r.time),
  event: rows.map((r) => r.event),
  group: rows.map((r) => r.group),
  x: rows.map((r) => r.x),
});

describe('Kaplan–Meier properties', () => {
  it('survival stays in [0, 1], never increases, and lies within its confidence limits', () => {
    fc.assert(
      fc.property(cohort, fc.constantFrom('log', 'log-log', 'plain' as const), (rows, confType) => {
        const km = kaplanMeier(columns(rows), { confType });
        km.survival.forEach((s, k) => {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
          if (k > 0) expect(s).toBeLessThanOrEqual(km.survival[k - 1]!);
          const lo = km.lower[k];
          const up = km.upper[k];
          if (lo !== null && lo !== undefined) expect(lo).toBeLessThanOrEqual(s * (1 + 1e-12));
          if (up !== null && up !== undefined) expect(up).toBeGreaterThanOrEqual(s * (1 - 1e-12));
        });
      }),
    );
  });

  it('risk sets shrink by the events and censorings, and the counts add up', () => {
    fc.assert(
      fc.property(cohort, (rows) => {
        const km = kaplanMeier(columns(rows));
        expect(km.nRisk[0]).toBe(rows.length);
        for (let k = 1; k < km.time.length; k += 1) {
          expect(km.time[k]!).toBeGreaterThan(km.time[k - 1]!);
          expect(km.nRisk[k]).toBe(km.nRisk[k - 1]! - km.nEvent[k - 1]! - km.nCensor[k - 1]!);
        }
        const total = km.nEvent.reduce((a, b) => a + b, 0) + km.nCensor.reduce((a, b) => a + b, 0);
        expect(total).toBe(rows.length);
        expect(km.events).toBe(km.nEvent.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it('does not depend on the order of the patients', () => {
    fc.assert(
      fc.property(cohort, fc.integer(), (rows, seed) => {
        const shuffled = [...rows].sort((a, b) => ((a.x * 1e6 + seed) % 7) - ((b.x * 1e6 + seed) % 7));
        expect(kaplanMeier(columns(shuffled))).toEqual(kaplanMeier(columns(rows)));
      }),
    );
  });

  it('survivalAt is the step function through the curve, and the restricted mean is in [0, τ]', () => {
    fc.assert(
      fc.property(cohort, fc.double({ min: 0, max: 120, noNaN: true }), (rows, tau) => {
        const km = kaplanMeier(columns(rows));
        km.time.forEach((t, k) => expect(survivalAt(km, t).survival).toBe(km.survival[k]));
        const rm = restrictedMeanSurvival(km, tau);
        expect(rm.rmean).toBeGreaterThanOrEqual(0);
        expect(rm.rmean).toBeLessThanOrEqual(tau * (1 + 1e-12));
        expect(restrictedMeanSurvival(km, tau + 1).rmean).toBeGreaterThanOrEqual(rm.rmean);
      }),
    );
  });
});

describe('log-rank properties', () => {
  it('observed and expected totals agree; χ² ≥ 0; p in [0, 1]; labels do not matter', () => {
    fc.assert(
      fc.property(cohort, (rows) => {
        const data = columns(rows);
        let lr;
        try {
          lr = logRankTest(data);
        } catch {
          return; // one group, no events, or not estimable: covered by the edge-case tests
        }
        const o = lr.groups.reduce((a, g) => a + g.observed, 0);
        const e = lr.groups.reduce((a, g) => a + g.expected, 0);
        expect(e).toBeCloseTo(o, 9);
        expect(lr.chiSquare).toBeGreaterThanOrEqual(-1e-12);
        expect(lr.pValue).toBeGreaterThanOrEqual(0);
        expect(lr.pValue).toBeLessThanOrEqual(1);
        const relabeled = logRankTest({ ...data, group: data.group.map((g) => `z${g}`) });
        expect(relabeled.chiSquare).toBeCloseTo(lr.chiSquare, 9);
      }),
    );
  });

  it('with distinct times, equals the Cox score test of the group indicator', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 6, maxLength: 60 }), fc.integer(), (times, seed) => {
        const event = times.map((t, i) => ((((t + seed + i) % 3) + 3) % 3 === 0 ? 0 : 1));
        const group = times.map((t) => (((t * 7 + seed) % 2) + 2) % 2);
        if (new Set(group).size < 2 || !event.includes(1)) return;
        let lr;
        try {
          lr = logRankTest({ time: times, event, group });
        } catch {
          return;
        }
        let cox;
        try {
          cox = coxProportionalHazards({ time: times, event, covariates: { g: group } }, { ties: 'breslow' });
        } catch {
          return; // separation: the score test still exists but the fit is refused
        }
        expect(cox.scoreTest.chiSquare).toBeCloseTo(lr.chiSquare, 8);
      }),
    );
  });
});

describe('Cox properties', () => {
  it('shifting a covariate leaves β unchanged; scaling it by c divides β by c; concordance in [0, 1]', () => {
    fc.assert(
      fc.property(
        cohort,
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (rows, shift, c) => {
          const data = columns(rows);
          let base;
          try {
            base = coxProportionalHazards({ ...data, covariates: { x: data.x } });
          } catch {
            return; // no events, no variation or separation
          }
          const shifted = coxProportionalHazards({ ...data, covariates: { x: data.x.map((v) => v + shift) } });
          const scaled = coxProportionalHazards({ ...data, covariates: { x: data.x.map((v) => v * c) } });
          const b = base.coefficients[0]!.coef;
          expect(Math.abs(shifted.coefficients[0]!.coef - b)).toBeLessThanOrEqual(1e-6 * Math.abs(b) + 1e-9);
          expect(Math.abs(scaled.coefficients[0]!.coef * c - b)).toBeLessThanOrEqual(1e-6 * Math.abs(b) + 1e-9);
          const cc = base.concordance.concordance;
          if (cc !== null) {
            expect(cc).toBeGreaterThanOrEqual(0);
            expect(cc).toBeLessThanOrEqual(1);
          }
          expect(base.logLikelihood).toBeGreaterThanOrEqual(base.logLikelihoodNull - 1e-9);
        },
      ),
    );
  });
});

describe('CUSUM invariants', () => {
  const outcomes = fc.array(fc.constantFrom<0 | 1>(0, 1), { minLength: 1, maxLength: 200 });

  it('Bernoulli CUSUM is ≥ 0 and each step adds a weight or resets to 0', () => {
    fc.assert(
      fc.property(outcomes, fc.double({ min: 0.01, max: 0.4, noNaN: true }), (y, p0) => {
        const p1 = Math.min(0.99, p0 * 2);
        const r = bernoulliCusum(y, { p0, p1 });
        r.series.forEach((s, i) => {
          const prev = i === 0 ? 0 : r.series[i - 1]!;
          const w = y[i] === 1 ? r.weights.failure : r.weights.success;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeCloseTo(Math.max(0, prev + w), 12);
        });
        expect(r.series[r.peakIndex]).toBe(Math.max(...r.series));
      }),
    );
  });

  it('risk-adjusted CUSUM is ≥ 0; O − E ends at observed − expected', () => {
    fc.assert(
      fc.property(
        outcomes.chain((y) =>
          fc.tuple(
            fc.constant(y),
            fc.array(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { minLength: y.length, maxLength: y.length }),
          ),
        ),
        fc.constantFrom(0.5, 2, 3),
        ([y, p], oddsRatio) => {
          const r = riskAdjustedCusum(y, p, { oddsRatio });
          r.series.forEach((s) => expect(s).toBeGreaterThanOrEqual(0));
          const oe = observedMinusExpected(y, p);
          expect(oe.series.at(-1)).toBeCloseTo(oe.observed - oe.expected, 9);
        },
      ),
    );
  });

  it('operative-time CUSUM ends at 0 and peaks at its first maximum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 30, max: 600 }), { minLength: 1, maxLength: 150 }), (ot) => {
        const r = operativeTimeCusum(ot);
        expect(r.series.at(-1)).toBe(0);
        const max = Math.max(...r.series);
        expect(r.series[r.peakIndex]).toBe(max);
        expect(r.series.findIndex((v) => v === max)).toBe(r.peakIndex);
      }),
    );
  });
});

describe('internals', () => {
  it('argsort sorts stably, also on the radix path (n ≥ 2048), with −0, negatives and ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: false }), fc.constant(-0)), {
          minLength: 2048,
          maxLength: 3000,
        }),
        (values) => {
          const keys = Float64Array.from(values);
          const order = argsort(keys);
          for (let i = 1; i < order.length; i += 1) {
            const a = keys[order[i - 1]!]!;
            const b = keys[order[i]!]!;
            expect(a <= b).toBe(true);
            if (a === b) expect(order[i - 1]!).toBeLessThan(order[i]!);
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it('timefix keeps the order and only moves a time down to another observed time', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 100 }), (values) => {
        const original = Float64Array.from(values.flatMap((v) => [v, v * (1 + 1e-12)]));
        const t = Float64Array.from(original);
        const order = argsort(t);
        applyTimefix(t, order);
        const observed = new Set(original);
        for (let i = 0; i < t.length; i += 1) {
          expect(t[i]!).toBeLessThanOrEqual(original[i]!);
          expect(observed.has(t[i]!)).toBe(true);
        }
        for (let i = 1; i < order.length; i += 1) expect(t[order[i]!]!).toBeGreaterThanOrEqual(t[order[i - 1]!]!);
      }),
    );
  });
});
