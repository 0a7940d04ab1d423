import { argmax } from './cusum-series.js';
import { fail, Issues, readBinary, readNumbers, readOption } from './validate.js';

/**
 * Failure CUSUMs for learning curves, formulas and test vectors in design/clinical-rules.md §8.2–8.3.
 * Every series is in chronological case order: `series[i]` is the value after case i + 1. Indices are
 * 0-based; ties in a maximum resolve to the first occurrence. No series restarts after a signal.
 */

export interface BernoulliCusumResult {
  /** W for a failure, ln(p1/p0), and for a success, ln((1 − p1)/(1 − p0)). */
  readonly weights: { readonly failure: number; readonly success: number };
  readonly series: number[];
  readonly peakIndex: number;
  /** First index with S ≥ h; null when h is not given or never reached. */
  readonly signalIndex: number | null;
}

/**
 * Bernoulli CUSUM for failures (conversion, complication), §8.2: S_i = max(0, S_{i−1} + W_i), signal
 * when S_i ≥ h. Outcomes: 1 = failure, 0 = success. h must be calibrated for the wanted average run
 * length (no default).
 */
export function bernoulliCusum(outcomes: ArrayLike<0 | 1>, options: { p0: number; p1: number; h?: number }): BernoulliCusumResult {
  const issues = new Issues();
  const y = readBinary(outcomes, 'outcomes', issues);
  if (y && y.length === 0) issues.add('outcomes', 'empty', 'stats.input.empty', { field: 'outcomes' });
  const p0 = readOption(options.p0, 'p0', issues, { min: 0, max: 1, open: true });
  const p1 = readOption(options.p1, 'p1', issues, { min: 0, max: 1, open: true });
  const h = readThreshold(options.h, issues);
  issues.throwIfAny();
  if (!(p1 > p0)) fail('p1', 'p1_not_above_p0', 'stats.cusum.p1NotAboveP0');
  const failure = Math.log(p1 / p0);
  const success = Math.log((1 - p1) / (1 - p0));
  const series = accumulate(Array.from(y!, (v) => (v === 1 ? failure : success)));
  return { weights: { failure, success }, series, peakIndex: argmax(series), signalIndex: firstSignal(series, h, true) };
}

export interface RiskAdjustedCusumResult {
  /** W_t = y_t·ln(R_A) − ln(1 − p_t + R_A·p_t). */
  readonly weights: number[];
  readonly series: number[];
  readonly peakIndex: number;
  /** First index with S > h; null when h is not given or never exceeded. */
  readonly signalIndex: number | null;
}

/**
 * Risk-adjusted CUSUM (Steiner, Cook, Farewell, Treasure, Biostatistics 2000;1:441), §8.3, as the C++
 * of R package vlad: S_t = max(0, S_{t−1} + W_t), signal when S_t > h. R_A = 2 detects a doubling of
 * the odds of failure; R_A = 0.5 an improvement (the series then grows on successes).
 */
export function riskAdjustedCusum(
  outcomes: ArrayLike<0 | 1>,
  predictedRisks: ArrayLike<number>,
  options: { oddsRatio: number; h?: number },
): RiskAdjustedCusumResult {
  const issues = new Issues();
  const { y, p } = readOutcomesAndRisks(outcomes, predictedRisks, issues);
  const ra = readOption(options.oddsRatio, 'oddsRatio', issues, { min: 0, max: Infinity, open: true });
  const h = readThreshold(options.h, issues);
  issues.throwIfAny();
  if (ra === 1) fail('oddsRatio', 'odds_ratio_one', 'stats.cusum.oddsRatioOne');
  const logRa = Math.log(ra);
  const weights = Array.from(y, (yt, t) => yt * logRa - Math.log(1 - p[t]! + ra * p[t]!));
  const series = accumulate(weights);
  return { weights, series, peakIndex: argmax(series), signalIndex: firstSignal(series, h, false) };
}

export interface ObservedMinusExpectedResult {
  /** Σ_{t ≤ i} (y_t − p_t): positive = more failures than predicted. */
  readonly series: number[];
  readonly observed: number;
  readonly expected: number;
  /** Index of the highest (worst) and lowest (best) value. */
  readonly peakIndex: number;
  readonly troughIndex: number;
}

/** Observed − expected (VLAD) curve, Grunkemeier et al., Ann Thorac Surg 2009;87:361 (§8.3). */
export function observedMinusExpected(outcomes: ArrayLike<0 | 1>, risks: ArrayLike<number>): ObservedMinusExpectedResult {
  const issues = new Issues();
  const { y, p } = readOutcomesAndRisks(outcomes, risks, issues, 'risks');
  issues.throwIfAny();
  const series: number[] = [];
  let sum = 0;
  let observed = 0;
  let expected = 0;
  for (let t = 0; t < y.length; t += 1) {
    sum += y[t]! - p[t]!;
    observed += y[t]!;
    expected += p[t]!;
    series.push(sum);
  }
  return { series, observed, expected, peakIndex: argmax(series), troughIndex: argmax(series.map((v) => -v)) };
}

function readOutcomesAndRisks(
  outcomes: unknown,
  risks: unknown,
  issues: Issues,
  riskField = 'predictedRisks',
): { y: Uint8Array; p: Float64Array } {
  const y = readBinary(outcomes, 'outcomes', issues);
  if (y && y.length === 0) issues.add('outcomes', 'empty', 'stats.input.empty', { field: 'outcomes' });
  const p = readNumbers(
    risks,
    riskField,
    issues,
    (x, field) => {
      if (x < 0 || x > 1) issues.add(field, 'out_of_range', 'stats.option.outOfRange', { field, min: 0, max: 1 });
    },
    y?.length,
  );
  return { y: y ?? new Uint8Array(0), p: p ?? new Float64Array(0) };
}

function readThreshold(h: number | undefined, issues: Issues): number | null {
  if (h === undefined) return null;
  return readOption(h, 'h', issues, { min: 0, max: Infinity, open: true });
}

function accumulate(weights: readonly number[]): number[] {
  const out: number[] = [];
  let s = 0;
  for (const w of weights) {
    s = Math.max(0, s + w);
    out.push(s);
  }
  return out;
}

function firstSignal(series: readonly number[], h: number | null, inclusive: boolean): number | null {
  if (h === null) return null;
  const i = series.findIndex((s) => (inclusive ? s >= h : s > h));
  return i < 0 ? null : i;
}
