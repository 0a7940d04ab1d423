import { argmax } from './cusum-series.js';
import { leastSquares } from './linear-algebra.js';
import { Issues, readNumbers } from './validate.js';

/**
 * Operative-time learning curve, design/clinical-rules.md §8.1. The series is in chronological case
 * order: `series[i]` is the value after case i + 1; indices are 0-based.
 */

export interface OperativeTimeCusumResult {
  readonly n: number;
  /** Mean operative time μ over the whole series. */
  readonly mean: number;
  /** CUSUM_OT(k) = Σ_{i ≤ k} (OT_i − μ); the last value is 0 by construction. */
  readonly series: number[];
  /** Index of the maximal CUSUM (the learning-curve change point). */
  readonly peakIndex: number;
  /** peakIndex + 1: the case number. */
  readonly peakCase: number;
  /**
   * Least-squares cubic CUSUM ≈ a·k³ + b·k² + c·k + d (coefficients [d, c, b, a], as R's
   * `coef(lm(cusum ~ k + I(k^2) + I(k^3)))`) and the case where the fitted curve is highest;
   * null with fewer than 5 cases.
   */
  readonly cubic: { readonly coefficients: number[]; readonly fitted: number[]; readonly peakCase: number } | null;
}

/**
 * Operative-time CUSUM (CUSUM_OT), §8.1 (e.g. Kim et al., Gastric Cancer 2019). The peak depends on
 * the series length (Biau et al. 2007): report n with it.
 */
export function operativeTimeCusum(minutes: ArrayLike<number>): OperativeTimeCusumResult {
  const issues = new Issues();
  const ot = readNumbers(minutes, 'minutes', issues, (x, field) => {
    if (x <= 0) issues.add(field, 'out_of_range', 'stats.option.outOfRange', { field, min: 0, max: 'Infinity' });
  });
  if (ot && ot.length === 0) issues.add('minutes', 'empty', 'stats.input.empty', { field: 'minutes' });
  issues.throwIfAny();
  const values = ot!;
  const n = values.length;
  let total = 0;
  for (const v of values) total += v;
  const mean = total / n;
  const series: number[] = [];
  let running = 0;
  for (let k = 0; k < n; k += 1) {
    running += values[k]!;
    series.push(k === n - 1 ? 0 : running - (k + 1) * mean);
  }
  const peakIndex = argmax(series);
  return { n, mean, series, peakIndex, peakCase: peakIndex + 1, cubic: n >= 5 ? cubicFit(series) : null };
}

/** Cubic least squares on k = 1..n, fitted in the well-conditioned variable u = (k − c)/s. */
function cubicFit(cusum: number[]): { coefficients: number[]; fitted: number[]; peakCase: number } | null {
  const n = cusum.length;
  const c = (n + 1) / 2;
  const s = (n - 1) / 2;
  const design = new Float64Array(4 * n);
  for (let i = 0; i < n; i += 1) {
    const u = (i + 1 - c) / s;
    design[i] = 1;
    design[n + i] = u;
    design[2 * n + i] = u * u;
    design[3 * n + i] = u * u * u;
  }
  const g = leastSquares(design, Float64Array.from(cusum), n, 4);
  if (!g) return null;
  const fitted: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const u = (i + 1 - c) / s;
    fitted.push(g[0]! + u * (g[1]! + u * (g[2]! + u * g[3]!)));
  }
  // Σ g_m ((k − c)/s)^m expanded in powers of k
  const coefficients = [0, 0, 0, 0];
  const binom = [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1]] as const;
  for (let m = 0; m < 4; m += 1) {
    const gm = g[m]! / s ** m;
    for (let r = 0; r <= m; r += 1) coefficients[r]! += gm * binom[m]![r]! * (-c) ** (m - r);
  }
  return { coefficients, fitted, peakCase: argmax(fitted) + 1 };
}
