import { chiSquareUpperTail } from './distributions.js';
import { readLevels, type GroupValue } from './groups.js';
import { solveLinear } from './linear-algebra.js';
import { argsort } from './sort.js';
import { applyTimefix } from './timefix.js';
import { fail, Issues, readSurvivalData, type SurvivalData } from './validate.js';

export interface LogRankInput extends SurvivalData {
  readonly group: ArrayLike<GroupValue>;
}

export interface LogRankGroup {
  readonly group: GroupValue;
  readonly n: number;
  readonly observed: number;
  readonly expected: number;
}

export interface LogRankResult {
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  /** Groups in level order (numbers ascending, then strings), as R's factor levels. */
  readonly groups: LogRankGroup[];
  /** Covariance matrix of observed − expected (R: `survdiff(...)$var`). */
  readonly variance: number[][];
}

/**
 * k-sample log-rank test, as R's `survdiff(Surv(time, event) ~ group)` with rho = 0 (Mantel 1966;
 * Peto & Peto 1972). At each distinct event time t with d deaths among n at risk (n_g in group g):
 *   E_g += d·n_g/n,  V_gh += d(n − d)/(n − 1) · (n_g/n)(δ_gh − n_h/n).
 * χ² = (O − E)ᵀ V⁻ (O − E) over the groups with E > 0, dropping the first of them (R's survdiff),
 * df = (number of groups with E > 0) − 1. Times go through R's timefix first.
 * Cost O(n log n + T·k²) for T distinct event times and k groups.
 */
export function logRankTest(input: LogRankInput, options: { timefix?: boolean } = {}): LogRankResult {
  const issues = new Issues();
  const { time, event, n } = readSurvivalData(input, issues);
  const levels = readLevels((input as Partial<LogRankInput>).group, 'group', issues, n);
  issues.throwIfAny();
  if (!levels) throw new Error('unreachable: group levels missing after validation');
  const k = levels.levels.length;
  if (k < 2) fail('group', 'single_group', 'stats.logRank.singleGroup');

  const order = argsort(time);
  if (options.timefix ?? true) applyTimefix(time, order);
  const group = levels.index;

  const atRisk = new Float64Array(k);
  for (let i = 0; i < n; i += 1) atRisk[group[i]!]! += 1;
  const size = Array.from(atRisk);
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const variance = new Float64Array(k * k);
  const deaths = new Float64Array(k);
  const leaving = new Float64Array(k);
  let nRisk = n;
  for (let i = 0; i < n;) {
    const t = time[order[i]!]!;
    deaths.fill(0);
    leaving.fill(0);
    let d = 0;
    let left = 0;
    for (; i < n && time[order[i]!] === t; i += 1) {
      const g = group[order[i]!]!;
      leaving[g]! += 1;
      left += 1;
      if (event[order[i]!] === 1) {
        deaths[g]! += 1;
        d += 1;
      }
    }
    if (d > 0) {
      for (let g = 0; g < k; g += 1) {
        observed[g]! += deaths[g]!;
        expected[g]! += (d * atRisk[g]!) / nRisk;
      }
      if (nRisk > 1) {
        const kk = (d * (nRisk - d)) / (nRisk - 1);
        for (let g = 0; g < k; g += 1) {
          const ng = atRisk[g]!;
          if (ng === 0) continue;
          const tmp = (kk * ng) / nRisk;
          variance[g * k + g]! += tmp;
          for (let h = 0; h < k; h += 1) variance[g * k + h]! -= (tmp * atRisk[h]!) / nRisk;
        }
      }
    }
    for (let g = 0; g < k; g += 1) atRisk[g]! -= leaving[g]!;
    nRisk -= left;
  }

  let totalEvents = 0;
  for (const o of observed) totalEvents += o;
  if (totalEvents === 0) fail('event', 'no_events', 'stats.logRank.noEvents');
  const used: number[] = [];
  for (let g = 0; g < k; g += 1) if (expected[g]! > 0) used.push(g);
  if (used.length < 2) fail('group', 'not_estimable', 'stats.logRank.notEstimable');
  const kept = used.slice(1);
  const m = kept.length;
  const diff = new Float64Array(m);
  const vv = new Float64Array(m * m);
  kept.forEach((g, a) => {
    diff[a] = observed[g]! - expected[g]!;
    kept.forEach((h, b) => {
      vv[a * m + b] = variance[g * k + h]!;
    });
  });
  const solved = solveLinear(vv, diff, m);
  if (!solved) fail('group', 'not_estimable', 'stats.logRank.notEstimable');
  let chiSquare = 0;
  for (let a = 0; a < m; a += 1) chiSquare += solved[a]! * diff[a]!;
  const df = used.length - 1;
  return {
    chiSquare,
    df,
    pValue: chiSquareUpperTail(chiSquare, df),
    groups: levels.levels.map((g, i) => ({ group: g, n: size[i]!, observed: observed[i]!, expected: expected[i]! })),
    variance: Array.from({ length: k }, (_, g) => Array.from(variance.subarray(g * k, g * k + k))),
  };
}
