/** Test vectors of design/clinical-rules.md §8 (given to 4 decimals) and R's lm for the cubic fit. */
import { describe, expect, it } from 'vitest';
import { bernoulliCusum, observedMinusExpected, operativeTimeCusum, riskAdjustedCusum } from '../../src/stats/index.js';
import { finiteNumbers, loadFixture, relativeError, rNumber, TOLERANCE } from './fixtures.js';

const close4 = (actual: readonly number[], expected: readonly number[]): void => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i]!, 4));
};

describe('operativeTimeCusum (§8.1)', () => {
  it('reproduces OT = [300,280,260,240,220]: μ = 260, CUSUM = [40,60,60,40,0], peak at case 2', () => {
    const r = operativeTimeCusum([300, 280, 260, 240, 220]);
    expect(r.mean).toBe(260);
    expect(r.series).toEqual([40, 60, 60, 40, 0]);
    expect(r.peakIndex).toBe(1);
    expect(r.peakCase).toBe(2);
    expect(r.n).toBe(5);
  });

  it('ends at exactly 0 even when μ is not representable', () => {
    const r = operativeTimeCusum([181, 203, 190, 177, 200, 199, 210]);
    expect(r.series.at(-1)).toBe(0);
  });

  it('fits the cubic as R lm(cusum ~ k + I(k^2) + I(k^3)) and finds the fitted peak', () => {
    const fx = loadFixture('cusum');
    const r = operativeTimeCusum(finiteNumbers(fx.minutes));
    expect(relativeError(r.mean, rNumber(fx.mean))).toBeLessThan(1e-12);
    const rc = finiteNumbers(fx.cusum);
    r.series.forEach((c, i) => expect(Math.abs(c - rc[i]!)).toBeLessThan(1e-9));
    expect(r.cubic).not.toBeNull();
    r.cubic!.coefficients.forEach((c, i) => expect(relativeError(c, finiteNumbers(fx.cubic)[i]!)).toBeLessThan(TOLERANCE));
    r.cubic!.fitted.forEach((f, i) => expect(relativeError(f, finiteNumbers(fx.fitted)[i]!)).toBeLessThan(TOLERANCE));
    expect(r.cubic!.peakCase).toBe(rNumber(fx.cubicPeakCase));
  });

  it('gives no cubic fit below 5 cases', () => {
    expect(operativeTimeCusum([200, 180, 170, 160]).cubic).toBeNull();
  });
});

describe('bernoulliCusum (§8.2)', () => {
  it('reproduces p0 = 0.10, p1 = 0.20, outcomes F,S,S,F', () => {
    const r = bernoulliCusum([1, 0, 0, 1], { p0: 0.1, p1: 0.2 });
    expect(r.weights.failure).toBeCloseTo(0.6931, 4);
    expect(r.weights.success).toBeCloseTo(-0.1178, 4);
    close4(r.series, [0.6931, 0.5754, 0.4576, 1.1507]);
    expect(r.peakIndex).toBe(3);
    expect(r.signalIndex).toBeNull();
  });

  it('signals at the first S ≥ h', () => {
    expect(bernoulliCusum([1, 0, 0, 1], { p0: 0.1, p1: 0.2, h: 1.1 }).signalIndex).toBe(3);
    expect(bernoulliCusum([1, 1], { p0: 0.1, p1: 0.2, h: Math.log(2) }).signalIndex).toBe(0);
  });

  it('refuses p1 ≤ p0', () => {
    expect(() => bernoulliCusum([1, 0], { p0: 0.2, p1: 0.1 })).toThrowError(/p1: p1_not_above_p0/);
  });
});

describe('riskAdjustedCusum (§8.3, Steiner 2000)', () => {
  it('reproduces p = 0.1, R_A = 2, y = [1,0,0,1]', () => {
    close4(riskAdjustedCusum([1, 0, 0, 1], [0.1, 0.1, 0.1, 0.1], { oddsRatio: 2 }).series, [0.5978, 0.5025, 0.4072, 1.0051]);
  });

  it('reproduces R_A = 2, y = [1,0,1,0], p = [0.3,0.05,0.1,0.2]', () => {
    close4(riskAdjustedCusum([1, 0, 1, 0], [0.3, 0.05, 0.1, 0.2], { oddsRatio: 2 }).series, [0.4308, 0.382, 0.9798, 0.7975]);
  });

  it('reproduces R_A = 0.5 on four successes at p = 0.2 (improvement accumulates)', () => {
    close4(riskAdjustedCusum([0, 0, 0, 0], [0.2, 0.2, 0.2, 0.2], { oddsRatio: 0.5 }).series, [0.1054, 0.2107, 0.3161, 0.4214]);
  });

  it('signals at the first S > h (strictly) and reports the peak', () => {
    const r = riskAdjustedCusum([1, 0, 0, 1], [0.1, 0.1, 0.1, 0.1], { oddsRatio: 2, h: 0.6 });
    expect(r.signalIndex).toBe(3);
    expect(r.peakIndex).toBe(3);
  });

  it('refuses an odds ratio of 1', () => {
    expect(() => riskAdjustedCusum([1], [0.1], { oddsRatio: 1 })).toThrowError(/odds_ratio_one/);
  });
});

describe('observedMinusExpected (§8.3)', () => {
  it('reproduces y = [1,0,0,1], p = 0.1 each', () => {
    const r = observedMinusExpected([1, 0, 0, 1], [0.1, 0.1, 0.1, 0.1]);
    close4(r.series, [0.9, 0.8, 0.7, 1.6]);
    expect(r.observed).toBe(2);
    expect(r.expected).toBeCloseTo(0.4, 12);
    expect(r.peakIndex).toBe(3);
    expect(r.troughIndex).toBe(2);
  });
});
